import { PaginatedUserListFromJSON, UserTypeEnum, type PaginatedUserList, type User } from '@goauthentik/api';
import { isDeepStrictEqual } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';

export const AUTHENTIK_TOKEN = 'authentik-api-token-for-tests-0123';

/** A user as authentik's admin API lists it, typed by the official client (so an invented field is a type error). */
export function authentikUser(pk: number, attributes: Record<string, unknown> = {}): User {
  return {
    pk,
    username: `user${pk}`,
    email: `user${pk}@example.org`,
    name: `User ${pk}`,
    isActive: true,
    dateJoined: new Date('2026-01-01T00:00:00Z'),
    isSuperuser: false,
    groupsObj: null,
    rolesObj: null,
    avatar: 'data:image/svg+xml;base64,PHN2Zy8+',
    attributes,
    uid: `uid-${pk}`,
    uuid: randomUUID(),
    path: 'users',
    type: UserTypeEnum.Internal,
    passwordChangeDate: new Date('2026-01-01T00:00:00Z'),
    lastUpdated: new Date('2026-01-02T00:00:00Z'),
  };
}

/** A user in authentik's wire format (snake_case, read-only fields included, as the server sends them). */
function userToWire(user: User) {
  return {
    pk: user.pk,
    username: user.username,
    name: user.name,
    is_active: user.isActive,
    last_login: user.lastLogin?.toISOString() ?? null,
    date_joined: user.dateJoined.toISOString(),
    is_superuser: user.isSuperuser,
    groups_obj: user.groupsObj,
    roles_obj: user.rolesObj,
    email: user.email,
    avatar: user.avatar,
    attributes: user.attributes,
    uid: user.uid,
    path: user.path,
    type: user.type,
    uuid: user.uuid,
    password_change_date: user.passwordChangeDate.toISOString(),
    last_updated: user.lastUpdated.toISOString(),
  };
}

/**
 * The page as authentik sends it. The official client's ToJSON drops read-only fields (it is meant
 * for requests), so the wire shape is written here and checked by reading it back with the client's
 * own FromJSON: a field named wrong or missing fails every test that lists users.
 */
function pageToWire(page: PaginatedUserList) {
  const wire = {
    pagination: {
      next: page.pagination.next,
      previous: page.pagination.previous,
      count: page.pagination.count,
      current: page.pagination.current,
      total_pages: page.pagination.totalPages,
      start_index: page.pagination.startIndex,
      end_index: page.pagination.endIndex,
    },
    results: page.results.map(userToWire),
    autocomplete: page.autocomplete,
  };
  const read = PaginatedUserListFromJSON(JSON.parse(JSON.stringify(wire)));
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
  if (!isDeepStrictEqual(plain(read), plain(page))) throw new Error('the emulated user list does not read back as the official client reads it');
  return wire;
}

export interface UsersApi {
  url: string;
  users: User[];
  /** Requests seen, as "page=N page_size=M". */
  requests: string[];
  /** Makes the listing of this page answer 500 (a failure in the middle of a sweep). */
  failPage: number | undefined;
  close(): Promise<void>;
}

/**
 * authentik's `GET /api/v3/core/users/` on loopback: bearer token, `page`/`page_size`, and its
 * pagination object (next/previous 0 when there is none), serialized by the official client's own
 * ToJSON so the wire shape is authentik's snake_case.
 */
export async function startUsersApi(users: User[]): Promise<UsersApi> {
  const app: FastifyInstance = Fastify();
  const state: UsersApi = { url: '', users, requests: [], failPage: undefined, close: () => app.close() };
  app.get<{ Querystring: { page?: string; page_size?: string } }>('/api/v3/core/users/', async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${AUTHENTIK_TOKEN}`) return reply.code(403).send({ detail: 'Authentication credentials were not provided.' });
    const page = Math.max(1, Number(request.query.page ?? 1));
    const size = Math.min(1000, Math.max(1, Number(request.query.page_size ?? 20)));
    state.requests.push(`page=${page} page_size=${size}`);
    if (state.failPage === page) return reply.code(500).send({ detail: 'server error' });
    const totalPages = Math.max(1, Math.ceil(state.users.length / size));
    const results = state.users.slice((page - 1) * size, page * size);
    return pageToWire({
      pagination: {
        next: page < totalPages ? page + 1 : 0,
        previous: page > 1 ? page - 1 : 0,
        count: state.users.length,
        current: page,
        totalPages,
        startIndex: results.length ? (page - 1) * size + 1 : 0,
        endIndex: (page - 1) * size + results.length,
      },
      results,
      autocomplete: {},
    });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  state.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return state;
}

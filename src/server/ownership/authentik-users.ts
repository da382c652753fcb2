import { Configuration, CoreApi } from '@goauthentik/api';
import { avatarIdOf } from './avatar-url.ts';

export interface AuthentikApi {
  authentikUrl: string;
  token: string;
}

/** Which stored avatars authentik's users name, and by whom. */
export interface NamedAvatars {
  /** Avatar id -> uuids of the users whose attributes name it. */
  byId: Map<string, string[]>;
  users: number;
}

const PAGE_SIZE = 100;
const MAX_DEPTH = 8;

/** Every avatar id found in any string of a user's attributes (not only `avatar`: naming more is always safe). */
export function avatarIdsIn(value: unknown, depth = 0, found = new Set<string>()): Set<string> {
  if (depth > MAX_DEPTH) return found;
  if (typeof value === 'string') {
    const id = avatarIdOf(value);
    if (id) found.add(id);
  } else if (Array.isArray(value)) {
    for (const item of value) avatarIdsIn(item, depth + 1, found);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) avatarIdsIn(item, depth + 1, found);
  }
  return found;
}

/**
 * Lists every user through authentik's API (the official client, `GET /api/v3/core/users/`, page by
 * page) and collects the avatars their attributes name. Throws on any failure: a sweep must never act
 * on a partial list.
 */
export async function listNamedAvatars(api: AuthentikApi, fetchApi: typeof fetch = fetch): Promise<NamedAvatars> {
  // Pages are numbered: a user created or deleted while listing shifts the rest by one, so one user
  // could be missed. A listing whose total changed under it is started again (a few times at most).
  for (let attempt = 1; ; attempt++) {
    const listing = await listOnce(api, fetchApi);
    if (listing.stable) return listing.named;
    if (attempt === MAX_ATTEMPTS) throw new Error(`authentik's user list kept changing while it was read (${MAX_ATTEMPTS} tries); the sweep waits for the next run`);
  }
}

const MAX_ATTEMPTS = 3;

async function listOnce({ authentikUrl, token }: AuthentikApi, fetchApi: typeof fetch): Promise<{ named: NamedAvatars; stable: boolean }> {
  const api = new CoreApi(new Configuration({ basePath: `${authentikUrl}/api/v3`, accessToken: token, fetchApi }));
  const byId = new Map<string, string[]>();
  let users = 0;
  let page = 1;
  let pages = 1;
  let count: number | undefined;
  let stable = true;
  for (let requests = 0; page > 0 && requests <= pages; requests++) {
    const list = await api.coreUsersList({ page, pageSize: PAGE_SIZE, includeGroups: false });
    pages = list.pagination.totalPages;
    if (count !== undefined && list.pagination.count !== count) stable = false;
    count = list.pagination.count;
    for (const user of list.results) {
      users += 1;
      for (const id of avatarIdsIn(user.attributes ?? {})) byId.set(id, [...(byId.get(id) ?? []), user.uuid]);
    }
    page = list.pagination.next;
  }
  if (page > 0) throw new Error(`authentik's user list did not end after ${pages} pages`);
  if (users !== count) stable = false;
  return { named: { byId, users }, stable };
}

import type { SessionUser, UserSelf } from '@goauthentik/api';
import { UserTypeEnum } from '@goauthentik/api';
import type { PolicyUser } from './python-policy.ts';

/** camelCase model keys to authentik's snake_case wire keys (`isActive` -> `is_active`). */
function snakeCase(key: string): string {
  return [...key].map((character) => (character >= 'A' && character <= 'Z' ? `_${character.toLowerCase()}` : character)).join('');
}

function toWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [snakeCase(key), toWire(inner)]));
  return value;
}

/**
 * `GET /api/v3/core/users/me/` as authentik answers it: a `SessionUser` whose user is a `UserSelf`,
 * which has no `attributes`. (The package's UserSelfToJSON serializes requests and drops read-only
 * fields such as `avatar`, so the typed model is written out key by key instead.)
 */
export function sessionUserJson(user: PolicyUser, avatar: string): unknown {
  const self: UserSelf = {
    pk: user.pk,
    username: user.username,
    name: user.name,
    isActive: true,
    isSuperuser: false,
    isCurrent: true,
    groups: [],
    roles: [],
    email: user.email,
    avatar,
    uid: user.uuid,
    settings: {},
    type: UserTypeEnum.Internal,
    systemPermissions: [],
  };
  const session: SessionUser = { user: self, users: [self] };
  return toWire(session);
}

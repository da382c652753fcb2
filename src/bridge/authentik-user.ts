import type { UserSelf } from '@goauthentik/api';
import type { Person } from './fallback-avatar.ts';

/** The fields of authentik's UserSelf the bridge reads; their JSON names equal the client's. */
type MeJson = { user: Pick<UserSelf, 'username' | 'name' | 'email' | 'avatar'> };

export interface CurrentUser extends Person {
  /** What authentik shows now: the resolved `avatars` setting (an own picture or a fallback). */
  avatar: string;
}

/** The logged-in user from authentik's own API on the same origin, or null (enrollment, logged out). */
export async function currentUser(): Promise<CurrentUser | null> {
  try {
    const response = await fetch('/api/v3/core/users/me/', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const { user } = (await response.json()) as MeJson;
    return { username: user.username, name: user.name, email: user.email ?? '', avatar: user.avatar };
  } catch {
    return null;
  }
}

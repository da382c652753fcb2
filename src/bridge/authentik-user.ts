import type { Person } from './fallback-avatar.ts';

export interface CurrentUser extends Person {
  /** What authentik shows now: the avatar attribute, or the configured fallback. */
  avatar: string;
  hasOwnAvatar: boolean;
}

/** The logged-in user from authentik's own API on the same origin, or null (enrollment, logged out). */
export async function currentUser(avatarField: string): Promise<CurrentUser | null> {
  try {
    const response = await fetch('/api/v3/core/users/me/', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const { user } = (await response.json()) as { user: { username: string; name: string; email: string; avatar: string; attributes?: Record<string, unknown> } };
    const attribute = avatarField.startsWith('attributes.') ? avatarField.slice('attributes.'.length) : avatarField;
    const own = user.attributes?.[attribute];
    return { username: user.username, name: user.name, email: user.email ?? '', avatar: user.avatar, hasOwnAvatar: typeof own === 'string' && own !== '' };
  } catch {
    return null;
  }
}

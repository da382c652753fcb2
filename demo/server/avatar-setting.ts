import { createHash } from 'node:crypto';

export interface AvatarUser {
  username: string;
  name: string;
  email: string;
  attributes: Record<string, unknown>;
}

/** authentik's "initials" avatar: an SVG data URI with up to two initials on a colour derived from the name. */
export function initialsAvatar(user: AvatarUser): string {
  const source = user.name || user.username;
  const initials = source
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
  const hue = parseInt(createHash('md5').update(source).digest('hex').slice(0, 2), 16) * 1.4;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="hsl(${hue.toFixed(0)},45%,40%)"/>` +
    `<text x="50%" y="50%" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="26" fill="#fff">${initials}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

function readPath(object: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), object);
}

/**
 * Resolves a user's avatar the way authentik's `avatars` system setting does: comma-separated modes,
 * no whitespace stripping, first non-empty wins.
 */
export function resolveAvatar(setting: string, user: AvatarUser): string {
  for (const mode of setting.split(',')) {
    if (mode === 'none') return '';
    if (mode === 'initials') return initialsAvatar(user);
    if (mode.startsWith('attributes.')) {
      const value = readPath({ attributes: user.attributes }, mode);
      if (typeof value === 'string' && value) return value;
      continue;
    }
    if (mode === 'gravatar') {
      const hash = createHash('sha256').update(user.email.trim().toLowerCase()).digest('hex');
      return `https://www.gravatar.com/avatar/${hash}?size=158&rating=g&default=404`;
    }
    if (mode.includes('://')) {
      const hash = createHash('md5').update(user.email.trim().toLowerCase()).digest('hex');
      return mode.replaceAll('%(username)s', user.username).replaceAll('%(mail_hash)s', hash).replaceAll('%(upn)s', String(user.attributes.upn ?? ''));
    }
  }
  return '';
}

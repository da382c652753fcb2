import { md5 } from './md5.ts';

export interface Person {
  username: string;
  name: string;
  email: string;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** authentik's initials avatar: up to two initials on a colour derived from the name, as an SVG data URI. */
export function initialsAvatar(person: Person): string {
  const source = person.name || person.username || '?';
  const initials = source
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
  const hue = [...md5(source).slice(0, 2)].reduce((value, digit) => value * 16 + parseInt(digit, 16), 0) * 1.4;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="hsl(${hue.toFixed(0)},45%,40%)"/>` +
    `<text x="50%" y="50%" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="26" fill="#fff">${initials.replace(/[<&>]/g, '')}</text></svg>`;
  return `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
}

/**
 * The images authentik would try, in order, for a person without an avatar attribute, following the
 * admin's `avatars` setting: gravatar (asks for a 404 when there is none, so the next mode follows),
 * a URL template with authentik's placeholders, or initials. An empty list means no avatar at all.
 */
export async function fallbackCandidates(modes: string[], person: Person): Promise<string[]> {
  const email = person.email.trim().toLowerCase();
  const candidates: string[] = [];
  for (const mode of modes) {
    if (mode === 'none') break;
    if (mode === 'initials') {
      candidates.push(initialsAvatar(person));
      break; // initials always exist
    }
    if (!email) continue;
    if (mode === 'gravatar') candidates.push(`https://www.gravatar.com/avatar/${await sha256Hex(email)}?size=158&rating=g&default=404`);
    else if (mode.includes('://')) {
      candidates.push(mode.replaceAll('%(username)s', encodeURIComponent(person.username)).replaceAll('%(mail_hash)s', md5(email)).replaceAll('%(upn)s', ''));
    }
  }
  return candidates;
}

/**
 * Whether the avatar authentik reports (`user.avatar` of /api/v3/core/users/me/, which carries no
 * attributes) is the person's own picture rather than the `avatars` setting's fallback:
 * - a URL under this endpoint's avatar path (`<endpoint>/avatars/`) is always their own upload;
 * - data URIs (authentik's initials), gravatar and the fallback URLs the bridge computes are not;
 * - any other http(s) URL is a picture set some other way (the tutorial's /media files, an admin's
 *   link), which Remove can clear too.
 */
export function isOwnAvatar(avatar: string, avatarBase: string, fallbacks: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(avatar, location.href);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const base = new URL(avatarBase, location.href);
  if (url.origin === base.origin && url.pathname.startsWith(base.pathname)) return true;
  if (url.hostname === 'gravatar.com' || url.hostname.endsWith('.gravatar.com')) return false;
  return !fallbacks.some((fallback) => sameUrl(fallback, url));
}

function sameUrl(candidate: string, url: URL): boolean {
  try {
    return new URL(candidate, location.href).href === url.href;
  } catch {
    return false;
  }
}

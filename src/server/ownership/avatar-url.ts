import { isAvatarId } from '../storage/avatar-store.ts';

/**
 * The id of one of our avatars named by a URL or path (`https://host/avatars/<id>.png?size=64`,
 * `/avatars/<id>.png`), or undefined. Any host is accepted: a CDN in front may serve the same paths,
 * and the callers only ever narrow what they do with a name (ownership decides the rest).
 */
export function avatarIdOf(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value, 'http://relative.invalid');
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const segments = url.pathname.split('/');
  let file: string;
  try {
    file = decodeURIComponent(segments.at(-1) ?? ''); // the router serves /avatars/%61... too
  } catch {
    return undefined;
  }
  if (segments.at(-2) !== 'avatars' || !file.endsWith('.png')) return undefined;
  const id = file.slice(0, -'.png'.length);
  return isAvatarId(id) ? id : undefined;
}

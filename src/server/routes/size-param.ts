import { AvatarError } from '../errors.ts';
import { snapSize } from '../variant-sizes.ts';

export type SizeRequest = { size: number } | { redirectTo: number };

/**
 * Reads `?size=N` for a square image: absent means `max`; a whole number that is one of the offered
 * sizes is served; any other whole number is redirected to the next offered size (see variant-sizes.ts).
 */
export function sizeParam(query: unknown, max: number): SizeRequest {
  const raw = (query as { size?: unknown } | undefined)?.size;
  if (raw === undefined) return { size: max };
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 9 || ![...raw].every((char) => char >= '0' && char <= '9')) {
    throw new AvatarError(400, 'bad-size', `size must be a whole number of pixels, such as 64 or 256 (at most ${max}).`);
  }
  const wanted = Number(raw);
  const snapped = snapSize(wanted, max);
  return snapped === wanted && raw === String(wanted) ? { size: wanted } : { redirectTo: snapped };
}

import { AvatarError } from '../errors.ts';

/** Reads `?size=N` for a square image: an integer from 16 to `max`, or `max` when absent (an empty `size=` is not absent). */
export function sizeParam(query: unknown, max: number): number {
  const raw = (query as { size?: unknown } | undefined)?.size;
  if (raw === undefined) return max;
  const size = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || size < 16 || size > max) {
    throw new AvatarError(400, 'bad-size', `size must be a whole number of pixels from 16 to ${max}.`);
  }
  return size;
}

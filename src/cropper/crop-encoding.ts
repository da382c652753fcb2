import type { AnyCanvas } from './canvas.ts';
import { encodeAvatar, readAsDataUri, toAvatarFile } from './encode-avatar.ts';

const MIN_SIZE = 16;
const MAX_SIZE = 4096;

export interface CropEncoding {
  /** The `size` attribute: clamped to 16..4096, `fallback` when not a number. */
  size: number;
  fallback: number;
  budget: number;
  /** Under transparent parts when the result has to be JPEG. */
  background: string;
  /** The crop on a new `side` x `side` canvas, filled with `fill` first if given (FramingController.toCanvas). */
  draw(side: number, fill: string | null): Promise<AnyCanvas>;
}

/** Encodes what the square shows as the result File (within the budget) and its data URI. */
export async function encodeCrop({ size, fallback, budget, background, draw }: CropEncoding): Promise<{ file: File; dataUri: string }> {
  const blob = await encodeAvatar({
    size: Number.isFinite(size) ? Math.min(Math.max(Math.round(size), MIN_SIZE), MAX_SIZE) : fallback,
    budget,
    background,
    draw,
  });
  const file = toAvatarFile(blob);
  return { file, dataUri: await readAsDataUri(file) };
}

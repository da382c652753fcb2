import { context2d, createCanvas } from './canvas.ts';
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
  /** Draws the framing onto a `side` x `side` context (FramingController.paint). */
  paint(context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, side: number): void;
}

/** Encodes what the square shows as the result File (within the budget) and its data URI. */
export async function encodeCrop({ size, fallback, budget, background, paint }: CropEncoding): Promise<{ file: File; dataUri: string }> {
  const blob = await encodeAvatar({
    size: Number.isFinite(size) ? Math.min(Math.max(Math.round(size), MIN_SIZE), MAX_SIZE) : fallback,
    budget,
    background,
    draw: async (side, fill) => {
      const canvas = createCanvas(side, side);
      const context = context2d(canvas);
      if (fill) {
        context.fillStyle = fill;
        context.fillRect(0, 0, side, side);
      }
      paint(context, side);
      return canvas;
    },
  });
  const file = toAvatarFile(blob);
  return { file, dataUri: await readAsDataUri(file) };
}

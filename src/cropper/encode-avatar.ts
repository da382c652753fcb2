import { type AnyCanvas, canvasToBlob } from './canvas.ts';
import { AvatarCropperError } from './errors.ts';

export interface EncodeAvatarOptions {
  /** Side of the square to produce, in pixels. */
  size: number;
  /** Largest acceptable result, in bytes. */
  budget: number;
  /** Draws the crop onto a new `side` x `side` canvas, filled with `background` first if given. */
  draw(side: number, background: string | null): Promise<AnyCanvas>;
  /** Painted under the crop when the format has no alpha (JPEG); default JPEG_BACKGROUND. */
  background?: string;
  /** The encoder; replaceable to test browsers without a WebP encoder. */
  toBlob?(canvas: AnyCanvas, type: string, quality?: number): Promise<Blob>;
}

/** Tried in order until the result fits the budget. */
export const QUALITIES = [0.9, 0.8, 0.7, 0.6, 0.5] as const;
/** When no quality fits, the side shrinks by this factor and the qualities are tried again. */
export const SIDE_STEP = 0.75;
export const MIN_SIDE = 64;
/** JPEG has no alpha: transparent pixels get this colour (not the canvas's black) unless told otherwise. */
export const JPEG_BACKGROUND = '#ffffff';

/**
 * Encodes the crop as WebP (quality 0.9 first) where the browser really writes WebP,
 * else as PNG or, when PNG is over budget, JPEG; steps quality and then size down
 * until the bytes fit within `budget`.
 */
export async function encodeAvatar(options: EncodeAvatarOptions): Promise<Blob> {
  const minSide = Math.min(MIN_SIDE, options.size);
  for (let side = options.size; ; side = Math.max(minSide, Math.round(side * SIDE_STEP))) {
    const blob = await encodeAtSide(side, options);
    if (blob) return blob;
    if (side <= minSide) break;
  }
  throw new AvatarCropperError('encode-failed', `No encoding of the crop fits within ${options.budget} bytes`);
}

async function encodeAtSide(side: number, options: EncodeAvatarOptions): Promise<Blob | null> {
  const { budget, draw, toBlob = canvasToBlob } = options;
  const [best, ...lower] = QUALITIES;
  const transparent = await draw(side, null);
  const webp = await toBlob(transparent, 'image/webp', best);
  if (webp.type === 'image/webp') {
    if (webp.size <= budget) return webp;
    for (const quality of lower) {
      const blob = await toBlob(transparent, 'image/webp', quality);
      if (blob.size <= budget) return blob;
    }
    return null;
  }

  // No WebP encoder (the browser wrote something else, usually PNG).
  const png = webp.type === 'image/png' ? webp : await toBlob(transparent, 'image/png');
  if (png.type === 'image/png' && png.size <= budget) return png;
  const opaque = await draw(side, options.background || JPEG_BACKGROUND);
  for (const quality of QUALITIES) {
    const blob = await toBlob(opaque, 'image/jpeg', quality);
    if (blob.type === 'image/jpeg' && blob.size <= budget) return blob;
  }
  return null;
}

const EXTENSIONS: Record<string, string> = { 'image/webp': 'webp', 'image/png': 'png', 'image/jpeg': 'jpg' };

/** Wraps the encoded bytes as `avatar.<ext>`. */
export function toAvatarFile(blob: Blob): File {
  const extension = EXTENSIONS[blob.type] ?? 'bin';
  return new File([blob], `avatar.${extension}`, { type: blob.type, lastModified: Date.now() });
}

export function readAsDataUri(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(blob);
  });
}

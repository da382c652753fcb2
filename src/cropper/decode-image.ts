import { acceptsType } from './accepts-type.ts';
import { isAnimated } from './animation.ts';
import { canvasToBlob, context2d, createCanvas } from './canvas.ts';
import { AvatarCropperError } from './errors.ts';
import { sniffImageType } from './sniff-image-type.ts';

/** Default `max-bytes`: files above it are refused before anything is read. */
export const MAX_SOURCE_BYTES = 50_000_000;
/** Default `max-pixels`: images above it are refused before they are decoded (decompression bombs, memory). */
export const MAX_SOURCE_PIXELS = 120_000_000;
/**
 * An image the browser cannot show as it is (an SVG without a size, the first frame of an
 * animation) is rasterised at most this many pixels: 16.7 MP (4096 x 4096) is the largest canvas
 * iOS Safari will draw.
 */
export const MAX_WORKING_PIXELS = 4096 * 4096;
/** Size given to SVGs that have no intrinsic size. */
const SVG_FALLBACK_SIDE = 1024;

export interface DecodedImage {
  /** What the crop stage's cropper-image shows: the source itself, decoded, or a PNG of its first frame. */
  url: string;
  /** Its size with EXIF orientation applied, as the browser draws it. */
  width: number;
  height: number;
  /** The source's real type, from its bytes. */
  sourceType: string;
  /** Whether the source has more frames than the first one used here. */
  animated: boolean;
  /** Frees the URL. */
  release(): void;
}

export interface DecodeOptions {
  /** An `accept` list, as on `<input type=file>`. */
  accept: string;
  /** The file name, for `.ext` tokens in `accept`. */
  fileName?: string;
  maxBytes?: number;
  maxPixels?: number;
}

/**
 * Checks that a Blob really is an acceptable image within the limits (size from the header, before
 * any pixel is decoded), then has the browser decode it once. EXIF orientation is the browser's, in
 * the stage and in the canvas the crop is drawn on alike.
 */
export async function decodeImage(blob: Blob, options: DecodeOptions): Promise<DecodedImage> {
  const { maxBytes = MAX_SOURCE_BYTES, maxPixels = MAX_SOURCE_PIXELS } = options;
  if (blob.size > maxBytes) {
    throw new AvatarCropperError('too-large', `File is ${blob.size} bytes, the limit is ${maxBytes}`, {
      limit: { actual: blob.size, max: maxBytes, unit: 'bytes' },
    });
  }
  const type = await sniffImageType(blob);
  if (!type) throw new AvatarCropperError('not-an-image', 'The bytes are not a known image format');
  if (!acceptsType(options.accept, type, options.fileName)) {
    throw new AvatarCropperError('type-not-allowed', `${type} is not in accept="${options.accept}"`, { type });
  }

  // Re-type the bytes: an SVG only renders in <img> when its type says so.
  const source = blob.type === type ? blob : new Blob([blob], { type });
  let url = URL.createObjectURL(source);
  try {
    // The <img> reads the size from the header; the pixels are decoded only below.
    const element = await loadImageElement(url).catch((error: unknown) => {
      throw undecodable(type, error);
    });
    const isSvg = type === 'image/svg+xml';
    const natural = {
      width: element.naturalWidth || (isSvg ? SVG_FALLBACK_SIDE : 0),
      height: element.naturalHeight || (isSvg ? SVG_FALLBACK_SIDE : 0),
    };
    const pixels = natural.width * natural.height;
    if (pixels > maxPixels) {
      throw new AvatarCropperError('too-large', `${natural.width}x${natural.height} exceeds ${maxPixels} pixels`, {
        type,
        limit: { actual: pixels, max: maxPixels, unit: 'pixels' },
      });
    }
    const animated = await isAnimated(blob, type);
    if (animated || (isSvg && !element.naturalWidth)) {
      const still = await firstFrame(isSvg ? element : source, fitWithin(natural, MAX_WORKING_PIXELS)).catch((error: unknown) => {
        throw undecodable(type, error);
      });
      URL.revokeObjectURL(url);
      url = URL.createObjectURL(still);
    } else {
      await element.decode().catch((error: unknown) => {
        throw undecodable(type, error);
      });
    }
    const shown = url;
    return { url, width: natural.width, height: natural.height, sourceType: type, animated, release: () => URL.revokeObjectURL(shown) };
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
}

/** The largest size with the same aspect ratio as `size` and at most `maxPixels` pixels. */
export function fitWithin(size: { width: number; height: number }, maxPixels: number): { width: number; height: number } {
  const pixels = size.width * size.height;
  if (pixels <= maxPixels) return { width: size.width, height: size.height };
  const scale = Math.sqrt(maxPixels / pixels);
  return {
    width: Math.max(1, Math.floor(size.width * scale)),
    height: Math.max(1, Math.floor(size.height * scale)),
  };
}

function loadImageElement(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.decoding = 'async';
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The image element could not load the image'));
    image.src = url;
  });
}

/** The first frame (or the rasterised SVG) at `target` size, as a PNG. */
async function firstFrame(source: Blob | HTMLImageElement, target: { width: number; height: number }): Promise<Blob> {
  const bitmap = await createImageBitmap(source, { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' });
  const canvas = createCanvas(bitmap.width, bitmap.height);
  context2d(canvas).drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvasToBlob(canvas, 'image/png');
}

function undecodable(type: string, cause: unknown): AvatarCropperError {
  const heif = type === 'image/heic' || type === 'image/heif';
  return new AvatarCropperError(heif ? 'unsupported-format' : 'decode-failed', `This browser cannot decode the ${type} image`, {
    cause,
    type,
  });
}

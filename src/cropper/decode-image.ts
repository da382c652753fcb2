import { acceptsType } from './accepts-type.ts';
import { isAnimated } from './animation.ts';
import { context2d, createCanvas } from './canvas.ts';
import { AvatarCropperError } from './errors.ts';
import { sniffImageType } from './sniff-image-type.ts';

/** Default `max-bytes`: files above it are refused before anything is read. */
export const MAX_SOURCE_BYTES = 50_000_000;
/** Default `max-pixels`: images above it are refused before they are decoded (decompression bombs, memory). */
export const MAX_SOURCE_PIXELS = 120_000_000;
/**
 * The working bitmap never exceeds this many pixels:
 * 16.7 MP (4096 x 4096) is the largest canvas iOS Safari will draw.
 */
export const MAX_WORKING_PIXELS = 4096 * 4096;
/** Size given to SVGs that have no intrinsic size. */
const SVG_FALLBACK_SIDE = 1024;

export interface DecodedImage {
  /** The working image: EXIF orientation applied, at most MAX_WORKING_PIXELS. */
  bitmap: ImageBitmap;
  width: number;
  height: number;
  /** The source's real type, from its bytes. */
  sourceType: string;
  /** Whether the source has more frames than the first one used here. */
  animated: boolean;
  /** Frees the bitmap. */
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
 * Checks that a Blob really is an acceptable image within the limits, then decodes it once,
 * with EXIF orientation applied and downscaled to at most MAX_WORKING_PIXELS.
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
  const sourceUrl = URL.createObjectURL(source);
  try {
    // The <img> reads the size from the header; the pixels are decoded only below.
    const element = await loadImageElement(sourceUrl).catch((error: unknown) => {
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
    const target = fitWithin(natural, MAX_WORKING_PIXELS);
    // SVG: rasterised from the <img> at the target size (Chrome cannot decode SVG Blobs).
    const bitmap = await capped(
      await decodeBitmap(isSvg ? element : source, natural, target).catch((error: unknown) => {
        throw undecodable(type, error);
      }),
    );
    return {
      bitmap,
      width: bitmap.width,
      height: bitmap.height,
      sourceType: type,
      animated: await isAnimated(blob, type),
      release: () => bitmap.close(),
    };
  } finally {
    URL.revokeObjectURL(sourceUrl);
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

/**
 * Decodes once, applying EXIF orientation. Only the width is given when resizing, so the
 * aspect ratio is kept whether the browser resizes before or after orientation.
 */
async function decodeBitmap(
  source: Blob | HTMLImageElement,
  natural: { width: number; height: number },
  target: { width: number; height: number },
): Promise<ImageBitmap> {
  const resize: ImageBitmapOptions = {};
  if (source instanceof HTMLImageElement) {
    // Vector: rasterise at exactly the target size.
    Object.assign(resize, { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' });
  } else if (target.width !== natural.width || target.height !== natural.height) {
    Object.assign(resize, { resizeWidth: target.width, resizeQuality: 'high' });
  }
  try {
    return await createImageBitmap(source, { ...resize, imageOrientation: 'from-image' });
  } catch (error) {
    // Browsers that predate 'from-image' reject the option itself (TypeError); their default
    // already applies EXIF orientation.
    if (error instanceof TypeError) return createImageBitmap(source, resize);
    throw error;
  }
}

/** Redraws at the capped size when the browser ignored the resize options. */
async function capped(bitmap: ImageBitmap): Promise<ImageBitmap> {
  const { width, height } = fitWithin(bitmap, MAX_WORKING_PIXELS);
  if (width === bitmap.width && height === bitmap.height) return bitmap;
  const canvas = createCanvas(width, height);
  const context = context2d(canvas);
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return createImageBitmap(canvas);
}

function undecodable(type: string, cause: unknown): AvatarCropperError {
  const heif = type === 'image/heic' || type === 'image/heif';
  return new AvatarCropperError(heif ? 'unsupported-format' : 'decode-failed', `This browser cannot decode the ${type} image`, {
    cause,
    type,
  });
}

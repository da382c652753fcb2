import { acceptsType } from './accepts-type.ts';
import { canvasToBlob, context2d, createCanvas } from './canvas.ts';
import { AvatarCropperError } from './errors.ts';
import { sniffImageType } from './sniff-image-type.ts';

/** Files above this many bytes are refused before anything is decoded. */
export const MAX_SOURCE_BYTES = 50 * 1024 * 1024;
/** Images above this many pixels are refused (decompression bombs, memory). */
export const MAX_SOURCE_PIXELS = 120_000_000;
/**
 * The working image handed to the cropper never exceeds this many pixels:
 * 16.7 MP (4096 x 4096) is the largest canvas iOS Safari will draw.
 */
export const MAX_WORKING_PIXELS = 4096 * 4096;
/** Size given to SVGs that have no intrinsic size. */
const SVG_FALLBACK_SIDE = 1024;

export interface DecodedImage {
  /** Object URL of the working image (a PNG, EXIF orientation already applied). */
  url: string;
  width: number;
  height: number;
  /** The source's real type, from its bytes. */
  sourceType: string;
  /** Releases the object URL. */
  release(): void;
}

export interface DecodeOptions {
  /** An `accept` list, as on `<input type=file>`. */
  accept: string;
  /** The file name, for `.ext` tokens in `accept`. */
  fileName?: string;
}

/**
 * Checks that a Blob really is an acceptable image, decodes it once with EXIF orientation
 * applied, downscaled so that it never exceeds MAX_WORKING_PIXELS, and returns it as a PNG
 * object URL for the cropper.
 */
export async function decodeImage(blob: Blob, options: DecodeOptions): Promise<DecodedImage> {
  if (blob.size > MAX_SOURCE_BYTES) {
    throw new AvatarCropperError('too-large', `File is ${blob.size} bytes, the limit is ${MAX_SOURCE_BYTES}`);
  }
  const type = await sniffImageType(blob);
  if (!type) throw new AvatarCropperError('not-an-image', 'The bytes are not a known image format');
  if (!acceptsType(options.accept, type, options.fileName)) {
    throw new AvatarCropperError('type-not-allowed', `${type} is not in accept="${options.accept}"`);
  }

  // Re-type the bytes: an SVG only renders in <img> when its type says so.
  const source = blob.type === type ? blob : new Blob([blob], { type });
  const sourceUrl = URL.createObjectURL(source);
  try {
    const element = await loadImageElement(sourceUrl).catch((error: unknown) => {
      throw undecodable(type, error);
    });
    const isSvg = type === 'image/svg+xml';
    const natural = {
      width: element.naturalWidth || (isSvg ? SVG_FALLBACK_SIDE : 0),
      height: element.naturalHeight || (isSvg ? SVG_FALLBACK_SIDE : 0),
    };
    if (natural.width * natural.height > MAX_SOURCE_PIXELS) {
      throw new AvatarCropperError('too-large', `${natural.width}x${natural.height} exceeds ${MAX_SOURCE_PIXELS} pixels`);
    }
    const target = fitWithin(natural, MAX_WORKING_PIXELS);
    // SVG: rasterised from the <img> at the target size (Chrome cannot decode SVG Blobs).
    const bitmap = await decodeBitmap(isSvg ? element : source, natural, target).catch((error: unknown) => {
      throw undecodable(type, error);
    });
    try {
      return { ...(await toWorkingImage(bitmap)), sourceType: type };
    } finally {
      bitmap.close();
    }
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

async function toWorkingImage(bitmap: ImageBitmap): Promise<Omit<DecodedImage, 'sourceType'>> {
  // Draw at the capped size even if the browser ignored the resize options.
  const { width, height } = fitWithin({ width: bitmap.width, height: bitmap.height }, MAX_WORKING_PIXELS);
  const canvas = createCanvas(width, height);
  const context = context2d(canvas);
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  const png = await canvasToBlob(canvas, 'image/png');
  const url = URL.createObjectURL(png);
  return { url, width, height, release: () => URL.revokeObjectURL(url) };
}

function undecodable(type: string, cause: unknown): AvatarCropperError {
  if (type === 'image/heic' || type === 'image/heif') {
    return new AvatarCropperError('unsupported-format', `This browser cannot decode ${type}`, { cause });
  }
  return new AvatarCropperError('decode-failed', `The ${type} image could not be decoded`, { cause });
}

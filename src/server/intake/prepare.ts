import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import { AvatarError, errors } from '../errors.ts';
import type { WorkerPool } from '../workers/worker-pool.ts';
import { ACCEPTED, sniffImageType, type AcceptedType } from './sniff.ts';
import type { EmbeddedImage } from './svg.ts';

export interface IntakeLimits {
  maxUploadBytes: number;
  maxPixels: number;
}

/** An upload that passed every check: its type and bytes that are safe to hand to a renderer. */
export interface CheckedImage {
  /** The type of `bytes`: BMP and ICO uploads arrive here as the lossless PNG intake made of them. */
  type: AcceptedType;
  bytes: Buffer;
  /** Size of one frame, from the header (for SVG: the normalized rendering size). */
  width: number;
  height: number;
  /** The sniffed type of the upload, when intake converted it (BMP, ICO). */
  sourceType?: AcceptedType;
  /** Frames in the upload; only the first is ever rendered. */
  pages?: number;
}

/** What libvips must call each sniffed raster type; anything else means the two disagree about the file. */
const VIPS_FORMAT: Partial<Record<AcceptedType, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'heif',
  'image/heic': 'heif',
  'image/heif': 'heif',
};

const EMBEDDED_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) return false;
  return true;
}

/** Header-only metadata (libvips reads the header; no pixel is decoded here). */
async function headerOf(bytes: Buffer, type: AcceptedType): Promise<Metadata> {
  try {
    return await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw errors.undecodable(ACCEPTED[type]);
  }
}

/** Checks a raster upload libvips reads itself (PNG, JPEG, WebP, GIF, AVIF, HEIC/HEIF). */
async function checkRaster(bytes: Buffer, type: AcceptedType, limits: IntakeLimits, sourceType?: AcceptedType): Promise<CheckedImage> {
  const metadata = await headerOf(bytes, type);
  if (metadata.format !== VIPS_FORMAT[type]) {
    throw new AvatarError(415, 'unsupported-type', `The file starts like a ${ACCEPTED[type]} image but is really something else. Upload a plain ${ACCEPTED[type]}, PNG or JPEG image instead.`);
  }
  const width = metadata.width ?? 0;
  const height = metadata.pageHeight ?? metadata.height ?? 0;
  if (width <= 0 || height <= 0) throw errors.undecodable(ACCEPTED[sourceType ?? type]);
  if (width * height > limits.maxPixels) throw errors.tooManyPixels(width * height, limits.maxPixels);
  return { type, bytes, width, height, pages: metadata.pages ?? 1, ...(sourceType ? { sourceType } : {}) };
}

/** BMP and bitmap icons, decoded by intake's own reader in a worker (libvips cannot), arrive as a lossless PNG. */
function fromDecoded(decoded: { png: Buffer; width: number; height: number }, sourceType: AcceptedType): CheckedImage {
  return { type: 'image/png', bytes: decoded.png, width: decoded.width, height: decoded.height, sourceType, pages: 1 };
}

/** An image embedded in an SVG must be the raster type it claims, within the pixel limit, like an upload. */
async function checkEmbedded(images: EmbeddedImage[], limits: IntakeLimits): Promise<void> {
  let pixels = 0;
  for (const image of images) {
    const bytes = Buffer.from(image.base64.replace(/\s+/g, ''), 'base64');
    const found = await fileTypeFromBuffer(bytes);
    if (!found || !EMBEDDED_TYPES.has(found.mime) || found.mime !== image.declaredType) {
      throw errors.unsafeSvg(`an embedded image is not the ${image.declaredType.slice(6).toUpperCase()} it claims to be`);
    }
    const metadata = await sharp(bytes, { limitInputPixels: false })
      .metadata()
      .catch(() => {
        throw errors.unsafeSvg('an embedded image is damaged');
      });
    pixels += (metadata.width ?? 0) * (metadata.pageHeight ?? metadata.height ?? 0);
    if (pixels > limits.maxPixels) {
      throw errors.unsafeSvg(`its embedded images have more than ${(limits.maxPixels / 1e6).toFixed(0)} megapixels together`);
    }
  }
}

async function checkSvg(raw: Buffer, limits: IntakeLimits, workers: WorkerPool): Promise<CheckedImage> {
  const svg = await workers.run('sanitize-svg', { bytes: raw });
  await checkEmbedded(svg.embedded, limits);
  const metadata = await headerOf(svg.bytes, 'image/svg+xml');
  if (metadata.format !== 'svg' || !metadata.width || !metadata.height) throw errors.undecodable('SVG');
  return { type: 'image/svg+xml', bytes: svg.bytes, width: metadata.width, height: metadata.height, pages: 1 };
}

/**
 * Everything that happens before an image is decoded: size, real type, the pixel count read from the
 * header (so a pixel flood is refused without decompressing it), SVG sanitizing, and the conversion of
 * the formats libvips cannot read (BMP, ICO) by intake's own bounds-checked decoder. Header reads run
 * here; sanitizing and every decode run in the decode workers, with their deadline and memory cap.
 */
export async function checkUpload(raw: Buffer, limits: IntakeLimits, workers: WorkerPool): Promise<CheckedImage> {
  if (raw.length === 0 || isBlank(raw)) throw errors.empty();
  if (raw.length > limits.maxUploadBytes) throw errors.tooLarge(limits.maxUploadBytes);
  const type = await sniffImageType(raw);
  switch (type) {
    case 'image/svg+xml':
      return checkSvg(raw, limits, workers);
    case 'image/bmp':
      return fromDecoded(await workers.run('bmp', { bytes: raw, maxPixels: limits.maxPixels }), type);
    case 'image/x-icon': {
      const best = await workers.run('ico', { bytes: raw, maxPixels: limits.maxPixels });
      if (best.embeddedPng) return checkRaster(best.png, 'image/png', limits, type);
      return fromDecoded(best, type);
    }
    default:
      return checkRaster(raw, type, limits);
  }
}

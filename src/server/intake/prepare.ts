import sharp, { type Metadata } from 'sharp';
import { errors } from '../errors.ts';
import { ACCEPTED, sniffImageType, type AcceptedType } from './sniff.ts';
import { sanitizeSvg } from './svg.ts';

export interface IntakeLimits {
  maxUploadBytes: number;
  maxPixels: number;
}

/** An upload that passed every check: its sniffed type and bytes that are safe to hand to a renderer. */
export interface CheckedImage {
  type: AcceptedType;
  bytes: Buffer;
  width: number;
  height: number;
}

/**
 * Everything that happens before an image is decoded: size, real type, SVG sanitizing and the pixel
 * count read from the header (so a pixel flood is refused without decompressing it).
 */
export async function checkUpload(raw: Buffer, limits: IntakeLimits): Promise<CheckedImage> {
  if (raw.length === 0) throw errors.empty();
  if (raw.length > limits.maxUploadBytes) throw errors.tooLarge(limits.maxUploadBytes);
  const type = await sniffImageType(raw);
  const bytes = type === 'image/svg+xml' ? sanitizeSvg(raw) : raw;

  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw errors.undecodable(ACCEPTED[type]);
  }
  const width = metadata.width ?? 0;
  const height = metadata.pageHeight ?? metadata.height ?? 0;
  if (width <= 0 || height <= 0) throw errors.undecodable(ACCEPTED[type]);
  if (type !== 'image/svg+xml' && width * height > limits.maxPixels) throw errors.tooManyPixels(width * height, limits.maxPixels);
  return { type, bytes, width, height };
}

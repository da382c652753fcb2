import sharp from 'sharp';
import { errors } from '../errors.ts';
import type { CheckedImage } from '../intake/prepare.ts';
import { ACCEPTED } from '../intake/sniff.ts';
import { PNG_ENCODING } from './png-encoding.ts';

/** SVGs are rendered at the density that makes their short side at least the output size, so they stay sharp. */
function svgDensity(image: CheckedImage, size: number): number {
  const scale = size / Math.min(image.width, image.height);
  return Math.min(Math.max(72 * scale, 1), 72 * 64);
}

/**
 * Fill-crops a checked image to a centred size x size PNG with libvips: enlarges, applies EXIF
 * orientation, strips metadata. Runs only inside a decode worker (src/server/workers).
 */
export async function renderAvatar(image: CheckedImage, size: number, maxPixels: number): Promise<Buffer> {
  const isSvg = image.type === 'image/svg+xml';
  try {
    return await sharp(image.bytes, {
      limitInputPixels: isSvg ? false : maxPixels,
      failOn: 'error',
      pages: 1,
      ...(isSvg ? { density: svgDensity(image, size) } : {}),
    })
      .rotate()
      .resize(size, size, { fit: 'cover', position: 'centre' })
      .toColourspace('srgb')
      .png(PNG_ENCODING)
      .toBuffer();
  } catch {
    if (image.type === 'image/heic' || image.type === 'image/heif') {
      throw errors.unsupportedType(`a ${ACCEPTED[image.type]} photo the embedded processor cannot decode; export it as JPEG, or ask the admin to enable the imgproxy processor`);
    }
    throw errors.undecodable(ACCEPTED[image.type]);
  }
}

/** A square variant of a stored avatar (already a verified PNG). */
export async function resizeAvatar(png: Buffer, size: number): Promise<Buffer> {
  return sharp(png).resize(size, size).png(PNG_ENCODING).toBuffer();
}

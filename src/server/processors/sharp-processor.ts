import sharp from 'sharp';
import { ACCEPTED } from '../intake/sniff.ts';
import type { CheckedImage } from '../intake/prepare.ts';
import { errors } from '../errors.ts';
import { PNG_ENCODING } from './png-encoding.ts';
import type { Processor } from './processor.ts';

/** SVGs are rendered at the density that makes their short side at least the output size, so they stay sharp. */
function svgDensity(image: CheckedImage, size: number): number {
  const scale = size / Math.min(image.width, image.height);
  return Math.min(Math.max(72 * scale, 1), 72 * 64);
}

/** The embedded processor: libvips in process. Fill-crops centred, enlarges, applies EXIF orientation, strips metadata. */
export function createSharpProcessor(options: { outputSize: number; maxPixels: number }): Processor {
  const size = options.outputSize;
  return {
    name: 'sharp',
    async normalize(image) {
      const isSvg = image.type === 'image/svg+xml';
      try {
        return await sharp(image.bytes, {
          limitInputPixels: isSvg ? false : options.maxPixels,
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
    },
    async healthy() {
      return true;
    },
    async close() {},
  };
}

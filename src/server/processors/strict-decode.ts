import sharp from 'sharp';
import { errors } from '../errors.ts';
import type { CheckedImage } from '../intake/prepare.ts';
import { ACCEPTED } from '../intake/sniff.ts';

/** Largest side of the picture the check asks for: shrink-on-load (JPEG, WebP) then skips most of the work. */
const CHECK_SIDE = 64;

/** libvips built without a decoder for the codec inside a HEIF container (sharp's own build has no HEVC). */
const CODEC_MISSING = /has not been built in|unsupported codec|no decoder/i;

/**
 * Decodes the first frame once, strictly (`failOn: 'error'`, as the sharp processor decodes), before a
 * raster goes to imgproxy: imgproxy decodes leniently (a JPEG cut in half becomes a half-grey avatar),
 * so without this a truncated or corrupt file would be stored there and refused with the sharp
 * processor. The sharp processor needs no such pass; its own decode is the strict one.
 *
 * The picture is asked for at most CHECK_SIDE pixels wide, read sequentially: libjpeg and libwebp then
 * decode at 1/8 scale, which still reads every byte of the entropy-coded data (so truncation and
 * corruption are found) but skips most of the inverse DCT and all full-size buffers. Measured on this
 * machine, one thread: a 12 MP JPEG takes ~20-24 ms (a full decode ~65 ms), the real fixtures 4-10 ms,
 * a 16 MP WebP ~120 ms; PNG and GIF have no shrink-on-load and cost a full inflate (~100 ms for 10 MP).
 *
 * Resolves false when libvips has no decoder for the codec (HEVC-coded HEIC with sharp's build): those
 * go on unchecked, and imgproxy's answer decides.
 */
export async function decodesStrictly(image: CheckedImage): Promise<boolean> {
  if (image.type === 'image/svg+xml') return true; // sanitized and re-serialized by intake; librsvg renders it
  const scale = Math.min(1, CHECK_SIDE / Math.max(image.width, image.height));
  try {
    await sharp(image.bytes, { failOn: 'error', pages: 1, sequentialRead: true, limitInputPixels: false })
      .resize(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)), { fit: 'fill', kernel: 'nearest' })
      .raw()
      .toBuffer();
    return true;
  } catch (error) {
    if ((image.type === 'image/heic' || image.type === 'image/heif') && CODEC_MISSING.test((error as Error).message)) return false;
    throw errors.undecodable(ACCEPTED[image.sourceType ?? image.type]);
  }
}

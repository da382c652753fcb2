import sharp from 'sharp';
import { fixture } from '../support/fixtures.ts';

export interface Input {
  name: string;
  type: string;
  bytes: Buffer;
}

/** The real fixtures the client and PNG rows measure (../shared/fixtures/real/). */
export const CLIENT_FIXTURES = [
  ['rocket.jpg', 'image/jpeg'],
  ['retina.jpg', 'image/jpeg'],
  ['hubble_deep_field.jpg', 'image/jpeg'],
  ['astronaut.png', 'image/png'],
  ['wood-l.webp', 'image/webp'],
  ['blobs-l.svg', 'image/svg+xml'],
] as const;

export const TWELVE_MP = 'photo-12mp-exif6.jpg';

export const realInput = (name: string, type: string): Input => ({ name, type, bytes: fixture(name) });

/**
 * A 12 MP phone-style photo: 4032x3024 pixels stored landscape with EXIF orientation 6 (shown
 * portrait), cut from the 4096x4096 wood-l.webp fixture (real detail, no upscaling), JPEG q92.
 */
export async function twelveMegapixelPhoto(): Promise<Input> {
  const bytes = await sharp(fixture('wood-l.webp'))
    .extract({ left: 32, top: 536, width: 4032, height: 3024 })
    .jpeg({ quality: 92 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
  return { name: TWELVE_MP, type: 'image/jpeg', bytes };
}

/**
 * A ~20 MB PNG for the memory row: astronaut.png enlarged to 3264x2448 (8 MP) with a light grain so it
 * does not compress away, saved without compression filters. Returns the bytes and its pixel size.
 */
export async function twentyMegabytePng(): Promise<Input> {
  const width = 3264;
  const height = 2448;
  const base = await sharp(fixture('astronaut.png')).resize(width, height, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  let seed = 1;
  for (let i = 0; i < base.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    base[i] = Math.min(255, Math.max(0, base[i]! + ((seed >> 16) % 9) - 4));
  }
  const bytes = await sharp(base, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer();
  return { name: `grain-${width}x${height}.png`, type: 'image/png', bytes };
}

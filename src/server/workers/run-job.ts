import sharp from 'sharp';
import { toPng } from 'jdenticon';
import { bestIconEntry, decodeBmp, decodeIconBitmap, iconEntries, type RgbaImage } from '../intake/bitmap.ts';
import { sanitizeSvgDocument } from '../intake/svg.ts';
import { renderAvatar, resizeAvatar } from '../processors/render-avatar.ts';
import { decodesStrictly } from '../processors/strict-decode.ts';
import type { JobKind, Jobs } from './jobs.ts';

/** Pixels decoded by intake's own reader become a lossless PNG (fast to write; the processor re-encodes). */
async function losslessPng(image: RgbaImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 }, limitInputPixels: false }).png({ compressionLevel: 1 }).toBuffer();
}

type Runners = { [K in JobKind]: (input: Jobs[K]['input']) => Promise<Jobs[K]['result']> };

/** What each job does inside a decode worker. */
export const runners: Runners = {
  'sanitize-svg': async ({ bytes }) => sanitizeSvgDocument(bytes),
  bmp: async ({ bytes, maxPixels }) => {
    const image = decodeBmp(bytes, maxPixels);
    return { png: await losslessPng(image), width: image.width, height: image.height };
  },
  ico: async ({ bytes, maxPixels }) => {
    const best = bestIconEntry(iconEntries(bytes, maxPixels));
    if (best.kind === 'png') return { embeddedPng: true, png: Buffer.from(best.bytes), width: best.width, height: best.height };
    const image = decodeIconBitmap(bytes, best, maxPixels);
    return { embeddedPng: false, png: await losslessPng(image), width: image.width, height: image.height };
  },
  render: async ({ image, size, maxPixels }) => renderAvatar(image, size, maxPixels),
  'strict-decode': async ({ image }) => decodesStrictly(image),
  resize: async ({ png, size }) => resizeAvatar(png, size),
  identicon: async ({ hash, size }) => toPng(hash, size, { backColor: '#ffffffff', padding: 0.08 }),
};

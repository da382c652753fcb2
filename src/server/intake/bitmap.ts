import { AvatarError, errors } from '../errors.ts';

/**
 * BMP and ICO/CUR, read in memory-safe TypeScript so that neither libvips (whose prebuilt sharp has
 * no loader for them) nor imgproxy's own BMP loader (which had an overflow fixed only in v4.0.12)
 * ever sees these files: intake turns them into raw RGBA pixels, which become a lossless PNG.
 *
 * Every size is read from the header and checked against the pixel limit and the file length
 * before a single pixel buffer is allocated.
 */

export interface RgbaImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, top row first. */
  data: Buffer;
}

const BI_RGB = 0;
const BI_RLE8 = 1;
const BI_RLE4 = 2;
const BI_BITFIELDS = 3;
const BI_JPEG = 4;
const BI_PNG = 5;
const BI_ALPHABITFIELDS = 6;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const damaged = (type: string) => errors.undecodable(type);

function checkPixels(width: number, height: number, maxPixels: number): void {
  if (width * height > maxPixels) throw errors.tooManyPixels(width * height, maxPixels);
}

interface DibHeader {
  headerSize: number;
  width: number;
  /** Rows of the picture (for ICO entries: already halved, without the AND mask). */
  height: number;
  topDown: boolean;
  bitsPerPixel: number;
  compression: number;
  colorsUsed: number;
  masks: [number, number, number, number] | undefined;
  /** Bytes after the header start where the palette (if any) begins. */
  paletteOffset: number;
  paletteEntrySize: 3 | 4;
}

/** Reads a DIB (BITMAPCOREHEADER/BITMAPINFOHEADER and later) at `start` of `bytes`. */
function readDibHeader(bytes: Buffer, start: number, type: string, inIcon: boolean): DibHeader {
  if (start + 16 > bytes.length) throw damaged(type);
  const headerSize = bytes.readUInt32LE(start);
  if (headerSize === 12) {
    const width = bytes.readUInt16LE(start + 4);
    const rawHeight = bytes.readUInt16LE(start + 6);
    const bitsPerPixel = bytes.readUInt16LE(start + 10);
    return {
      headerSize,
      width,
      height: inIcon ? Math.floor(rawHeight / 2) : rawHeight,
      topDown: false,
      bitsPerPixel,
      compression: BI_RGB,
      colorsUsed: 0,
      masks: undefined,
      paletteOffset: start + 12,
      paletteEntrySize: 3,
    };
  }
  if (![40, 52, 56, 108, 124].includes(headerSize) || start + headerSize > bytes.length) {
    throw new AvatarError(415, 'unsupported-type', `The file is a ${type} variant this server cannot read (header of ${headerSize} bytes). Save it as PNG and upload that instead.`);
  }
  const width = bytes.readInt32LE(start + 4);
  const rawHeight = bytes.readInt32LE(start + 8);
  const bitsPerPixel = bytes.readUInt16LE(start + 14);
  const compression = bytes.readUInt32LE(start + 16);
  const colorsUsed = bytes.readUInt32LE(start + 32);
  let masks: DibHeader['masks'];
  let paletteOffset = start + headerSize;
  if (compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS) {
    if (headerSize >= 52) {
      masks = [bytes.readUInt32LE(start + 40), bytes.readUInt32LE(start + 44), bytes.readUInt32LE(start + 48), headerSize >= 56 ? bytes.readUInt32LE(start + 52) : 0];
    } else {
      const count = compression === BI_ALPHABITFIELDS ? 4 : 3;
      if (paletteOffset + count * 4 > bytes.length) throw damaged(type);
      masks = [bytes.readUInt32LE(paletteOffset), bytes.readUInt32LE(paletteOffset + 4), bytes.readUInt32LE(paletteOffset + 8), count === 4 ? bytes.readUInt32LE(paletteOffset + 12) : 0];
      paletteOffset += count * 4;
    }
  }
  const height = Math.abs(rawHeight);
  return {
    headerSize,
    width,
    height: inIcon ? Math.floor(height / 2) : height,
    topDown: rawHeight < 0,
    bitsPerPixel,
    compression,
    colorsUsed,
    masks,
    paletteOffset,
    paletteEntrySize: 4,
  };
}

function validateHeader(header: DibHeader, type: string, maxPixels: number): void {
  if (header.compression === BI_RLE8 || header.compression === BI_RLE4) {
    throw new AvatarError(415, 'unsupported-type', `The file is a run-length compressed (RLE) ${type}, which this server does not read. Save it as PNG and upload that instead.`);
  }
  if (header.compression === BI_JPEG || header.compression === BI_PNG) {
    throw new AvatarError(415, 'unsupported-type', `The file is a ${type} wrapping a JPEG or PNG, which this server does not read. Upload the JPEG or PNG itself instead.`);
  }
  if (![BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS].includes(header.compression)) throw damaged(type);
  if (![1, 4, 8, 16, 24, 32].includes(header.bitsPerPixel)) throw damaged(type);
  if (header.masks && header.bitsPerPixel !== 16 && header.bitsPerPixel !== 32) throw damaged(type);
  if (header.width <= 0 || header.height <= 0) throw damaged(type);
  checkPixels(header.width, header.height, maxPixels);
}

/** Bit position and width of a channel mask, so any BITFIELDS layout maps onto 8 bits. */
function channel(mask: number): { shift: number; max: number } | undefined {
  if (mask === 0) return undefined;
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  return { shift, max: mask >>> shift };
}

/**
 * Decodes the pixels of a DIB whose header was read by readDibHeader. `pixelOffset` is where the
 * rows start; for icons the 1-bit AND mask follows them and supplies transparency.
 */
function decodeDib(bytes: Buffer, header: DibHeader, pixelOffset: number, type: string, inIcon: boolean): RgbaImage {
  const { width, height, bitsPerPixel } = header;
  const stride = Math.ceil((width * bitsPerPixel) / 32) * 4;
  if (pixelOffset < 0 || pixelOffset + stride * height > bytes.length) throw damaged(type);

  let palette: Buffer | undefined;
  if (bitsPerPixel <= 8) {
    const entries = header.colorsUsed > 0 ? Math.min(header.colorsUsed, 1 << bitsPerPixel) : 1 << bitsPerPixel;
    const end = header.paletteOffset + entries * header.paletteEntrySize;
    if (end > bytes.length) throw damaged(type);
    palette = Buffer.alloc(256 * 3);
    for (let i = 0; i < entries; i++) {
      const at = header.paletteOffset + i * header.paletteEntrySize;
      palette[i * 3] = bytes[at + 2]!;
      palette[i * 3 + 1] = bytes[at + 1]!;
      palette[i * 3 + 2] = bytes[at]!;
    }
  }

  const defaultMasks: [number, number, number, number] =
    bitsPerPixel === 16 ? [0x7c00, 0x03e0, 0x001f, 0] : [0x00ff0000, 0x0000ff00, 0x000000ff, 0];
  const masks = header.masks ?? defaultMasks;
  const channels = masks.map(channel);

  const out = Buffer.alloc(width * height * 4);
  let anyAlpha = false;
  for (let row = 0; row < height; row++) {
    const source = pixelOffset + row * stride;
    const y = header.topDown ? row : height - 1 - row;
    let target = y * width * 4;
    for (let x = 0; x < width; x++, target += 4) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 255;
      if (palette) {
        const bit = x * bitsPerPixel;
        const byte = bytes[source + (bit >> 3)]!;
        const index = bitsPerPixel === 8 ? byte : (byte >> (8 - bitsPerPixel - (bit & 7))) & ((1 << bitsPerPixel) - 1);
        r = palette[index * 3]!;
        g = palette[index * 3 + 1]!;
        b = palette[index * 3 + 2]!;
      } else if (bitsPerPixel === 24) {
        const at = source + x * 3;
        b = bytes[at]!;
        g = bytes[at + 1]!;
        r = bytes[at + 2]!;
      } else {
        const value = bitsPerPixel === 16 ? bytes.readUInt16LE(source + x * 2) : bytes.readUInt32LE(source + x * 4);
        const scaled = channels.map((c) => (c ? Math.round(((((value >>> c.shift) & c.max) >>> 0) * 255) / c.max) : -1));
        r = Math.max(scaled[0]!, 0);
        g = Math.max(scaled[1]!, 0);
        b = Math.max(scaled[2]!, 0);
        if (scaled[3]! >= 0) {
          a = scaled[3]!;
        } else if (bitsPerPixel === 32 && !header.masks) {
          // BI_RGB 32-bit: the fourth byte is "reserved"; many writers (and every 32-bit icon) put alpha there.
          a = bytes[source + x * 4 + 3]!;
          if (a !== 0) anyAlpha = true;
        }
      }
      out[target] = r;
      out[target + 1] = g;
      out[target + 2] = b;
      out[target + 3] = a;
    }
  }
  // A 32-bit BI_RGB bitmap whose reserved bytes are all zero is opaque, not invisible.
  if (bitsPerPixel === 32 && !header.masks && !anyAlpha) {
    for (let i = 3; i < out.length; i += 4) out[i] = 255;
  }

  if (inIcon && !(bitsPerPixel === 32 && anyAlpha)) {
    // The AND mask: 1 bit per pixel, rows padded to 4 bytes, 1 = transparent. Missing mask = opaque.
    const maskStride = Math.ceil(width / 32) * 4;
    const maskOffset = pixelOffset + stride * height;
    if (maskOffset + maskStride * height <= bytes.length) {
      for (let row = 0; row < height; row++) {
        const y = height - 1 - row;
        for (let x = 0; x < width; x++) {
          const bit = (bytes[maskOffset + row * maskStride + (x >> 3)]! >> (7 - (x & 7))) & 1;
          if (bit) out[(y * width + x) * 4 + 3] = 0;
        }
      }
    }
  }
  return { width, height, data: out };
}

/** Width and height of a BMP from its header, checked against the pixel limit; nothing is decoded. */
export function bmpSize(bytes: Buffer, maxPixels: number): { width: number; height: number } {
  if (bytes.length < 26 || bytes.toString('latin1', 0, 2) !== 'BM') throw damaged('BMP');
  const header = readDibHeader(bytes, 14, 'BMP', false);
  validateHeader(header, 'BMP', maxPixels);
  return { width: header.width, height: header.height };
}

/** Decodes a BMP after the same header checks as bmpSize. */
export function decodeBmp(bytes: Buffer, maxPixels: number): RgbaImage {
  bmpSize(bytes, maxPixels);
  const header = readDibHeader(bytes, 14, 'BMP', false);
  return decodeDib(bytes, header, bytes.readUInt32LE(10), 'BMP', false);
}

export type IconEntry =
  | { kind: 'png'; width: number; height: number; bytes: Buffer }
  | { kind: 'dib'; width: number; height: number; offset: number; size: number; bitsPerPixel: number };

function readPngSize(png: Buffer): { width: number; height: number } | undefined {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * The entries of an ICO or CUR file with their real sizes (from the embedded PNG or bitmap header, not
 * the directory, whose bytes cannot say more than 256). Refuses the file if any entry is too large.
 */
export function iconEntries(bytes: Buffer, maxPixels: number): IconEntry[] {
  if (bytes.length < 6) throw damaged('ICO');
  const count = bytes.readUInt16LE(4);
  if (count === 0 || 6 + count * 16 > bytes.length) throw damaged('ICO');
  const entries: IconEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 16;
    const size = bytes.readUInt32LE(at + 8);
    const offset = bytes.readUInt32LE(at + 12);
    if (size < 16 || offset < 6 + count * 16 || offset + size > bytes.length) throw damaged('ICO');
    const data = bytes.subarray(offset, offset + size);
    const png = readPngSize(data);
    if (png) {
      if (png.width <= 0 || png.height <= 0) throw damaged('ICO');
      checkPixels(png.width, png.height, maxPixels);
      entries.push({ kind: 'png', ...png, bytes: data });
      continue;
    }
    const header = readDibHeader(bytes, offset, 'ICO', true);
    validateHeader(header, 'ICO', maxPixels);
    entries.push({ kind: 'dib', width: header.width, height: header.height, offset, size, bitsPerPixel: header.bitsPerPixel });
  }
  return entries;
}

/** The largest, deepest entry: what a person would call "the" picture of the icon. */
export function bestIconEntry(entries: IconEntry[]): IconEntry {
  const depth = (entry: IconEntry) => (entry.kind === 'png' ? 32 : entry.bitsPerPixel);
  return entries.reduce((best, entry) => {
    const area = entry.width * entry.height;
    const bestArea = best.width * best.height;
    return area > bestArea || (area === bestArea && depth(entry) > depth(best)) ? entry : best;
  });
}

/** Decodes one bitmap entry of an icon (only within its own byte range). */
export function decodeIconBitmap(bytes: Buffer, entry: Extract<IconEntry, { kind: 'dib' }>, maxPixels: number): RgbaImage {
  const data = bytes.subarray(entry.offset, entry.offset + entry.size);
  const header = readDibHeader(data, 0, 'ICO', true);
  validateHeader(header, 'ICO', maxPixels);
  const paletteEntries = header.bitsPerPixel <= 8 ? (header.colorsUsed > 0 ? Math.min(header.colorsUsed, 1 << header.bitsPerPixel) : 1 << header.bitsPerPixel) : 0;
  const pixelOffset = header.paletteOffset + paletteEntries * header.paletteEntrySize;
  return decodeDib(data, header, pixelOffset, 'ICO', true);
}

/**
 * Tells an image's real type from its first bytes, whatever its name or declared type say.
 * Returns a MIME type, or null when the bytes are not a known image format.
 */
export async function sniffImageType(blob: Blob): Promise<string | null> {
  const head = new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer());
  return imageTypeOf(head);
}

const HEAD_BYTES = 4096;

export function imageTypeOf(head: Uint8Array): string | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(head, 4, 8) === 'ftyp') return isoImageType(head);
  if (startsWith(head, [0xff, 0x0a]) || startsWith(head, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return 'image/jxl';
  if (ascii(head, 0, 2) === 'BM') return 'image/bmp';
  if (startsWith(head, [0, 0, 1, 0])) return 'image/x-icon';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0]) || startsWith(head, [0x4d, 0x4d, 0, 0x2a])) return 'image/tiff';
  if (looksLikeSvg(head)) return 'image/svg+xml';
  return null;
}

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);

/** ISO-BMFF (`ftyp` box): AVIF, HEIC or generic HEIF, by major then compatible brands. */
function isoImageType(head: Uint8Array): string | null {
  const boxSize = ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0);
  const brands = [ascii(head, 8, 12)];
  for (let offset = 16; offset + 4 <= Math.min(boxSize, head.length); offset += 4) {
    brands.push(ascii(head, offset, offset + 4));
  }
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'image/avif';
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return 'image/heic';
  if (brands.some((brand) => brand === 'mif1' || brand === 'msf1')) return 'image/heif';
  return null;
}

const SVG_START =
  /^\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>|<\?[\s\S]*?\?>)\s*)*<svg[\s>:]/i;

function looksLikeSvg(head: Uint8Array): boolean {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '');
  return SVG_START.test(text);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

export function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

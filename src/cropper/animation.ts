import { ascii } from './sniff-image-type.ts';

/**
 * Whether a GIF, WebP or PNG (APNG) holds more than one frame, read from its bytes: browsers
 * decode only the first frame into a bitmap, so the element says so.
 */
export async function isAnimated(blob: Blob, type: string): Promise<boolean> {
  const bytes = new Uint8Array(await (type === 'image/gif' ? blob : blob.slice(0, 65536)).arrayBuffer());
  if (type === 'image/gif') return gifFrames(bytes) > 1;
  // The VP8X chunk's flags byte: bit 1 means "animation".
  if (type === 'image/webp') return ascii(bytes, 12, 16) === 'VP8X' && ((bytes[20] ?? 0) & 2) !== 0;
  if (type === 'image/png') return apngFrames(bytes) > 1;
  return false;
}

/** Counts image descriptors, stopping at two. */
function gifFrames(bytes: Uint8Array): number {
  const colourTable = (packed = 0) => (packed & 0x80 ? 3 << ((packed & 7) + 1) : 0);
  let frames = 0;
  let i = 13 + colourTable(bytes[10]);
  while (i < bytes.length && frames < 2) {
    if (bytes[i] === 0x2c) {
      frames++;
      // descriptor (10 bytes with its introducer), local colour table, LZW minimum code size
      i += 11 + colourTable(bytes[i + 9]);
    } else if (bytes[i] === 0x21) {
      i += 2; // introducer and label
    } else {
      break;
    }
    while (i < bytes.length && bytes[i]) i += bytes[i]! + 1; // data sub-blocks
    i++;
  }
  return frames;
}

/** num_frames of the acTL chunk, which must come before the first IDAT; 1 for a plain PNG. */
function apngFrames(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 8; i + 12 <= bytes.length; i += 12 + view.getUint32(i)) {
    const type = ascii(bytes, i + 4, i + 8);
    if (type === 'IDAT') break;
    if (type === 'acTL') return view.getUint32(i + 8);
  }
  return 1;
}

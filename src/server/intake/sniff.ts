import { fileTypeFromBuffer } from 'file-type';
import { errors } from '../errors.ts';
import { looksLikeSvg } from './svg.ts';

/** Image types the endpoint accepts, keyed by the MIME type sniffed from the bytes. */
export const ACCEPTED = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'image/avif': 'AVIF',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'image/bmp': 'BMP',
  'image/x-icon': 'ICO',
  'image/svg+xml': 'SVG',
} as const;

export type AcceptedType = keyof typeof ACCEPTED;

function isAccepted(mime: string): mime is AcceptedType {
  return Object.hasOwn(ACCEPTED, mime);
}

/** Finds the real type from magic bytes (file-type) or, for text, a strict SVG check. Declared types are never consulted. */
export async function sniffImageType(bytes: Buffer): Promise<AcceptedType> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    if (isAccepted(found.mime)) return found.mime;
    throw errors.unsupportedType(`${found.ext.toUpperCase()} (${found.mime}), which is not accepted`);
  }
  if (looksLikeSvg(bytes)) return 'image/svg+xml';
  throw errors.unsupportedType('not an image in a format this server recognises');
}

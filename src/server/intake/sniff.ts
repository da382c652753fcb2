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

export function isAccepted(mime: string): mime is AcceptedType {
  return Object.hasOwn(ACCEPTED, mime);
}

/** Describes bytes that are not an accepted image, completing "The file is ...". */
function describeUnknown(bytes: Buffer): string {
  const head = bytes.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /^<(head|body|script|div|p|iframe)[\s>]/.test(head)) return 'an HTML page, not an image';
  if (head.startsWith('<')) return 'a text document (XML or HTML) that is not an SVG image';
  return 'not an image in a format this server recognises';
}

/**
 * Finds the real type from the bytes, never from what the upload declares: SVG by a strict look at
 * its text (an SVG may begin with an XML prolog or a UTF-16 byte order mark, which file-type reads
 * as "XML" or "MP1"), everything else by magic numbers (file-type).
 */
export async function sniffImageType(bytes: Buffer): Promise<AcceptedType> {
  if (looksLikeSvg(bytes)) return 'image/svg+xml';
  const found = await fileTypeFromBuffer(bytes);
  if (found && isAccepted(found.mime)) return found.mime;
  if (!found || found.mime === 'application/xml') throw errors.unsupportedType(describeUnknown(bytes));
  if (found.mime === 'application/gzip') {
    throw errors.unsupportedType('gzip-compressed (an .svgz or .gz file), which is not accepted; save SVGs uncompressed');
  }
  throw errors.unsupportedType(`${found.ext.toUpperCase()} (${found.mime}), which is not accepted`);
}

import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import { AvatarError, formatBytes } from '../errors.ts';
import { checkBudget } from './svg-budget.ts';
import { boundFilters, checkExpansion, countTags, normalizeSize } from './svg-bounds.ts';
import { MAX_SVG_BYTES, MAX_SVG_ELEMENTS, refuse, SVG_NS } from './svg-limits.ts';
import { sanitizeTree } from './svg-tree.ts';

export {
  MAX_CONVOLVE_ORDER,
  MAX_MORPHOLOGY_RADIUS_PX,
  MAX_SVG_ASPECT_RATIO,
  MAX_SVG_BYTES,
  MAX_SVG_DEPTH,
  MAX_SVG_ELEMENTS,
  MAX_SVG_EMBEDDED_IMAGES,
  MAX_SVG_EXPANDED_ELEMENTS,
  MAX_SVG_FILTER_PRIMITIVES,
  MAX_TURBULENCE_OCTAVES,
  MAX_TURBULENCE_OCTAVES_TOTAL,
} from './svg-limits.ts';

/** A raster image embedded in a sanitized SVG, to be checked like an upload of its own before rendering. */
export interface EmbeddedImage {
  declaredType: string;
  base64: string;
}

export interface SanitizedSvg {
  /** UTF-8 XML, no prolog, nothing but allowed elements and attributes. */
  bytes: Buffer;
  /** The normalized rendering size of the root, in CSS pixels. */
  width: number;
  height: number;
  embedded: EmbeddedImage[];
}

/** Decodes SVG bytes: UTF-8 (with or without BOM) or UTF-16 (BOM or `<` in the first code unit). */
function decodeText(bytes: Buffer, fatal: boolean): string | undefined {
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else if (bytes[0] === 0x3c && bytes[1] === 0x00) encoding = 'utf-16le';
  else if (bytes[0] === 0x00 && bytes[1] === 0x3c) encoding = 'utf-16be';
  try {
    // TextDecoder strips the matching BOM itself.
    return new TextDecoder(encoding, { fatal }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Cheap check on the first bytes: is this text an SVG document (possibly with a prolog)? */
export function looksLikeSvg(bytes: Buffer): boolean {
  const head = decodeText(bytes.subarray(0, 4096), false)?.replace(/^\uFEFF/, '') ?? '';
  // Anything a prolog may hold (declaration, processing instructions, comments, a DOCTYPE) is
  // skipped here so that the sanitizer, not the sniffer, refuses what must be refused, by name.
  return /^\s*(<\?[^>]*\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>\s*)*<([a-zA-Z_][\w.-]*:)?svg[\s>/]/i.test(head);
}

/**
 * Parses an SVG as strict XML (no DTD, no entities, no processing instructions), keeps only drawing
 * elements and safe attributes, gives it a bounded size, and serializes it again. The result
 * references nothing outside itself except embedded raster images, which are listed for checking.
 */
export function sanitizeSvgDocument(bytes: Buffer): SanitizedSvg {
  if (bytes.length > MAX_SVG_BYTES) {
    throw new AvatarError(413, 'too-large', `The SVG is larger than ${formatBytes(MAX_SVG_BYTES)}: simplify it or export it as PNG and try again.`);
  }
  const decoded = decodeText(bytes, true);
  if (decoded === undefined) refuse('it is not UTF-8 or UTF-16 text');
  const text = decoded.replace(/^\uFEFF/, '');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) refuse('it declares a DOCTYPE or entities');
  if (text.replace(/^\s*<\?xml\s[^>]*\?>/, '').includes('<?')) refuse('it contains processing instructions such as xml-stylesheet');
  if (countTags(text) > MAX_SVG_ELEMENTS) refuse(`it has more than ${MAX_SVG_ELEMENTS} elements; simplify it`);

  let root: Element | null;
  let problem: string | undefined;
  try {
    const parser = new DOMParser({
      onError: (level, message) => {
        if (level === 'warning') return;
        problem ??= String(message);
        throw new Error(problem);
      },
    });
    root = parser.parseFromString(text, 'image/svg+xml').documentElement;
  } catch {
    const detail = (problem ?? 'the parser gave up').split('\n')[0]!.replace(/\s+/g, ' ').trim().slice(0, 160);
    refuse(`it is not well-formed XML (${detail})`);
  }
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== 'svg') {
    refuse('its root element is not <svg> in the SVG namespace (xmlns="http://www.w3.org/2000/svg")');
  }
  const walk = sanitizeTree(root);
  checkExpansion(root);
  const size = normalizeSize(root);
  boundFilters(root);
  checkBudget(root);
  return { bytes: Buffer.from(new XMLSerializer().serializeToString(root), 'utf8'), ...size, embedded: walk.embedded };
}

/** sanitizeSvgDocument, returning only the sanitized bytes. */
export function sanitizeSvg(bytes: Buffer): Buffer {
  return sanitizeSvgDocument(bytes).bytes;
}
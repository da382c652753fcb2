import { DOMParser, XMLSerializer, type Element, type Node } from '@xmldom/xmldom';
import { AvatarError, errors, formatBytes } from '../errors.ts';
import { checkBudget } from './svg-budget.ts';
import { sanitizeStyleAttribute, sanitizeStylesheet } from './svg-css.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Largest SVG accepted, in bytes (before parsing; the upload limit applies as well). */
export const MAX_SVG_BYTES = 4 * 1024 * 1024;
/** Most elements an SVG may have; counted on the text before it is parsed, and again on the tree. */
export const MAX_SVG_ELEMENTS = 25_000;
/** Deepest nesting of elements accepted. */
export const MAX_SVG_DEPTH = 100;
/** Most embedded raster images (data:image/... URIs) an SVG may carry. */
export const MAX_SVG_EMBEDDED_IMAGES = 32;
/** Widest aspect ratio accepted: beyond it, the square crop of the rendered picture is a sliver. */
export const MAX_SVG_ASPECT_RATIO = 1000;
/** Most elements an SVG may draw once `<use>` and other same-document references are expanded. */
export const MAX_SVG_EXPANDED_ELEMENTS = 50_000;
/** Most filter primitives (`<feGaussianBlur>`, `<feTurbulence>`, ...) an SVG may have, all filters together. */
export const MAX_SVG_FILTER_PRIMITIVES = 64;
/** Highest feTurbulence numOctaves kept: each octave is one more noise pass over every pixel of the filter region. */
export const MAX_TURBULENCE_OCTAVES = 8;
/** Most feTurbulence octaves an SVG may ask for, all feTurbulence elements together (after clamping each). */
export const MAX_TURBULENCE_OCTAVES_TOTAL = 24;
/** Largest feConvolveMatrix kernel side kept (orderX, orderY): the work per pixel is orderX * orderY. */
export const MAX_CONVOLVE_ORDER = 9;
/** Largest feMorphology radius kept, in output pixels: the work per pixel grows with (2r + 1)^2. */
export const MAX_MORPHOLOGY_RADIUS_PX = 4;
/** Rendering size the root is normalized to: the short side becomes this, the long side at most LONG_SIDE. */
const SHORT_SIDE = 1024;
const LONG_SIDE = 16384;

/** Elements that draw or structure a picture. Anything else is removed with its subtree (`<a>` is unwrapped). */
const ALLOWED_ELEMENTS = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'metadata', 'switch',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'marker', 'image', 'style',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix',
  'feDiffuseLighting', 'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA',
  'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode', 'feMorphology',
  'feOffset', 'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence',
]);
/** Elements whose content is kept (unwrapped) while the element itself, and its link, goes. */
const UNWRAPPED_ELEMENTS = new Set(['a']);
/** Elements that may point at an embedded raster image (data:image/...;base64). */
const IMAGE_ELEMENTS = new Set(['image']);

const ATTRIBUTE_NAME = /^[a-zA-Z][a-zA-Z0-9_.:-]*$/;
const EMBEDDED_IMAGE = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/=\s]*)$/i;
const URL_REFERENCE = /url\s*\(\s*(['"]?)([\s\S]*?)\1\s*\)/gi;
/** CSS that loads or runs something, or that this sanitizer cannot reason about. */
const FORBIDDEN_CSS =
  /@import|@font-face|@namespace|expression\s*\(|javascript:|vbscript:|-moz-binding|behaviou?r\s*:|image-set\s*\(|(?:^|[^\w-])image\s*\(|cross-fade\s*\(|element\s*\(|src\s*\(/i;

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

function unescapeCss(css: string): string {
  return css.replace(/\\([0-9a-fA-F]{1,6}\s?|[\s\S])/g, (_, ch: string) =>
    /^[0-9a-fA-F]/.test(ch) ? String.fromCodePoint(Math.min(parseInt(ch, 16), 0x10ffff)) : ch,
  );
}

function isFragment(value: string): boolean {
  return value.trim().startsWith('#');
}

/**
 * CSS may only point inside the document or at an embedded raster image. The text is checked twice:
 * with escapes resolved, and with comments removed first and escapes resolved after, so neither a
 * comment nor an escape can hide a reference. Embedded images found are collected for checking.
 */
function checkCss(css: string, embedded: EmbeddedImage[]): boolean {
  const variants = [unescapeCss(css), unescapeCss(css.replace(/\/\*[\s\S]*?(\*\/|$)/g, ' '))];
  const found: EmbeddedImage[] = [];
  for (const text of variants) {
    if (FORBIDDEN_CSS.test(text)) return false;
    for (const match of text.matchAll(URL_REFERENCE)) {
      const target = (match[2] ?? '').trim();
      if (isFragment(target)) continue;
      const image = EMBEDDED_IMAGE.exec(target);
      if (!image) return false;
      if (text === variants[0]) found.push({ declaredType: image[1]!.toLowerCase(), base64: image[2]! });
    }
  }
  embedded.push(...found);
  return true;
}

function refuse(reason: string): never {
  throw errors.unsafeSvg(reason);
}

interface Walk {
  elements: number;
  embedded: EmbeddedImage[];
}

function sanitizeAttributes(element: Element, walk: Walk): void {
  const name = element.localName ?? '';
  for (const attr of Array.from(element.attributes)) {
    const local = attr.localName ?? attr.name;
    const ns = attr.namespaceURI;
    let keep =
      ATTRIBUTE_NAME.test(attr.name) &&
      !/^on/i.test(local) &&
      (ns === null || ns === XLINK_NS || ns === XMLNS_NS || ns === XML_NS) &&
      !(ns === XML_NS && local === 'base');
    if (keep && local === 'href' && ns !== XMLNS_NS) {
      const image = IMAGE_ELEMENTS.has(name) ? EMBEDDED_IMAGE.exec(attr.value.trim()) : null;
      if (image) walk.embedded.push({ declaredType: image[1]!.toLowerCase(), base64: image[2]! });
      else keep = isFragment(attr.value);
    }
    if (keep && local === 'style' && ns === null) {
      // Parsed and written again from its tree (svg-css.ts); nothing else of it survives.
      const css = sanitizeStyleAttribute(attr.value, walk.embedded);
      if (css) attr.value = css;
      else element.removeAttributeNode(attr);
      continue;
    }
    if (keep && local === 'filter' && ns === null) {
      // Only a reference to a <filter> of the document: CSS filter functions (blur(), ...) are not kept.
      keep = sanitizeStyleAttribute(`filter:${attr.value}`, []) !== '';
    }
    if (keep) {
      const embedded: EmbeddedImage[] = [];
      keep = checkCss(attr.value, embedded);
      // href data was collected above already; url() data in other attributes is collected here.
      if (keep && local !== 'href') walk.embedded.push(...embedded);
    }
    if (!keep) element.removeAttributeNode(attr);
  }
}

/**
 * A `<style>` is only its own text (librsvg reads nothing else): one with element children is refused,
 * since its text and what a check would read differ. Its CSS is parsed and replaced by the sheet
 * written from the parse tree.
 */
function replaceStylesheet(style: Element, walk: Walk): void {
  let css = '';
  for (let child = style.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE) refuse('its <style> element contains other elements');
    if (child.nodeType === child.TEXT_NODE || child.nodeType === child.CDATA_SECTION_NODE) css += child.nodeValue ?? '';
  }
  while (style.firstChild) style.removeChild(style.firstChild);
  const sheet = sanitizeStylesheet(css, walk.embedded);
  if (sheet) style.appendChild(style.ownerDocument!.createTextNode(sheet));
}

/** Walks the tree without recursion (so depth cannot exhaust the stack), removing what is not allowed. */
function sanitizeTree(root: Element): Walk {
  const walk: Walk = { elements: 0, embedded: [] };
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    if (++walk.elements > MAX_SVG_ELEMENTS) refuse(`it has more than ${MAX_SVG_ELEMENTS} elements; simplify it`);
    if (depth > MAX_SVG_DEPTH) refuse(`its elements are nested more than ${MAX_SVG_DEPTH} levels deep`);
    sanitizeAttributes(element, walk);
    let child = element.firstChild as Node | null;
    while (child) {
      const next = child.nextSibling as Node | null;
      if (child.nodeType === child.ELEMENT_NODE) {
        const childElement = child as Element;
        const local = childElement.localName ?? '';
        if (childElement.namespaceURI === SVG_NS && UNWRAPPED_ELEMENTS.has(local)) {
          // Move the children up in its place, then look at them (they come next in the walk).
          const first = childElement.firstChild as Node | null;
          while (childElement.firstChild) element.insertBefore(childElement.firstChild, childElement);
          element.removeChild(childElement);
          child = first ?? next;
          continue;
        }
        if (childElement.namespaceURI !== SVG_NS || !ALLOWED_ELEMENTS.has(local)) {
          element.removeChild(child);
        } else if (local === 'style') {
          replaceStylesheet(childElement, walk);
          stack.push([childElement, depth + 1]);
        } else {
          stack.push([childElement, depth + 1]);
        }
      } else if (child.nodeType !== child.TEXT_NODE && child.nodeType !== child.CDATA_SECTION_NODE) {
        // Comments, processing instructions and anything else that is not drawing or text.
        element.removeChild(child);
      }
      child = next;
    }
  }
  if (walk.embedded.length > MAX_SVG_EMBEDDED_IMAGES) refuse(`it embeds more than ${MAX_SVG_EMBEDDED_IMAGES} images`);
  return walk;
}

const LOCAL_URL = /url\s*\(\s*['"]?\s*#([^'")\s]+)/gi;

/**
 * Refuses SVGs that would draw too much once same-document references are followed: each `<use>`,
 * `href="#id"` or `url(#id)` counts the whole subtree it points at, so ten levels of ten `<use>`s
 * each (10^10 shapes, a "billion laughs" for renderers) are refused here, in milliseconds, rather
 * than by the renderer after seconds of work. Reference loops are refused too.
 */
function checkExpansion(root: Element): void {
  const byId = new Map<string, Element>();
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    const id = element.getAttribute('id');
    if (id && !byId.has(id)) byId.set(id, element);
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === child.ELEMENT_NODE) stack.push(child as Element);
    }
  }
  const targets = (element: Element): Element[] => {
    const found: Element[] = [];
    for (const attr of Array.from(element.attributes)) {
      const value = attr.value.trim();
      if ((attr.localName ?? attr.name) === 'href' && value.startsWith('#')) {
        const target = byId.get(value.slice(1));
        if (target) found.push(target);
      }
      for (const match of value.matchAll(LOCAL_URL)) {
        const target = byId.get(match[1]!);
        if (target) found.push(target);
      }
    }
    return found;
  };
  const cost = new Map<Element, number>();
  const visiting = new Set<Element>();
  const tooMuch = () => refuse(`it draws more than ${MAX_SVG_EXPANDED_ELEMENTS} elements once its <use> and other references are expanded`);
  const costOf = (element: Element, depth: number): number => {
    const known = cost.get(element);
    if (known !== undefined) return known;
    if (visiting.has(element)) refuse('its <use> or url(#...) references form a loop');
    if (depth > 1000) refuse('its <use> and url(#...) references are nested too deeply');
    visiting.add(element);
    let total = 1;
    for (const target of targets(element)) if ((total += costOf(target, depth + 1)) > MAX_SVG_EXPANDED_ELEMENTS) tooMuch();
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === child.ELEMENT_NODE && (total += costOf(child as Element, depth + 1)) > MAX_SVG_EXPANDED_ELEMENTS) tooMuch();
    }
    visiting.delete(element);
    cost.set(element, total);
    return total;
  };
  costOf(root, 0);
}

const PX_PER_UNIT: Record<string, number> = { '': 1, px: 1, pt: 4 / 3, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96 };

/** A length in CSS pixels, or undefined when it is relative (%, em, ...) or not a positive finite number. */
function absoluteLength(value: string | null): number | undefined {
  const match = /^\s*([+]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(px|pt|pc|mm|cm|in)?\s*$/.exec(value ?? '');
  if (!match) return undefined;
  const pixels = Number(match[1]) * PX_PER_UNIT[match[2] ?? '']!;
  return Number.isFinite(pixels) && pixels > 0 ? pixels : undefined;
}

/** Counts `<` followed by a name start: an upper bound of the elements, without parsing. */
function countTags(text: string): number {
  let count = 0;
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
    if (/[A-Za-z_:]/.test(text[at + 1] ?? '')) count++;
  }
  return count;
}

const round = (value: number) => String(Math.round(value * 1000) / 1000);

/**
 * Gives the root an explicit, bounded rendering size with the picture's own aspect ratio, and a viewBox
 * so the drawing scales into it. Without this, `width="1e9"` asks the renderer for a billion pixels.
 */
function normalizeSize(root: Element): { width: number; height: number } {
  const viewBoxText = root.getAttribute('viewBox');
  let viewBox: number[] | undefined;
  if (viewBoxText !== null) {
    viewBox = viewBoxText.trim().split(/[\s,]+/).map(Number);
    if (viewBox.length !== 4 || !viewBox.every(Number.isFinite) || viewBox[2]! <= 0 || viewBox[3]! <= 0) {
      refuse('its viewBox is not four numbers with a positive width and height');
    }
  }
  let width = absoluteLength(root.getAttribute('width'));
  let height = absoluteLength(root.getAttribute('height'));
  if (viewBox) {
    const ratio = viewBox[2]! / viewBox[3]!;
    if (width === undefined && height === undefined) [width, height] = [viewBox[2]!, viewBox[3]!];
    else if (width === undefined) width = height! * ratio;
    else if (height === undefined) height = width / ratio;
  } else if (width !== undefined && height !== undefined) {
    root.setAttribute('viewBox', `0 0 ${round(width)} ${round(height)}`);
  } else {
    refuse('it has no size: give the root <svg> element a viewBox, or a width and a height');
  }
  let scale = SHORT_SIDE / Math.min(width!, height!);
  if (Math.max(width!, height!) * scale > LONG_SIDE) scale = LONG_SIDE / Math.max(width!, height!);
  if (Math.max(width!, height!) / Math.min(width!, height!) > MAX_SVG_ASPECT_RATIO) {
    refuse(`it is more than ${MAX_SVG_ASPECT_RATIO} times wider than it is tall, or taller than wide`);
  }
  const normalized = { width: Number(round(width! * scale)), height: Number(round(height! * scale)) };
  root.setAttribute('width', String(normalized.width));
  root.setAttribute('height', String(normalized.height));
  return normalized;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The numbers of an attribute such as `stdDeviation="2 3"`, or undefined when it is not a list of finite numbers. */
function numbers(value: string | null): number[] | undefined {
  if (value === null) return undefined;
  const parts = value.trim().split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0 || !parts.every((part) => NUMBER.test(part))) return undefined;
  const list = parts.map(Number);
  return list.every(Number.isFinite) ? list : undefined;
}

/** Sets every number of `name` to at most `max` (in place); an unreadable value is removed, which means the default. */
function clampNumbers(element: Element, name: string, max: number): void {
  const value = element.getAttribute(name);
  if (value === null) return;
  const list = numbers(value);
  if (!list) return element.removeAttribute(name);
  if (list.some((n) => n > max)) element.setAttribute(name, list.map((n) => round(Math.min(n, max))).join(' '));
}

/**
 * Bounds the work of filter primitives before any renderer sees them. A filter runs over every pixel of
 * its region (here up to 1024 x 16384), so a few attributes decide whether it takes milliseconds or
 * hours: feTurbulence numOctaves (one noise pass per octave; 10^9 keeps librsvg busy for ever),
 * feConvolveMatrix order (orderX * orderY reads per pixel), feMorphology radius ((2r + 1)^2 reads per
 * pixel) and blur deviations. Values past what can change an avatar are clamped, so ordinary filters
 * render as drawn; a convolution kernel past 9 x 9 (or not matching its order, which makes the
 * primitive invalid anyway) is removed; too many primitives or octaves in all refuse the SVG.
 * Runs after normalizeSize, which fixes how many output pixels a user unit is.
 */
function boundFilters(root: Element): void {
  const viewBox = numbers(root.getAttribute('viewBox'))!;
  const pixelsPerUnit = Math.min(Number(root.getAttribute('width')) / viewBox[2]!, Number(root.getAttribute('height')) / viewBox[3]!);
  // The whole drawing, in user units: a blur wider than this leaves nothing but an even wash.
  const span = Math.max(viewBox[2]!, viewBox[3]!);
  let primitives = 0;
  let octaves = 0;
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === child.ELEMENT_NODE) stack.push(child as Element);
    }
    const name = element.localName ?? '';
    if (name === 'filter') {
      // SVG 1.1's filterRes asks for an offscreen resolution of its own choosing.
      element.removeAttribute('filterRes');
      continue;
    }
    if (!/^fe/.test(name) || /^feFunc|Light$|^feMergeNode$/.test(name)) continue;
    if (++primitives > MAX_SVG_FILTER_PRIMITIVES) refuse(`it has more than ${MAX_SVG_FILTER_PRIMITIVES} filter effects`);
    // Within objectBoundingBox primitive units a length is a fraction of the shape, not a user unit.
    const inBoundingBox = (element.parentNode as Element | null)?.getAttribute?.('primitiveUnits')?.trim() === 'objectBoundingBox';
    switch (name) {
      case 'feTurbulence': {
        const given = numbers(element.getAttribute('numOctaves'))?.[0] ?? 1;
        const kept = Math.max(0, Math.min(Math.floor(given), MAX_TURBULENCE_OCTAVES));
        if (String(kept) !== element.getAttribute('numOctaves')) element.setAttribute('numOctaves', String(kept));
        if ((octaves += kept) > MAX_TURBULENCE_OCTAVES_TOTAL) {
          refuse(`its feTurbulence filters ask for more than ${MAX_TURBULENCE_OCTAVES_TOTAL} noise octaves in all`);
        }
        break;
      }
      case 'feConvolveMatrix': {
        const order = numbers(element.getAttribute('order') ?? '3');
        const kernel = numbers(element.getAttribute('kernelMatrix'));
        const [x = 0, y = x] = order ?? [];
        const fits =
          order !== undefined && order.length <= 2 && Number.isInteger(x) && Number.isInteger(y) && x >= 1 && y >= 1 &&
          x <= MAX_CONVOLVE_ORDER && y <= MAX_CONVOLVE_ORDER && kernel !== undefined && kernel.length === x * y;
        if (!fits) element.parentNode!.removeChild(element);
        break;
      }
      case 'feMorphology':
        clampNumbers(element, 'radius', inBoundingBox ? MAX_MORPHOLOGY_RADIUS_PX / 1024 : MAX_MORPHOLOGY_RADIUS_PX / pixelsPerUnit);
        break;
      case 'feGaussianBlur':
      case 'feDropShadow':
        clampNumbers(element, 'stdDeviation', inBoundingBox ? 1 : span);
        break;
    }
  }
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

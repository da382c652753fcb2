import { DOMParser, XMLSerializer, type Element, type Node } from '@xmldom/xmldom';
import { errors } from '../errors.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Elements that draw or structure a picture. Anything else is removed with its subtree. */
const ALLOWED_ELEMENTS = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'metadata', 'switch',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'marker', 'image', 'style',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix',
  'feDiffuseLighting', 'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA',
  'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feMerge', 'feMergeNode', 'feMorphology',
  'feOffset', 'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence',
]);

const ATTRIBUTE_NAME = /^[a-zA-Z][a-zA-Z0-9_.:-]*$/;
const SAFE_EMBEDDED_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$/i;
const URL_REFERENCE = /url\s*\(\s*(['"]?)(.*?)\1\s*\)/gi;
const MAX_ELEMENTS = 50_000;

/** Cheap check on the first bytes: is this text an SVG document (possibly with a prolog)? */
export function looksLikeSvg(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  return /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>\s*)*<([a-zA-Z_][\w.-]*:)?svg[\s>/]/i.test(head);
}

function isSafeReference(value: string, allowEmbeddedImage: boolean): boolean {
  const trimmed = value.trim();
  return trimmed.startsWith('#') || (allowEmbeddedImage && SAFE_EMBEDDED_IMAGE.test(trimmed));
}

/** CSS may only point inside the document; `@import` and any other `url()` make the SVG fetch things. */
function isSafeCss(css: string): boolean {
  const unescaped = css.replace(/\\([0-9a-fA-F]{1,6}\s?|[\s\S])/g, (_, ch: string) =>
    /^[0-9a-fA-F]/.test(ch) ? String.fromCodePoint(Math.min(parseInt(ch, 16), 0x10ffff)) : ch,
  );
  if (/@import|expression\s*\(|javascript:|-moz-binding|behavior\s*:/i.test(unescaped)) return false;
  for (const match of unescaped.matchAll(URL_REFERENCE)) {
    if (!isSafeReference(match[2] ?? '', true)) return false;
  }
  return true;
}

function sanitizeElement(element: Element, counter: { count: number }): void {
  if (++counter.count > MAX_ELEMENTS) throw errors.unsafeSvg(`it has more than ${MAX_ELEMENTS} elements`);
  for (const attr of Array.from(element.attributes)) {
    const name = attr.name;
    const local = attr.localName ?? name;
    const keep =
      ATTRIBUTE_NAME.test(name) &&
      !/^on/i.test(local) &&
      (attr.namespaceURI === null || attr.namespaceURI === XLINK_NS || attr.namespaceURI === XMLNS_NS || attr.namespaceURI === XML_NS) &&
      !(attr.namespaceURI === XML_NS && local === 'base') &&
      (local !== 'href' || isSafeReference(attr.value, element.localName === 'image')) &&
      isSafeCss(attr.value);
    if (!keep) element.removeAttributeNode(attr);
  }
  for (const child of Array.from(element.childNodes) as Node[]) {
    if (child.nodeType === child.ELEMENT_NODE) {
      const childElement = child as Element;
      if (childElement.namespaceURI !== SVG_NS || !ALLOWED_ELEMENTS.has(childElement.localName ?? '')) {
        element.removeChild(child);
        continue;
      }
      if (childElement.localName === 'style' && !isSafeCss(childElement.textContent ?? '')) {
        element.removeChild(child);
        continue;
      }
      sanitizeElement(childElement, counter);
    } else if (child.nodeType === child.PROCESSING_INSTRUCTION_NODE) {
      element.removeChild(child);
    }
  }
}

/**
 * Parses an SVG as strict XML (no DTD, no entities), keeps only drawing elements and safe attributes,
 * and serializes it again. The result references nothing outside itself except embedded raster data.
 */
export function sanitizeSvg(bytes: Buffer): Buffer {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw errors.unsafeSvg('it is not UTF-8 text');
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw errors.unsafeSvg('it declares a DOCTYPE or entities');
  if (text.replace(/^\s*<\?xml\s[^>]*\?>/, '').includes('<?')) {
    throw errors.unsafeSvg('it contains processing instructions such as xml-stylesheet');
  }
  let root: Element | null;
  try {
    const parser = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    });
    root = parser.parseFromString(text, 'image/svg+xml').documentElement;
  } catch (error) {
    throw errors.unsafeSvg(`it is not well-formed XML (${(error as Error).message.split('\n')[0]})`);
  }
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== 'svg') {
    throw errors.unsafeSvg('its root element is not <svg> in the SVG namespace');
  }
  sanitizeElement(root, { count: 0 });
  return Buffer.from(new XMLSerializer().serializeToString(root), 'utf8');
}

import type { Element, Node } from '@xmldom/xmldom';
import type { EmbeddedImage } from './svg.ts';
import { sanitizeStyleAttribute, sanitizeStylesheet } from './svg-css.ts';
import { MAX_SVG_DEPTH, MAX_SVG_ELEMENTS, MAX_SVG_EMBEDDED_IMAGES, refuse, SVG_NS, XLINK_NS, XML_NS, XMLNS_NS } from './svg-limits.ts';

/** The SVG tree walk: allowed elements and attributes kept, everything else removed, CSS checked and re-serialized. */
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

export interface Walk {
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
export function sanitizeTree(root: Element): Walk {
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


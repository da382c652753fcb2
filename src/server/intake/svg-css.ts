import * as csstree from 'css-tree';
import type { EmbeddedImage } from './svg.ts';

/**
 * CSS of an untrusted SVG, parsed with css-tree and written again from its tree: only style rules
 * with allowed properties survive. Nothing is matched in the text, so no comment, escape, CDATA split
 * or nesting can hide a rule: what is not a parsed, allowed node is simply not written.
 * - No at-rule survives (`@import`, `@font-face`, `@media` ... ), so nothing is ever loaded.
 * - A `url()` survives only as a same-document `#id` or an embedded raster image (checked later).
 * - Functions that fetch or paint other content (`image()`, `image-set()`, `element()`, `var()` ...)
 *   and anything the parser could not read drop their whole declaration.
 */

/** Properties that draw an SVG (presentation attributes and a few text ones); anything else is dropped. */
const ALLOWED_PROPERTIES = new Set([
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity', 'color', 'display', 'visibility',
  'transform', 'transform-origin', 'transform-box', 'font', 'font-family', 'font-size', 'font-weight', 'font-style',
  'font-variant', 'font-stretch', 'letter-spacing', 'word-spacing', 'text-anchor', 'text-decoration',
  'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'writing-mode', 'direction', 'unicode-bidi',
  'stop-color', 'stop-opacity', 'clip-path', 'clip-rule', 'mask', 'mask-type', 'filter', 'flood-color',
  'flood-opacity', 'lighting-color', 'color-interpolation', 'color-interpolation-filters', 'marker', 'marker-start',
  'marker-mid', 'marker-end', 'paint-order', 'shape-rendering', 'text-rendering', 'image-rendering',
  'mix-blend-mode', 'isolation', 'overflow', 'vector-effect', 'line-height', 'white-space',
]);

/**
 * Properties that make the renderer draw offscreen or repeat content (filters, masks, clips, markers).
 * They are kept in `style=""` on the element, where the complexity budget sees them, but not in
 * `<style>` sheets, whose selectors could spread them over every element unseen.
 */
export const COSTLY_PROPERTIES = new Set(['filter', 'mask', 'clip-path', 'marker', 'marker-start', 'marker-mid', 'marker-end']);

/** Functions a kept value may use: colours, transforms, lengths. Anything else drops its declaration. */
const ALLOWED_FUNCTIONS = new Set([
  'rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color',
  'matrix', 'translate', 'translatex', 'translatey', 'scale', 'scalex', 'scaley', 'rotate', 'skew', 'skewx', 'skewy',
  'calc', 'min', 'max', 'clamp',
]);

const EMBEDDED_IMAGE = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/=\s]*)$/i;

type Found = { embedded: EmbeddedImage[] };

/** A CSS value is kept only when every node of its tree is known harmless. */
function valueIsSafe(value: csstree.CssNode, found: Found, property: string): boolean {
  let safe = true;
  csstree.walk(value, (node) => {
    if (!safe) return;
    switch (node.type) {
      case 'Raw':
        safe = false;
        break;
      case 'Function':
        // A filter must name a <filter> of the document; CSS shorthand filters (blur(), drop-shadow()) are not kept.
        if (!ALLOWED_FUNCTIONS.has(node.name.toLowerCase()) || property === 'filter') safe = false;
        break;
      case 'Url': {
        const target = node.value.trim();
        if (target.startsWith('#')) break;
        const image = EMBEDDED_IMAGE.exec(target);
        if (image) found.embedded.push({ declaredType: image[1]!.toLowerCase(), base64: image[2]! });
        else safe = false;
        break;
      }
    }
  });
  return safe;
}

function keepDeclaration(node: csstree.CssNode, found: Found, inSheet: boolean): boolean {
  if (node.type !== 'Declaration') return false;
  const property = node.property.toLowerCase();
  if (!ALLOWED_PROPERTIES.has(property) || (inSheet && COSTLY_PROPERTIES.has(property))) return false;
  const embedded: EmbeddedImage[] = [];
  if (!valueIsSafe(node.value, { embedded }, property)) return false;
  found.embedded.push(...embedded);
  return true;
}

function filterDeclarations(block: csstree.Block | csstree.DeclarationList, found: Found, inSheet: boolean): void {
  const kept = new csstree.List<csstree.CssNode>();
  block.children.forEach((node) => {
    if (keepDeclaration(node, found, inSheet)) kept.appendData(node);
  });
  block.children = kept;
}

const parse = (text: string, context: 'stylesheet' | 'declarationList') =>
  // Parse errors become Raw nodes, which are never kept.
  csstree.parse(text, { context, parseValue: true, parseRulePrelude: true, onParseError: () => {} });

/** A `<style>` sheet, rewritten: style rules with selectors and allowed declarations only. */
export function sanitizeStylesheet(text: string, embedded: EmbeddedImage[]): string {
  const sheet = parse(text, 'stylesheet') as csstree.StyleSheet;
  const kept = new csstree.List<csstree.CssNode>();
  const found: Found = { embedded: [] };
  sheet.children.forEach((node) => {
    if (node.type !== 'Rule' || node.prelude.type !== 'SelectorList') return;
    let selectorSafe = true;
    csstree.walk(node.prelude, (inner) => {
      if (inner.type === 'Raw' || inner.type === 'Url') selectorSafe = false;
    });
    if (!selectorSafe) return;
    filterDeclarations(node.block, found, true);
    if (!node.block.children.isEmpty) kept.appendData(node);
  });
  sheet.children = kept;
  embedded.push(...found.embedded);
  return csstree.generate(sheet);
}

/** A `style=""` attribute, rewritten with allowed declarations only. */
export function sanitizeStyleAttribute(text: string, embedded: EmbeddedImage[]): string {
  const list = parse(text, 'declarationList') as csstree.DeclarationList;
  const found: Found = { embedded: [] };
  filterDeclarations(list, found, false);
  embedded.push(...found.embedded);
  return csstree.generate(list);
}

/** The declarations of a sanitized `style=""`, by property (for the complexity budget). */
export function styleDeclarations(text: string): Map<string, string> {
  const declarations = new Map<string, string>();
  const list = parse(text, 'declarationList') as csstree.DeclarationList;
  list.children.forEach((node) => {
    if (node.type === 'Declaration') declarations.set(node.property.toLowerCase(), csstree.generate(node.value));
  });
  return declarations;
}

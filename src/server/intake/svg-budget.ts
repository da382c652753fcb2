import type { Element } from '@xmldom/xmldom';
import { errors } from '../errors.ts';
import { styleDeclarations } from './svg-css.ts';

/**
 * A budget for what costs a renderer time or memory, counted on the sanitized tree before anything
 * is rendered. It refuses the known bombs in milliseconds; the decode worker's deadline and memory
 * cap stop whatever it cannot foresee.
 */

/** Offscreen surfaces (opacity below 1, masks, filters, clip paths) in the whole drawing. */
export const MAX_OFFSCREEN_GROUPS = 256;
/** Offscreen surfaces inside one another: each level keeps a full-size buffer alive. */
export const MAX_OFFSCREEN_NESTING = 12;
/** Filter primitives run over the filtered regions, in whole canvases of 1024 x 1024 pixels. */
export const MAX_FILTER_CANVAS_PASSES = 96;
/** Drawings made by markers: each vertex of a marked shape draws the marker's whole content again. */
export const MAX_MARKER_DRAWS = 20_000;
/** Characters of text in all. */
export const MAX_TEXT_CHARACTERS = 10_000;

const CANVAS = 1024 * 1024;
const MARKER_PROPERTIES = ['marker-start', 'marker-mid', 'marker-end', 'marker'];

function refuse(reason: string): never {
  throw errors.unsafeSvg(reason);
}

/** The `#id` an attribute or style names through url(#id), if any. */
function localTarget(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  if (!text.toLowerCase().startsWith('url(')) return undefined;
  const inner = text.slice(4, text.lastIndexOf(')')).trim().replace(/^['"]|['"]$/g, '');
  return inner.startsWith('#') ? inner.slice(1) : undefined;
}

/** A presentation value from the element's `style` (which wins) or its attribute. */
function property(element: Element, name: string, styles: Map<Element, Map<string, string>>): string | undefined {
  let style = styles.get(element);
  if (!style) {
    style = styleDeclarations(element.getAttribute('style') ?? '');
    styles.set(element, style);
  }
  return style.get(name) ?? element.getAttribute(name) ?? undefined;
}

function children(element: Element): Element[] {
  const found: Element[] = [];
  for (let child = element.firstChild; child; child = child.nextSibling) if (child.nodeType === child.ELEMENT_NODE) found.push(child as Element);
  return found;
}

/** A length that is a fraction of the element's box (`120%` or `1.2` in objectBoundingBox units). */
function fraction(value: string | null, fallback: number): number {
  if (value === null) return fallback;
  const text = value.trim();
  const number = Number.parseFloat(text);
  if (!Number.isFinite(number)) return fallback;
  return text.endsWith('%') ? number / 100 : number;
}

/** Vertices of a shape, which markers are drawn at: every pair of numbers of its geometry. */
function vertices(element: Element): number {
  const geometry = element.getAttribute('d') ?? element.getAttribute('points') ?? '';
  let numbers = 0;
  for (const part of geometry.split(/[^0-9.eE+-]+/)) if (part !== '') numbers++;
  return Math.max(2, Math.ceil(numbers / 2));
}

export function checkBudget(root: Element): void {
  const byId = new Map<string, Element>();
  const all: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    all.push(element);
    const id = element.getAttribute('id');
    if (id && !byId.has(id)) byId.set(id, element);
    stack.push(...children(element));
  }
  const styles = new Map<Element, Map<string, string>>();
  const canvases = (Number(root.getAttribute('width')) * Number(root.getAttribute('height'))) / CANVAS || 1;

  let text = 0;
  for (const element of all) {
    const name = element.localName;
    if (name !== 'text' && name !== 'tspan' && name !== 'textPath') continue;
    for (let child = element.firstChild; child; child = child.nextSibling) if (child.nodeType === child.TEXT_NODE || child.nodeType === child.CDATA_SECTION_NODE) text += (child.nodeValue ?? '').length;
  }
  if (text > MAX_TEXT_CHARACTERS) refuse(`it has more than ${MAX_TEXT_CHARACTERS} characters of text`);

  // Offscreen surfaces and how deeply they nest.
  let offscreen = 0;
  const offscreenOf = (element: Element) => {
    const opacity = Number.parseFloat(property(element, 'opacity', styles) ?? '1');
    return (Number.isFinite(opacity) && opacity < 1) || ['mask', 'filter', 'clip-path'].some((name) => localTarget(property(element, name, styles)) !== undefined);
  };
  const nesting: [Element, number][] = [[root, 0]];
  while (nesting.length > 0) {
    const [element, outer] = nesting.pop()!;
    const depth = outer + (offscreenOf(element) ? 1 : 0);
    if (depth > outer && ++offscreen > MAX_OFFSCREEN_GROUPS) refuse(`it draws more than ${MAX_OFFSCREEN_GROUPS} groups with opacity, masks, filters or clip paths`);
    if (depth > MAX_OFFSCREEN_NESTING) refuse(`its groups with opacity, masks, filters or clip paths are nested more than ${MAX_OFFSCREEN_NESTING} deep`);
    for (const child of children(element)) nesting.push([child, depth]);
  }

  // Filter primitives x the region they run over.
  let passes = 0;
  for (const element of all) {
    const filter = byId.get(localTarget(property(element, 'filter', styles)) ?? '');
    if (filter?.localName !== 'filter') continue;
    const primitives = children(filter).filter((child) => (child.localName ?? '').startsWith('fe')).length;
    const region = Math.max(1, fraction(filter.getAttribute('width'), 1.2)) * Math.max(1, fraction(filter.getAttribute('height'), 1.2));
    passes += primitives * region * canvases;
    if (passes > MAX_FILTER_CANVAS_PASSES) refuse('its filters would take too long to draw (too many filter effects over too large an area)');
  }

  // Markers x vertices, following markers inside markers.
  const markerCost = new Map<Element, number>();
  const visiting = new Set<Element>();
  const drawsOf = (element: Element): number => {
    let draws = 0;
    for (const name of MARKER_PROPERTIES) {
      const marker = byId.get(localTarget(property(element, name, styles)) ?? '');
      if (marker?.localName === 'marker') draws += vertices(element) * costOfMarker(marker);
    }
    return draws;
  };
  const costOfMarker = (marker: Element): number => {
    const known = markerCost.get(marker);
    if (known !== undefined) return known;
    if (visiting.has(marker)) refuse('its markers refer to one another in a loop');
    visiting.add(marker);
    let cost = 1;
    const inside: Element[] = children(marker);
    while (inside.length > 0) {
      const element = inside.pop()!;
      cost += 1 + drawsOf(element);
      if (cost > MAX_MARKER_DRAWS) refuse(`its markers draw more than ${MAX_MARKER_DRAWS} shapes`);
      inside.push(...children(element));
    }
    visiting.delete(marker);
    markerCost.set(marker, cost);
    return cost;
  };
  let markerDraws = 0;
  for (const element of all) {
    if (element.localName === 'marker' || hasMarkerAncestor(element)) continue;
    markerDraws += drawsOf(element);
    if (markerDraws > MAX_MARKER_DRAWS) refuse(`its markers draw more than ${MAX_MARKER_DRAWS} shapes`);
  }
}

function hasMarkerAncestor(element: Element): boolean {
  for (let parent = element.parentNode as Element | null; parent && parent.nodeType === parent.ELEMENT_NODE; parent = parent.parentNode as Element | null) {
    if (parent.localName === 'marker') return true;
  }
  return false;
}

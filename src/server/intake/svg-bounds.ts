import type { Element } from '@xmldom/xmldom';
import {
  LONG_SIDE,
  MAX_CONVOLVE_ORDER,
  MAX_MORPHOLOGY_RADIUS_PX,
  MAX_SVG_ASPECT_RATIO,
  MAX_SVG_EXPANDED_ELEMENTS,
  MAX_SVG_FILTER_PRIMITIVES,
  MAX_TURBULENCE_OCTAVES,
  MAX_TURBULENCE_OCTAVES_TOTAL,
  refuse,
  SHORT_SIDE,
} from './svg-limits.ts';

/** What an SVG costs once drawn: reference expansion, its rendering size, and the filter parameters clamped to bounds. */
const LOCAL_URL = /url\s*\(\s*['"]?\s*#([^'")\s]+)/gi;

/**
 * Refuses SVGs that would draw too much once same-document references are followed: each `<use>`,
 * `href="#id"` or `url(#id)` counts the whole subtree it points at, so ten levels of ten `<use>`s
 * each (10^10 shapes, a "billion laughs" for renderers) are refused here, in milliseconds, rather
 * than by the renderer after seconds of work. Reference loops are refused too.
 */
export function checkExpansion(root: Element): void {
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
export function countTags(text: string): number {
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
export function normalizeSize(root: Element): { width: number; height: number } {
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
export function boundFilters(root: Element): void {
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


export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const EPSILON = 1e-6;

/**
 * Keeps a square selection inside `bounds` (the displayed image) and between `minSide` and the
 * largest square that fits. While resizing, the edges that did not move stay where they are and
 * the square stops growing at the image's edge; a move or a zoom is shifted back inside.
 * Idempotent: a square that already fits is returned unchanged.
 */
export function clampSquare(next: Rect, previous: Rect, bounds: Rect, minSide: number): Rect {
  const maxSide = Math.min(bounds.width, bounds.height);
  const floor = Math.min(minSide, maxSide);
  if (fitsInside(next, bounds, floor, maxSide)) return next;

  const resized = Math.abs(next.width - previous.width) > EPSILON || Math.abs(next.height - previous.height) > EPSILON;
  const anchorX = resized ? anchorOf(next.x, next.width, previous.x, previous.width) : 'none';
  const anchorY = resized ? anchorOf(next.y, next.height, previous.y, previous.height) : 'none';
  const side = clamp(
    Math.min(
      next.width,
      roomFrom(anchorX, next.x, next.width, bounds.x, bounds.width),
      roomFrom(anchorY, next.y, next.height, bounds.y, bounds.height),
    ),
    floor,
    maxSide,
  );
  return {
    x: clamp(place(anchorX, next.x, next.width, side), bounds.x, bounds.x + bounds.width - side),
    y: clamp(place(anchorY, next.y, next.height, side), bounds.y, bounds.y + bounds.height - side),
    width: side,
    height: side,
  };
}

/** The largest square that fits `bounds`, centred. */
export function largestCenteredSquare(bounds: Rect): Rect {
  const side = Math.min(bounds.width, bounds.height);
  return {
    x: bounds.x + (bounds.width - side) / 2,
    y: bounds.y + (bounds.height - side) / 2,
    width: side,
    height: side,
  };
}

/** A square of `side` around the centre of `rect`. */
export function squareAround(rect: Rect, side: number): Rect {
  return {
    x: rect.x + (rect.width - side) / 2,
    y: rect.y + (rect.height - side) / 2,
    width: side,
    height: side,
  };
}

export function sameRect(a: Rect, b: Rect): boolean {
  return (
    Math.abs(a.x - b.x) <= EPSILON &&
    Math.abs(a.y - b.y) <= EPSILON &&
    Math.abs(a.width - b.width) <= EPSILON &&
    Math.abs(a.height - b.height) <= EPSILON
  );
}

export function fitsInside(rect: Rect, bounds: Rect, minSide = 0, maxSide = Infinity): boolean {
  return (
    Math.abs(rect.width - rect.height) <= EPSILON &&
    rect.width >= minSide - EPSILON &&
    rect.width <= maxSide + EPSILON &&
    rect.x >= bounds.x - EPSILON &&
    rect.y >= bounds.y - EPSILON &&
    rect.x + rect.width <= bounds.x + bounds.width + EPSILON &&
    rect.y + rect.height <= bounds.y + bounds.height + EPSILON
  );
}

type Anchor = 'start' | 'end' | 'none';

/** Which edge of an axis stayed put during a resize. */
function anchorOf(start: number, size: number, previousStart: number, previousSize: number): Anchor {
  if (Math.abs(start - previousStart) <= EPSILON) return 'start';
  if (Math.abs(start + size - (previousStart + previousSize)) <= EPSILON) return 'end';
  return 'none';
}

/** How far the square may reach from its anchored edge before leaving the bounds. */
function roomFrom(anchor: Anchor, start: number, size: number, boundsStart: number, boundsSize: number): number {
  if (anchor === 'start') return boundsStart + boundsSize - start;
  if (anchor === 'end') return start + size - boundsStart;
  return Infinity;
}

function place(anchor: Anchor, start: number, size: number, side: number): number {
  if (anchor === 'start') return start;
  if (anchor === 'end') return start + size - side;
  return start + (size - side) / 2;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

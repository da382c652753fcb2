import type { Rect } from './orientation.ts';

const EPSILON = 1e-6;

/**
 * cropperjs has no option to keep the selection on the image: its `change` event is cancelled
 * and this square applied instead. A move is shifted back inside; a resize keeps the edges that did
 * not move and stops at the image's edge; any square stays between 1/`maxZoom` of the largest
 * square and the largest square. A square that already fits is returned as it is.
 */
export function keepInside(next: Rect, previous: Rect, bounds: Rect, maxZoom: number): Rect {
  const maxSide = Math.min(bounds.width, bounds.height);
  const minSide = maxSide / maxZoom;
  if (fits(next, bounds, minSide, maxSide)) return next;
  const resized = Math.abs(next.width - previous.width) > EPSILON;
  const x = anchor(resized, next.x, next.width, previous.x, previous.width, bounds.x, bounds.width);
  const y = anchor(resized, next.y, next.height, previous.y, previous.height, bounds.y, bounds.height);
  const side = Math.min(Math.max(Math.min(next.width, x.room, y.room), minSide), maxSide);
  return { x: within(x.place(side), bounds.x, bounds.width, side), y: within(y.place(side), bounds.y, bounds.height, side), width: side, height: side };
}

function fits(rect: Rect, bounds: Rect, minSide: number, maxSide: number): boolean {
  return (
    rect.width >= minSide - EPSILON &&
    rect.width <= maxSide + EPSILON &&
    rect.x >= bounds.x - EPSILON &&
    rect.y >= bounds.y - EPSILON &&
    rect.x + rect.width <= bounds.x + bounds.width + EPSILON &&
    rect.y + rect.height <= bounds.y + bounds.height + EPSILON
  );
}

/** On one axis: the edge a resize kept, how far the square may reach from it, and where a square of `side` then starts. */
function anchor(resized: boolean, start: number, size: number, previousStart: number, previousSize: number, boundsStart: number, boundsSize: number) {
  const end = start + size;
  if (resized && Math.abs(start - previousStart) <= EPSILON) return { room: boundsStart + boundsSize - start, place: () => start };
  if (resized && Math.abs(end - (previousStart + previousSize)) <= EPSILON) return { room: end - boundsStart, place: (side: number) => end - side };
  return { room: Infinity, place: (side: number) => start + (size - side) / 2 };
}

function within(start: number, boundsStart: number, boundsSize: number, side: number): number {
  return Math.min(Math.max(start, boundsStart), boundsStart + boundsSize - side);
}

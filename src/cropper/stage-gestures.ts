import type { Rect } from './clamp-selection.ts';

export interface GestureHost {
  /** The selection in stage coordinates, or null while there is nothing to frame. */
  readonly selection: Rect | null;
  readonly locked: boolean;
  /** Keeps `next` inside the image and applies it. */
  select(next: Rect): void;
  /** Resizes the selection around its centre (smaller side: more zoom). */
  resizeTo(side: number): void;
}

/** Which way each corner handle grows the square. */
const CORNERS: Record<string, [number, number]> = { nw: [-1, -1], ne: [1, -1], sw: [-1, 1], se: [1, 1] };

/**
 * Pointer input on the crop stage: drag the square to move it, drag a corner to resize it, spread or
 * pinch two fingers to zoom, and the wheel (also a trackpad pinch, which Chrome sends as Ctrl+wheel) to zoom.
 */
export class StageGestures {
  readonly #host: GestureHost;
  readonly #pointers = new Map<number, { x: number; y: number }>();
  #drag: { action: string; start: Rect; x: number; y: number } | null = null;
  #pinch: { distance: number; side: number } | null = null;

  constructor(host: GestureHost) {
    this.#host = host;
  }

  down = (event: PointerEvent): void => {
    const selection = this.#host.selection;
    if (this.#host.locked || !selection || event.button > 0) return;
    try {
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
    } catch {
      // synthetic pointers cannot be captured
    }
    this.#pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    this.#drag = null;
    this.#pinch = null;
    if (this.#pointers.size === 2) {
      this.#pinch = { distance: this.#spread(), side: selection.width };
    } else if (this.#pointers.size === 1) {
      const action = (event.target as Element).closest('[data-action]')?.getAttribute('data-action');
      if (action) this.#drag = { action, start: { ...selection }, x: event.clientX, y: event.clientY };
    }
  };

  move = (event: PointerEvent): void => {
    const point = this.#pointers.get(event.pointerId);
    if (!point) return;
    point.x = event.clientX;
    point.y = event.clientY;
    if (this.#pinch) {
      this.#host.resizeTo((this.#pinch.side * this.#pinch.distance) / Math.max(this.#spread(), 1));
      return;
    }
    const drag = this.#drag;
    if (!drag) return;
    const { start } = drag;
    const dx = point.x - drag.x;
    const dy = point.y - drag.y;
    const corner = CORNERS[drag.action];
    if (!corner) {
      this.#host.select({ ...start, x: start.x + dx, y: start.y + dy });
      return;
    }
    const [sx, sy] = corner;
    const side = start.width + Math.max(sx * dx, sy * dy);
    this.#host.select({
      x: sx > 0 ? start.x : start.x + start.width - side,
      y: sy > 0 ? start.y : start.y + start.height - side,
      width: side,
      height: side,
    });
  };

  up = (event: PointerEvent): void => {
    this.#pointers.delete(event.pointerId);
    this.#drag = null;
    this.#pinch = null;
  };

  wheel = (event: WheelEvent): void => {
    const selection = this.#host.selection;
    if (this.#host.locked || !selection) return;
    event.preventDefault();
    // deltaMode 1 counts lines (Firefox): about 16 px each.
    this.#host.resizeTo(selection.width * 2 ** ((event.deltaY * (event.deltaMode ? 16 : 1)) / 400));
  };

  #spread(): number {
    const [a, b] = [...this.#pointers.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  }
}

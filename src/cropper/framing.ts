import { clampSquare, largestCenteredSquare, type Rect, squareAround } from './clamp-selection.ts';

/** How the image is turned: `rotation` clockwise in degrees (0, 90, 180, 270), then mirrored left to right if `flipped`. */
export interface Framing {
  rotation: number;
  flipped: boolean;
}

export const UPRIGHT: Framing = { rotation: 0, flipped: false };

/** Zoom 1 is the largest square that fits the image; MAX_ZOOM shows 1/MAX_ZOOM of that side. */
export const MAX_ZOOM = 8;

/** What the stage shows, in stage coordinates (CSS px inside its border): the image's box and the square on it. */
export interface View {
  framing: Framing;
  bounds: Rect;
  selection: Rect;
}

type Size = { width: number; height: number };

/** A change of framing as the user sees it, and where a point at (u, v) of the image box (0..1) goes. */
export interface Turn {
  framing(current: Framing): Framing;
  point(u: number, v: number): [number, number];
}

const turnBy = (degrees: number) => (framing: Framing) => ({
  ...framing,
  // Mirrored, a clockwise turn on screen is a counter-clockwise one of the image underneath.
  rotation: (framing.rotation + (framing.flipped ? -degrees : degrees) + 360) % 360,
});

export const rotateRight: Turn = { framing: turnBy(90), point: (u, v) => [1 - v, u] };
export const rotateLeft: Turn = { framing: turnBy(270), point: (u, v) => [v, 1 - u] };
export const flip: Turn = { framing: (framing) => ({ ...framing, flipped: !framing.flipped }), point: (u, v) => [1 - u, v] };

/**
 * Lays the turned image out on the stage, as large as fits and centred, with the square at `centre`
 * (0..1 of the image box) and `zoom`; without a centre, the largest centred square.
 */
export function layOut(stage: Size, image: Size, framing: Framing, centre: [number, number] | null = null, zoom = 1): View {
  const [w, h] = framing.rotation % 180 ? [image.height, image.width] : [image.width, image.height];
  const scale = Math.min(stage.width / w, stage.height / h);
  const bounds = { x: (stage.width - w * scale) / 2, y: (stage.height - h * scale) / 2, width: w * scale, height: h * scale };
  const square = largestCenteredSquare(bounds);
  const view = { framing, bounds, selection: square };
  if (!centre) return view;
  const side = square.width / zoom;
  return select(view, { x: bounds.x + centre[0] * w * scale - side / 2, y: bounds.y + centre[1] * h * scale - side / 2, width: side, height: side });
}

/** Moves or resizes the square to `next`, kept inside the image and between zoom 1 and MAX_ZOOM. */
export function select(view: View, next: Rect): View {
  const { bounds } = view;
  return { ...view, selection: clampSquare(next, view.selection, bounds, Math.min(bounds.width, bounds.height) / MAX_ZOOM) };
}

/** Resizes the square around its centre. */
export function resize(view: View, side: number): View {
  return select(view, squareAround(view.selection, side));
}

export function zoomOf(view: View): number {
  return Math.min(view.bounds.width, view.bounds.height) / view.selection.width;
}

export function zoomTo(view: View, zoom: number): View {
  return resize(view, Math.min(view.bounds.width, view.bounds.height) / zoom);
}

/** Where the square's centre is on the image box, 0..1. */
export function centreOf({ bounds, selection }: View): [number, number] {
  return [(selection.x + selection.width / 2 - bounds.x) / bounds.width, (selection.y + selection.height / 2 - bounds.y) / bounds.height];
}

/** Turns the image on the same stage; the square stays on the same part of the image, at the same zoom. */
export function turnView(view: View, turn: Turn, stage: Size, image: Size): View {
  return layOut(stage, image, turn.framing(view.framing), turn.point(...centreOf(view)), zoomOf(view));
}

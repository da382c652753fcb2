/** A box in cropper-canvas coordinates (CSS px). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Size = { width: number; height: number };

/**
 * How the image is turned on screen: the linear part of a CSS `matrix(a, b, c, d, …)` with entries
 * 0 or ±1. Turns are composed on screen, in the order the user asked for them.
 */
export type Orientation = readonly [number, number, number, number];

export const UPRIGHT: Orientation = [1, 0, 0, 1];

/** What the announcements say: `rotation` clockwise in degrees, then mirrored left to right if `flipped`. */
export interface Framing {
  rotation: number;
  flipped: boolean;
}

/** A turn on screen, and where a point at (u, v) of the image's box (0..1) goes. */
export interface Turn {
  matrix: Orientation;
  point(u: number, v: number): [number, number];
}

export const rotateRight: Turn = { matrix: [0, 1, -1, 0], point: (u, v) => [1 - v, u] };
export const rotateLeft: Turn = { matrix: [0, -1, 1, 0], point: (u, v) => [v, 1 - u] };
export const flip: Turn = { matrix: [-1, 0, 0, 1], point: (u, v) => [1 - u, v] };

/** `turn` after `orientation` (matrix product turn x orientation, CSS order a, b, c, d). */
export function turned(orientation: Orientation, { matrix: [ta, tb, tc, td] }: Turn): Orientation {
  const [a, b, c, d] = orientation;
  return [ta * a + tc * b, tb * a + td * b, ta * c + tc * d, tb * c + td * d];
}

export function framingOf([a, b, c, d]: Orientation): Framing {
  const flipped = a * d - b * c < 0;
  // Mirrored, the matrix is mirror x rotation: undo the mirror to read the rotation.
  const degrees = (Math.atan2(b, flipped ? -a : a) * 180) / Math.PI;
  return { rotation: (Math.round(degrees) + 360) % 360, flipped };
}

/**
 * The turned image as large as fits the canvas, centred: the `matrix` for cropper-image (whose box
 * is the image's natural size at the canvas's top left, turned about its centre) and the box it
 * then covers.
 */
export function layOut(canvas: Size, image: Size, orientation: Orientation): { matrix: number[]; bounds: Rect } {
  const [w, h] = orientation[0] === 0 ? [image.height, image.width] : [image.width, image.height];
  const scale = Math.min(canvas.width / w, canvas.height / h);
  const bounds = { x: (canvas.width - w * scale) / 2, y: (canvas.height - h * scale) / 2, width: w * scale, height: h * scale };
  const [a, b, c, d] = orientation.map((entry) => entry * scale) as [number, number, number, number];
  return { matrix: [a, b, c, d, canvas.width / 2 - image.width / 2, canvas.height / 2 - image.height / 2], bounds };
}

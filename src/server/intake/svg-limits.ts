import { errors } from '../errors.ts';

/** Namespaces, limits and the refusal shared by the SVG sanitizer's parts. */
export const SVG_NS = 'http://www.w3.org/2000/svg';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Largest SVG accepted, in bytes (before parsing; the upload limit applies as well). */
export const MAX_SVG_BYTES = 4 * 1024 * 1024;
/** Most elements an SVG may have; counted on the text before it is parsed, and again on the tree. */
export const MAX_SVG_ELEMENTS = 25_000;
/** Deepest nesting of elements accepted. */
export const MAX_SVG_DEPTH = 100;
/** Most embedded raster images (data:image/... URIs) an SVG may carry. */
export const MAX_SVG_EMBEDDED_IMAGES = 32;
/** Widest aspect ratio accepted: beyond it, the square crop of the rendered picture is a sliver. */
export const MAX_SVG_ASPECT_RATIO = 1000;
/** Most elements an SVG may draw once `<use>` and other same-document references are expanded. */
export const MAX_SVG_EXPANDED_ELEMENTS = 50_000;
/** Most filter primitives (`<feGaussianBlur>`, `<feTurbulence>`, ...) an SVG may have, all filters together. */
export const MAX_SVG_FILTER_PRIMITIVES = 64;
/** Highest feTurbulence numOctaves kept: each octave is one more noise pass over every pixel of the filter region. */
export const MAX_TURBULENCE_OCTAVES = 8;
/** Most feTurbulence octaves an SVG may ask for, all feTurbulence elements together (after clamping each). */
export const MAX_TURBULENCE_OCTAVES_TOTAL = 24;
/** Largest feConvolveMatrix kernel side kept (orderX, orderY): the work per pixel is orderX * orderY. */
export const MAX_CONVOLVE_ORDER = 9;
/** Largest feMorphology radius kept, in output pixels: the work per pixel grows with (2r + 1)^2. */
export const MAX_MORPHOLOGY_RADIUS_PX = 4;
/** Rendering size the root is normalized to: the short side becomes this, the long side at most LONG_SIDE. */
export const SHORT_SIDE = 1024;
export const LONG_SIDE = 16384;

export function refuse(reason: string): never {
  throw errors.unsafeSvg(reason);
}

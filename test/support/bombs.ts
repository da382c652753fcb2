/**
 * Small SVGs that cost a renderer minutes or gigabytes, after the attacks reported in issue 11, with
 * `variant` changing their details so each run is a fresh file (no cache can answer for it).
 */
const svg = (body: string, viewBox = '0 0 1024 1024') =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024" viewBox="${viewBox}">${body}</svg>`);

const colour = (i: number) => `#${((i * 2654435761) >>> 8 & 0xffffff).toString(16).padStart(6, '0')}`;

export const bombs = {
  /** `style="filter:blur(3px)"` on many overlapping elements. */
  blurStyles: (variant = 0, count = 200) =>
    svg(Array.from({ length: count }, (_, i) => `<rect x="${i}" y="${i + variant}" width="800" height="800" style="filter:blur(3px)" fill="${colour(i + variant)}"/>`).join('')),
  /** Deeply nested groups with opacity, each an offscreen buffer, in a tall viewBox. */
  nestedOpacity: (variant = 0, depth = 98) =>
    svg(`${'<g opacity="0.99">'.repeat(depth)}<rect width="100" height="100000" fill="${colour(variant)}"/>${'</g>'.repeat(depth)}`, '0 0 100 100000'),
  /** Many feOffset primitives, each with its own result buffer. */
  offsetChain: (variant = 0, count = 63) =>
    svg(
      `<filter id="f" x="-50%" y="-50%" width="200%" height="200%">${Array.from({ length: count }, (_, i) => `<feOffset dx="${(i % 3) + 1}" dy="${variant % 5}" result="r${i}"/>`).join('')}</filter><rect width="1024" height="1024" filter="url(#f)" fill="${colour(variant)}"/>`,
    ),
  /** 8-octave noise filters on many shapes: within the budget's counts, still seconds of librsvg per shape at 1024 px. */
  turbulence: (variant = 0, count = 30) =>
    svg(
      `<filter id="t"><feTurbulence baseFrequency="0.9" numOctaves="8" seed="${variant}"/></filter>` +
        Array.from({ length: count }, (_, i) => `<rect width="1024" height="1024" filter="url(#t)" opacity="${(0.5 + i / 1000).toFixed(3)}"/>`).join(''),
    ),
  /** Markers nested three deep on paths of many vertices. */
  nestedMarkers: (variant = 0, vertices = 200) => {
    const points = Array.from({ length: vertices }, (_, i) => `${(i * 5) % 1000},${(i * 7 + variant) % 1000}`).join(' ');
    return svg(
      `<defs><marker id="m3" markerWidth="10" markerHeight="10"><polyline points="${points}" stroke="red"/></marker>` +
        `<marker id="m2" markerWidth="10" markerHeight="10"><polyline points="${points}" marker-mid="url(#m3)" stroke="green"/></marker>` +
        `<marker id="m1" markerWidth="10" markerHeight="10"><polyline points="${points}" marker-mid="url(#m2)" stroke="blue"/></marker></defs>` +
        `<polyline points="${points}" marker-mid="url(#m1)" stroke="${colour(variant)}"/>`,
    );
  },
};

export type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;

/** An OffscreenCanvas where the browser has one, else a detached `<canvas>`. */
export function createCanvas(width: number, height: number): AnyCanvas {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

export function context2d(canvas: AnyCanvas): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
  const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!context) throw new Error('2D canvas context is not available');
  return context;
}

/**
 * Encodes a canvas. Browsers that cannot write `type` silently write PNG instead:
 * always look at the returned Blob's `type`.
 */
export function canvasToBlob(canvas: AnyCanvas, type: string, quality?: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error(`Canvas could not be encoded as ${type}`))),
      type,
      quality,
    );
  });
}

import type { Rect } from './clamp-selection.ts';
import type { Framing } from './framing.ts';

/**
 * Paints what `region` (stage coordinates) shows of the image laid out in `bounds`, turned and
 * flipped as `framing` says, scaled to a canvas `width` px wide. The stage, the live previews and the
 * result all use it, so they agree.
 */
export function paintRegion(
  context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  image: ImageBitmap,
  bounds: Rect,
  region: Rect,
  framing: Framing,
  width: number,
): void {
  const scale = width / region.width;
  const perPixel = bounds.width / (framing.rotation % 180 ? image.height : image.width);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.setTransform(scale, 0, 0, scale, (bounds.x + bounds.width / 2 - region.x) * scale, (bounds.y + bounds.height / 2 - region.y) * scale);
  context.scale(framing.flipped ? -perPixel : perPixel, perPixel);
  context.rotate((framing.rotation * Math.PI) / 180);
  context.drawImage(image, -image.width / 2, -image.height / 2);
}

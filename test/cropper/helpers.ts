import { fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/cropper/index.ts';
import type { AvatarCropper } from '../../src/cropper/index.ts';
import type { CropperImage, CropperSelection } from '../../src/cropper/cropper-elements.ts';
import type { Rect } from '../../src/cropper/clamp-selection.ts';

/** The real images of shared/fixtures/real, served by the test runner's middleware. */
export async function realFixture(name: string): Promise<File> {
  const response = await fetch(`/fixtures/real/${name}`);
  if (!response.ok) throw new Error(`fixture ${name}: HTTP ${response.status}`);
  const blob = await response.blob();
  return new File([blob], name, { type: blob.type });
}

export async function mountCropper(attributes: Record<string, string> = {}): Promise<AvatarCropper> {
  const element = await fixture<AvatarCropper>(html`<avatar-cropper style="width: 360px"></avatar-cropper>`);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  await element.updateComplete;
  return element;
}

export function part<T extends HTMLElement = HTMLElement>(element: AvatarCropper, name: string): T {
  const found = element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}" in state "${element.state}"`);
  return found;
}

export function selectionOf(element: AvatarCropper): CropperSelection {
  return element.shadowRoot!.querySelector('cropper-selection')!;
}

export function selectionRect(element: AvatarCropper): Rect {
  const { x, y, width, height } = selectionOf(element);
  return { x, y, width, height };
}

/** Where the image is drawn inside the cropper canvas, measured from the layout. */
export function imageRect(element: AvatarCropper): Rect {
  const canvas = element.shadowRoot!.querySelector('cropper-canvas')!.getBoundingClientRect();
  const image = element.shadowRoot!.querySelector<CropperImage>('cropper-image')!.getBoundingClientRect();
  return { x: image.x - canvas.x, y: image.y - canvas.y, width: image.width, height: image.height };
}

/** Clicks Confirm and waits for the result. */
export async function confirmCrop(element: AvatarCropper): Promise<CustomEvent<{ file: File; dataUri: string }>> {
  const changed = oneEvent(element, 'avatar-change');
  part(element, 'confirm-button').click();
  return changed;
}

export async function loadAndConfirm(element: AvatarCropper, name: string) {
  await element.load(await realFixture(name));
  return confirmCrop(element);
}

export async function decodedSize(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

/** Average per-channel difference (0-255) between two images drawn at 32x32. */
export async function meanDifference(a: ImageBitmapSource, b: ImageBitmapSource): Promise<number> {
  const [pixelsA, pixelsB] = await Promise.all([thumbnail(a), thumbnail(b)]);
  let total = 0;
  for (let i = 0; i < pixelsA.length; i += 4) {
    for (let c = 0; c < 3; c++) total += Math.abs(pixelsA[i + c]! - pixelsB[i + c]!);
  }
  return total / ((pixelsA.length / 4) * 3);
}

async function thumbnail(source: ImageBitmapSource): Promise<Uint8ClampedArray> {
  const bitmap = await createImageBitmap(source);
  const canvas = new OffscreenCanvas(32, 32);
  const context = canvas.getContext('2d')!;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, 32, 32);
  bitmap.close();
  return context.getImageData(0, 0, 32, 32).data;
}

/** Resolves after the browser has rendered a frame (layout and ResizeObserver callbacks done). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

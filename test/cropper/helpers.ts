import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/cropper/index.ts';
import type { AvatarCropper } from '../../src/cropper/index.ts';
import type { Rect } from '../../src/cropper/stage/orientation.ts';

/** The real images of shared/fixtures/real, served by the test runner's middleware. */
export async function realFixture(name: string): Promise<File> {
  const response = await fetch(`/fixtures/real/${name}`);
  if (!response.ok) throw new Error(`fixture ${name}: HTTP ${response.status}`);
  const blob = await response.blob();
  return new File([blob], name, { type: blob.type });
}

/** Images made from the real fixtures by the test runner (see web-test-runner.config.mjs). */
export async function madeFixture(name: string): Promise<File> {
  const response = await fetch(`/fixtures/made/${name}`);
  if (!response.ok) throw new Error(`made fixture ${name}: HTTP ${response.status}`);
  const blob = await response.blob();
  return new File([blob], name, { type: blob.type });
}

/** The header of a valid HEIC (what an iPhone sends): Chromium cannot decode it, the server can. */
export function heicFile(): File {
  return new File([new Uint8Array([0, 0, 0, 24]), 'ftypheic', new Uint8Array(4), 'mif1heic', new Uint8Array(200)], 'IMG_0001.HEIC');
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

/** Where a part is drawn, in px from the top left of the stage's cropper-canvas (what the user sees). */
function boxOf(element: AvatarCropper, name: string): Rect {
  const origin = element.shadowRoot!.querySelector('cropper-canvas')!.getBoundingClientRect();
  const box = part(element, name).getBoundingClientRect();
  return { x: box.x - origin.x, y: box.y - origin.y, width: box.width, height: box.height };
}

/** The square as drawn. */
export function selectionRect(element: AvatarCropper): Rect {
  return boxOf(element, 'selection');
}

/** The image as drawn (turned and scaled), in the same coordinates. */
export function imageRect(element: AvatarCropper): Rect {
  return boxOf(element, 'image');
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

/** Mean colour of each 6x6 corner of the 32x32 thumbnail: top-left, top-right, bottom-left, bottom-right. */
export async function cornerColours(source: ImageBitmapSource): Promise<number[][]> {
  const pixels = await thumbnail(source);
  return [
    [0, 0],
    [26, 0],
    [0, 26],
    [26, 26],
  ].map(([left, top]) => {
    const sum = [0, 0, 0];
    for (let y = top!; y < top! + 6; y++) {
      for (let x = left!; x < left! + 6; x++) for (let c = 0; c < 3; c++) sum[c]! += pixels[(y * 32 + x) * 4 + c]!;
    }
    return sum.map((value) => value / 36);
  });
}

/** The largest difference of any channel of any corner. */
export function cornerDifference(a: number[][], b: number[][]): number {
  return Math.max(...a.flatMap((corner, i) => corner.map((value, c) => Math.abs(value - b[i]![c]!))));
}

/**
 * The source turned as a person would ask for, drawn with a plain canvas: `rotation` clockwise
 * (multiple of 90), then mirrored left to right if `flipped`; cropped to the centred square.
 */
export async function turnedCentreSquare(source: Blob, rotation: number, flipped: boolean): Promise<ImageBitmap> {
  const image = await createImageBitmap(source);
  const sideways = rotation % 180 !== 0;
  const width = sideways ? image.height : image.width;
  const height = sideways ? image.width : image.height;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.translate(width / 2, height / 2);
  if (flipped) context.scale(-1, 1);
  context.rotate((rotation * Math.PI) / 180);
  context.drawImage(image, -image.width / 2, -image.height / 2);
  const side = Math.min(width, height);
  return createImageBitmap(canvas, (width - side) / 2, (height - side) / 2, side, side);
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

/** CRC-32 as PNG chunks use it. */
export function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** The crop square is square and lies inside the image, within rounding. */
export function expectInside(element: AvatarCropper): void {
  const selection = selectionRect(element);
  const image = imageRect(element);
  const drawn = 0.05; // layout rounds to 1/64 px
  expect(selection.width, 'square').to.be.closeTo(selection.height, drawn);
  expect(selection.x, 'left').to.be.at.least(image.x - drawn);
  expect(selection.y, 'top').to.be.at.least(image.y - drawn);
  expect(selection.x + selection.width, 'right').to.be.at.most(image.x + image.width + drawn);
  expect(selection.y + selection.height, 'bottom').to.be.at.most(image.y + image.height + drawn);
}

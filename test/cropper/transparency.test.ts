/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { confirmCrop, mountCropper, realFixture } from './helpers.ts';

/** coffee.png (600x400) with its left 200 px made fully transparent, as a PNG. */
async function photoWithTransparentSide(): Promise<File> {
  const photo = await createImageBitmap(await realFixture('coffee.png'));
  const canvas = new OffscreenCanvas(photo.width, photo.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(photo, 0, 0);
  context.clearRect(0, 0, 200, photo.height);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], 'cut-out.png', { type: 'image/png' });
}

/** RGBA at (x, y) of a decoded image. */
async function pixel(blob: Blob, x: number, y: number): Promise<number[]> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  return Array.from(context.getImageData(x, y, 1, 1).data);
}

/** Runs `body` as in a browser whose canvas cannot write WebP (it writes PNG instead, like old Safari). */
async function withoutWebpEncoder<T>(body: () => Promise<T>): Promise<T> {
  const noWebp = (type?: string) => (type === 'image/webp' ? 'image/png' : type);
  const original = OffscreenCanvas.prototype.convertToBlob;
  OffscreenCanvas.prototype.convertToBlob = function (options?: ImageEncodeOptions) {
    return original.call(this, { ...options, type: noWebp(options?.type) });
  };
  // The crop comes from cropperjs's $toCanvas: a <canvas>.
  const originalToBlob = HTMLCanvasElement.prototype.toBlob;
  HTMLCanvasElement.prototype.toBlob = function (callback: BlobCallback, type?: string, quality?: number) {
    originalToBlob.call(this, callback, noWebp(type), quality);
  };
  try {
    return await body();
  } finally {
    OffscreenCanvas.prototype.convertToBlob = original;
    HTMLCanvasElement.prototype.toBlob = originalToBlob;
  }
}

/** Crops the centred 400x400 square: its left quarter (x < 200 of the photo) is transparent. */
async function cropCutOut(attributes: Record<string, string>): Promise<File> {
  const element = await mountCropper({ size: '128', ...attributes });
  await element.load(await photoWithTransparentSide());
  return (await confirmCrop(element)).detail.file;
}

describe('transparent images', () => {
  it('stay transparent in WebP', async () => {
    const file = await cropCutOut({});
    expect(file.type).to.equal('image/webp');
    expect((await pixel(file, 5, 64))[3], 'transparent side').to.equal(0);
    expect((await pixel(file, 100, 64))[3], 'photo').to.equal(255);
  });

  it('stay transparent in PNG where the browser cannot write WebP', async () => {
    const file = await withoutWebpEncoder(() => cropCutOut({}));
    expect(file.type).to.equal('image/png');
    expect((await pixel(file, 5, 64))[3]).to.equal(0);
    expect((await pixel(file, 100, 64))[3]).to.equal(255);
  });

  it('get a white background in JPEG (PNG over budget), never black', async () => {
    const file = await withoutWebpEncoder(() => cropCutOut({ budget: '9000' }));
    expect(file.type).to.equal('image/jpeg');
    const [r, g, b] = await pixel(file, 5, 64);
    expect(Math.min(r!, g!, b!)).to.be.above(245);
  });

  it('get the `background` colour in JPEG when one is set', async () => {
    const file = await withoutWebpEncoder(() => cropCutOut({ budget: '9000', background: '#ff8800' }));
    expect(file.type).to.equal('image/jpeg');
    const [r, g, b] = await pixel(file, 5, 64);
    expect(r).to.be.above(240);
    expect(g).to.be.within(120, 150);
    expect(b).to.be.below(20);
  });
});

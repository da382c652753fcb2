/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import type { AnyCanvas } from '../../src/cropper/canvas.ts';
import { encodeAvatar, JPEG_BACKGROUND, toAvatarFile } from '../../src/cropper/encode-avatar.ts';
import { AvatarCropperError } from '../../src/cropper/errors.ts';
import { realFixture } from './helpers.ts';

/** Draws a real photo (coffee.png, given a transparent corner) the way the element's $toCanvas does. */
async function photoDrawer() {
  const source = new OffscreenCanvas(400, 400);
  const sourceContext = source.getContext('2d')!;
  sourceContext.drawImage(await createImageBitmap(await realFixture('coffee.png')), 0, 0);
  sourceContext.clearRect(0, 0, 50, 50);
  const photo = await createImageBitmap(source);
  const calls: Array<{ side: number; background: string | null }> = [];
  const draw = async (side: number, background: string | null): Promise<AnyCanvas> => {
    calls.push({ side, background });
    const canvas = new OffscreenCanvas(side, side);
    const context = canvas.getContext('2d')!;
    if (background) {
      context.fillStyle = background;
      context.fillRect(0, 0, side, side);
    }
    context.drawImage(photo, 0, 0, side, side);
    return canvas;
  };
  return { draw, calls };
}

/** A browser without a WebP encoder: asked for WebP, it writes PNG. */
function withoutWebp(canvas: AnyCanvas, type: string, quality?: number): Promise<Blob> {
  return (canvas as OffscreenCanvas).convertToBlob({ type: type === 'image/webp' ? 'image/png' : type, quality });
}

async function cornerPixel(blob: Blob): Promise<number[]> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  return Array.from(context.getImageData(1, 1, 1, 1).data);
}

describe('encodeAvatar', () => {
  it('writes WebP at quality 0.9 when it fits the budget', async () => {
    const { draw, calls } = await photoDrawer();
    const blob = await encodeAvatar({ size: 512, budget: 700000, draw });
    expect(blob.type).to.equal('image/webp');
    expect(calls).to.deep.equal([{ side: 512, background: null }]);
  });

  it('steps WebP quality down, then the size, to fit the budget', async () => {
    const { draw, calls } = await photoDrawer();
    const blob = await encodeAvatar({ size: 1024, budget: 6000, draw });
    expect(blob.type).to.equal('image/webp');
    expect(blob.size).to.be.at.most(6000);
    expect(calls.length).to.be.greaterThan(1);
    expect(calls.at(-1)!.side).to.be.below(1024);
  });

  it('falls back to PNG (keeping transparency) without a WebP encoder', async () => {
    const { draw } = await photoDrawer();
    const blob = await encodeAvatar({ size: 128, budget: 700000, draw, toBlob: withoutWebp });
    expect(blob.type).to.equal('image/png');
    expect((await cornerPixel(blob))[3]).to.equal(0);
  });

  it('falls back to JPEG on a white background when PNG is over budget', async () => {
    const { draw, calls } = await photoDrawer();
    const blob = await encodeAvatar({ size: 1024, budget: 150000, draw, toBlob: withoutWebp });
    expect(blob.type).to.equal('image/jpeg');
    expect(blob.size).to.be.at.most(150000);
    expect(calls.some((call) => call.background === JPEG_BACKGROUND)).to.equal(true);
    const [r, g, b] = await cornerPixel(blob);
    expect(Math.min(r!, g!, b!)).to.be.above(240); // white, not black
  });

  it('gives up with encode-failed when nothing fits', async () => {
    const { draw } = await photoDrawer();
    try {
      await encodeAvatar({ size: 256, budget: 10, draw });
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(AvatarCropperError);
      expect((error as AvatarCropperError).code).to.equal('encode-failed');
    }
  });
});

describe('toAvatarFile', () => {
  it('names the file after its type', () => {
    expect(toAvatarFile(new Blob([], { type: 'image/webp' })).name).to.equal('avatar.webp');
    expect(toAvatarFile(new Blob([], { type: 'image/png' })).name).to.equal('avatar.png');
    expect(toAvatarFile(new Blob([], { type: 'image/jpeg' })).name).to.equal('avatar.jpg');
  });
});

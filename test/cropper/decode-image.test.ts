/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { decodeImage, MAX_WORKING_PIXELS } from '../../src/cropper/decode-image.ts';
import { DEFAULT_ACCEPT } from '../../src/cropper/index.ts';
import { acceptsType } from '../../src/cropper/accepts-type.ts';
import { sniffImageType } from '../../src/cropper/sniff-image-type.ts';
import { AvatarCropperError } from '../../src/cropper/errors.ts';
import { crc32, madeFixture, realFixture } from './helpers.ts';

const options = { accept: DEFAULT_ACCEPT };

/** What the stage's image shows: the size the browser draws its URL at. */
async function shownSize({ url }: { url: string }): Promise<{ width: number; height: number }> {
  const image = new Image();
  image.src = url;
  await image.decode();
  return { width: image.naturalWidth, height: image.naturalHeight };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as AvatarCropperError).code;
  }
  return 'resolved';
}

describe('sniffImageType', () => {
  it('tells the real fixtures apart by their bytes', async () => {
    const expected: Record<string, string | null> = {
      'astronaut.png': 'image/png',
      'rocket.jpg': 'image/jpeg',
      'truncated.jpg': 'image/jpeg',
      'wood-l.webp': 'image/webp',
      'blobs-l.svg': 'image/svg+xml',
      'dune-l.svg': 'image/svg+xml',
      'SOURCES.md': null,
    };
    for (const [name, type] of Object.entries(expected)) {
      expect(await sniffImageType(await realFixture(name)), name).to.equal(type);
    }
  });

  it('recognises SVG after an XML declaration and comments, and HEIC/AVIF by brand', async () => {
    const svg = new Blob(['\uFEFF<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>']);
    expect(await sniffImageType(svg)).to.equal('image/svg+xml');
    const ftyp = (brand: string) => new Blob([new Uint8Array([0, 0, 0, 24]), `ftyp${brand}`, new Uint8Array(4), 'mif1', brand]);
    expect(await sniffImageType(ftyp('heic'))).to.equal('image/heic');
    expect(await sniffImageType(ftyp('avif'))).to.equal('image/avif');
    expect(await sniffImageType(new Blob(['<html><svg></svg></html>']))).to.equal(null);
  });
});

describe('acceptsType', () => {
  it('understands MIME types, wildcards and extensions', () => {
    expect(acceptsType('image/png,image/jpeg', 'image/jpeg')).to.equal(true);
    expect(acceptsType('image/png', 'image/jpeg')).to.equal(false);
    expect(acceptsType('image/*', 'image/webp')).to.equal(true);
    expect(acceptsType('.jpg', 'image/jpeg')).to.equal(true);
    expect(acceptsType('.png', 'image/jpeg', 'photo.png')).to.equal(true);
    expect(acceptsType('', 'image/gif')).to.equal(true);
  });
});

describe('decodeImage', () => {
  it('shows a 4096 x 4096 WebP (16.7 MP) as it is, from the file itself', async () => {
    const image = await decodeImage(await realFixture('wood-l.webp'), options);
    expect(await shownSize(image)).to.deep.equal({ width: 4096, height: 4096 });
    expect([image.width, image.height, image.sourceType, image.animated]).to.deep.equal([4096, 4096, 'image/webp', false]);
    image.release();
  });

  it('takes a 24 MP JPEG whole: the stage draws the browser\'s own decode, no working copy', async () => {
    const canvas = new OffscreenCanvas(6000, 4000);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#3366cc';
    context.fillRect(0, 0, 6000, 4000);
    const big = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.5 });
    const image = await decodeImage(big, options);
    expect(await shownSize(image)).to.deep.equal({ width: 6000, height: 4000 });
    image.release();
  });

  it('applies EXIF orientation exactly once (the browser\'s)', async () => {
    const original = new Uint8Array(await (await realFixture('hubble_deep_field.jpg')).arrayBuffer()); // 1000x872
    const rotated = original.slice();
    // IFD0's first entry is Orientation (0x0112) = 1; make it 6 (rotate 90° clockwise).
    expect([rotated[0x16], rotated[0x17], rotated[0x1e]]).to.deep.equal([0x12, 0x01, 1]);
    rotated[0x1e] = 6;
    const image = await decodeImage(new Blob([rotated], { type: 'image/jpeg' }), options);
    expect([image.width, image.height]).to.deep.equal([872, 1000]);
    expect(await shownSize(image)).to.deep.equal({ width: 872, height: 1000 });
    image.release();
  });

  it('shows SVG, also without a declared type', async () => {
    const svg = await realFixture('blobs-l.svg');
    const image = await decodeImage(new Blob([await svg.arrayBuffer()]), options);
    expect([image.width, image.height]).to.deep.equal([4096, 4096]);
    expect(image.sourceType).to.equal('image/svg+xml');
    image.release();
  });

  it('shows an animation as a still PNG of its first frame (the stage would play it), at most 16.7 MP', async () => {
    const image = await decodeImage(await madeFixture('animated.gif'), options);
    expect(image.animated).to.equal(true);
    expect((await (await fetch(image.url)).blob()).type).to.equal('image/png');
    expect(await shownSize(image)).to.deep.equal({ width: 160, height: 120 });
    expect(160 * 120).to.be.at.most(MAX_WORKING_PIXELS);
    image.release();
  });

  it('refuses what is not an acceptable, decodable image', async () => {
    expect(await codeOf(decodeImage(new Blob(['just text']), options))).to.equal('not-an-image');
    expect(await codeOf(decodeImage(await realFixture('truncated.jpg'), options))).to.equal('decode-failed');
    expect(await codeOf(decodeImage(await realFixture('rocket.jpg'), { accept: 'image/png' }))).to.equal('type-not-allowed');
    const heic = new Blob([new Uint8Array([0, 0, 0, 24]), 'ftypheic', new Uint8Array(4), 'mif1heic', new Uint8Array(64)]);
    expect(await codeOf(decodeImage(heic, options))).to.equal('unsupported-format');
  });

  it('refuses images with too many pixels before decoding them', async () => {
    // A valid PNG header claiming 20000 x 20000 pixels (400 MP).
    const canvas = new OffscreenCanvas(1, 1);
    canvas.getContext('2d');
    const png = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    const view = new DataView(png.buffer);
    view.setUint32(16, 20000);
    view.setUint32(20, 20000);
    view.setUint32(29, crc32(png.subarray(12, 29)));
    expect(await codeOf(decodeImage(new Blob([png], { type: 'image/png' }), options))).to.equal('too-large');
  });
});

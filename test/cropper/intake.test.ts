/// <reference types="mocha" />
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { isAnimated } from '../../src/cropper/animation.ts';
import { DEFAULT_UPLOADABLE } from '../../src/cropper/index.ts';
import { confirmCrop, crc32, heicFile, madeFixture, meanDifference, mountCropper, part, realFixture } from './helpers.ts';

/** An HEIC as far as its bytes say (ISO-BMFF `ftyp` box, brand heic), which Chromium cannot decode. */

describe('taking a photo', () => {
  it('offers "Take a photo" with the camera attribute, opening the front camera', async () => {
    const element = await mountCropper({ camera: '' });
    const button = part(element, 'camera-button');
    expect(button.textContent?.trim()).to.equal('Take a photo');
    const input = element.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
    button.click(); // the (headless, ignored) file chooser opens
    expect(input.getAttribute('capture')).to.equal('user');
    expect(input.accept).to.equal('image/*');
    part(element, 'choose-button').click();
    expect(input.hasAttribute('capture')).to.equal(false);
    expect(input.accept).to.equal(element.accept);
  });

  it('shows it only on touch screens by default (not on this mouse-driven desktop), never with camera="never"', async () => {
    expect(matchMedia('(pointer: coarse)').matches).to.equal(false);
    const auto = await mountCropper();
    expect(auto.shadowRoot!.querySelector('[part~="camera-button"]')).to.equal(null);
    const never = await mountCropper({ camera: 'never' });
    expect(never.shadowRoot!.querySelector('[part~="camera-button"]')).to.equal(null);
  });
});

describe('animated images', () => {
  for (const name of ['animated.gif', 'animated.webp']) {
    it(`crops the first frame of ${name} and says so`, async () => {
      const source = await madeFixture(name);
      expect(await isAnimated(source, source.type)).to.equal(true);
      const element = await mountCropper({ size: '120' });
      await element.load(source);
      expect(part(element, 'notice').textContent).to.equal('This image is animated: only its first frame is used.');
      const region = element.shadowRoot!.querySelector('[aria-live]')!;
      expect(region.textContent).to.equal('This image is animated: only its first frame is used.');
      const { file } = (await confirmCrop(element)).detail;
      // The frames are 160x120: the square is their centred 120x120.
      const first = await createImageBitmap(await madeFixture('first-frame.png'), 20, 0, 120, 120);
      const second = await createImageBitmap(await madeFixture('second-frame.png'), 20, 0, 120, 120);
      expect(await meanDifference(file, first)).to.be.below(name.endsWith('gif') ? 12 : 4);
      expect(await meanDifference(file, second)).to.be.above(30);
    });
  }

  it('tells still images (also a still GIF, WebP and PNG) from animated ones', async () => {
    for (const file of [await realFixture('wood-l.webp'), await realFixture('astronaut.png'), await realFixture('rocket.jpg'), await madeFixture('still.gif')]) {
      expect(await isAnimated(file, file.type), file.name).to.equal(false);
    }
    const element = await mountCropper();
    await element.load(await realFixture('wood-l.webp'));
    expect(element.shadowRoot!.querySelector('[part~="notice"]')).to.equal(null);
  });

  it('recognises an animated PNG (APNG) by its acTL chunk', async () => {
    const png = new Uint8Array(await (await realFixture('astronaut.png')).arrayBuffer());
    const withFrames = (frames: number) => {
      // acTL (num_frames, num_plays) goes right after IHDR, which ends at byte 33.
      const chunk = new Uint8Array(20);
      const view = new DataView(chunk.buffer);
      view.setUint32(0, 8);
      chunk.set([0x61, 0x63, 0x54, 0x4c], 4);
      view.setUint32(8, frames);
      view.setUint32(16, crc32(chunk.subarray(4, 16)));
      return new Blob([png.subarray(0, 33), chunk, png.subarray(33)], { type: 'image/png' });
    };
    expect(await isAnimated(withFrames(3), 'image/png')).to.equal(true);
    expect(await isAnimated(withFrames(1), 'image/png')).to.equal(false);
  });
});

describe('images the browser cannot decode', () => {
  it('explains HEIC and offers to upload it uncropped, which sets the original as the value', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><avatar-cropper name="avatar"></avatar-cropper></form>`);
    const element = form.querySelector('avatar-cropper')!;
    const heic = heicFile();
    const failed = oneEvent(element, 'avatar-error');
    await element.load(heic);
    const { detail } = await failed;
    expect(detail.code).to.equal('unsupported-format');
    expect(detail.message).to.equal(
      'This browser cannot read this image format (for example HEIC), so it cannot be cropped here.',
    );
    await element.updateComplete;
    const offer = part(element, 'upload-button');
    expect(offer.textContent?.trim()).to.equal('Upload it uncropped (the server will centre it)');

    const changed = oneEvent(element, 'avatar-change');
    offer.click();
    const { file, dataUri } = (await changed).detail;
    expect(file.name).to.equal('IMG_0001.HEIC');
    expect(file.type).to.equal('image/heic');
    expect(new Uint8Array(await file.arrayBuffer())).to.deep.equal(new Uint8Array(await heic.arrayBuffer()));
    expect(dataUri.startsWith('data:image/heic;base64,')).to.equal(true);
    expect(element.file).to.equal(file);
    expect(element.value).to.equal(dataUri);
    expect(element.state).to.equal('done');
    expect((new FormData(form).get('avatar') as File).size).to.equal(heic.size);
    await element.updateComplete;
    expect(part(element, 'message').textContent).to.equal('IMG_0001.HEIC will be uploaded as it is; the server will centre it.');
    expect(element.shadowRoot!.querySelector('[part~="preview"]')).to.equal(null);
  });

  it('never offers it for a damaged JPEG (truncated.jpg), which the server would refuse too', async () => {
    const element = await mountCropper({ uploadable: 'image/jpeg,image/heic' });
    await element.load(await realFixture('truncated.jpg'));
    expect(element.state).to.equal('error');
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part~="upload-button"]')).to.equal(null);
    expect(part(element, 'retry-button')).to.exist;
    expect(element.file).to.equal(null);
  });

  it('does not offer it for types outside `uploadable`, nor for files over the budget', async () => {
    expect(DEFAULT_UPLOADABLE.split(',')).to.have.members(['image/heic', 'image/heif', 'image/bmp', 'image/x-icon']);
    const picky = await mountCropper({ uploadable: 'image/png,image/jpeg' });
    await picky.load(heicFile());
    expect(picky.state).to.equal('error');
    expect(picky.shadowRoot!.querySelector('[part~="upload-button"]')).to.equal(null);
    expect(part(picky, 'retry-button')).to.exist;

    const tight = await mountCropper({ budget: '100' });
    await tight.load(heicFile());
    expect(tight.shadowRoot!.querySelector('[part~="upload-button"]')).to.equal(null);
  });

  it('forgets the offer once another image loads', async () => {
    const element = await mountCropper();
    await element.load(heicFile());
    await element.load(await realFixture('rocket.jpg'));
    await element.load(new Blob(['not an image']));
    expect(element.shadowRoot!.querySelector('[part~="upload-button"]')).to.equal(null);
  });
});

describe('byte and pixel limits', () => {
  it('refuses files over max-bytes with the sizes, before looking at the bytes', async () => {
    const element = await mountCropper({ 'max-bytes': '500000' });
    expect(element.maxBytes).to.equal(500000);
    const failed = oneEvent(element, 'avatar-error');
    await element.load(await realFixture('astronaut.png')); // 791555 bytes
    const { detail } = await failed;
    expect(detail.code).to.equal('too-large');
    expect(detail.message).to.equal('This file is too large: 0.792 MB (at most 0.5 MB).');
    // Even text is refused for its size first: the check comes before anything is read.
    const text = oneEvent(element, 'avatar-error');
    await element.load(new Blob([new Uint8Array(600000)]));
    expect((await text).detail.code).to.equal('too-large');
  });

  it('refuses images over max-pixels with their megapixels', async () => {
    const element = await mountCropper({ 'max-pixels': '250000' });
    const failed = oneEvent(element, 'avatar-error');
    await element.load(await realFixture('astronaut.png')); // 512 x 512 = 262144 pixels
    const { detail } = await failed;
    expect(detail.code).to.equal('too-large');
    expect(detail.message).to.equal('This image is too large: 0.262 megapixels (at most 0.25).');
    expect(element.state).to.equal('error');
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part~="upload-button"]'), 'not a decoding problem').to.equal(null);
  });

  it('admits what is within both limits', async () => {
    const element = await mountCropper({ 'max-bytes': '800000', 'max-pixels': '262144' });
    await element.load(await realFixture('astronaut.png'));
    expect(element.state).to.equal('cropping');
  });
});

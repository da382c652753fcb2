/// <reference types="mocha" />
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AvatarCropper } from '../../src/cropper/index.ts';
import {
  confirmCrop,
  decodedSize,
  imageRect,
  loadAndConfirm,
  meanDifference,
  mountCropper,
  part,
  realFixture,
  selectionRect,
  expectInside,
} from './helpers.ts';

/** Boxes are measured as drawn: layout rounds to 1/64 px. */
const EPSILON = 0.05;


describe('<avatar-cropper>', () => {
  describe('when empty', () => {
    it('offers a file chooser button and a drop hint, and is accessible', async () => {
      const element = await mountCropper();
      expect(element.state).to.equal('empty');
      expect(element.getAttribute('state')).to.equal('empty');
      expect(part(element, 'choose-button').textContent?.trim()).to.equal('Choose an image');
      expect(part(element, 'hint').textContent).to.match(/drop/i);
      expect(element.file).to.equal(null);
      expect(element.value).to.equal('');
      await expect(element).to.be.accessible();
    });

    it('has the documented defaults', async () => {
      const element = await mountCropper();
      expect(element.size).to.equal(1024);
      expect(element.budget).to.equal(700000);
      expect(element.accept).to.equal(
        'image/png,image/jpeg,image/webp,image/gif,image/avif,image/svg+xml,image/heic,image/heif',
      );
      expect(element.shadowRoot!.querySelector('input[type=file]')).to.have.attribute('accept', element.accept);
      expect(element.uploadable).to.equal('image/heic,image/heif,image/bmp,image/x-icon');
      expect([element.maxBytes, element.maxPixels]).to.deep.equal([50_000_000, 120_000_000]);
      expect([element.background, element.camera, element.round]).to.deep.equal(['#ffffff', 'auto', false]);
      expect(element.hasAttribute('theme')).to.equal(false);
    });
  });

  describe('load()', () => {
    it('reaches the cropping state with astronaut.png', async () => {
      const element = await mountCropper();
      await element.load(await realFixture('astronaut.png'));
      expect(element.state).to.equal('cropping');
      expect(part(element, 'confirm-button')).to.exist;
      expect(part(element, 'cancel-button')).to.exist;
      expect(part(element, 'zoom').querySelector('input[type=range]')).to.exist;
      expect(part(element, 'stage').tabIndex).to.equal(0);
      await expect(element).to.be.accessible();
    });

    it('shows the whole image and starts with the largest centred square on it', async () => {
      const element = await mountCropper();
      await element.load(await realFixture('chelsea.png')); // 451x300, landscape
      const image = imageRect(element);
      const stage = part(element, 'stage').getBoundingClientRect();
      // Contained: 2 px border and half a 24 px handle of room on each side.
      expect(image.width).to.be.closeTo(stage.width - 4 - 24, 1);
      expect(image.width / image.height).to.be.closeTo(451 / 300, 0.01);
      const selection = selectionRect(element);
      expect(selection.height).to.be.closeTo(image.height, EPSILON);
      expect(selection.x + selection.width / 2).to.be.closeTo(image.x + image.width / 2, EPSILON);
      expectInside(element);
    });

    it('shows a status while the image is prepared', async () => {
      const element = await mountCropper();
      const loading = element.load(await realFixture('astronaut.png'));
      await element.updateComplete;
      expect(element.state).to.equal('loading');
      expect(part(element, 'status')).to.have.attribute('role', 'status');
      await loading;
    });
  });

  describe('confirming', () => {
    it('produces a size x size File within the budget from astronaut.png', async () => {
      const element = await mountCropper();
      const event = await loadAndConfirm(element, 'astronaut.png');
      const { file, dataUri } = event.detail;
      expect(file).to.be.instanceOf(File);
      expect(file.type).to.equal('image/webp');
      expect(file.name).to.equal('avatar.webp');
      expect(file.size).to.be.at.most(700000);
      expect(await decodedSize(file)).to.deep.equal({ width: 1024, height: 1024 });
      expect(dataUri.startsWith('data:image/webp;base64,')).to.equal(true);
      expect(element.file).to.equal(file);
      expect(element.value).to.equal(dataUri);
      expect(element.state).to.equal('done');
      expect(event.bubbles && event.composed).to.equal(true);
    });

    it('honours the size and budget attributes', async () => {
      const element = await mountCropper({ size: '256', budget: '12000' });
      const { file } = (await loadAndConfirm(element, 'astronaut.png')).detail;
      expect(await decodedSize(file)).to.deep.equal({ width: 256, height: 256 });
      expect(file.size).to.be.at.most(12000);
    });

    it('steps quality, then size, down to fit a tight budget', async () => {
      const element = await mountCropper({ budget: '8000' });
      const { file } = (await loadAndConfirm(element, 'coffee.png')).detail;
      expect(file.size).to.be.at.most(8000);
      const { width, height } = await decodedSize(file);
      expect(width).to.equal(height);
      expect(width).to.be.at.most(1024);
    });

    it('turns a landscape photo (chelsea.png) into a square of what was selected', async () => {
      const element = await mountCropper({ size: '512' });
      const source = await realFixture('chelsea.png');
      await element.load(source);
      const { file } = (await confirmCrop(element)).detail;
      expect(await decodedSize(file)).to.deep.equal({ width: 512, height: 512 });
      // The initial selection is the centred 300x300 square of the 451x300 photo.
      const expected = await createImageBitmap(source, (451 - 300) / 2, 0, 300, 300);
      expect(await meanDifference(file, expected)).to.be.below(6);
    });

    it('works with a 4096 x 4096 WebP (wood-l.webp, 16.7 MP)', async () => {
      const element = await mountCropper();
      const { file } = (await loadAndConfirm(element, 'wood-l.webp')).detail;
      expect(await decodedSize(file)).to.deep.equal({ width: 1024, height: 1024 });
      expect(file.size).to.be.at.most(700000);
    });

    it('works with a JPEG with EXIF (hubble_deep_field.jpg) and an SVG (blobs-l.svg)', async () => {
      for (const name of ['hubble_deep_field.jpg', 'blobs-l.svg']) {
        const element = await mountCropper({ size: '128' });
        const { file } = (await loadAndConfirm(element, name)).detail;
        expect(await decodedSize(file), name).to.deep.equal({ width: 128, height: 128 });
      }
    });

    it('shows the result with Change and Remove buttons', async () => {
      const element = await mountCropper();
      const { dataUri } = (await loadAndConfirm(element, 'rocket.jpg')).detail;
      await element.updateComplete;
      expect(part<HTMLImageElement>(element, 'preview').src).to.equal(dataUri);
      expect(part(element, 'change-button').textContent?.trim()).to.equal('Change');
      expect(part(element, 'remove-button').textContent?.trim()).to.equal('Remove');
      await expect(element).to.be.accessible();
    });

    it('is triggered by Enter on the crop area; Escape cancels', async () => {
      const element = await mountCropper();
      await element.load(await realFixture('rocket.jpg'));
      part(element, 'stage').focus();
      await sendKeys({ press: 'Escape' });
      await element.updateComplete;
      expect(element.state).to.equal('empty');
      expect(element.file).to.equal(null);

      await element.load(await realFixture('rocket.jpg'));
      part(element, 'stage').focus();
      const changed = oneEvent(element, 'avatar-change');
      await sendKeys({ press: 'Enter' });
      await changed;
      expect(element.state).to.equal('done');
    });
  });

  describe('focus', () => {
    it('follows the user from state to state', async () => {
      const element = await mountCropper();
      await element.load(await realFixture('rocket.jpg'));
      part(element, 'stage').focus();
      const changed = oneEvent(element, 'avatar-change');
      await sendKeys({ press: 'Enter' });
      await changed;
      await element.updateComplete;
      expect(element.shadowRoot!.activeElement).to.equal(part(element, 'change-button'));
      part(element, 'remove-button').focus();
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(element.state).to.equal('empty');
      expect(element.shadowRoot!.activeElement).to.equal(part(element, 'choose-button'));
    });

    it('is not taken by a programmatic load()', async () => {
      const element = await mountCropper();
      const outside = document.createElement('button');
      document.body.append(outside);
      outside.focus();
      await element.load(await realFixture('rocket.jpg'));
      await element.updateComplete;
      expect(document.activeElement).to.equal(outside);
      outside.remove();
    });
  });

  describe('in a form', () => {
    it('submits the File under its name', async () => {
      const form = await fixture<HTMLFormElement>(html`
        <form><avatar-cropper name="avatar" size="256"></avatar-cropper><input name="user" value="akadmin" /></form>
      `);
      const element = form.querySelector('avatar-cropper')!;
      expect(new FormData(form).has('avatar')).to.equal(false);
      const { file } = (await loadAndConfirm(element, 'astronaut.png')).detail;
      const submitted = new FormData(form).get('avatar');
      expect(submitted).to.be.instanceOf(File);
      expect((submitted as File).name).to.equal('avatar.webp');
      expect((submitted as File).size).to.equal(file.size);
      expect(new FormData(form).get('user')).to.equal('akadmin');
    });

    it('makes the form invalid while required and nothing is chosen; a framed crop counts, as a submit confirms it', async () => {
      const form = await fixture<HTMLFormElement>(html`<form><avatar-cropper name="avatar" required></avatar-cropper></form>`);
      const element = form.querySelector('avatar-cropper')!;
      await element.updateComplete;
      expect(form.checkValidity()).to.equal(false);
      expect(element.validity.valueMissing).to.equal(true);
      expect(element.validationMessage).to.not.equal('');
      await element.load(await realFixture('rocket.jpg'));
      expect(form.checkValidity(), 'cropping: a submit confirms the framing').to.equal(true);
      await confirmCrop(element);
      expect(form.checkValidity()).to.equal(true);
      element.clear();
      expect(form.checkValidity()).to.equal(false);
    });

    it('is cleared by a form reset', async () => {
      const form = await fixture<HTMLFormElement>(html`<form><avatar-cropper name="avatar"></avatar-cropper></form>`);
      const element = form.querySelector('avatar-cropper')!;
      await loadAndConfirm(element, 'rocket.jpg');
      form.reset();
      await element.updateComplete;
      expect(element.file).to.equal(null);
      expect(element.state).to.equal('empty');
      expect(new FormData(form).has('avatar')).to.equal(false);
    });

    it('is disabled by a disabled fieldset', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><fieldset disabled><avatar-cropper name="avatar"></avatar-cropper></fieldset></form>`,
      );
      const element = form.querySelector('avatar-cropper')!;
      await element.updateComplete;
      expect(part<HTMLButtonElement>(element, 'choose-button').disabled).to.equal(true);
      form.querySelector('fieldset')!.disabled = false;
      await element.updateComplete;
      expect(part<HTMLButtonElement>(element, 'choose-button').disabled).to.equal(false);
    });
  });

  describe('errors', () => {
    it('reports decode-failed with a readable message for a truncated JPEG', async () => {
      const element = await mountCropper();
      const failed = oneEvent(element, 'avatar-error');
      await element.load(await realFixture('truncated.jpg'));
      const { detail } = await failed;
      expect(detail.code).to.equal('decode-failed');
      expect(detail.message).to.match(/could not be read/);
      expect(element.state).to.equal('error');
      expect(part(element, 'error')).to.have.attribute('role', 'alert');
      expect(part(element, 'message').textContent).to.equal(detail.message);
      expect(part(element, 'retry-button')).to.exist;
      await expect(element).to.be.accessible();
    });

    it('reports not-an-image for text, even when it claims to be a PNG', async () => {
      for (const blob of [
        new Blob(['hello, world'], { type: 'text/plain' }),
        new Blob(['hello, world'], { type: 'image/png' }),
        new Blob([]),
      ]) {
        const element = await mountCropper();
        const failed = oneEvent(element, 'avatar-error');
        await element.load(blob);
        expect((await failed).detail.code).to.equal('not-an-image');
        expect((await failed).detail.message).to.equal('This file is not an image.');
      }
    });

    it('reports type-not-allowed for an image outside accept', async () => {
      const element = await mountCropper({ accept: 'image/png' });
      const failed = oneEvent(element, 'avatar-error');
      await element.load(await realFixture('rocket.jpg'));
      expect((await failed).detail.code).to.equal('type-not-allowed');
    });

    it('keeps the previous result when a new image fails, and goes back to it on retry', async () => {
      const element = await mountCropper();
      const { file } = (await loadAndConfirm(element, 'rocket.jpg')).detail;
      await element.load(await realFixture('truncated.jpg'));
      expect(element.state).to.equal('error');
      expect(element.file).to.equal(file);
      part(element, 'retry-button').click(); // also opens the (headless, ignored) file chooser
      await element.updateComplete;
      expect(element.state).to.equal('done');
    });
  });

  describe('clearing and cancelling', () => {
    it('clear() empties the element and fires avatar-clear', async () => {
      const element = await mountCropper({ name: 'avatar' });
      await loadAndConfirm(element, 'rocket.jpg');
      const cleared = oneEvent(element, 'avatar-clear');
      element.clear();
      await cleared;
      expect(element.file).to.equal(null);
      expect(element.value).to.equal('');
      await element.updateComplete;
      expect(element.state).to.equal('empty');
    });

    it('the Remove button clears too', async () => {
      const element = await mountCropper();
      await loadAndConfirm(element, 'rocket.jpg');
      await element.updateComplete;
      const cleared = oneEvent(element, 'avatar-clear');
      part(element, 'remove-button').click();
      await cleared;
      expect(element.file).to.equal(null);
    });

    it('Cancel while cropping returns to the previous result', async () => {
      const element = await mountCropper();
      const { file } = (await loadAndConfirm(element, 'rocket.jpg')).detail;
      await element.load(await realFixture('astronaut.png'));
      part(element, 'cancel-button').click();
      await element.updateComplete;
      expect(element.state).to.equal('done');
      expect(element.file).to.equal(file);
    });

    it('a newer load() wins over an older one still decoding', async () => {
      const element = await mountCropper();
      const slow = element.load(await realFixture('wood-l.webp'));
      const fast = element.load(await realFixture('rocket.jpg'));
      await Promise.all([slow, fast]);
      expect(element.state).to.equal('cropping');
      const image = imageRect(element); // rocket.jpg is 640x427, wood-l.webp square
      expect(image.width / image.height).to.be.closeTo(640 / 427, 0.01);
    });
  });

  describe('drag-and-drop and paste', () => {
    it('loads a dropped image file', async () => {
      const element = await mountCropper();
      const transfer = new DataTransfer();
      transfer.items.add(await realFixture('rocket.jpg'));
      element.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      await element.updateComplete;
      expect(element.hasAttribute('dragging')).to.equal(true);
      const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
      element.dispatchEvent(drop);
      expect(drop.defaultPrevented).to.equal(true);
      await element.updateComplete;
      expect(element.hasAttribute('dragging')).to.equal(false);
      await waitForState(element, 'cropping');
    });

    it('loads a pasted image', async () => {
      const element = await mountCropper();
      const transfer = new DataTransfer();
      transfer.items.add(await realFixture('astronaut.png'));
      part(element, 'choose-button').dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, composed: true, cancelable: true }),
      );
      await waitForState(element, 'cropping');
    });

    it('ignores drops while disabled', async () => {
      const element = await mountCropper({ disabled: '' });
      const transfer = new DataTransfer();
      transfer.items.add(await realFixture('rocket.jpg'));
      const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
      element.dispatchEvent(drop);
      expect(drop.defaultPrevented).to.equal(false);
      expect(element.state).to.equal('empty');
    });
  });
});

async function waitForState(element: AvatarCropper, state: string): Promise<void> {
  for (let i = 0; i < 200 && element.state !== state; i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(element.state).to.equal(state);
}

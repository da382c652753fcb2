/// <reference types="mocha" />
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AvatarCropper } from '../../src/cropper/index.ts';
import { decodedSize, mountCropper, nextFrame, part, realFixture } from './helpers.ts';

interface Submitted {
  submitter: HTMLElement | null;
  avatar: FormDataEntryValue | null;
}

/** A plain form with a required cropper and a submit button; records what the page's own handler sees. */
async function plainForm(): Promise<{ form: HTMLFormElement; element: AvatarCropper; save: HTMLButtonElement; submits: Submitted[] }> {
  const form = await fixture<HTMLFormElement>(html`
    <form>
      <avatar-cropper name="avatar" size="256" required></avatar-cropper>
      <button name="action" value="save">Save</button>
    </form>
  `);
  const submits: Submitted[] = [];
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submits.push({ submitter: event.submitter, avatar: new FormData(form, event.submitter).get('avatar') });
  });
  const element = form.querySelector('avatar-cropper')!;
  await element.updateComplete;
  return { form, element, save: form.querySelector('button')!, submits };
}

describe('a pending crop', () => {
  describe('confirm()', () => {
    it('confirms the framing the user sees and resolves with the File, firing avatar-change once', async () => {
      const element = await mountCropper({ size: '256' });
      await element.load(await realFixture('rocket.jpg'));
      const changes: File[] = [];
      element.addEventListener('avatar-change', (event) => changes.push(event.detail.file));
      const [first, second] = await Promise.all([element.confirm(), element.confirm()]);
      expect(first).to.be.instanceOf(File);
      expect(second, 'a second call while the first runs shares its result').to.equal(first);
      expect(changes).to.deep.equal([first]);
      expect(element.state).to.equal('done');
      expect(element.file).to.equal(first);
      expect(await decodedSize(first!)).to.deep.equal({ width: 256, height: 256 });
    });

    it('resolves with the current result outside cropping: null when empty, the File when done', async () => {
      const element = await mountCropper({ size: '128' });
      expect(await element.confirm()).to.equal(null);
      await element.load(await realFixture('astronaut.png'));
      const file = await element.confirm();
      expect(await element.confirm()).to.equal(file);
    });

    it('resolves with null (and reports avatar-error) when the crop cannot be encoded within the budget', async () => {
      const element = await mountCropper({ size: '256', budget: '10' });
      await element.load(await realFixture('rocket.jpg'));
      const failed = oneEvent(element, 'avatar-error');
      expect(await element.confirm()).to.equal(null);
      expect((await failed).detail.code).to.equal('encode-failed');
      expect(element.state).to.equal('error');
    });
  });

  describe('on a plain form', () => {
    it('is saved when the form is submitted while cropping: the submit waits, the crop is confirmed, the same submitter submits again', async () => {
      const { element, save, submits } = await plainForm();
      await element.load(await realFixture('rocket.jpg'));
      expect(element.state).to.equal('cropping');
      save.click();
      await waitUntil(() => submits.length > 0, 'the form was submitted again');
      expect(submits, 'the page saw one submit, not the held-back one').to.have.length(1);
      expect(submits[0]!.submitter).to.equal(save);
      expect(submits[0]!.avatar).to.be.instanceOf(File);
      expect(await decodedSize(submits[0]!.avatar as File)).to.deep.equal({ width: 256, height: 256 });
      expect(element.state).to.equal('done');
      expect(element.validationMessage, 'never "Please choose an avatar image."').to.equal('');
    });

    it('is saved when the form is submitted while the chosen image is still being prepared', async () => {
      const { element, save, submits } = await plainForm();
      const loaded = element.load(await realFixture('hubble_deep_field.jpg'));
      expect(element.state).to.equal('loading');
      save.click();
      await loaded;
      await waitUntil(() => submits.length > 0, 'the form was submitted again');
      expect(submits).to.have.length(1);
      expect(submits[0]!.avatar).to.be.instanceOf(File);
      expect(element.state).to.equal('done');
    });

    it('is submitted once when Save is pressed twice while the crop is being confirmed', async () => {
      const { element, save, submits } = await plainForm();
      await element.load(await realFixture('rocket.jpg'));
      const changed = oneEvent(element, 'avatar-change');
      save.click();
      save.click();
      await changed;
      await waitUntil(() => submits.length > 0, 'the form was submitted again');
      await nextFrame(); // a second resubmit would run in the same microtasks as the first
      expect(submits).to.have.length(1);
      expect(submits[0]!.avatar).to.be.instanceOf(File);
    });

    it('is saved when Enter submits the form from another field', async () => {
      const form = await fixture<HTMLFormElement>(html`
        <form><avatar-cropper name="avatar" size="128"></avatar-cropper><input name="user" /><button>Save</button></form>
      `);
      const seen: FormDataEntryValue[] = [];
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        seen.push(new FormData(form).get('avatar')!);
      });
      const element = form.querySelector('avatar-cropper')!;
      await element.load(await realFixture('astronaut.png'));
      form.querySelector('input')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => seen.length > 0, 'the form was submitted again');
      expect(seen).to.have.length(1);
      expect(seen[0]).to.be.instanceOf(File);
    });

    it('stops with the element\'s own error, and submits nothing, when the crop cannot be confirmed', async () => {
      const { element, save, submits } = await plainForm();
      element.budget = 10;
      await element.load(await realFixture('rocket.jpg'));
      const failed = oneEvent(element, 'avatar-error');
      save.click();
      expect((await failed).detail.code).to.equal('encode-failed');
      await element.updateComplete;
      expect(submits).to.have.length(0);
      expect(part(element, 'error')).to.have.attribute('role', 'alert');
    });

    it('still asks for an image when nothing was chosen', async () => {
      const { form, element, submits } = await plainForm();
      expect(form.checkValidity()).to.equal(false);
      expect(element.validationMessage).to.equal('Please choose an avatar image.');
      expect(submits).to.have.length(0);
    });
  });
});

describe('keyboard zoom', () => {
  const valueText = (element: AvatarCropper) => part(element, 'zoom').querySelector('input')!.getAttribute('aria-valuetext');

  it('zooms by a visible 10% per arrow press on the slider, 50% per Page Up, and Home/End go to the ends', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('rocket.jpg'));
    part(element, 'zoom').querySelector('input')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await element.updateComplete;
    expect(valueText(element)).to.equal('110%');
    await sendKeys({ press: 'ArrowUp' });
    await element.updateComplete;
    expect(valueText(element)).to.equal('121%');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowDown' });
    await element.updateComplete;
    expect(valueText(element)).to.equal('100%');
    await sendKeys({ press: 'PageUp' });
    await element.updateComplete;
    expect(valueText(element)).to.equal('150%');
    await sendKeys({ press: 'End' });
    await element.updateComplete;
    expect(valueText(element)).to.equal('800%');
    await sendKeys({ press: 'Home' });
    await element.updateComplete;
    expect(valueText(element)).to.equal('100%');
  });

  it('zooms by 10% per + or - on the crop area', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('rocket.jpg'));
    part(element, 'stage').focus();
    await sendKeys({ press: '+' });
    await element.updateComplete;
    expect(valueText(element)).to.equal('110%');
    await sendKeys({ press: '-' });
    await element.updateComplete;
    expect(valueText(element)).to.equal('100%');
  });
});

describe('handles', () => {
  for (const name of ['astronaut.png', 'rocket.jpg', 'wood-l.webp']) {
    it(`are whole inside the stage for ${name}, also when the square reaches the image's edge`, async () => {
      const element = await mountCropper();
      await element.load(await realFixture(name));
      const stage = part(element, 'stage').getBoundingClientRect();
      const handles = [...element.shadowRoot!.querySelectorAll('[part~="handle"]')].map((handle) => handle.getBoundingClientRect());
      expect(handles).to.have.length(4);
      for (const box of handles) {
        expect(box.width, 'a handle has a size').to.be.above(20);
        expect(box.left).to.be.at.least(stage.left);
        expect(box.top).to.be.at.least(stage.top);
        expect(box.right).to.be.at.most(stage.right);
        expect(box.bottom).to.be.at.most(stage.bottom);
      }
    });
  }
});

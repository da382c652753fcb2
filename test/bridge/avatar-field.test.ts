/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/cropper/index.ts';
import type { AvatarCropper } from '../../src/cropper/index.ts';
import { AuthentikAvatarField } from '../../src/bridge/avatar-field.ts';
import { defaults, type BridgeConfig } from '../../src/bridge/config.ts';
import { enhanceInput } from '../../src/bridge/enhance-input.ts';
import { realFixture } from '../cropper/helpers.ts';

if (!customElements.get('authentik-avatar-field')) customElements.define('authentik-avatar-field', AuthentikAvatarField);

/** authentik 2026.x user settings wraps each prompt in this element and slots the input and label into it. */
if (!customElements.get('ak-form-element-horizontal')) {
  customElements.define(
    'ak-form-element-horizontal',
    class extends HTMLElement {
      connectedCallback() {
        if (!this.shadowRoot) this.attachShadow({ mode: 'open' }).innerHTML = '<div class="pf-c-form__group"><slot name="label"></slot><div><slot></slot></div></div>';
      }
    },
  );
}

const config: BridgeConfig = { ...defaults, lang: 'en', avatarBase: `${location.origin}/avatars/` };
const ownUrl = `${location.origin}/avatars/0123456789abcdef0123456789abcdef.png`;

/** The flow page's markup as measured on authentik 2026.5 (PromptStage.renderField). */
const flowForm = () =>
  fixture<HTMLFormElement>(html`
    <form class="pf-c-form">
      <div class="pf-c-form__group"><label for="field-attributes.avatar">Avatar</label><input type="file" id="field-attributes.avatar" name="attributes.avatar" class="pf-c-form-control" /></div>
      <div class="pf-c-check">
        <input type="checkbox" class="pf-c-check__input" id="attributes.avatar_reset" name="attributes.avatar_reset" />
        <label class="pf-c-check__label" for="attributes.avatar_reset">Remove my avatar</label>
        <p class="pf-c-form__helper-text">Tick to remove.</p>
      </div>
      <button name="continue" type="submit">Continue</button>
    </form>
  `);

/** The user settings page's markup (UserSettingsPromptStage): the checkbox has no id, its label's for points nowhere. */
const settingsForm = () =>
  fixture<HTMLFormElement>(html`
    <form class="pf-c-form">
      <ak-form-element-horizontal name="attributes.avatar">
        <label slot="label" for="field-attributes.avatar">Avatar</label>
        <input type="file" id="field-attributes.avatar" name="attributes.avatar" class="pf-c-form-control" />
      </ak-form-element-horizontal>
      <ak-form-element-horizontal name="attributes.avatar_reset">
        <label slot="label" class="pf-c-form__group-label" for="field-attributes.avatar_reset">Remove my avatar</label>
        <input type="checkbox" class="pf-c-check__input" name="attributes.avatar_reset" style="vertical-align: bottom" />
        <p class="pf-c-form__helper-text">Tick to remove.</p>
      </ak-form-element-horizontal>
      <button name="continue" type="submit">Save</button>
    </form>
  `);

const originalFetch = window.fetch;
function answerMe(avatar: string | null): void {
  window.fetch = async (input, init) => {
    if (String(input).includes('/api/v3/core/users/me/')) {
      if (avatar === null) return new Response('{"detail":"no"}', { status: 403 });
      return Response.json({ user: { pk: 7, username: 'jdoe', name: 'Jane Doe', email: 'jane@example.org', avatar, is_active: true } });
    }
    return originalFetch(input, init);
  };
}

async function enhanced(form: HTMLFormElement): Promise<AuthentikAvatarField> {
  enhanceInput(form.querySelector<HTMLInputElement>('input[type=file]')!, config);
  const field = form.querySelector<AuthentikAvatarField>('authentik-avatar-field')!;
  await waitUntil(() => field.shadowRoot?.querySelector('[role=status]')?.textContent?.trim(), 'the field shows its status');
  await new Promise((done) => setTimeout(done, 50)); // the users/me answer
  await field.updateComplete;
  return field;
}

const buttons = (field: AuthentikAvatarField) => [...field.shadowRoot!.querySelectorAll('button')].filter((b) => b.offsetParent !== null).map((b) => b.textContent!.trim());
const visible = (element: Element) => element.getBoundingClientRect().width > 0 && element.getBoundingClientRect().height > 0;

describe('the avatar field on authentik’s real markup', () => {
  afterEach(() => {
    window.fetch = originalFetch;
  });

  for (const [page, makeForm] of [['flow page', flowForm], ['user settings', settingsForm]] as const) {
    it(`${page}: the reset checkbox, its label and its helper text are all hidden, and clicking them never ticks it`, async () => {
      answerMe(ownUrl);
      const form = await makeForm();
      const field = await enhanced(form);
      const reset = form.querySelector<HTMLInputElement>('input[type=checkbox]')!;
      const label = [...form.querySelectorAll('label')].find((l) => l.textContent === 'Remove my avatar')!;
      for (const element of [reset, label, reset.parentElement!.querySelector('p')!]) expect(visible(element), element.outerHTML).to.equal(false);
      label.click();
      reset.click();
      expect(reset.checked).to.equal(false);
      expect(visible(field)).to.equal(true);
    });
  }

  it('offers Remove for an avatar this endpoint serves, and Remove is what ticks the checkbox', async () => {
    answerMe(ownUrl);
    const form = await settingsForm();
    const field = await enhanced(form);
    expect(field.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('Your current avatar');
    expect(buttons(field)).to.deep.equal(['Change avatar', 'Remove']);
    [...field.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Remove')!.click();
    expect(form.querySelector<HTMLInputElement>('input[type=checkbox]')!.checked).to.equal(true);
  });

  it('never offers Remove to a user whose avatar is the initials fallback', async () => {
    answerMe('data:image/svg+xml;base64,PHN2Zy8+');
    const field = await enhanced(await flowForm());
    expect(field.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('no avatar of your own');
    expect(buttons(field)).to.deep.equal(['Change avatar']);
  });
});

describe('pressing authentik’s Continue while still cropping', () => {
  afterEach(() => {
    window.fetch = originalFetch;
  });

  it('submits the framing the user sees: authentik’s own submit handler gets the cropped file, once', async () => {
    answerMe(null);
    const form = await flowForm();
    const received: { files: number; type: string }[] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault(); // authentik's handler on the form, like lit's @submit
      const input = form.querySelector<HTMLInputElement>('input[type=file]')!;
      received.push({ files: input.files?.length ?? 0, type: input.files?.[0]?.type ?? '' });
    });
    const field = await enhanced(form);
    field.shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="change"]')!.click();
    await field.updateComplete;
    const cropper = field.shadowRoot!.querySelector<AvatarCropper>('avatar-cropper')!;
    await cropper.load(await realFixture('rocket.jpg'));
    await waitUntil(() => cropper.state === 'cropping', 'the photo is ready to crop');

    const continueButton = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    continueButton.click();
    continueButton.click(); // an impatient second press
    await waitUntil(() => received.length > 0, 'authentik submits', { timeout: 20000 });
    await new Promise((done) => setTimeout(done, 300)); // room for a wrong second submit
    expect(received).to.deep.equal([{ files: 1, type: 'image/webp' }]);
  });

  it('after Confirm, focus lands on the named Change avatar button, never on <body>', async () => {
    answerMe(null);
    const form = await flowForm();
    const field = await enhanced(form);
    field.shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="change"]')!.click();
    await field.updateComplete;
    const cropper = field.shadowRoot!.querySelector<AvatarCropper>('avatar-cropper')!;
    await cropper.load(await realFixture('rocket.jpg'));
    await waitUntil(() => cropper.state === 'cropping');
    cropper.shadowRoot!.querySelector<HTMLButtonElement>('[part~="confirm-button"]')!.click();
    await waitUntil(() => field.shadowRoot!.activeElement?.textContent?.trim() === 'Change avatar', 'focus on Change avatar', { timeout: 20000 });
    expect(document.activeElement).to.equal(field);
  });
});

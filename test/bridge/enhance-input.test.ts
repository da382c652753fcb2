/// <reference types="mocha" />
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/cropper/index.ts';
import { AuthentikAvatarField } from '../../src/bridge/avatar-field.ts';
import { defaults } from '../../src/bridge/config.ts';
import { enhanceInput } from '../../src/bridge/enhance-input.ts';

if (!customElements.get('authentik-avatar-field')) customElements.define('authentik-avatar-field', AuthentikAvatarField);

async function authentikForm(): Promise<HTMLFormElement> {
  return fixture<HTMLFormElement>(html`
    <form>
      <div class="pf-c-form__group" id="avatar-group"><input type="file" name="attributes.avatar" /></div>
      <div class="pf-c-form__group" id="reset-group"><input type="checkbox" name="attributes.avatar_reset" /></div>
    </form>
  `);
}

describe('putting the avatar field in front of authentik’s input', () => {
  afterEach(() => {
    delete document.documentElement.dataset.theme;
    document.documentElement.classList.remove('pf-theme-dark');
  });

  it('keeps authentik’s input and checkbox in the form, hidden, with the field just before the input', async () => {
    const form = await authentikForm();
    const input = form.querySelector<HTMLInputElement>('input[type=file]')!;
    enhanceInput(input, { ...defaults, lang: 'en' });
    const field = input.previousElementSibling as AuthentikAvatarField;
    expect(field.localName).to.equal('authentik-avatar-field');
    expect(field.input).to.equal(input);
    expect(field.reset).to.equal(form.querySelector('input[type=checkbox]'));
    expect(input.form).to.equal(form);
    expect(getComputedStyle(input).display).to.equal('none');
    expect(getComputedStyle(form.querySelector('#reset-group')!).display).to.equal('none');
  });

  it('enhances an input once, however often authentik re-renders around it', async () => {
    const form = await authentikForm();
    const input = form.querySelector<HTMLInputElement>('input[type=file]')!;
    enhanceInput(input, defaults);
    enhanceInput(input, defaults);
    expect(form.querySelectorAll('authentik-avatar-field')).to.have.length(1);
  });

  it('follows a theme authentik forces and hands it, the language and a round mask to the cropper', async () => {
    document.documentElement.dataset.theme = 'dark';
    const form = await authentikForm();
    const input = form.querySelector<HTMLInputElement>('input[type=file]')!;
    enhanceInput(input, { ...defaults, lang: 'de' });
    const field = input.previousElementSibling as AuthentikAvatarField;
    await field.updateComplete;
    expect(field.getAttribute('theme')).to.equal('dark');
    const cropper = field.shadowRoot!.querySelector('avatar-cropper')!;
    expect(cropper.getAttribute('theme')).to.equal('dark');
    expect(cropper.getAttribute('lang')).to.equal('de');
    expect(cropper.hasAttribute('round')).to.equal(true);
  });

  it('understands the pf-theme-dark class of older authentik versions', async () => {
    document.documentElement.classList.add('pf-theme-dark');
    const form = await authentikForm();
    const input = form.querySelector<HTMLInputElement>('input[type=file]')!;
    enhanceInput(input, defaults);
    expect((input.previousElementSibling as HTMLElement).getAttribute('theme')).to.equal('dark');
  });
});

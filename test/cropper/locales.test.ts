/// <reference types="mocha" />
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { en, localeOf, locales, type AvatarCropper, type Strings } from '../../src/cropper/index.ts';
import { mountCropper, part, realFixture } from './helpers.ts';

/** Every key path of a table, e.g. `errors.too-large`. */
function keyPaths(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([key, value]) =>
    typeof value === 'object' ? keyPaths(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function valueAt(table: Strings, path: string): string {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], table) as string;
}

const placeholders = (text: string) => (text.match(/\{\d\}/g) ?? []).sort().join();

describe('strings tables', () => {
  it('exist for English and the eight other languages', () => {
    expect(Object.keys(locales).sort()).to.deep.equal(['de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pt-BR', 'zh-Hans']);
    expect(locales.en).to.equal(en);
  });

  for (const [tag, table] of Object.entries(locales)) {
    it(`${tag}: has exactly the keys of English, each a non-empty sentence with the same placeholders`, () => {
      const expected = keyPaths(en).sort();
      expect(keyPaths(table).sort(), 'no missing or extra keys').to.deep.equal(expected);
      for (const path of expected) {
        const text = valueAt(table, path);
        expect(text, `${tag} ${path}`).to.be.a('string').and.not.match(/^\s*$/);
        expect(placeholders(text), `${tag} ${path} placeholders`).to.equal(placeholders(valueAt(en, path)));
        if (tag !== 'en' && !['zoom', 'status'].includes(path)) {
          expect(text, `${tag} ${path} is translated`).to.not.equal(valueAt(en, path));
        }
      }
    });
  }

  it('are chosen by primary language, pt and zh included', () => {
    const cases: Record<string, string> = {
      de: 'de',
      'de-AT': 'de',
      'fr-CA': 'fr',
      'es-419': 'es',
      it: 'it',
      'nl-BE': 'nl',
      'pt-BR': 'pt-BR',
      pt: 'pt-BR',
      'pt-PT': 'pt-BR',
      'zh-Hans': 'zh-Hans',
      'zh-CN': 'zh-Hans',
      zh: 'zh-Hans',
      'zh-Hans-SG': 'zh-Hans',
      'ja-JP': 'ja',
      JA: 'ja',
      'en-GB': 'en',
      pl: 'en',
      '': 'en',
    };
    for (const [lang, tag] of Object.entries(cases)) expect(localeOf(lang), lang).to.equal(tag);
  });
});

describe('the element’s language', () => {
  const chooseText = (element: AvatarCropper) => part(element, 'choose-button').textContent?.trim();

  it('follows the nearest lang attribute', async () => {
    const outer = await fixture<HTMLElement>(html`<div lang="de"><section><avatar-cropper></avatar-cropper></section></div>`);
    const element = outer.querySelector('avatar-cropper')!;
    await element.updateComplete;
    expect(chooseText(element)).to.equal(locales.de!.chooseImage);
    expect(part(element, 'container').getAttribute('lang')).to.equal('de');

    outer.querySelector('section')!.lang = 'ja';
    element.requestUpdate();
    await element.updateComplete;
    expect(chooseText(element)).to.equal('画像を選択');

    element.lang = 'pt';
    await element.updateComplete;
    expect(chooseText(element)).to.equal('Escolher uma imagem');
    expect(part(element, 'container').getAttribute('lang')).to.equal('pt-BR');
  });

  it('looks past shadow roots to their hosts', async () => {
    const outer = await fixture<HTMLElement>(html`<div lang="zh-CN"><div class="host"></div></div>`);
    const inner = outer.querySelector('.host')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<div><avatar-cropper></avatar-cropper></div>';
    const element = inner.querySelector('avatar-cropper')!;
    await element.updateComplete;
    expect(chooseText(element)).to.equal('选择图片');
  });

  it('falls back to the browser language (en-US here), and to English for languages without a table', async () => {
    expect(navigator.language).to.match(/^en/);
    const element = await mountCropper();
    expect(chooseText(element)).to.equal('Choose an image');
    const polish = await fixture<HTMLElement>(html`<div lang="pl"><avatar-cropper></avatar-cropper></div>`);
    const fallback = polish.querySelector('avatar-cropper')!;
    await fallback.updateComplete;
    expect(chooseText(fallback)).to.equal('Choose an image');
    expect(part(fallback, 'container').getAttribute('lang'), 'screen readers read it as English').to.equal('en');
  });

  it('takes per-string overrides through `strings`, merged over the chosen table', async () => {
    const outer = await fixture<HTMLElement>(html`<div lang="fr"><avatar-cropper></avatar-cropper></div>`);
    const element = outer.querySelector('avatar-cropper')!;
    element.strings = { chooseImage: 'Choisir une photo', errors: { 'not-an-image': 'Pas une image !' } };
    await element.updateComplete;
    expect(chooseText(element)).to.equal('Choisir une photo');
    expect(part(element, 'hint').textContent).to.equal(locales.fr!.dropHint);
    const failed = oneEvent(element, 'avatar-error');
    await element.load(new Blob(['texte']));
    expect((await failed).detail.message).to.equal('Pas une image !');
    const broken = oneEvent(element, 'avatar-error');
    await element.load(await realFixture('truncated.jpg'));
    expect((await broken).detail.message, 'other errors stay French').to.equal(locales.fr!.errors['decode-failed']);
  });

  it('translates everything in the cropping state, announcements included', async () => {
    const outer = await fixture<HTMLElement>(html`<div lang="de"><avatar-cropper style="width: 360px"></avatar-cropper></div>`);
    const element = outer.querySelector('avatar-cropper')!;
    await element.load(await realFixture('astronaut.png'));
    const de = locales.de!;
    expect(part(element, 'stage').getAttribute('aria-label')).to.equal(de.cropArea);
    expect(element.shadowRoot!.getElementById('crop-help')!.textContent).to.equal(de.cropAreaHelp);
    expect(part(element, 'rotate-left-button').getAttribute('aria-label')).to.equal(de.rotateLeft);
    expect(part(element, 'rotate-right-button').getAttribute('aria-label')).to.equal(de.rotateRight);
    expect(part(element, 'flip-button').getAttribute('aria-label')).to.equal(de.flip);
    expect(part(element, 'reset-button').getAttribute('aria-label')).to.equal(de.reset);
    expect(part(element, 'confirm-button').textContent?.trim()).to.equal(de.confirm);
    expect(part(element, 'zoom').textContent?.trim()).to.equal(de.zoom);
    const slider = part(element, 'zoom').querySelector('input')!;
    expect(slider.getAttribute('aria-valuetext')).to.equal(new Intl.NumberFormat('de', { style: 'percent' }).format(1));
  });

  it('formats limits in the language of the page', async () => {
    const outer = await fixture<HTMLElement>(html`<div lang="de"><avatar-cropper max-bytes="500000"></avatar-cropper></div>`);
    const element = outer.querySelector('avatar-cropper')!;
    const failed = oneEvent(element, 'avatar-error');
    await element.load(await realFixture('astronaut.png')); // 791555 bytes
    expect((await failed).detail.message).to.equal('Diese Datei ist zu groß: 0,792 MB (höchstens 0,5 MB).');
  });
});

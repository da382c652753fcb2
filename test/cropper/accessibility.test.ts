/// <reference types="mocha" />
import 'axe-core/axe.min.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { AxeResults, default as Axe } from 'axe-core';
import type { AvatarCropper } from '../../src/cropper/index.ts';
import { confirmCrop, heicFile, mountCropper, part, realFixture } from './helpers.ts';

const axe = (window as unknown as { axe: typeof Axe }).axe;

/** WCAG 2.0-2.2 A and AA plus axe's best practices, on the element only. */
async function violations(element: Element): Promise<string[]> {
  const results: AxeResults = await axe.run(element, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** 'offer' is the error state of a valid HEIC, which offers an uncropped upload. */
type StateName = 'empty' | 'cropping' | 'done' | 'error' | 'offer';

/** Brings the element into `state` with a real fixture. */
async function reach(element: AvatarCropper, state: StateName): Promise<void> {
  if (state === 'cropping' || state === 'done') await element.load(await realFixture('astronaut.png'));
  if (state === 'done') await confirmCrop(element);
  if (state === 'error') await element.load(await realFixture('truncated.jpg'));
  if (state === 'offer') await element.load(heicFile());
  await element.updateComplete;
  expect(element.state).to.equal(state === 'offer' ? 'error' : state);
}

async function mountThemed(theme: 'light' | 'dark', attributes = ''): Promise<AvatarCropper> {
  // A dark page for the dark theme, as in authentik's dark theme.
  const page = await fixture<HTMLElement>(html`<div style="padding: 8px; background: ${theme === 'dark' ? '#151515' : '#fff'}"></div>`);
  page.innerHTML = `<avatar-cropper style="width: 360px" theme="${theme}" ${attributes}></avatar-cropper>`;
  const element = page.querySelector('avatar-cropper')!;
  await element.updateComplete;
  return element;
}

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  for (const state of ['empty', 'cropping', 'done', 'error'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`has no violations when ${state}, ${theme}`, async () => {
        const element = await mountThemed(theme, state === 'cropping' ? 'round' : '');
        await reach(element, state);
        expect(await violations(element)).to.deep.equal([]);
      });
    }
  }

  it('has no violations offering an uncropped upload, in German', async () => {
    const page = await fixture<HTMLElement>(html`<div lang="de"><avatar-cropper style="width: 300px" camera></avatar-cropper></div>`);
    const element = page.querySelector('avatar-cropper')!;
    expect(await violations(element)).to.deep.equal([]);
    await reach(element, 'offer');
    expect(part(element, 'upload-button')).to.exist;
    expect(await violations(element)).to.deep.equal([]);
  });

  it('names every control', async () => {
    const element = await mountCropper();
    await reach(element, 'cropping');
    const controls = [...element.shadowRoot!.querySelectorAll<HTMLElement>('button, input:not([hidden]), [tabindex="0"]')];
    expect(controls.length).to.equal(8); // stage, 4 framing buttons, slider, cancel, confirm
    for (const control of controls) {
      const name = control.getAttribute('aria-label') ?? control.closest('label')?.textContent ?? control.textContent;
      expect(name?.trim(), control.outerHTML).to.not.equal('');
    }
  });

  it('makes every target at least 24 x 24 px', async () => {
    for (const state of ['empty', 'cropping', 'done', 'error'] as const) {
      const element = await mountCropper({ camera: '' });
      await reach(element, state);
      const targets = element.shadowRoot!.querySelectorAll<HTMLElement>('button, input:not([hidden]), [part~="handle"]');
      expect(targets.length, state).to.be.above(0);
      for (const target of targets) {
        const { width, height } = target.getBoundingClientRect();
        expect(Math.min(width, height), `${state}: ${target.outerHTML.slice(0, 80)}`).to.be.at.least(24);
      }
    }
  });

  it('shows focus, and Tab moves through the cropper and out again (no trap)', async () => {
    const page = await fixture<HTMLElement>(
      html`<div><button id="before">before</button><avatar-cropper style="width: 360px"></avatar-cropper><button id="after">after</button></div>`,
    );
    const element = page.querySelector('avatar-cropper')!;
    await reach(element, 'cropping');
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    const visited: string[] = [];
    for (let i = 0; i < 9; i++) {
      await sendKeys({ press: 'Tab' });
      const active = element.shadowRoot!.activeElement as HTMLElement | null;
      if (!active) break;
      const style = getComputedStyle(active);
      expect(style.outlineStyle, active.className).to.equal('solid');
      expect(parseFloat(style.outlineWidth), active.className).to.be.at.least(2);
      visited.push(active.getAttribute('part') ?? active.tagName);
    }
    expect(visited).to.deep.equal([
      'stage',
      'button tool rotate-left-button',
      'button tool rotate-right-button',
      'button tool flip-button',
      'button tool reset-button',
      'INPUT',
      'button cancel-button',
      'button primary-button confirm-button',
    ]);
    expect(document.activeElement?.id).to.equal('after');
  });

  it('does every action from the keyboard alone', async () => {
    const page = await fixture<HTMLElement>(html`<div><button id="before">before</button><avatar-cropper size="64"></avatar-cropper></div>`);
    const element = page.querySelector('avatar-cropper')!;
    await element.load(await realFixture('rocket.jpg'));
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' }); // the crop area
    for (const key of ['+', 'ArrowRight', 'r', 'f', '0', 'Shift+R', '-']) await sendKeys({ press: key });
    await sendKeys({ press: 'Tab' }); // Rotate left
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' }); // zoom slider
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' }); // Confirm
    const changed = oneEvent(element, 'avatar-change');
    await sendKeys({ press: 'Enter' });
    await changed;
    expect(element.state).to.equal('done');
  });

  it('respects prefers-reduced-motion', async () => {
    const spinnerAnimation = async () => {
      const element = await mountCropper();
      const loading = element.load(await realFixture('wood-l.webp'));
      await element.updateComplete;
      const name = getComputedStyle(element.shadowRoot!.querySelector('.spinner')!).animationName;
      await loading;
      return name;
    };
    expect(await spinnerAnimation()).to.equal('spin');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(await spinnerAnimation()).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});

describe('themes', () => {
  const surface = (element: AvatarCropper) => getComputedStyle(part(element, 'dropzone')).backgroundColor;
  const text = (element: AvatarCropper) => getComputedStyle(part(element, 'hint')).color;

  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('follows prefers-color-scheme', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const element = await mountCropper();
    expect(surface(element)).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(surface(element)).to.equal('rgb(27, 29, 33)');
    expect(text(element)).to.equal('rgb(170, 171, 172)');
  });

  it('can be forced with theme="light" or theme="dark"', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const element = await mountCropper({ theme: 'light' });
    expect(surface(element)).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'light' });
    element.theme = 'dark';
    await element.updateComplete;
    expect(element.getAttribute('theme')).to.equal('dark');
    expect(surface(element)).to.equal('rgb(27, 29, 33)');
  });

  it('takes colours from custom properties and styles through ::part', async () => {
    const page = await fixture<HTMLElement>(html`
      <div>
        <style>
          .branded {
            --avatar-cropper-surface: rgb(1, 2, 3);
            --avatar-cropper-primary: rgb(200, 0, 100);
          }
          .branded::part(choose-button) {
            border-radius: 999px;
          }
        </style>
        <avatar-cropper class="branded"></avatar-cropper>
      </div>
    `);
    const element = page.querySelector('avatar-cropper')!;
    await element.updateComplete;
    expect(surface(element)).to.equal('rgb(1, 2, 3)');
    const button = getComputedStyle(part(element, 'choose-button'));
    expect(button.backgroundColor).to.equal('rgb(200, 0, 100)');
    expect(button.borderTopLeftRadius).to.equal('999px');
  });
});

/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { mountCropper, part, realFixture } from './helpers.ts';

describe('forced colours (Windows high contrast)', () => {
  afterEach(() => emulateMedia({ forcedColors: 'none' }));

  it('keeps the shade outside the square and shows the square and its handles in the highlight colour', async () => {
    await emulateMedia({ forcedColors: 'active' });
    expect(matchMedia('(forced-colors: active)').matches, 'forced colours are emulated').to.equal(true);
    const element = await mountCropper();
    await element.load(await realFixture('rocket.jpg'));
    const selection = getComputedStyle(part(element, 'selection'));
    expect(selection.boxShadow, 'the shade').to.not.equal('none');
    expect(selection.outlineStyle).to.equal('solid');
    const mark = getComputedStyle(element.shadowRoot!.querySelector('[part~="handle"]')!, '::after');
    const probe = document.createElement('div');
    probe.style.color = 'Highlight';
    document.body.append(probe);
    const highlight = getComputedStyle(probe).color;
    probe.remove();
    expect(mark.backgroundColor, 'handle marks').to.equal(highlight);
    expect(selection.outlineColor).to.equal(highlight);
    await expect(element).to.be.accessible();
  });
});

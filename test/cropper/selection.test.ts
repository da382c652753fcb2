/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { expectInside, imageRect, mountCropper, nextFrame, part, realFixture, selectionRect } from './helpers.ts';

/** Boxes are measured as drawn: layout rounds to 1/64 px. */
const EPSILON = 0.05;

describe('the selection', () => {
  it('stays within the image after a keyboard move far past the edge', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('astronaut.png'));
    part(element, 'stage').focus();
    for (let i = 0; i < 4; i++) await sendKeys({ press: '-' }); // no-op: already fully zoomed out
    for (let i = 0; i < 6; i++) await sendKeys({ press: '+' });
    const before = selectionRect(element);
    expect(before.width).to.be.below(imageRect(element).width);
    for (let i = 0; i < 40; i++) await sendKeys({ press: 'Shift+ArrowLeft' });
    for (let i = 0; i < 40; i++) await sendKeys({ press: 'Shift+ArrowUp' });
    expectInside(element);
    const after = selectionRect(element);
    expect(after.x).to.be.closeTo(imageRect(element).x, EPSILON);
    expect(after.y).to.be.closeTo(imageRect(element).y, EPSILON);
    expect(after.width, 'moving does not resize').to.be.closeTo(before.width, EPSILON);

    for (let i = 0; i < 60; i++) await sendKeys({ press: 'Shift+ArrowRight' });
    for (let i = 0; i < 60; i++) await sendKeys({ press: 'Shift+ArrowDown' });
    expectInside(element);
    const image = imageRect(element);
    expect(selectionRect(element).x + after.width).to.be.closeTo(image.x + image.width, EPSILON);
  });

  it('moves by 1px, or 10px with Shift', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('astronaut.png'));
    part(element, 'stage').focus();
    await sendKeys({ press: '+' });
    const start = selectionRect(element);
    await sendKeys({ press: 'ArrowRight' });
    expect(selectionRect(element).x).to.be.closeTo(start.x + 1, EPSILON);
    await sendKeys({ press: 'Shift+ArrowDown' });
    expect(selectionRect(element).y).to.be.closeTo(start.y + 10, EPSILON);
  });

  it('cannot be zoomed or dragged out of the image', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('chelsea.png'));
    const stage = part(element, 'stage');
    stage.focus();
    for (let i = 0; i < 40; i++) await sendKeys({ press: '+' });
    expectInside(element);
    const smallest = selectionRect(element).width;
    expect(smallest).to.be.closeTo(imageRect(element).height / 8, 0.5); // zoom is capped at 8x
    for (let i = 0; i < 40; i++) await sendKeys({ press: '-' });
    expectInside(element);
    expect(selectionRect(element).width).to.be.closeTo(imageRect(element).height, EPSILON);

    // Drag the (full-height) square with the mouse far beyond the right and bottom edges.
    const box = stage.getBoundingClientRect();
    const center = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
    await sendMouse({ type: 'move', position: [center.x, center.y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [center.x + 600, center.y + 600] });
    await sendMouse({ type: 'up' });
    expectInside(element);
    const image = imageRect(element);
    expect(selectionRect(element).x + selectionRect(element).width).to.be.closeTo(image.x + image.width, EPSILON);

    // Grow it from its top-left corner handle far past the image.
    await sendKeys({ press: '+' });
    await sendKeys({ press: '+' });
    const zoomed = selectionRect(element);
    const corner = stage.querySelector<HTMLElement>('[part~="handle"][action="nw-resize"]')!.getBoundingClientRect();
    const grip = { x: Math.round(corner.x + corner.width / 2), y: Math.round(corner.y + corner.height / 2) };
    await sendMouse({ type: 'move', position: [grip.x, grip.y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [grip.x - 500, grip.y - 500] });
    await sendMouse({ type: 'up' });
    expectInside(element);
    // It grew from the fixed bottom-right corner until it reached the image's top edge.
    const grown = selectionRect(element);
    expect(grown.width).to.be.above(zoomed.width);
    expect(grown.y).to.be.closeTo(image.y, EPSILON);
    expect(grown.x + grown.width).to.be.closeTo(zoomed.x + zoomed.width, EPSILON);
    expect(grown.y + grown.height).to.be.closeTo(zoomed.y + zoomed.height, EPSILON);
  });

  it('follows the zoom slider', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('astronaut.png'));
    const slider = part(element, 'zoom').querySelector('input')!;
    const full = selectionRect(element).width;
    slider.value = String(Number(slider.max) / 3); // 8^(1/3) = 2x
    slider.dispatchEvent(new Event('input'));
    await element.updateComplete;
    expect(selectionRect(element).width).to.be.closeTo(full / 2, 0.5);
    expectInside(element);
    expect(slider.getAttribute('aria-valuetext')).to.equal('200%');
  });

  it('keeps its place on the image when the element is resized', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('chelsea.png'));
    part(element, 'stage').focus();
    await sendKeys({ press: '+' });
    await sendKeys({ press: 'Shift+ArrowLeft' });
    const image = imageRect(element);
    const relative = (selectionRect(element).x - image.x) / image.width;
    element.style.width = '300px';
    await nextFrame();
    const resized = imageRect(element);
    expect(resized.width).to.be.below(image.width);
    expect((selectionRect(element).x - resized.x) / resized.width).to.be.closeTo(relative, 0.001);
    expectInside(element);
  });

  it('re-fits when the element is moved to a narrower container while cropping', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('astronaut.png'));
    const before = imageRect(element).width;
    const narrow = document.createElement('div');
    narrow.style.width = '240px';
    document.body.append(narrow);
    element.style.width = '';
    narrow.append(element);
    await nextFrame();
    expect(imageRect(element).width).to.be.below(before);
    expect(selectionRect(element).width).to.be.closeTo(imageRect(element).width, EPSILON);
    expectInside(element);
    narrow.remove();
  });

  it('does not leak cropperjs events (change, action, ...) out of the element', async () => {
    const element = await mountCropper();
    const leaked: string[] = [];
    for (const type of ['change', 'action', 'actionstart', 'actionend', 'transform']) {
      element.addEventListener(type, () => leaked.push(type));
    }
    await element.load(await realFixture('astronaut.png'));
    part(element, 'stage').focus();
    await sendKeys({ press: '+' });
    await sendKeys({ press: 'ArrowRight' });
    expect(leaked).to.deep.equal([]);
  });
});

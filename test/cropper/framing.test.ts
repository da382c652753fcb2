/// <reference types="mocha" />
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AvatarCropper } from '../../src/cropper/index.ts';
import {
  confirmCrop,
  cornerColours,
  cornerDifference,
  decodedSize,
  imageRect,
  meanDifference,
  mountCropper,
  part,
  realFixture,
  selectionRect,
  turnedCentreSquare,
  expectInside,
} from './helpers.ts';

/** Boxes are measured as drawn: layout rounds to 1/64 px. */
const EPSILON = 0.05;


/** Loads a fixture, focuses the crop area, presses `keys` and confirms; returns the result. */
async function cropWithKeys(name: string, keys: string[], attributes: Record<string, string> = {}): Promise<{ file: File; source: File }> {
  const element = await mountCropper({ size: '256', ...attributes });
  const source = await realFixture(name);
  await element.load(source);
  part(element, 'stage').focus();
  for (const key of keys) await sendKeys({ press: key });
  const { file } = (await confirmCrop(element)).detail;
  return { file, source };
}

function pointer(type: string, id: number, x: number, y: number): PointerEvent {
  return new PointerEvent(type, {
    pointerId: id,
    pointerType: 'touch',
    isPrimary: id === 1,
    clientX: x,
    clientY: y,
    button: type === 'pointermove' ? -1 : 0,
    buttons: type === 'pointerup' ? 0 : 1,
    bubbles: true,
    composed: true,
    cancelable: true,
  });
}

/** Two fingers on the selection's centre, `from` px apart, spread (or pinched) to `to` px apart. */
async function pinch(element: AvatarCropper, from: number, to: number): Promise<void> {
  const selection = part(element, 'selection');
  const box = selection.getBoundingClientRect();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  selection.dispatchEvent(pointer('pointerdown', 1, x - from / 2, y));
  selection.dispatchEvent(pointer('pointerdown', 2, x + from / 2, y));
  for (let step = 1; step <= 4; step++) {
    const half = (from + ((to - from) * step) / 4) / 2;
    selection.dispatchEvent(pointer('pointermove', 1, x - half, y));
    selection.dispatchEvent(pointer('pointermove', 2, x + half, y));
  }
  selection.dispatchEvent(pointer('pointerup', 1, x - to / 2, y));
  selection.dispatchEvent(pointer('pointerup', 2, x + to / 2, y));
  await element.updateComplete;
}

// astronaut.png is square and its corners differ: flag (top left), shuttle (top right), suit
// (bottom left), helmet (bottom right). Turning it moves those corners around.
describe('framing: rotate, flip, reset', () => {
  it('rotates right with R, as the source rotated clockwise on a canvas', async () => {
    const { file, source } = await cropWithKeys('astronaut.png', ['r']);
    expect(await decodedSize(file)).to.deep.equal({ width: 256, height: 256 });
    const [tl, tr, bl, br] = await cornerColours(source);
    expect(cornerDifference(await cornerColours(file), [bl!, tl!, br!, tr!])).to.be.below(12);
    expect(await meanDifference(file, await turnedCentreSquare(source, 90, false))).to.be.below(5);
    expect(await meanDifference(file, source), 'differs from the upright crop').to.be.above(20);
  });

  it('rotates left with Shift+R and with the Rotate left button', async () => {
    const byKey = await cropWithKeys('astronaut.png', ['Shift+R']);
    const [tl, tr, bl, br] = await cornerColours(byKey.source);
    expect(cornerDifference(await cornerColours(byKey.file), [tr!, br!, tl!, bl!])).to.be.below(12);

    const element = await mountCropper({ size: '256' });
    await element.load(byKey.source);
    part(element, 'rotate-left-button').click();
    await element.updateComplete;
    const { file } = (await confirmCrop(element)).detail;
    expect(await meanDifference(file, await turnedCentreSquare(byKey.source, 270, false))).to.be.below(5);
  });

  it('flips horizontally with F and with the Flip button', async () => {
    const byKey = await cropWithKeys('astronaut.png', ['f']);
    const [tl, tr, bl, br] = await cornerColours(byKey.source);
    expect(cornerDifference(await cornerColours(byKey.file), [tr!, tl!, br!, bl!])).to.be.below(12);

    const element = await mountCropper({ size: '256' });
    await element.load(byKey.source);
    part(element, 'flip-button').click();
    await element.updateComplete;
    const { file } = (await confirmCrop(element)).detail;
    expect(await meanDifference(file, await turnedCentreSquare(byKey.source, 0, true))).to.be.below(5);
  });

  it('flips what is on screen after a rotation (rotate right, then flip = transpose)', async () => {
    const { file, source } = await cropWithKeys('astronaut.png', ['r', 'f']);
    const [tl, tr, bl, br] = await cornerColours(source);
    expect(cornerDifference(await cornerColours(file), [tl!, bl!, tr!, br!])).to.be.below(12);
    // Rotating right again while mirrored turns the picture on screen clockwise too: the
    // transposed corners move one step clockwise, which is the same as a plain flip.
    const again = await cropWithKeys('astronaut.png', ['r', 'f', 'r']);
    expect(cornerDifference(await cornerColours(again.file), [tr!, tl!, br!, bl!])).to.be.below(12);
  });

  it('four rotations, or two flips, give the upright image back', async () => {
    for (const keys of [['r', 'r', 'r', 'r'], ['f', 'f'], ['Shift+R', 'r']]) {
      const { file, source } = await cropWithKeys('astronaut.png', keys);
      expect(await meanDifference(file, source), keys.join(' ')).to.be.below(5);
    }
  });

  it('lays a landscape photo out portrait after a quarter turn, keeping the square inside', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('chelsea.png')); // 451x300
    const upright = imageRect(element);
    expect(upright.width).to.be.above(upright.height);
    part(element, 'stage').focus();
    await sendKeys({ press: '+' });
    await sendKeys({ press: '+' });
    await sendKeys({ press: 'r' });
    const turned = imageRect(element);
    expect(turned.height / turned.width).to.be.closeTo(451 / 300, 0.01);
    expectInside(element);
    for (let i = 0; i < 30; i++) await sendKeys({ press: 'Shift+ArrowDown' });
    expectInside(element);
    expect(selectionRect(element).y + selectionRect(element).height).to.be.closeTo(turned.y + turned.height, EPSILON);
  });

  it('keeps the zoom and the part of the image the square was on when rotating', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('astronaut.png'));
    part(element, 'stage').focus();
    for (let i = 0; i < 5; i++) await sendKeys({ press: '+' });
    for (let i = 0; i < 8; i++) await sendKeys({ press: 'Shift+ArrowLeft' });
    for (let i = 0; i < 8; i++) await sendKeys({ press: 'Shift+ArrowUp' });
    const image = imageRect(element);
    const before = selectionRect(element);
    await sendKeys({ press: 'r' });
    const after = selectionRect(element);
    expect(after.width).to.be.closeTo(before.width, EPSILON);
    // The top-left area goes to the top right.
    const centre = (rect: typeof before) => [(rect.x + rect.width / 2 - image.x) / image.width, (rect.y + rect.height / 2 - image.y) / image.height];
    const [u, v] = centre(before);
    const [u2, v2] = centre(after);
    expect(u2).to.be.closeTo(1 - v!, 0.001);
    expect(v2).to.be.closeTo(u!, 0.001);
  });

  it('resets rotation, flip and zoom with 0 and with the Reset button', async () => {
    const { file, source } = await cropWithKeys('astronaut.png', ['r', 'f', '+', '+', 'ArrowLeft', '0']);
    expect(await meanDifference(file, source)).to.be.below(5);

    const element = await mountCropper();
    await element.load(source);
    const full = selectionRect(element);
    part(element, 'stage').focus();
    await sendKeys({ press: 'Shift+R' });
    await sendKeys({ press: '+' });
    part(element, 'reset-button').click();
    await element.updateComplete;
    expect(selectionRect(element)).to.deep.equal(full);
  });

  it('ignores framing keys and buttons while disabled', async () => {
    const element = await mountCropper();
    const source = await realFixture('astronaut.png');
    await element.load(source);
    element.disabled = true;
    await element.updateComplete;
    expect(part<HTMLButtonElement>(element, 'rotate-right-button').disabled).to.equal(true);
    part(element, 'stage').dispatchEvent(new KeyboardEvent('keydown', { key: 'r', bubbles: true, composed: true }));
    element.disabled = false;
    await element.updateComplete;
    await element.updateComplete;
    expect(part<HTMLButtonElement>(element, 'confirm-button').disabled, 'enabled again').to.equal(false);
    const { file } = (await confirmCrop(element)).detail;
    expect(await meanDifference(file, source)).to.be.below(5);
  });
});

describe('framing: wheel and pinch zoom', () => {
  it('zooms in with the wheel scrolled up and out with it scrolled down, 10% a step, within the image', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('astronaut.png'));
    const full = selectionRect(element).width;
    // cropper-canvas takes one wheel event per 50 ms (a trackpad sends dozens).
    const wheel = async (deltaY: number) => {
      const event = new WheelEvent('wheel', { deltaY, bubbles: true, composed: true, cancelable: true });
      part(element, 'selection').dispatchEvent(event);
      await new Promise((resolve) => setTimeout(resolve, 60));
      return event;
    };
    const up = await wheel(-100);
    expect(up.defaultPrevented, 'the page does not scroll').to.equal(true);
    expect(selectionRect(element).width).to.be.closeTo(full / 1.1, EPSILON);
    for (let i = 0; i < 25; i++) await wheel(-100);
    expect(selectionRect(element).width, 'at most 8x').to.be.closeTo(full / 8, EPSILON);
    expectInside(element);
    for (let i = 0; i < 25; i++) await wheel(100);
    expect(selectionRect(element).width).to.be.closeTo(full, EPSILON);
    expectInside(element);
  });

  it('zooms in when two fingers spread and out when they pinch (synthetic PointerEvents)', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('chelsea.png'));
    const full = selectionRect(element).width;
    await pinch(element, 40, 80);
    const zoomed = selectionRect(element);
    expect(zoomed.width).to.be.closeTo(full / 2, 0.5);
    expectInside(element);
    await pinch(element, 100, 80);
    expect(selectionRect(element).width).to.be.closeTo(zoomed.width * 1.25, 0.5);
    await pinch(element, 20, 400);
    expect(selectionRect(element).width, 'at most 8x').to.be.closeTo(full / 8, 0.01);
    await pinch(element, 400, 10);
    expect(selectionRect(element).width).to.be.closeTo(full, EPSILON);
    expectInside(element);
  });

  it('moves the square with one finger and resizes it from a corner', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('astronaut.png'));
    part(element, 'stage').focus();
    await sendKeys({ press: '+' });
    await sendKeys({ press: '+' });
    const start = selectionRect(element);
    const square = part(element, 'selection'); // action="move", as cropper-canvas reads it
    const box = square.getBoundingClientRect();
    square.dispatchEvent(pointer('pointerdown', 1, box.x + 10, box.y + 10));
    square.dispatchEvent(pointer('pointermove', 1, box.x + 5, box.y + 13));
    square.dispatchEvent(pointer('pointerup', 1, box.x + 5, box.y + 13));
    await element.updateComplete;
    const after = selectionRect(element);
    expect(after.x).to.be.closeTo(start.x - 5, EPSILON);
    expect(after.y).to.be.closeTo(start.y + 3, EPSILON);
    expect(after.width).to.be.closeTo(start.width, EPSILON);

    const moved = selectionRect(element);
    const handle = element.shadowRoot!.querySelector<HTMLElement>('[part~="handle"][action="se-resize"]')!;
    const grip = handle.getBoundingClientRect();
    handle.dispatchEvent(pointer('pointerdown', 1, grip.x, grip.y));
    handle.dispatchEvent(pointer('pointermove', 1, grip.x + 20, grip.y + 8));
    handle.dispatchEvent(pointer('pointerup', 1, grip.x + 20, grip.y + 8));
    await element.updateComplete;
    const grown = selectionRect(element);
    expect(grown.width).to.be.closeTo(moved.width + 20, EPSILON);
    expect(grown.x).to.be.closeTo(moved.x, EPSILON);
    expect(grown.y).to.be.closeTo(moved.y, EPSILON);
  });
});

describe('framing: what people see', () => {
  it('announces zoom and rotation politely', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('astronaut.png'));
    const region = element.shadowRoot!.querySelector('[aria-live]')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    part(element, 'stage').focus();
    await sendKeys({ press: '+' });
    await waitUntil(() => region.textContent === 'Zoom 110%, rotation 0°', `announced "${region.textContent}"`);
    await sendKeys({ press: 'r' });
    await waitUntil(() => region.textContent === 'Zoom 110%, rotation 90°', `announced "${region.textContent}"`);
    await sendKeys({ press: 'f' });
    await waitUntil(() => region.textContent === 'Zoom 110%, rotation 90° (mirrored)', `announced "${region.textContent}"`);
  });

  it('shows live previews at 128 and 32 px that match the result', async () => {
    const element = await mountCropper({ size: '256' });
    await element.load(await realFixture('astronaut.png'));
    part(element, 'stage').focus();
    await sendKeys({ press: '+' });
    await sendKeys({ press: '+' });
    await sendKeys({ press: 'Shift+ArrowUp' });
    await sendKeys({ press: 'r' });
    const large = part<HTMLCanvasElement>(element, 'preview-large');
    const small = part<HTMLCanvasElement>(element, 'preview-small');
    expect(large.getBoundingClientRect().width).to.equal(128);
    expect(small.getBoundingClientRect().width).to.equal(32);
    const largeCopy = await createImageBitmap(large);
    const smallCopy = await createImageBitmap(small);
    const { file } = (await confirmCrop(element)).detail;
    expect(await meanDifference(largeCopy, file)).to.be.below(3);
    expect(await meanDifference(smallCopy, file)).to.be.below(8);
    expect(await meanDifference(largeCopy, await realFixture('astronaut.png')), 'not the whole image').to.be.above(20);
  });

  it('shows a round mask with `round`, while the result stays a full square', async () => {
    const element = await mountCropper({ round: '', size: '128' });
    await element.load(await realFixture('astronaut.png'));
    expect(getComputedStyle(part(element, 'selection')).borderRadius).to.equal('50%');
    expect(getComputedStyle(part(element, 'preview-large')).borderRadius).to.equal('50%');
    const { file } = (await confirmCrop(element)).detail;
    const bitmap = await createImageBitmap(file);
    const canvas = new OffscreenCanvas(128, 128);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    for (const [x, y] of [[0, 0], [127, 0], [0, 127], [127, 127]]) {
      expect(context.getImageData(x!, y!, 1, 1).data[3], `corner ${x},${y} is opaque`).to.equal(255);
    }
    await element.updateComplete;
    expect(getComputedStyle(part(element, 'preview')).borderRadius).to.equal('50%');
  });

  it('exports exactly the part of the image the square is drawn on', async () => {
    const element = await mountCropper({ size: '256' });
    const source = await realFixture('chelsea.png'); // 451x300
    await element.load(source);
    part(element, 'stage').focus();
    for (let i = 0; i < 4; i++) await sendKeys({ press: '+' });
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'Shift+ArrowLeft' });
    await sendKeys({ press: 'Shift+ArrowUp' });
    const image = imageRect(element);
    const square = selectionRect(element);
    const scale = 451 / image.width;
    const expected = await createImageBitmap(source, (square.x - image.x) * scale, (square.y - image.y) * scale, square.width * scale, square.height * scale);
    const { file } = (await confirmCrop(element)).detail;
    expect(await meanDifference(file, expected)).to.be.below(5);
    expect(await meanDifference(file, await createImageBitmap(source, 75, 0, 300, 300)), 'not the first square').to.be.above(10);
  });

  it('fires avatar-change once per confirm with the rotated result', async () => {
    const element = await mountCropper({ size: '64' });
    await element.load(await realFixture('rocket.jpg')); // 640x427
    part(element, 'stage').focus();
    await sendKeys({ press: 'r' });
    const changed = oneEvent(element, 'avatar-change');
    await sendKeys({ press: 'Enter' });
    const { file } = (await changed).detail;
    expect(await meanDifference(file, await turnedCentreSquare(await realFixture('rocket.jpg'), 90, false))).to.be.below(6);
  });
});

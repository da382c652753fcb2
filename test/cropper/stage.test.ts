/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import type { CropperSelection } from '../../src/cropper/stage/cropper-elements.ts';
import { expectInside, imageRect, mountCropper, part, realFixture, selectionRect } from './helpers.ts';

describe('the crop stage on cropperjs 2', () => {
  it('is made of cropperjs elements under their own tag names, a 1:1 precise selection on the image', async () => {
    const element = await mountCropper();
    await element.load(await realFixture('chelsea.png'));
    for (const tag of ['cropper-canvas', 'cropper-image', 'cropper-selection']) expect(customElements.get(tag), tag).to.not.equal(undefined);
    const canvas = part(element, 'stage').querySelector('cropper-canvas')!;
    const selection = canvas.querySelector<CropperSelection>(':scope > cropper-selection')!;
    expect(canvas.querySelector(':scope > cropper-image')).to.equal(part(element, 'image'));
    expect(selection).to.equal(part(element, 'selection'));
    expect([selection.aspectRatio, selection.precise]).to.deep.equal([1, true]);
  });

  it("keeps the square on the image when cropperjs's own $change is asked to leave it", async () => {
    const element = await mountCropper();
    await element.load(await realFixture('chelsea.png'));
    const selection = part<CropperSelection>(element, 'selection');
    const image = imageRect(element);
    selection.$change(-500, -500, 60, 60);
    await element.updateComplete;
    expectInside(element);
    expect(selectionRect(element).x).to.be.closeTo(image.x, 0.05);
    expect(selectionRect(element).y).to.be.closeTo(image.y, 0.05);
    selection.$change(image.x, image.y, 5000, 5000);
    expectInside(element);
    expect(selectionRect(element).width, 'at most the largest square').to.be.closeTo(image.height, 0.05);
    selection.$change(image.x, image.y, 1, 1);
    expect(selectionRect(element).width, 'at most 8x').to.be.closeTo(image.height / 8, 0.05);
  });
});

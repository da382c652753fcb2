/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { clampSquare, fitsInside, largestCenteredSquare, squareAround } from '../../src/cropper/clamp-selection.ts';

const image = { x: 10, y: 50, width: 300, height: 200 };
const min = 25;

describe('clampSquare', () => {
  it('returns a square that already fits unchanged (so clamping is idempotent)', () => {
    const next = { x: 20, y: 60, width: 100, height: 100 };
    expect(clampSquare(next, next, image, min)).to.equal(next);
  });

  it('shifts a move past an edge back inside, keeping the size', () => {
    const previous = { x: 20, y: 60, width: 100, height: 100 };
    expect(clampSquare({ ...previous, x: -500 }, previous, image, min)).to.deep.equal({ ...previous, x: 10 });
    expect(clampSquare({ ...previous, x: 900, y: 900 }, previous, image, min)).to.deep.equal({
      x: 210,
      y: 150,
      width: 100,
      height: 100,
    });
  });

  it('stops a corner resize at the edge, keeping the opposite corner in place', () => {
    const previous = { x: 100, y: 100, width: 100, height: 100 }; // bottom-right at (200, 200)
    const grownNorthWest = { x: 0, y: 0, width: 200, height: 200 };
    // The top edge (y = 50) allows growing to 150 from the fixed bottom-right corner.
    expect(clampSquare(grownNorthWest, previous, image, min)).to.deep.equal({ x: 50, y: 50, width: 150, height: 150 });
    const grownSouthEast = { x: 100, y: 100, width: 400, height: 400 };
    expect(clampSquare(grownSouthEast, previous, image, min)).to.deep.equal({ x: 100, y: 100, width: 150, height: 150 });
  });

  it('never exceeds the largest square that fits, nor goes below the minimum', () => {
    const previous = { x: 100, y: 100, width: 100, height: 100 };
    const huge = squareAround(previous, 1000);
    // Centred where the proposal was centred (150, 150), then shifted inside.
    expect(clampSquare(huge, previous, image, min)).to.deep.equal({ x: 50, y: 50, width: 200, height: 200 });
    const tiny = squareAround(previous, 2);
    expect(clampSquare(tiny, previous, image, min).width).to.equal(min);
  });

  it('turns a non-square proposal into a square that fits', () => {
    const previous = { x: 100, y: 100, width: 100, height: 100 };
    const result = clampSquare({ x: 100, y: 100, width: 120, height: 90 }, previous, image, min);
    expect(result.width).to.equal(result.height);
    expect(fitsInside(result, image)).to.equal(true);
  });
});

describe('largestCenteredSquare', () => {
  it('is as tall as a landscape image and centred on it', () => {
    expect(largestCenteredSquare(image)).to.deep.equal({ x: 60, y: 50, width: 200, height: 200 });
  });
});

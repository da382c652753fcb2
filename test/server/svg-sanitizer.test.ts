import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { looksLikeSvg, MAX_SVG_FILTER_PRIMITIVES, sanitizeSvg } from '../../src/server/intake/svg.ts';
import { AvatarError } from '../../src/server/errors.ts';
import { fixture } from '../support/fixtures.ts';

const clean = (svg: string) => sanitizeSvg(Buffer.from(svg)).toString();
const wrap = (inner: string, attributes = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="8" height="8"${attributes}>${inner}</svg>`;

describe('the SVG sanitizer', () => {
  it('keeps real illustrations intact enough to render (gradients, xlink:href to fragments)', () => {
    const out = sanitizeSvg(fixture('dune-l.svg')).toString();
    assert.match(out, /<linearGradient[^>]*xlink:href="#a"/);
    assert.equal((out.match(/<path/g) ?? []).length, 28);
  });

  const removed: [string, string, RegExp][] = [
    ['script elements', wrap('<script>alert(1)</script>'), /script/i],
    ['event handlers in any case', wrap('<rect onClick="x()" ONLOAD="y()"/>'), /on(click|load)/i],
    ['foreignObject with HTML', wrap('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'), /foreignObject|div/],
    ['javascript: links', wrap('<a href="javascript:alert(1)"><rect/></a>'), /javascript/],
    ['external use references', wrap('<use xlink:href="https://evil.example/x.svg#a"/>'), /evil/],
    ['external images', wrap('<image href="http://169.254.169.254/latest"/>'), /169\.254/],
    ['feImage pulling a URL', wrap('<filter><feImage href="file:///etc/passwd"/></filter>'), /passwd/],
    ['url() to other documents in attributes', wrap('<rect fill="url(https://evil.example/p.svg#g)"/>'), /evil/],
    ['@import in style elements', wrap('<style>@import url(https://evil.example/a.css);</style>'), /evil|@import/],
    ['escaped url() in style attributes', wrap('<rect style="fill: u\\72l(https://evil.example/x)"/>'), /evil/],
  ];
  for (const [what, svg, forbidden] of removed) {
    it(`removes ${what}`, () => {
      assert.doesNotMatch(clean(svg), forbidden);
    });
  }

  it('keeps same-document url(#id) references and embedded raster data', () => {
    const out = clean(wrap('<rect fill="url(#g)"/><image href="data:image/png;base64,iVBORw0KGgo="/>'));
    assert.match(out, /url\(#g\)/);
    assert.match(out, /data:image\/png;base64/);
  });

  const refused: [string, string][] = [
    ['a DOCTYPE with entities (billion laughs, XXE)', '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'],
    ['xml-stylesheet processing instructions', '<?xml-stylesheet href="https://evil.example/x.css"?><svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['malformed XML', '<svg xmlns="http://www.w3.org/2000/svg"><g></svg>'],
    ['a root that is not SVG', '<html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>'],
  ];
  for (const [what, svg] of refused) {
    it(`refuses ${what} with a readable 422`, () => {
      assert.throws(() => clean(svg), (error: unknown) => error instanceof AvatarError && error.status === 422 && error.code === 'unsafe-svg');
    });
  }

  describe('bounds the cost of filter effects before rendering', () => {
    // 8 user units render as 1024 output pixels: one user unit is 128 pixels.
    const filtered = (primitives: string, filterAttributes = '') =>
      clean(wrap(`<filter id="f"${filterAttributes}>${primitives}</filter><rect width="8" height="8" fill="#3a7bd5" filter="url(#f)"/>`));
    const attribute = (svg: string, element: string, name: string) => new RegExp(`<${element}[^>]*\\s${name}="([^"]*)"`).exec(svg)?.[1];

    it('clamps feTurbulence numOctaves to 8, keeping smaller values as written', () => {
      assert.equal(attribute(filtered('<feTurbulence baseFrequency="0.05" numOctaves="1000000000"/>'), 'feTurbulence', 'numOctaves'), '8');
      assert.equal(attribute(filtered('<feTurbulence baseFrequency="0.05" numOctaves="1e300"/>'), 'feTurbulence', 'numOctaves'), '8');
      assert.equal(attribute(filtered('<feTurbulence baseFrequency="0.05" numOctaves="3"/>'), 'feTurbulence', 'numOctaves'), '3');
    });

    it('removes a feConvolveMatrix larger than 9 x 9 or whose kernel does not match its order, keeps a 3 x 3 one', () => {
      assert.doesNotMatch(filtered('<feConvolveMatrix order="3000" kernelMatrix="1"/>'), /feConvolveMatrix/);
      assert.doesNotMatch(filtered(`<feConvolveMatrix order="10" kernelMatrix="${'1 '.repeat(100)}"/>`), /feConvolveMatrix/);
      assert.doesNotMatch(filtered('<feConvolveMatrix order="3 1e9" kernelMatrix="1 1 1"/>'), /feConvolveMatrix/);
      assert.match(filtered('<feConvolveMatrix order="3" kernelMatrix="0 -1 0 -1 5 -1 0 -1 0"/>'), /<feConvolveMatrix order="3" kernelMatrix="0 -1 0 -1 5 -1 0 -1 0"/);
      assert.match(filtered('<feConvolveMatrix kernelMatrix="1 1 1 1 1 1 1 1 1"/>'), /<feConvolveMatrix/);
    });

    it('clamps feMorphology radius to 4 output pixels and blur deviations to the size of the drawing', () => {
      assert.equal(attribute(filtered('<feMorphology radius="1000"/>'), 'feMorphology', 'radius'), '0.031');
      assert.equal(attribute(filtered('<feMorphology radius="0.01 1e6"/>'), 'feMorphology', 'radius'), '0.01 0.031');
      assert.equal(attribute(filtered('<feGaussianBlur stdDeviation="100000000"/>'), 'feGaussianBlur', 'stdDeviation'), '8');
      assert.equal(attribute(filtered('<feDropShadow stdDeviation="1 1e9"/>'), 'feDropShadow', 'stdDeviation'), '1 8');
      assert.equal(attribute(filtered('<feGaussianBlur stdDeviation="0.5"/>'), 'feGaussianBlur', 'stdDeviation'), '0.5');
    });

    it('drops filterRes, and refuses more filter primitives or turbulence octaves than any avatar needs', () => {
      assert.doesNotMatch(filtered('<feOffset dx="1"/>', ' filterRes="1000000"'), /filterRes/);
      const tooMany = wrap(`<filter id="f">${'<feOffset dx="0.1"/>'.repeat(MAX_SVG_FILTER_PRIMITIVES + 1)}</filter>`);
      assert.throws(() => clean(tooMany), (error: unknown) => error instanceof AvatarError && error.code === 'unsafe-svg' && /filter effects/.test(error.message));
      const octaves = wrap(`<filter id="f">${'<feTurbulence baseFrequency="0.05" numOctaves="9"/>'.repeat(4)}</filter>`);
      assert.throws(() => clean(octaves), (error: unknown) => error instanceof AvatarError && error.code === 'unsafe-svg' && /octaves/.test(error.message));
    });

    // How long this takes is measured by `npm run bench`, never asserted here: the decode workers' deadline bounds it in production.
    it('renders the clamped filter bombs of the corpus to a picture, and legit filters as drawn', async () => {
      const bomb = Buffer.from(
        filtered('<feTurbulence baseFrequency="0.05" numOctaves="1000000000"/><feConvolveMatrix order="3000" kernelMatrix="1"/><feGaussianBlur stdDeviation="100000000"/><feMorphology radius="1000"/>'),
      );
      const rendered = await sharp(await sharp(bomb).resize(1024, 1024).png().toBuffer()).metadata();
      assert.deepEqual([rendered.format, rendered.width, rendered.height], ['png', 1024, 1024]);

      // A soft drop shadow, untouched by the bounds, still draws a shadow right of the square.
      const shadow = clean(wrap('<filter id="s"><feDropShadow dx="1" dy="0" stdDeviation="0.2"/></filter><rect width="4" height="4" x="2" y="2" fill="#000" filter="url(#s)"/>'));
      assert.match(shadow, /<feDropShadow dx="1" dy="0" stdDeviation="0.2"\/>/);
      const { data, info } = await sharp(Buffer.from(shadow)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const alphaAt = (x: number, y: number) => data[(y * info.width + x) * info.channels + 3]!;
      assert.ok(alphaAt(Math.round(info.width * 0.8), Math.round(info.height / 2)) > 0, 'the shadow is drawn');
    });
  });

  it('recognises SVG text with a prolog, comments or a DOCTYPE, and nothing else', () => {
    assert.ok(looksLikeSvg(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>')));
    assert.ok(looksLikeSvg(Buffer.from('<!DOCTYPE svg [<!ENTITY a "b">]><svg>')));
    assert.ok(!looksLikeSvg(Buffer.from('<html><svg></svg></html>')));
    assert.ok(!looksLikeSvg(Buffer.from('hello')));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { AvatarError } from '../../src/server/errors.ts';
import { sanitizeSvg, sanitizeSvgDocument } from '../../src/server/intake/svg.ts';
import { bombs } from '../support/bombs.ts';

const clean = (svg: string) => sanitizeSvg(Buffer.from(svg)).toString();
/** A blue square; an imported or smuggled rule would paint it red. */
const square = (style: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16">${style}<rect class="r" width="16" height="16" fill="#0000ff"/></svg>`;
const importedRed = 'data:text/css,.r{fill:red}';

async function centreColour(svg: string): Promise<[number, number, number]> {
  const { data } = await sharp(Buffer.from(svg)).resize(16, 16).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (8 * 16 + 8) * 3;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

const refusedAs = (pattern: RegExp) => (error: unknown) => error instanceof AvatarError && error.status === 422 && error.code === 'unsafe-svg' && pattern.test(error.message);

describe('CSS in SVGs, parsed and written again from its tree', () => {
  it('refuses a <style> with element children (the split @import trick)', () => {
    assert.throws(() => clean(square(`<style>@imp<g>x</g>ort "dat<g>x</g>a:text/css,.r{fill:red}";</style>`)), refusedAs(/<style> element contains other elements/));
  });

  const smuggled: [string, string][] = [
    ['CDATA sections that join into an @import', `<style><![CDATA[@imp]]><![CDATA[ort url("${importedRed}");]]></style>`],
    ['a comment inside the at-keyword', `<style>@im/**/port url("${importedRed}");</style>`],
    ['an escaped at-keyword', `<style>@\\69mport url("${importedRed}");</style>`],
    ['an @import nested in @media', `<style>@media all { @import url("${importedRed}"); .r{fill:red} }</style>`],
    ['an @import after a rule', `<style>.x{fill:green} @import "${importedRed}";</style>`],
    ['an escaped url() target', `<style>.r{fill:url("\\64 ata:text/css,x")}</style>`],
    ['XML character references', `<style>&#64;import url("${importedRed}");</style>`],
  ];
  for (const [name, style] of smuggled) {
    it(`draws without any imported rule: ${name}`, async () => {
      const out = clean(square(style));
      assert.doesNotMatch(out, /@import|data:text\/css/i);
      assert.deepEqual(await centreColour(out), [0, 0, 255]);
    });
  }

  it('keeps allowed properties of style rules and style attributes, drops the rest', () => {
    const out = clean(square('<style>.r{fill:#0000ff;behavior:url(x.htc);-moz-binding:url(x)}</style>').replace('fill="#0000ff"', 'style="stroke:red;position:fixed;background:url(http://x/y)"'));
    assert.match(out, /\.r\{fill:#0000ff\}/);
    assert.match(out, /style="stroke:red"/);
    assert.doesNotMatch(out, /behavior|binding|position|http:\/\/x/);
  });

  it('keeps url(#id) references and embedded raster images, drops any other url()', () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const svg = sanitizeSvgDocument(
      Buffer.from(square(`<style>.r{fill:url(#g);stroke:url(http://evil/)}.q{fill:url("data:image/png;base64,${png}")}</style>`)),
    );
    const out = svg.bytes.toString();
    assert.match(out, /fill:url\(#g\)/);
    assert.doesNotMatch(out, /evil/);
    assert.equal(svg.embedded.length, 1);
  });

  it('drops CSS filter functions (blur(), drop-shadow()) in style and in the filter attribute', () => {
    const out = clean(square('').replace('fill="#0000ff"', 'style="filter:blur(3px);fill:#0000ff" filter="drop-shadow(1px 1px 3px red)"'));
    assert.doesNotMatch(out, /blur|drop-shadow/);
    assert.match(out, /fill:#0000ff/);
  });

  it('keeps filters, masks and markers out of <style> sheets, where no budget could see what they apply to', () => {
    const out = clean(square('<style>.r{filter:url(#f);mask:url(#m);marker-mid:url(#k);fill:#0000ff}</style>'));
    assert.match(out, /\.r\{fill:#0000ff\}/);
  });
});

describe('the SVG complexity budget: over it, 422 before rendering', () => {
  for (const variant of [0, 1, 2]) {
    it(`refuses deeply nested groups with opacity (variant ${variant})`, () => {
      assert.throws(() => sanitizeSvg(bombs.nestedOpacity(variant, 20 + variant * 30)), refusedAs(/nested more than/));
    });
    it(`refuses a chain of filter primitives over a large region (variant ${variant})`, () => {
      assert.throws(() => sanitizeSvg(bombs.offsetChain(variant, 40 + variant * 10)), refusedAs(/filters would take too long/));
    });
    it(`refuses markers nested in markers on many vertices (variant ${variant})`, () => {
      assert.throws(() => sanitizeSvg(bombs.nestedMarkers(variant, 100 + variant * 50)), refusedAs(/markers draw more than/));
    });
  }

  it('refuses hundreds of groups that each need an offscreen surface', () => {
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${'<rect width="10" height="10" opacity="0.5"/>'.repeat(300)}</svg>`);
    assert.throws(() => sanitizeSvg(svg), refusedAs(/more than 256 groups/));
  });

  it('refuses a novel of text', () => {
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>${'a'.repeat(10_001)}</text></svg>`);
    assert.throws(() => sanitizeSvg(svg), refusedAs(/characters of text/));
  });

  it('lets ordinary drawings through: a few translucent groups, a drop shadow, a marked line', () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><defs><filter id="s"><feGaussianBlur stdDeviation="1"/><feOffset dx="1"/></filter>' +
        '<marker id="a" markerWidth="4" markerHeight="4"><path d="M0 0L4 2L0 4z"/></marker></defs>' +
        '<g opacity="0.8"><g opacity="0.5"><circle cx="50" cy="50" r="30" filter="url(#s)"/></g></g><polyline points="0,0 50,50 100,0" marker-end="url(#a)" stroke="#000"/></svg>',
    );
    assert.match(sanitizeSvg(svg).toString(), /feGaussianBlur/);
  });

  it('sanitizes the blur-style bomb into a drawing without its filters', () => {
    assert.doesNotMatch(sanitizeSvg(bombs.blurStyles(0)).toString(), /blur/);
  });
});

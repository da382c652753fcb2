import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksLikeSvg, sanitizeSvg } from '../../src/server/intake/svg.ts';
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

  it('recognises SVG text with a prolog, comments or a DOCTYPE, and nothing else', () => {
    assert.ok(looksLikeSvg(Buffer.from('\uFEFF<?xml version="1.0"?>\n<!-- by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>')));
    assert.ok(looksLikeSvg(Buffer.from('<!DOCTYPE svg [<!ENTITY a "b">]><svg>')));
    assert.ok(!looksLikeSvg(Buffer.from('<html><svg></svg></html>')));
    assert.ok(!looksLikeSvg(Buffer.from('hello')));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOMParser, type Element } from '@xmldom/xmldom';
import fc from 'fast-check';
import { AvatarError } from '../../src/server/errors.ts';
import { decodeDataUri } from '../../src/server/intake/data-uri.ts';
import { sanitizeSvg } from '../../src/server/intake/svg.ts';
import { hostileSvg } from '../support/svg-arbitrary.ts';

const RUNS = { numRuns: 200 };
const MAX_BYTES = 1 << 20;

/** Runs `work`, returning its value or the AvatarError it threw; anything else thrown fails the property. */
function outcome<T>(work: () => T): { value: T } | { error: AvatarError } {
  try {
    return { value: work() };
  } catch (error) {
    assert.ok(error instanceof AvatarError, `threw ${String(error)} instead of an AvatarError`);
    return { error };
  }
}

const base64Char = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const whitespace = fc.constantFrom(' ', '\t', '\n', '\f', '\r');
/** Characters a data-URI payload is made of, right or wrong (no '#': in a URL it starts the fragment). */
const payloadChar = fc.oneof(
  { weight: 8, arbitrary: base64Char },
  fc.constantFrom('=', '%', '%2B', '%2F', '%3D', '%20', '%zz', '-', '_', '.', '?', '\u00e9', '\u0000'),
  whitespace,
);
const payload = fc.array(payloadChar, { maxLength: 120 }).map((chars) => chars.join(''));
const mediaType = fc.constantFrom('image/png', 'IMAGE/JPEG', 'application/octet-stream', '', 'text/plain;charset=utf-8', 'image/svg+xml');

/** Flips the case of some letters of `text`. */
const recased = (text: string) =>
  fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((flips) => [...text].map((c, i) => (flips[i] ? c.toUpperCase() : c)).join(''));

describe('the data-URI parser (properties)', () => {
  it('answers any string with bytes or an AvatarError (400 or 413), never anything else', () => {
    const dataUriLike = fc.tuple(fc.string({ maxLength: 40 }), payload).map(([header, body]) => `data:${header},${body}`);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), dataUriLike), fc.constantFrom(1, 16, MAX_BYTES), (text, limit) => {
        const result = outcome(() => decodeDataUri(text, limit));
        if ('error' in result) assert.ok([400, 413].includes(result.error.status), `status ${result.error.status}`);
        else assert.ok(result.value.bytes.length > 0 && result.value.bytes.length <= limit);
      }),
      RUNS,
    );
  });

  it('decodes standard base64 back to the bytes that were encoded, and reports the declared type', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), mediaType, (bytes, type) => {
        const { bytes: decoded, declaredType } = decodeDataUri(`data:${type};base64,${Buffer.from(bytes).toString('base64')}`, MAX_BYTES);
        assert.deepEqual(new Uint8Array(decoded), bytes);
        assert.equal(declaredType, type.split(';')[0]!.toLowerCase() || 'text/plain');
      }),
      RUNS,
    );
  });

  it('ignores case in "data:" and ";base64", surrounding controls, whitespace in the payload, missing padding and percent-escapes', () => {
    const variant = fc.uint8Array({ minLength: 1, maxLength: 200 }).chain((bytes) => {
      const encoded = Buffer.from(bytes).toString('base64');
      return fc.record({
        bytes: fc.constant(bytes),
        scheme: recased('data:'),
        marker: recased(';base64'),
        around: fc.tuple(fc.string({ unit: fc.constantFrom('\u0000', '\u001f', ' ', '\t', '\n'), maxLength: 3 }), fc.string({ unit: whitespace, maxLength: 3 })),
        payload: fc
          .tuple(
            fc.array(fc.tuple(fc.nat(encoded.length), fc.string({ unit: whitespace, minLength: 1, maxLength: 2 })), { maxLength: 5 }),
            fc.uniqueArray(fc.nat(encoded.length - 1), { maxLength: 5 }),
            fc.boolean(),
          )
          .map(([spaces, escapes, unpadded]) => {
            const chars = [...(unpadded ? encoded.replace(/=+$/, '') : encoded)];
            for (const at of escapes) if (at < chars.length) chars[at] = `%${chars[at]!.charCodeAt(0).toString(16).toUpperCase()}`;
            for (const [at, space] of spaces) chars.splice(Math.min(at, chars.length), 0, space);
            return chars.join('');
          }),
      });
    });
    fc.assert(
      fc.property(variant, ({ bytes, scheme, marker, around, payload }) => {
        const uri = `${around[0]}${scheme}image/png${marker},${payload}${around[1]}`;
        assert.deepEqual(new Uint8Array(decodeDataUri(uri, MAX_BYTES).bytes), bytes);
      }),
      RUNS,
    );
  });

  it('agrees with the WHATWG data: URL processor (Node fetch) on every payload it is given', async () => {
    await fc.assert(
      fc.asyncProperty(payload, async (body) => {
        const uri = `data:image/png;base64,${body}`;
        const ours = outcome(() => decodeDataUri(uri, MAX_BYTES));
        const theirs = await fetch(uri).then(
          async (response) => Buffer.from(await response.arrayBuffer()),
          () => undefined,
        );
        if (theirs === undefined) assert.ok('error' in ours && ours.error.code === 'malformed', `${JSON.stringify(uri)} should be refused as malformed`);
        else if (theirs.length === 0) assert.ok('error' in ours && ours.error.code === 'empty', `${JSON.stringify(uri)} should be refused as empty`);
        else assert.deepEqual('value' in ours ? ours.value.bytes : ours.error, theirs, JSON.stringify(uri));
      }),
      RUNS,
    );
  });
});

const SVG_NS = 'http://www.w3.org/2000/svg';
const EMBEDDED_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,/i;

/** Parses XML strictly: any error or fatal error throws. */
function parseXml(text: string): Element {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`the output is not well-formed XML: ${message}`);
    },
  });
  return parser.parseFromString(text, 'image/svg+xml').documentElement!;
}

function* elementsOf(root: Element): Generator<Element> {
  yield root;
  for (let child = root.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE) yield* elementsOf(child as Element);
  }
}

const unescapeCss = (css: string) =>
  css.replace(/\\([0-9a-fA-F]{1,6}\s?|[\s\S])/g, (_, ch: string) => (/^[0-9a-fA-F]/.test(ch) ? String.fromCodePoint(Math.min(parseInt(ch, 16), 0x10ffff)) : ch));

/** Fails unless every url() in `css` (however escaped or commented) points inside the document or at an embedded raster image. */
function assertOnlyLocalReferences(css: string, where: string): void {
  for (const text of [css, unescapeCss(css), unescapeCss(css.replace(/\/\*[\s\S]*?(\*\/|$)/g, ''))]) {
    assert.doesNotMatch(text, /@import/i, `${where} imports a style sheet`);
    for (const [, target] of text.matchAll(/url\s*\(\s*['"]?([^'")]*)/gi)) {
      assert.ok(target!.trim().startsWith('#') || EMBEDDED_IMAGE.test(target!.trim()), `${where} points at ${target}`);
    }
  }
}

/** The sanitized text, or undefined when the sanitizer refused the document as it should (413/422). */
function sanitized(svg: string): string | undefined {
  const result = outcome(() => sanitizeSvg(Buffer.from(svg)).toString());
  if ('value' in result) return result.value;
  assert.ok([413, 422].includes(result.error.status), `refused with ${result.error.status}`);
  return undefined;
}

describe('the SVG sanitizer (properties)', () => {
  it('turns any SVG, hostile parts included, into well-formed SVG with nothing active or external left', () => {
    let kept = 0;
    fc.assert(
      fc.property(hostileSvg, (svg) => {
        const out = sanitized(svg);
        if (out === undefined) return;
        kept++;
        const root = parseXml(out);
        assert.equal(root.namespaceURI, SVG_NS);
        assert.equal(root.localName, 'svg');
        for (const element of elementsOf(root)) {
          assert.equal(element.namespaceURI, SVG_NS, `<${element.tagName}> is not SVG`);
          assert.doesNotMatch(element.localName!, /^(script|foreignObject|iframe|animate|set|handler|a)$/i);
          for (const attribute of Array.from(element.attributes)) {
            const where = `<${element.localName} ${attribute.name}="${attribute.value}">`;
            assert.doesNotMatch(attribute.localName ?? attribute.name, /^on/i, `${where} is an event handler`);
            assert.doesNotMatch(attribute.value, /javascript:|vbscript:/i, `${where} runs script`);
            if ((attribute.localName ?? attribute.name) === 'href') {
              assert.ok(attribute.value.trim().startsWith('#') || EMBEDDED_IMAGE.test(attribute.value.trim()), `${where} links outside the document`);
            }
            assertOnlyLocalReferences(attribute.value, where);
          }
          if (element.localName === 'style') {
            assertOnlyLocalReferences(element.textContent ?? '', '<style>');
            assert.doesNotMatch(element.textContent ?? '', /javascript:/i);
          }
        }
      }),
      RUNS,
    );
    assert.ok(kept > RUNS.numRuns / 2, `only ${kept} of ${RUNS.numRuns} generated SVGs were sanitized rather than refused`);
  });

  it('is idempotent: sanitizing its own output changes nothing', () => {
    fc.assert(
      fc.property(hostileSvg, (svg) => {
        const once = sanitized(svg);
        if (once !== undefined) assert.equal(sanitizeSvg(Buffer.from(once)).toString(), once);
      }),
      RUNS,
    );
  });
});

import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { AvatarError } from '../../src/server/errors.ts';
import { DataUriDecoder, decodeDataUri } from '../../src/server/intake/data-uri.ts';
import { readJsonUpload } from '../../src/server/intake/json-upload.ts';
import { dataUri, DEFAULT_OWNER, startEndpoint, TOKEN, type TestEndpoint } from '../support/endpoint.ts';
import { fixture } from '../support/fixtures.ts';

const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

/** POSTs `pieces` as a chunked JSON body (no Content-Length), one write each, and returns the status and error code. */
function postChunked(url: string, pieces: string[]): Promise<{ status: number; code?: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}/api/v1/avatars`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        const text = Buffer.concat(parts).toString();
        resolve({ status: response.statusCode!, code: text ? (JSON.parse(text) as { error?: { code: string } }).error?.code : undefined });
      });
    });
    request.on('error', reject);
    const writeNext = (index: number) => {
      if (index === pieces.length) return void request.end();
      request.write(pieces[index]!, () => writeNext(index + 1));
    };
    writeNext(0);
  });
}

/** The UTF-8 bytes of `text` cut at the given byte offsets (so a character may be split between pieces). */
async function* piecesOf(text: string, cuts: number[]): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  let from = 0;
  for (const cut of [...new Set(cuts.map((cut) => Math.min(cut, bytes.length)))].sort((a, b) => a - b)) {
    yield bytes.subarray(from, cut);
    from = cut;
  }
  yield bytes.subarray(from);
}

describe('the streamed JSON upload body', () => {
  let endpoint: TestEndpoint;
  before(async () => {
    endpoint = await startEndpoint('sharp', { MAX_UPLOAD_BYTES: String(256 * 1024) });
  });
  after(() => endpoint.close());

  it('stores an image whose data URI arrives in many small pieces, escapes and all', async () => {
    const uri = dataUri(fixture('chelsea.png'), 'image/png');
    const body = JSON.stringify({ owner: DEFAULT_OWNER, image: uri }).replace('"image":"data:', '"image":"\\u0064ata:');
    const pieces = Array.from({ length: Math.ceil(body.length / 1000) }, (_, i) => body.slice(i * 1000, (i + 1) * 1000));
    assert.deepEqual(await postChunked(endpoint.url, pieces), { status: 201, code: undefined });
  });

  for (const [what, body, code] of [
    ['JSON cut short', '{"image":"data:image/png;base64,iVBORw0KGgo', 'malformed'],
    ['not JSON at all', 'image=data:image/png;base64,AAAA', 'malformed'],
    ['trailing text after the object', `{"image":"${dataUri(Buffer.from('x'), 'image/png')}"} x`, 'malformed'],
    ['a JSON array', '[1,2]', 'malformed'],
    ['no "image" field', '{"owner":"user:x"}', 'malformed'],
    ['"image" is a number', '{"image":12}', 'malformed'],
    ['two "image" fields', `{"image":"data:image/png;base64,AAAA","image":"data:image/png;base64,AAAA"}`, 'malformed'],
    ['a value nested 100 levels deep', `{"extra":${'['.repeat(100)}${']'.repeat(100)},"image":"data:image/png;base64,AAAA"}`, 'malformed'],
    ['a data URI without ;base64', '{"image":"data:image/png,hello"}', 'malformed'],
    ['a URL instead of a data URI', '{"image":"https://example.com/a.png"}', 'malformed'],
    ['bad base64 (URL-safe alphabet)', '{"image":"data:image/png;base64,ab-_"}', 'malformed'],
    ['bad base64 (cut in a group)', '{"image":"data:image/png;base64,AAAAA"}', 'malformed'],
    ['an empty payload', '{"image":"data:image/png;base64,"}', 'empty'],
    ['an owner of 20000 characters', `{"image":"data:image/png;base64,AAAA","owner":"${'u'.repeat(20_000)}"}`, 'malformed'],
  ] as const) {
    it(`answers ${what} with 400 ${code}`, async () => {
      const answer = await fetch(`${endpoint.url}/api/v1/avatars`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body });
      assert.equal(answer.status, 400);
      assert.equal((await errorOf(answer)).code, code);
    });
  }

  it('answers 413 for an image over MAX_UPLOAD_BYTES, with or without a Content-Length', async () => {
    const big = JSON.stringify({ owner: DEFAULT_OWNER, image: dataUri(Buffer.alloc(300 * 1024, 7), 'image/png') });
    const declared = await fetch(`${endpoint.url}/api/v1/avatars`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: big });
    assert.equal(declared.status, 413);
    assert.equal((await errorOf(declared)).code, 'too-large');
    const pieces = Array.from({ length: Math.ceil(big.length / 16384) }, (_, i) => big.slice(i * 16384, (i + 1) * 16384));
    assert.deepEqual(await postChunked(endpoint.url, pieces), { status: 413, code: 'too-large' });
  });

  it('stores base64 wrapped in 76-character lines (as MIME tools write it), each line break a JSON escape', async () => {
    const uri = dataUri(fixture('chelsea.png'), 'image/png');
    const [head, payload] = uri.split(',') as [string, string];
    const wrapped = `${head},${payload.match(/.{1,76}/g)!.join('\r\n')}`;
    const response = await endpoint.upload({ image: wrapped });
    assert.equal(response.status, 201, await response.clone().text());
  });

  it('refuses a data URI broken up by an escape every few characters, without reading the rest of the body', async () => {
    // Every JSON escape is a parser token of its own: "A\n" repeated costs several times the CPU of plain base64.
    const uri = `data:image/png;base64,${'QQ\n'.repeat(200_000)}`;
    const body = JSON.stringify({ owner: DEFAULT_OWNER, image: uri });
    const chunks = Array.from({ length: Math.ceil(body.length / 16384) }, (_, i) => Buffer.from(body.slice(i * 16384, (i + 1) * 16384)));
    let pulled = 0;
    async function* counted() {
      for (const chunk of chunks) {
        pulled++;
        yield chunk;
      }
    }
    await assert.rejects(readJsonUpload(counted(), { maxBodyBytes: 1 << 24, maxImageBytes: 1 << 24 }), (error: AvatarError) => {
      assert.equal(error.code, 'malformed');
      assert.match(error.message, /too many escapes or line breaks/);
      return true;
    });
    assert.ok(pulled < chunks.length / 4, `refused after ${pulled} of ${chunks.length} chunks`);
    const response = await fetch(`${endpoint.url}/api/v1/avatars`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ owner: DEFAULT_OWNER, image: uri.slice(0, 200_000) }) });
    assert.equal(response.status, 400);
    assert.match((await errorOf(response)).message, /too many escapes or line breaks/);
  });

  it('answers a later normal upload after each refusal (the refused bodies were discarded)', async () => {
    const response = await endpoint.upload({ image: dataUri(fixture('chelsea.png'), 'image/png') });
    assert.equal(response.status, 201, await response.clone().text());
  });
});

describe('the streaming decoders (properties)', () => {
  const cutsOf = (length: number) => fc.array(fc.nat(Math.max(0, length)), { maxLength: 12 });

  it('a data URI decodes the same, or fails the same way, however it is cut into pieces', () => {
    const uri = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 400 }).map((bytes) => dataUri(Buffer.from(bytes), 'image/png')),
      fc.string({ maxLength: 80 }).map((text) => `data:image/png;base64,${text}`),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(uri, fc.constantFrom(16, 1 << 20), fc.array(fc.nat(500), { maxLength: 12 }), (text, limit, cuts) => {
        const whole = outcomeOf(() => decodeDataUri(text, limit).bytes);
        const decoder = new DataUriDecoder(limit, 4);
        const pieced = outcomeOf(() => {
          let from = 0;
          for (const cut of [...new Set(cuts.map((cut) => Math.min(cut, text.length)))].sort((a, b) => a - b)) {
            decoder.push(text.slice(from, cut));
            from = cut;
          }
          decoder.push(text.slice(from));
          return decoder.end().bytes;
        });
        if ('error' in whole) assert.equal('error' in pieced && pieced.error.status, whole.error.status);
        else assert.deepEqual(pieced, whole);
      }),
      { numRuns: 300 },
    );
  });

  it('a JSON body gives the same fields and image as JSON.parse, however it is cut', async () => {
    const body = fc.record({
      image: fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => dataUri(Buffer.from(bytes), 'image/png')),
      owner: fc.string({ maxLength: 30 }),
      previous: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
      other: fc.jsonValue({ maxDepth: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(body, cutsOf(800), async (value, cuts) => {
        const text = JSON.stringify(value);
        const parsed = await readJsonUpload(piecesOf(text, cuts), { maxBodyBytes: 1 << 20, maxImageBytes: 1 << 20 });
        assert.deepEqual(parsed.image, decodeDataUri(value.image, 1 << 20).bytes);
        assert.equal(parsed.fields.owner, value.owner);
        assert.equal(parsed.fields.previous, value.previous);
      }),
      { numRuns: 200 },
    );
  });
});

function outcomeOf<T>(work: () => T): { value: T } | { error: AvatarError } {
  try {
    return { value: work() };
  } catch (error) {
    assert.ok(error instanceof AvatarError, `threw ${String(error)} instead of an AvatarError`);
    return { error };
  }
}

import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createStore } from '../../src/server/storage/create-store.ts';
import { fixture } from '../support/fixtures.ts';
import { dataUri, DEFAULT_OWNER, startEndpoint, TOKEN, type TestEndpoint } from '../support/endpoint.ts';

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('the upload API', () => {
  let endpoint: TestEndpoint;
  before(async () => {
    endpoint = await startEndpoint('sharp', { MAX_UPLOAD_BYTES: String(2 * 1024 * 1024) });
  });
  after(() => endpoint.close());

  // Every file in the folder (temporary ones too), or every object under avatars/ in the bucket (AVATARS_TEST_STORAGE=s3).
  const storedFiles = async () => {
    if (endpoint.config.storage.kind === 'file') return (await readdir(join(endpoint.config.dataDir, 'avatars')).catch(() => [])).sort();
    const names: string[] = [];
    for await (const object of createStore(endpoint.config.storage).blobs.list('avatars/')) names.push(object.key.slice('avatars/'.length));
    return names.sort();
  };

  it('refuses uploads without the bearer token', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-value', `Basic ${TOKEN}`]) {
      const response = await fetch(`${endpoint.url}/api/v1/avatars`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ image: dataUri(fixture('astronaut.png'), 'image/png') }),
      });
      assert.equal(response.status, 401);
      assert.equal((await errorOf(response)).code, 'unauthorized');
    }
  });

  it('accepts a raw image body for curl users', async () => {
    const response = await endpoint.upload(fixture('rocket.jpg'), { 'content-type': 'image/jpeg' });
    assert.equal(response.status, 201);
  });

  it('ignores the declared type: HTML declared as PNG is refused as not an image', async () => {
    const response = await endpoint.upload({ image: dataUri(Buffer.from('<html><script>alert(1)</script></html>'), 'image/png') });
    assert.equal(response.status, 415);
    const error = await errorOf(response);
    assert.equal(error.code, 'unsupported-type');
    assert.match(error.message, /Upload a PNG, JPEG, WebP, GIF, AVIF, HEIC, BMP, ICO or SVG image/);
  });

  it('names what it found when a real but unaccepted type arrives (PDF)', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const response = await endpoint.upload({ image: dataUri(pdf, 'image/png') });
    assert.equal(response.status, 415);
    assert.match((await errorOf(response)).message, /PDF/);
  });

  it('answers malformed data URIs with 400 and a hint', async () => {
    for (const image of ['https://example.org/a.png', 'data:image/png,abc', 'data:image/png;base64,@@@@', 42]) {
      const response = await endpoint.upload({ image });
      assert.equal(response.status, 400, String(image));
      assert.equal((await errorOf(response)).code, 'malformed');
    }
  });

  it('answers an empty file with 400', async () => {
    const response = await endpoint.upload({ image: 'data:application/octet-stream;base64,' });
    assert.equal(response.status, 400);
    assert.equal((await errorOf(response)).code, 'empty');
  });

  it('refuses images over MAX_UPLOAD_BYTES with 413 before decoding, as JSON or raw', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 1);
    const json = await endpoint.upload({ image: dataUri(big, 'image/png') });
    assert.equal(json.status, 413);
    assert.equal((await errorOf(json)).code, 'too-large');
    const raw = await endpoint.upload(big);
    assert.equal(raw.status, 413);
    assert.match((await errorOf(raw)).message, /larger than 2 MB/);
  });

  it('serves avatars immutable, nosniff, sandboxed, with an ETag that answers 304', async () => {
    const { url } = (await (await endpoint.upload(fixture('astronaut.png'))).json()) as { url: string };
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('content-security-policy') ?? '', /sandbox/);
    const etag = response.headers.get('etag')!;
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  it('gives every upload its own unguessable URL, even for the same bytes', async () => {
    const first = (await (await endpoint.upload(fixture('coffee.png'))).json()) as { url: string };
    const second = (await (await endpoint.upload(fixture('coffee.png'))).json()) as { url: string };
    assert.notEqual(first.url, second.url);
    for (const url of [first.url, second.url]) assert.match(url, /\/avatars\/[a-f0-9]{32}\.png$/);
  });

  it('answers 404 for unknown ids and anything that is not an avatar name', async () => {
    for (const path of ['/avatars/0123456789abcdef0123456789abcdef.png', '/avatars/..%2f..%2fpackage.json', '/avatars/abc.svg', '/data/avatars/x.png']) {
      const response = await fetch(endpoint.url + path);
      assert.equal(response.status, 404, path);
    }
  });

  it('keeps the previous avatar when an upload fails, and while the new URL may not be saved yet', async () => {
    const old = (await (await endpoint.upload(fixture('chelsea.png'))).json()) as { url: string };
    const failed = await endpoint.upload({ image: dataUri(fixture('truncated.jpg'), 'image/jpeg'), previous: old.url });
    assert.equal(failed.status, 422);
    assert.equal((await fetch(old.url)).status, 200, 'a failed upload keeps the previous avatar');

    const replaced = (await (await endpoint.upload({ image: dataUri(fixture('retina.jpg'), 'image/jpeg'), previous: old.url })).json()) as { url: string };
    assert.equal((await fetch(replaced.url)).status, 200);
    assert.equal((await fetch(old.url)).status, 200, 'authentik may still name the previous avatar (the flow can fail after the policy)');
  });

  it('answers the current URL and stores nothing when the same picture replaces itself', async () => {
    const current = (await (await endpoint.upload(fixture('hubble_deep_field.jpg'))).json()) as { url: string };
    const before = await storedFiles();
    const response = await endpoint.upload({ image: dataUri(fixture('hubble_deep_field.jpg'), 'image/jpeg'), previous: current.url });
    assert.equal(response.status, 200);
    const again = (await response.json()) as { url: string; stored: boolean };
    assert.deepEqual([again.url, again.stored], [current.url, false]);
    assert.deepEqual(await storedFiles(), before);
    assert.equal((await fetch(current.url)).status, 200);
  });

  it('ignores a previous URL that is not one of ours', async () => {
    const before = await storedFiles();
    const response = await endpoint.upload({ image: dataUri(fixture('astronaut.png'), 'image/png'), previous: 'https://elsewhere.example/avatars/../../etc/passwd' });
    assert.equal(response.status, 201);
    assert.ok((await storedFiles()).length >= before.length);
  });

  it('DELETE removes an avatar with the token and answers 204', async () => {
    const { url } = (await (await endpoint.upload(fixture('rocket.jpg'))).json()) as { url: string };
    const id = url.split('/').pop()!.replace('.png', '');
    const denied = await fetch(`${endpoint.url}/api/v1/avatars/${id}`, { method: 'DELETE' });
    assert.equal(denied.status, 401);
    const deleted = await fetch(`${endpoint.url}/api/v1/avatars/${id}?owner=${encodeURIComponent(DEFAULT_OWNER)}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(deleted.status, 204);
    assert.equal((await fetch(url)).status, 404);
  });

  it('never leaves temporary files in the avatar folder', async () => {
    // (stored ?size= variants, avatars/<id>/<size>.png, are avatars too: on by default with STORAGE=s3)
    assert.deepEqual((await storedFiles()).filter((name) => !/^[a-f0-9]{32}(\/\d+)?\.png$/.test(name)), []);
  });
});

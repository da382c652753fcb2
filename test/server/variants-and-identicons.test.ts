import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixture } from '../support/fixtures.ts';
import { DEFAULT_OWNER, pngSize, startEndpoint, TOKEN, type TestEndpoint } from '../support/endpoint.ts';
import { VARIANT_SIZES } from '../../src/server/variant-sizes.ts';

describe('sizes and identicons for other apps', () => {
  let endpoint: TestEndpoint;
  let avatarUrl: string;
  before(async () => {
    endpoint = await startEndpoint('sharp');
    avatarUrl = ((await (await endpoint.upload(fixture('astronaut.png'))).json()) as { url: string }).url;
  });
  after(() => endpoint.close());

  const image = async (url: string) => {
    const response = await fetch(url);
    assert.equal(response.status, 200, url);
    return { response, size: await pngSize(Buffer.from(await response.arrayBuffer())) };
  };

  for (const size of VARIANT_SIZES) {
    it(`serves ?size=${size} as a ${size}x${size} PNG with its own ETag`, async () => {
      const { response, size: dimensions } = await image(`${avatarUrl}?size=${size}`);
      assert.deepEqual(dimensions, { format: 'png', width: size, height: size });
      assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(response.headers.get('etag'), size === 1024 ? `"${avatarUrl.split('/').pop()!.slice(0, 32)}"` : `"${avatarUrl.split('/').pop()!.slice(0, 32)}-${size}"`);
    });
  }

  it('redirects any other whole size to the next larger offered one, so a client can cause at most 11 resizes', async () => {
    for (const [asked, offered] of [['8', 16], ['0', 16], ['17', 24], ['158', 192], ['513', 1024], ['2048', 1024], ['0128', 128], ['999999999', 1024]] as const) {
      const response = await fetch(`${avatarUrl}?size=${asked}`, { redirect: 'manual' });
      assert.equal(response.status, 301, asked);
      assert.equal(response.headers.get('location'), `?size=${offered}`, asked);
      const followed = await image(new URL(response.headers.get('location')!, avatarUrl).href);
      assert.equal(followed.size.width, offered, asked);
    }
  });

  it('redirects identicon sizes the same way', async () => {
    const response = await fetch(`${endpoint.url}/identicon/${'a'.repeat(32)}.png?size=100`, { redirect: 'manual' });
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), '?size=128');
  });

  it('refuses sizes that are not whole numbers with a clear 400', async () => {
    for (const size of ['big', '12.5', '-1', '', '1e3', '１２８', '10000000000']) {
      const response = await fetch(`${avatarUrl}?size=${encodeURIComponent(size)}`, { redirect: 'manual' });
      assert.equal(response.status, 400, size);
      assert.match(((await response.json()) as { error: { message: string } }).error.message, /whole number of pixels/);
    }
  });

  it('stops serving every size, the full one included, once the avatar is deleted (cached or not)', async () => {
    const url = ((await (await endpoint.upload(fixture('coffee.png'))).json()) as { url: string }).url;
    await image(`${url}?size=64`);
    await image(url);
    const id = url.split('/').pop()!.replace('.png', '');
    const deleted = await fetch(`${endpoint.url}/api/v1/avatars/${id}?owner=${encodeURIComponent(DEFAULT_OWNER)}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(deleted.status, 204);
    assert.equal((await fetch(`${url}?size=64`)).status, 404);
    assert.equal((await fetch(url)).status, 404);
    assert.equal((await fetch(`${url}?size=128`)).status, 404);
  });

  const md5 = '0bc83cb571cd1c50ba6f3e8a78ef1346';
  const sha256 = '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b';

  it('draws identicons for md5 and sha256 hashes, deterministically', async () => {
    for (const hash of [md5, sha256]) {
      const first = Buffer.from(await (await fetch(`${endpoint.url}/identicon/${hash}.png?size=64`)).arrayBuffer());
      const again = Buffer.from(await (await fetch(`${endpoint.url}/identicon/${hash}.png?size=64`)).arrayBuffer());
      assert.deepEqual(await pngSize(first), { format: 'png', width: 64, height: 64 });
      assert.ok(first.equals(again));
    }
  });

  it('draws different identicons for different people', async () => {
    const a = Buffer.from(await (await fetch(`${endpoint.url}/identicon/${md5}.png?size=64`)).arrayBuffer());
    const b = Buffer.from(await (await fetch(`${endpoint.url}/identicon/${'1'.repeat(32)}.png?size=64`)).arrayBuffer());
    assert.ok(!a.equals(b));
  });

  it('defaults identicons to OUTPUT_SIZE and refuses names that are not hashes', async () => {
    assert.deepEqual((await image(`${endpoint.url}/identicon/${md5}.png`)).size, { format: 'png', width: 1024, height: 1024 });
    for (const name of ['alice.png', `${md5}.svg`, `${md5.slice(1)}.png`]) {
      assert.equal((await fetch(`${endpoint.url}/identicon/${name}`)).status, 404, name);
    }
  });
});

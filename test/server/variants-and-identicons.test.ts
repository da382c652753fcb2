import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixture } from '../support/fixtures.ts';
import { pngSize, startEndpoint, TOKEN, type TestEndpoint } from '../support/endpoint.ts';

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

  for (const size of [16, 32, 128, 158, 512, 1024]) {
    it(`serves ?size=${size} as a ${size}x${size} PNG with its own ETag`, async () => {
      const { response, size: dimensions } = await image(`${avatarUrl}?size=${size}`);
      assert.deepEqual(dimensions, { format: 'png', width: size, height: size });
      assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(response.headers.get('etag'), size === 1024 ? `"${avatarUrl.split('/').pop()!.slice(0, 32)}"` : `"${avatarUrl.split('/').pop()!.slice(0, 32)}-${size}"`);
    });
  }

  it('refuses sizes outside 16..OUTPUT_SIZE with a clear 400', async () => {
    for (const size of ['8', '2048', 'big', '12.5', '-1']) {
      const response = await fetch(`${avatarUrl}?size=${size}`);
      assert.equal(response.status, 400, size);
      assert.match(((await response.json()) as { error: { message: string } }).error.message, /from 16 to 1024/);
    }
  });

  it('stops serving every size, the full one included, once the avatar is deleted (cached or not)', async () => {
    const url = ((await (await endpoint.upload(fixture('coffee.png'))).json()) as { url: string }).url;
    await image(`${url}?size=64`);
    await image(url);
    const id = url.split('/').pop()!.replace('.png', '');
    const deleted = await fetch(`${endpoint.url}/api/v1/avatars/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
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

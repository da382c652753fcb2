import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { BlobStore } from '../../src/server/storage/blob-store.ts';
import { AvatarStore } from '../../src/server/storage/avatar-store.ts';
import { createStore } from '../../src/server/storage/create-store.ts';
import { FileBlobStore } from '../../src/server/storage/file-blob-store.ts';
import { VariantCache } from '../../src/server/variant-cache.ts';
import { dataUri, startEndpoint, TOKEN, type TestEndpoint } from '../support/endpoint.ts';
import { fixture } from '../support/fixtures.ts';

// Found by an attack on stored variants: a ?size= request racing a removal could leave the
// variant on disk (served, immutable, after the 204) or in the memory cache. Once removed, no URL
// of an avatar may serve anything.

const OWNER = 'user:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const idOf = (url: string) => url.split('/').pop()!.replace('.png', '');
const keysOf = async (blobs: BlobStore, prefix: string) => {
  const keys: string[] = [];
  for await (const object of blobs.list(prefix)) keys.push(object.key);
  return keys.sort();
};
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
};

describe('a variant being computed when its avatar is removed', () => {
  it('is handed to the request that waited for it but never cached', async () => {
    const cache = new VariantCache(1 << 20);
    const made = deferred<Buffer>();
    const waiting = cache.get('a:64', () => made.promise);
    cache.delete('a:');
    made.resolve(Buffer.from('old'));
    assert.equal((await waiting).toString(), 'old');
    assert.equal(cache.peek('a:64'), undefined);
    let computedAgain = false;
    await cache.get('a:64', async () => ((computedAgain = true), Buffer.from('new')));
    assert.ok(computedAgain, 'a request after the removal computes afresh instead of joining the old computation');
  });

  it('an unrelated computation still caches', async () => {
    const cache = new VariantCache(1 << 20);
    const made = deferred<Buffer>();
    const waiting = cache.get('b:64', () => made.promise);
    cache.delete('a:');
    made.resolve(Buffer.from('b'));
    await waiting;
    assert.equal(cache.peek('b:64')?.toString(), 'b');
  });
});

describe('a variant stored while its avatar is removed', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'avatars-races-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  for (const moment of ['before the removal lists the variants', 'after the removal listed the variants'] as const) {
    it(`does not outlive it when written ${moment}`, async () => {
      const blobs = new FileBlobStore(join(folder, moment.replaceAll(' ', '-')));
      let duringListing: (() => Promise<void>) | undefined;
      const hooked: BlobStore = Object.assign(Object.create(blobs) as BlobStore, {
        async *list(prefix: string) {
          const found = [];
          for await (const object of blobs.list(prefix)) found.push(object);
          const run = duringListing;
          duringListing = undefined;
          if (run) await run();
          yield* found;
        },
      });
      const store = new AvatarStore(hooked, true);
      await store.open();
      const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#0a0' } }).png().toBuffer();
      const { id } = await store.save(png, OWNER);
      if (moment === 'before the removal lists the variants') await store.saveVariant(id, 32, png);
      else duringListing = () => store.saveVariant(id, 32, png);
      await store.delete(id);
      assert.deepEqual(await keysOf(blobs, ''), []);
    });
  }
});

describe('after a removal, the endpoint serves nothing of the avatar', () => {
  let endpoint: TestEndpoint;
  let store: AvatarStore;
  before(async () => {
    endpoint = await startEndpoint('sharp', { STORE_VARIANTS: 'true', OUTPUT_SIZE: '256' });
    store = createStore(endpoint.config.storage);
  });
  after(async () => {
    await store?.close();
    await endpoint?.close();
  });

  const upload = async () => {
    const response = await endpoint.upload({ image: dataUri(fixture('astronaut.png'), 'image/png'), owner: OWNER });
    assert.equal(response.status, 201, await response.clone().text());
    return idOf(((await response.json()) as { url: string }).url);
  };
  const remove = (id: string) => fetch(`${endpoint.url}/api/v1/avatars/${id}?owner=${encodeURIComponent(OWNER)}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });

  it('a stored variant whose image is gone (a removal cut short) is not served, and DELETE finishes the removal', async () => {
    const id = await upload();
    await store.blobs.delete(`avatars/${id}.png`);
    await store.blobs.delete(`records/${id}.json`);
    assert.equal((await fetch(`${endpoint.url}/avatars/${id}.png?size=64`)).status, 404);
    assert.ok((await keysOf(store.blobs, `avatars/${id}/`)).length > 0, 'the variants are still stored before the DELETE');
    assert.equal((await remove(id)).status, 204);
    assert.deepEqual(await keysOf(store.blobs, `avatars/${id}`), []);
  });

  it('requests racing the DELETE leave nothing served afterwards, on disk or in memory', async () => {
    for (let round = 0; round < 6; round++) {
      const id = await upload();
      await store.blobs.delete(`avatars/${id}/64.png`); // so the request computes and fills it in
      const racing = Array.from({ length: 4 }, () => fetch(`${endpoint.url}/avatars/${id}.png?size=64`).then((response) => response.arrayBuffer()));
      assert.equal((await remove(id)).status, 204);
      await Promise.all(racing);
      // A fill-in still landing (written and fsynced after the answer, then seeing the image gone)
      // may show for a moment: wait until nothing is stored for 10 polls in a row, bounded at 30 s.
      let quiet = 0;
      for (let attempt = 0; attempt < 600 && quiet < 10; attempt++) {
        quiet = (await keysOf(store.blobs, `avatars/${id}`)).length === 0 ? quiet + 1 : 0;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.deepEqual(await keysOf(store.blobs, `avatars/${id}`), [], `round ${round}: nothing of the avatar is stored`);
      assert.equal((await fetch(`${endpoint.url}/avatars/${id}.png?size=64`)).status, 404, `round ${round}: ?size=64 is gone`);
      assert.equal((await fetch(`${endpoint.url}/avatars/${id}.png`)).status, 404, `round ${round}: the image is gone`);
    }
  });
});

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { ConfigError, loadConfig, type Env } from '../../src/server/config.ts';
import { sweepOrphans } from '../../src/server/ownership/orphan-sweep.ts';
import { tidyOwner } from '../../src/server/ownership/tidy-owner.ts';
import type { BlobStore } from '../../src/server/storage/blob-store.ts';
import { AvatarStore } from '../../src/server/storage/avatar-store.ts';
import { createStore } from '../../src/server/storage/create-store.ts';
import { FileBlobStore } from '../../src/server/storage/file-blob-store.ts';
import { storedVariantSizes } from '../../src/server/stored-variants.ts';
import { dataUri, startEndpoint, TOKEN, type TestEndpoint } from '../support/endpoint.ts';
import { fixture } from '../support/fixtures.ts';
import { startSeaweedfs, type RunningSeaweedfs } from '../support/seaweedfs.ts';

const OWNER = 'user:7d0c2f3e-2b1a-4c5d-9e8f-0a1b2c3d4e5f';
const OUTPUT_SIZE = 256;
const SIZES = storedVariantSizes(OUTPUT_SIZE);
const idOf = (url: string) => url.split('/').pop()!.replace('.png', '');
const NOBODY = { byId: new Map<string, string[]>(), users: 1 };

async function squareOf(bytes: Buffer): Promise<number | undefined> {
  const meta = await sharp(bytes).metadata();
  return meta.format === 'png' && meta.width === meta.height ? meta.width : undefined;
}

async function upload(endpoint: TestEndpoint, name = 'astronaut.png'): Promise<string> {
  const response = await endpoint.upload({ image: dataUri(fixture(name), 'image/png'), owner: OWNER });
  assert.equal(response.status, 201, await response.clone().text());
  return ((await response.json()) as { url: string }).url;
}

const get = async (endpoint: TestEndpoint, path: string) => {
  const response = await fetch(endpoint.url + path);
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
};

const keysOf = async (blobs: BlobStore, prefix: string) => {
  const keys: string[] = [];
  for await (const object of blobs.list(prefix)) keys.push(object.key);
  return keys.sort();
};

describe('STORE_VARIANTS settings', () => {
  it('defaults on with STORAGE=s3 and off with the folder store; either can be set; a bad value names the variable', () => {
    const s3 = { STORAGE: 's3', S3_BUCKET: 'avatars' };
    assert.equal(loadConfig({}).storage.storeVariants, false);
    assert.equal(loadConfig(s3).storage.storeVariants, true);
    assert.equal(loadConfig({ ...s3, STORE_VARIANTS: 'false' }).storage.storeVariants, false);
    assert.equal(loadConfig({ STORE_VARIANTS: 'true' }).storage.storeVariants, true);
    assert.throws(() => loadConfig({ STORE_VARIANTS: 'yes' }), (error: Error) => error instanceof ConfigError && error.message.startsWith('STORE_VARIANTS='));
  });

  it('an upload whose variants cannot all be stored leaves nothing behind', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const folder = await mkdtemp(join(tmpdir(), 'avatars-variants-'));
    const blobs = new FileBlobStore(folder);
    let puts = 0;
    const failing: BlobStore = Object.assign(Object.create(blobs) as BlobStore, {
      put: async (key: string, bytes: Buffer) => {
        if (++puts === 5) throw new Error('storage failed mid-upload');
        return blobs.put(key, bytes);
      },
    });
    const store = new AvatarStore(failing, true);
    await store.open();
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#08f' } }).png().toBuffer();
    const variants = [16, 24, 32, 48].map((size) => ({ size, png }));
    await assert.rejects(store.save(png, OWNER, new Date(), variants), /mid-upload/);
    assert.deepEqual(await keysOf(blobs, ''), []);
    await rm(folder, { recursive: true, force: true });
  });
});

/** The same promises on both backends: the folder store and a real SeaweedFS bucket. */
for (const backend of ['file', 's3'] as const) {
  describe(`stored variants (STORAGE=${backend})`, () => {
    let weed: RunningSeaweedfs | undefined;
    let withVariants: TestEndpoint;
    let withoutVariants: TestEndpoint;
    let store: AvatarStore;

    before(async () => {
      let storageEnv: Env = {};
      if (backend === 's3') {
        weed = await startSeaweedfs();
        await weed.createBucket('variants');
        storageEnv = { ...weed.env('variants'), S3_PREFIX: 'site/' };
      }
      withVariants = await startEndpoint('sharp', { ...storageEnv, STORAGE: backend, STORE_VARIANTS: 'true', OUTPUT_SIZE: String(OUTPUT_SIZE) });
      // The second replica shares the storage (same folder or bucket) but neither stores nor reads variants.
      const shared: Env = backend === 'file' ? { DATA_DIR: withVariants.config.dataDir } : storageEnv;
      withoutVariants = await startEndpoint('sharp', { ...shared, STORAGE: backend, STORE_VARIANTS: 'false', OUTPUT_SIZE: String(OUTPUT_SIZE) });
      store = createStore(withVariants.config.storage);
    });
    after(async () => {
      await store?.close();
      await withoutVariants?.close();
      await withVariants?.close();
      await weed?.close();
    });

    it('an upload is answered with every variant stored beside the avatar, each the same bytes the endpoint computes', async () => {
      const url = await upload(withVariants);
      const id = idOf(url);
      assert.deepEqual(await store.variantSizes(id), SIZES);
      assert.deepEqual(await keysOf(store.blobs, `avatars/${id}/`), SIZES.map((size) => `avatars/${id}/${size}.png`).sort());
      for (const size of SIZES) {
        const stored = (await store.readVariant(id, size))!;
        assert.equal(await squareOf(stored), size);
        const computed = await get(withoutVariants, `/avatars/${id}.png?size=${size}`);
        assert.equal(computed.status, 200);
        assert.ok(computed.bytes.equals(stored), `?size=${size} computed on request equals the stored variant`);
        assert.equal(computed.headers.get('etag'), `"${id}-${size}"`);
      }
      assert.equal(await squareOf((await store.read(id))!), OUTPUT_SIZE, 'the avatar itself is stored as before');
    });

    it('the endpoint serves ?size= from storage, with the usual headers', async () => {
      const id = idOf(await upload(withVariants, 'chelsea.png'));
      // A marker picture where the 48-px variant is: only a route that reads storage can serve it.
      const marker = await sharp({ create: { width: 48, height: 48, channels: 3, background: '#f0f' } }).png().toBuffer();
      await store.saveVariant(id, 48, marker);
      const served = await get(withVariants, `/avatars/${id}.png?size=48`);
      assert.equal(served.status, 200);
      assert.ok(served.bytes.equals(marker));
      assert.equal(served.headers.get('content-type'), 'image/png');
      assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(served.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(served.headers.get('etag'), `"${id}-48"`);
    });

    it('an avatar stored without variants fills them in as they are requested', async () => {
      const id = idOf(await upload(withoutVariants, 'coffee.png'));
      assert.deepEqual(await store.variantSizes(id), []);
      const served = await get(withVariants, `/avatars/${id}.png?size=64`);
      assert.equal(served.status, 200);
      assert.equal(await squareOf(served.bytes), 64);
      // The fill-in is written after the answer: wait for it to land (bounded).
      for (let attempt = 0; attempt < 100 && !(await store.readVariant(id, 64)); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok((await store.readVariant(id, 64))?.equals(served.bytes));
      assert.deepEqual(await store.variantSizes(id), [64]);
    });

    it('deleting an avatar through the API removes its variants (and, on the folder store, their folder)', async () => {
      const id = idOf(await upload(withVariants));
      const response = await fetch(`${withVariants.url}/api/v1/avatars/${id}?owner=${encodeURIComponent(OWNER)}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(response.status, 204);
      assert.deepEqual(await keysOf(store.blobs, `avatars/${id}`), []);
      if (backend === 'file') assert.equal(existsSync(join(withVariants.config.dataDir, 'avatars', id)), false);
      assert.equal((await get(withVariants, `/avatars/${id}.png?size=32`)).status, 404);
      assert.equal((await get(withoutVariants, `/avatars/${id}.png?size=32`)).status, 404);
    });

    it('tidying an owner and the orphan sweep remove variants with their avatar; variants whose avatar is gone do not stay', async () => {
      const tidied = idOf(await upload(withVariants));
      const kept = idOf(await upload(withVariants, 'chelsea.png'));
      const later = Date.now() + 60 * 60 * 1000;
      const removed = await tidyOwner(store, OWNER, new Set([kept]), later);
      assert.ok(removed.some((avatar) => avatar.id === tidied));
      assert.deepEqual(await keysOf(store.blobs, `avatars/${tidied}`), []);
      assert.deepEqual(await store.variantSizes(kept), SIZES);

      // A variant filled in while its avatar was removed does not outlive it...
      const variant = (await store.readVariant(kept, 32))!;
      await store.saveVariant(tidied, 32, variant);
      assert.deepEqual(await keysOf(store.blobs, `avatars/${tidied}`), []);
      // ...and one a crash left behind (its avatar gone, nothing names it) is found by the sweep.
      const stray = 'ab'.repeat(16);
      await store.blobs.put(`avatars/${stray}/32.png`, variant);
      const plan = await sweepOrphans(store, NOBODY, { graceMs: 1000, now: later, force: true });
      assert.ok(plan.remove.some((avatar) => avatar.id === stray));
      assert.ok(plan.remove.some((avatar) => avatar.id === kept));
      assert.deepEqual(await keysOf(store.blobs, 'avatars/'), []);
      if (backend === 'file') assert.deepEqual(await keysOf(store.blobs, ''), []);
    });
  });
}

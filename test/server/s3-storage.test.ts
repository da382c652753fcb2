import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { loadConfig } from '../../src/server/config.ts';
import { createStore } from '../../src/server/storage/create-store.ts';
import { dataUri, pngSize, startEndpoint, TOKEN, type TestEndpoint } from '../support/endpoint.ts';
import { fixture } from '../support/fixtures.ts';
import { startCuttingProxy, type CuttingProxy } from '../support/cutting-proxy.ts';
import { startSeaweedfs, type RunningSeaweedfs } from '../support/seaweedfs.ts';

const ALICE = 'user:1b6f1c0e-3a52-4a0b-8f4e-0c6d9f3e2a11';
const idOf = (url: string) => url.split('/').pop()!.replace('.png', '');
const pathOf = (url: string) => new URL(url).pathname;

async function upload(endpoint: TestEndpoint, name: string, extra: Record<string, unknown> = {}) {
  const response = await endpoint.upload({ image: dataUri(fixture(name), name.endsWith('.jpg') ? 'image/jpeg' : 'image/png'), owner: ALICE, ...extra });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { url: string; error?: { code: string; message: string } } };
}

const remove = (endpoint: TestEndpoint, url: string) =>
  fetch(`${endpoint.url}/api/v1/avatars/${idOf(url)}?owner=${encodeURIComponent(ALICE)}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });

describe('avatars on a real SeaweedFS bucket (STORAGE=s3)', () => {
  let weed: RunningSeaweedfs;
  let first: TestEndpoint;
  let second: TestEndpoint;
  let bucket: S3Client;
  const keys = async () => ((await bucket.send(new ListObjectsV2Command({ Bucket: 'avatars', Prefix: 'site/' }))).Contents ?? []).map((object) => object.Key!).sort();

  before(async () => {
    weed = await startSeaweedfs();
    await weed.createBucket('avatars');
    // Both replicas share one bucket; a short cache age makes a removal through one visible on the other quickly.
    const env = { ...weed.env('avatars'), S3_PREFIX: 'site/', S3_CACHE_MAX_AGE: '1s' };
    first = await startEndpoint('sharp', env);
    second = await startEndpoint('sharp', env);
    bucket = new S3Client({ endpoint: weed.s3Url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: weed.accessKeyId, secretAccessKey: weed.secretAccessKey } });
  });
  after(async () => {
    bucket?.destroy();
    await first?.close();
    await second?.close();
    await weed?.close();
  });

  it('stores the PNG under the prefix as image/png, beside its record and owner marker', async () => {
    const { status, body } = await upload(first, 'astronaut.png');
    assert.equal(status, 201);
    const id = idOf(body.url);
    const image = await bucket.send(new HeadObjectCommand({ Bucket: 'avatars', Key: `site/avatars/${id}.png` }));
    assert.equal(image.ContentType, 'image/png');
    const record = JSON.parse(await (await bucket.send(new GetObjectCommand({ Bucket: 'avatars', Key: `site/records/${id}.json` }))).Body!.transformToString());
    assert.equal(record.owner, ALICE);
    assert.ok((await keys()).some((key) => key.startsWith('site/owners/') && key.endsWith(`/${id}`)));
    assert.equal((await remove(first, body.url)).status, 204);
  });

  it('two replicas on one bucket: upload through one, serve, replace and remove through either', async () => {
    const uploaded = await upload(first, 'astronaut.png');
    assert.equal(uploaded.status, 201);
    const served = await fetch(second.url + pathOf(uploaded.body.url));
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(served.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.deepEqual(await pngSize(Buffer.from(await served.arrayBuffer())), { format: 'png', width: 1024, height: 1024 });

    // The replacement names the first avatar as `previous`; the other replica keeps it until the user write stage ran.
    const replaced = await upload(second, 'rocket.jpg', { previous: uploaded.body.url });
    assert.equal(replaced.status, 201);
    assert.equal((await fetch(first.url + pathOf(replaced.body.url))).status, 200);
    assert.equal((await fetch(first.url + pathOf(uploaded.body.url))).status, 200);

    assert.equal((await remove(first, replaced.body.url)).status, 204);
    assert.equal((await fetch(first.url + pathOf(replaced.body.url))).status, 404);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // S3_CACHE_MAX_AGE=1s on the other replica
    assert.equal((await fetch(second.url + pathOf(replaced.body.url))).status, 404, 'the other replica stops serving a removed avatar after S3_CACHE_MAX_AGE');
    assert.equal((await remove(second, uploaded.body.url)).status, 204);
    assert.deepEqual(await keys(), [], 'nothing is left in the bucket');
  });

  it('/healthz names the storage and says it is healthy', async () => {
    const health = await fetch(`${first.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual((await health.json()) as object, { status: 'ok', processor: 'sharp', processorHealthy: true, storage: 's3', storageHealthy: true });
  });

  for (const fault of ['stopped', 'paused (SIGSTOP)'] as const) {
    it(`SeaweedFS ${fault}: uploads answer 503 storage-unavailable with Retry-After, the previous avatar stays, and it recovers without a restart`, async () => {
      const previous = await upload(first, 'astronaut.png');
      assert.equal(previous.status, 201);
      const before = await keys();
      if (fault === 'stopped') await weed.stop();
      else weed.pause();
      try {
        const refused = await upload(first, 'rocket.jpg', { previous: previous.body.url });
        assert.equal(refused.status, 503);
        assert.equal(refused.body.error?.code, 'storage-unavailable');
        assert.match(refused.body.error!.message, /current avatar was kept/);
        assert.ok(Number(refused.retryAfter) > 0, 'Retry-After is set');
        assert.equal((await fetch(`${second.url}/healthz`)).status, 503);
      } finally {
        if (fault === 'stopped') await weed.restart();
        else weed.resume();
      }
      assert.deepEqual(await keys(), before, 'nothing was half-stored and nothing was removed');
      const health = await fetch(`${first.url}/healthz`);
      assert.equal(health.status, 200, 'healthy again without a restart');
      const again = await upload(first, 'rocket.jpg', { previous: previous.body.url });
      assert.equal(again.status, 201);
      assert.equal((await fetch(second.url + pathOf(previous.body.url))).status, 200);
      await remove(first, again.body.url);
      await remove(first, previous.body.url);
    });
  }

  it('a connection to the bucket dropped in the middle of the image upload: 503 storage-unavailable, nothing half-stored, the previous avatar kept', async (t) => {
    const cutting: CuttingProxy = await startCuttingProxy(Number(new URL(weed.s3Url).port));
    const flaky = await startEndpoint('sharp', { ...weed.env('avatars'), S3_PREFIX: 'site/', S3_ENDPOINT: cutting.url });
    t.after(async () => {
      await flaky.close();
      await cutting.close();
    });
    const previous = await upload(flaky, 'astronaut.png');
    assert.equal(previous.status, 201);
    const before = await keys();
    // The record PUT (a few hundred bytes) passes; the PNG PUT (hundreds of kilobytes) is cut after 64 KB.
    cutting.cutAfterBytes = 64 * 1024;
    const refused = await upload(flaky, 'rocket.jpg', { previous: previous.body.url });
    cutting.cutAfterBytes = undefined;
    assert.equal(refused.status, 503);
    assert.equal(refused.body.error?.code, 'storage-unavailable');
    assert.ok(Number(refused.retryAfter) > 0);
    assert.deepEqual(await keys(), before, 'the half-sent image and its record are not in the bucket');
    assert.equal((await fetch(second.url + pathOf(previous.body.url))).status, 200);
    const again = await upload(flaky, 'rocket.jpg', { previous: previous.body.url });
    assert.equal(again.status, 201, 'works again once the connection does');
    await remove(flaky, again.body.url);
    await remove(flaky, previous.body.url);
  });

  it('wrong keys: the endpoint refuses to start naming the variables, and a running store answers 503 storage-unavailable', async () => {
    const config = loadConfig({ ...weed.env('avatars'), S3_SECRET_ACCESS_KEY: 'wrong-secret-0000000000' });
    const store = createStore(config.storage);
    await assert.rejects(store.open(), /S3_ACCESS_KEY_ID \/ S3_SECRET_ACCESS_KEY/);
    await assert.rejects(store.read('0123456789abcdef0123456789abcdef'), (error: Error & { status?: number; code?: string }) => error.status === 503 && error.code === 'storage-unavailable');
    assert.equal(await store.healthy(), false);
    await store.close();
  });

  it('a missing bucket is named at start-up', async () => {
    const store = createStore(loadConfig(weed.env('no-such-bucket')).storage);
    await assert.rejects(store.open(), /S3_BUCKET: the bucket "no-such-bucket" .* does not exist/);
    await store.close();
  });
});

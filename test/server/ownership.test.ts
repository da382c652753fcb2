import assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tidyOwner, KEEP_RECENT_MS } from '../../src/server/ownership/tidy-owner.ts';
import { AvatarStore } from '../../src/server/storage/avatar-store.ts';
import { dataUri, DEFAULT_OWNER, startEndpoint, TOKEN, type TestEndpoint } from '../support/endpoint.ts';
import { fixture } from '../support/fixtures.ts';

const ALICE = 'user:1b6f1c0e-3a52-4a0b-8f4e-0c6d9f3e2a11';
const MALLORY = 'user:5c0ffee0-0000-4000-8000-00000000bad0';
const idOf = (url: string) => url.split('/').pop()!.replace('.png', '');

describe('an avatar belongs to one person', () => {
  let endpoint: TestEndpoint;
  let store: AvatarStore;
  const upload = async (owner: string, name = 'astronaut.png', extra: Record<string, unknown> = {}) => {
    const response = await endpoint.upload({ image: dataUri(fixture(name), name.endsWith('.jpg') ? 'image/jpeg' : 'image/png'), owner, ...extra });
    return { status: response.status, body: (await response.json()) as { url: string; stored: boolean; error?: { code: string; message: string } } };
  };
  const remove = (url: string, owner: string) =>
    fetch(`${endpoint.url}/api/v1/avatars/${idOf(url)}?owner=${encodeURIComponent(owner)}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
  const status = async (url: string) => (await fetch(url)).status;

  before(async () => {
    endpoint = await startEndpoint('sharp');
    store = AvatarStore.inFolder(endpoint.config.dataDir);
  });
  after(() => endpoint.close());

  it('refuses to delete another owner\'s avatar, and says so', async () => {
    const alices = (await upload(ALICE)).body.url;
    const refused = await remove(alices, MALLORY);
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'not-owner');
    assert.equal(await status(alices), 200);
    assert.equal((await remove(alices, ALICE)).status, 204);
    assert.equal(await status(alices), 404);
  });

  it('never replaces another owner\'s avatar named as previous', async () => {
    const alices = (await upload(ALICE, 'chelsea.png')).body.url;
    const mallorys = await upload(MALLORY, 'chelsea.png', { previous: alices });
    assert.equal(mallorys.status, 201, 'the same bytes for another owner are a new avatar, not "unchanged"');
    assert.notEqual(mallorys.body.url, alices);
    assert.equal(await status(alices), 200);
  });

  it('asks for an owner, naming what to send', async () => {
    const response = await endpoint.upload({ image: dataUri(fixture('coffee.png'), 'image/png'), owner: null });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /"owner" is required/);
    for (const owner of ['alice', 'admin:1', 'user:', `user:${'x'.repeat(300)}`, 'user:a b']) {
      assert.equal((await endpoint.upload({ image: dataUri(fixture('coffee.png'), 'image/png'), owner })).status, 400, owner);
    }
    const unowned = await fetch(`${endpoint.url}/api/v1/avatars/0123456789abcdef0123456789abcdef`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(unowned.status, 400);
  });

  it('takes the owner and previous of a raw body from the query string', async () => {
    const first = await endpoint.upload(fixture('coffee.png'), {}, { owner: ALICE });
    assert.equal(first.status, 201);
    const { url } = (await first.json()) as { url: string };
    const again = await endpoint.upload(fixture('coffee.png'), {}, { owner: ALICE, previous: url });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { url, width: 1024, height: 1024, type: 'image/png', stored: false });
  });

  it('keeps serving avatars stored under content ids before ownership, and lets no one delete them', async () => {
    const current = (await upload(DEFAULT_OWNER, 'retina.jpg')).body.url;
    const legacyId = 'ab'.repeat(16);
    await mkdir(join(endpoint.config.dataDir, 'avatars'), { recursive: true });
    await copyFile(store.pathOf(idOf(current)), join(endpoint.config.dataDir, 'avatars', `${legacyId}.png`));
    const legacy = `${endpoint.url}/avatars/${legacyId}.png`;
    assert.equal(await status(legacy), 200);
    assert.equal((await remove(legacy, DEFAULT_OWNER)).status, 403, 'nobody can prove it is theirs; the orphan sweep decides');
    const replaced = await upload(DEFAULT_OWNER, 'coffee.png', { previous: legacy });
    assert.equal(replaced.status, 201);
    assert.equal(await status(legacy), 200);
  });

  it('tidies only the owner\'s older avatars, keeping the previous one, the new one and recent ones', async () => {
    const owner = 'user:tidy-0000';
    const now = Date.now();
    const old = new Date(now - KEEP_RECENT_MS - 60_000);
    const png = await (await fetch((await upload('user:source')).body.url)).arrayBuffer().then((bytes) => Buffer.from(bytes));
    const [stale, previous, recent, fresh] = [await store.save(png, owner, old), await store.save(png, owner, old), await store.save(png, owner, new Date(now - 1000)), await store.save(png, owner)];
    const someoneElses = await store.save(png, 'user:other', old);

    const removed = await tidyOwner(store, owner, new Set([fresh.id, previous.id]), now);
    assert.deepEqual(removed, [{ id: stale.id, bytes: png.length }]);
    assert.deepEqual(await Promise.all([stale, previous, recent, fresh, someoneElses].map((record) => store.exists(record.id))), [false, true, true, true, true]);
  });

  it('never leaves records or markers behind for a deleted avatar', async () => {
    const url = (await upload('user:clean-0001', 'coffee.png')).body.url;
    assert.equal((await remove(url, 'user:clean-0001')).status, 204);
    const files = await readdir(endpoint.config.dataDir, { recursive: true });
    assert.deepEqual(files.filter((name) => name.includes(idOf(url))), []);
  });
});

describe('anonymous (enrollment) uploads', () => {
  it('are bounded in total pending bytes with a 429 the person can act on, and the sweep frees them', async () => {
    const { startUsersApi, authentikUser, AUTHENTIK_TOKEN } = await import('../support/authentik-users-api.ts');
    const api = await startUsersApi([authentikUser(1)]); // one user, who names none of them
    const first = await startEndpoint('sharp', { ANON_PENDING_MB: '6', ANON_UPLOADS_PER_HOUR: '100' });
    const dataDir = first.config.dataDir;
    const enroll = (endpoint: TestEndpoint, n: number) =>
      endpoint.upload({ image: dataUri(fixture('hubble_deep_field.jpg'), 'image/jpeg'), owner: `pending:abandoned-${n}`, client: `198.51.100.${n}` });
    try {
      const answers = [];
      for (let n = 0; n < 20; n++) answers.push(await enroll(first, n));
      const stored = answers.filter((response) => response.status === 201).length;
      const refused = answers.filter((response) => response.status === 429);
      assert.ok(stored >= 1 && stored < 20, `some stored (${stored}), then refused`);
      assert.equal(stored + refused.length, 20);
      assert.ok(Number(refused[0]!.headers.get('retry-after')) > 0);
      assert.match(((await refused[0]!.json()) as { error: { message: string } }).error.message, /Continue without an avatar/);
    } finally {
      await first.app.close();
    }

    // The same store with the sweep on: the abandoned enrollments are past ORPHAN_GRACE and nobody names them.
    const second = await startEndpoint('sharp', { DATA_DIR: dataDir, AUTHENTIK_URL: api.url, AUTHENTIK_API_TOKEN: AUTHENTIK_TOKEN, ORPHAN_GRACE: '1ms', SWEEP_INTERVAL: '200ms' });
    try {
      const left = async () => (await readdir(join(dataDir, 'avatars'))).filter((name) => name.endsWith('.png')).length;
      for (let wait = 0; wait < 150 && (await left()) > 0; wait++) await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(await left(), 0, 'the sweep removed every abandoned enrollment');
      assert.equal((await enroll(second, 99)).status, 201, 'new enrollments are taken again');
    } finally {
      await second.close();
      await api.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

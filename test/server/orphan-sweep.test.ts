import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { main as removeOrphans } from '../../src/server/cli/remove-orphans.ts';
import { listNamedAvatars } from '../../src/server/ownership/authentik-users.ts';
import { sweepOrphans, SweepRefused } from '../../src/server/ownership/orphan-sweep.ts';
import { AvatarStore } from '../../src/server/storage/avatar-store.ts';
import { AUTHENTIK_TOKEN, authentikUser, startUsersApi, type UsersApi } from '../support/authentik-users-api.ts';
import { dataUri, startEndpoint, TOKEN, type TestEndpoint } from '../support/endpoint.ts';
import { fixture } from '../support/fixtures.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('the orphan sweep', () => {
  let endpoint: TestEndpoint;
  let store: AvatarStore;
  let api: UsersApi;
  const upload = async (owner: string, name = 'coffee.png', type = 'image/png') => {
    const response = await endpoint.upload({ image: dataUri(fixture(name), type), owner });
    assert.equal(response.status, 201, await response.clone().text());
    return ((await response.json()) as { url: string }).url;
  };
  // Read from the store itself: this test's sweeps run beside the endpoint, whose serving cache would still answer.
  const serves = (url: string) => store.exists(url.split('/').pop()!.replace('.png', ''));
  const named = () => listNamedAvatars({ authentikUrl: api.url, token: AUTHENTIK_TOKEN });

  before(async () => {
    endpoint = await startEndpoint('sharp');
    store = AvatarStore.inFolder(endpoint.config.dataDir);
    api = await startUsersApi([]);
  });
  after(async () => {
    await endpoint.close();
    await api.close();
  });

  it('keeps avatars users name, removes unnamed ones past the grace period, and keeps young ones', async () => {
    // 250 users over three pages of 100; the one whose avatar matters is on the last page.
    api.users = Array.from({ length: 250 }, (_, index) => authentikUser(index + 1));
    const last = api.users.at(-1)!;
    const kept = await upload(`user:${last.uuid}`);
    last.attributes = { avatar: `${kept}?size=64`, other: 'x' };
    const orphan = await upload('user:someone-who-changed-since');

    const young = await sweepOrphans(store, await named(), { graceMs: DAY });
    assert.deepEqual([young.remove.length, await serves(orphan)], [0, true], 'nothing is past the grace period yet');
    assert.deepEqual(api.requests.slice(-3), ['page=1 page_size=100', 'page=2 page_size=100', 'page=3 page_size=100']);

    const plan = await sweepOrphans(store, await named(), { graceMs: DAY, now: Date.now() + DAY + HOUR });
    assert.deepEqual(plan.remove.map((avatar) => `${endpoint.config.publicUrl}/avatars/${avatar.id}.png`), [orphan]);
    assert.ok(plan.bytes > 0);
    assert.equal(await serves(orphan), false);
    assert.equal(await serves(kept), true);
  });

  it('never acts on a partial user list: a failing page stops the sweep before anything is removed', async () => {
    api.users = Array.from({ length: 150 }, (_, index) => authentikUser(index + 1));
    const onSecondPage = api.users[120]!;
    const url = await upload(`user:${onSecondPage.uuid}`);
    onSecondPage.attributes = { avatar: url };
    api.failPage = 2;
    try {
      await assert.rejects(named());
    } finally {
      api.failPage = undefined;
    }
    assert.equal(await serves(url), true);
  });

  it('refuses to remove most of the store when the token sees too few users', async () => {
    const urls = await Promise.all(Array.from({ length: 12 }, (_, index) => upload(`user:u${index}`, 'chelsea.png')));
    const plan = sweepOrphans(store, { byId: new Map(), users: 1 }, { graceMs: DAY, now: Date.now() + 2 * DAY });
    await assert.rejects(plan, SweepRefused);
    for (const url of urls) assert.equal(await serves(url), true);
    await sweepOrphans(store, { byId: new Map(), users: 1 }, { graceMs: DAY, now: Date.now() + 2 * DAY, force: true });
    for (const url of urls) assert.equal(await serves(url), false, '--force removes them');
  });

  it('hands an enrollment avatar to the user who ended up naming it, so that user can remove it', async () => {
    const user = authentikUser(1);
    api.users = [user];
    const url = await upload('pending:4f1c0d9e2b7a4c3d9e8f7a6b5c4d3e2f');
    user.attributes = { avatar: url };
    const id = url.split('/').pop()!.replace('.png', '');
    const remove = () => fetch(`${endpoint.url}/api/v1/avatars/${id}?owner=user:${user.uuid}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });

    assert.equal((await remove()).status, 403, 'before the sweep the avatar is still the enrollment\'s');
    const plan = await sweepOrphans(store, await named(), { graceMs: DAY });
    assert.deepEqual(plan.adopt, [{ id, owner: `user:${user.uuid}` }]);
    assert.equal((await store.record(id))?.owner, `user:${user.uuid}`);
    assert.equal((await remove()).status, 204);
  });

  it('remove-orphans --dry-run prints what would go and the bytes it frees, and deletes nothing', async () => {
    api.users = [authentikUser(1)];
    const orphan = await upload('user:gone', 'retina.jpg', 'image/jpeg');
    const lines: string[] = [];
    const errors: string[] = [];
    const env = { DATA_DIR: endpoint.config.dataDir, AUTHENTIK_URL: api.url, AUTHENTIK_API_TOKEN: AUTHENTIK_TOKEN, ORPHAN_GRACE: '1ms' };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      assert.equal(await removeOrphans(['--dry-run'], (line) => lines.push(line), (line) => errors.push(line)), 0, errors.join('\n'));
      assert.ok(lines.some((line) => line.startsWith(`would remove ${orphan.split('/').pop()!.replace('.png', '')}`)), lines.join('\n'));
      assert.match(lines.at(-1)!, /orphans would be removed, [\d.]+ (KB|MB) would be freed/);
      assert.equal(await serves(orphan), true, 'a dry run deletes nothing');

      assert.equal(await removeOrphans([], (line) => lines.push(line), (line) => errors.push(line)), 0, errors.join('\n'));
      assert.equal(await serves(orphan), false);
    } finally {
      process.env = saved;
    }
  });

  it('remove-orphans without authentik\'s API says what to set instead of guessing', async () => {
    const errors: string[] = [];
    const saved = { ...process.env };
    delete process.env.AUTHENTIK_URL;
    delete process.env.AUTHENTIK_API_TOKEN;
    try {
      assert.equal(await removeOrphans(['--dry-run'], () => {}, (line) => errors.push(line)), 1);
    } finally {
      process.env = saved;
    }
    assert.match(errors.join('\n'), /AUTHENTIK_URL and AUTHENTIK_API_TOKEN/);
  });
});

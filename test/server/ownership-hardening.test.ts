import assert from 'node:assert/strict';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { clientKey } from '../../src/server/ownership/anonymous-limits.ts';
import { avatarIdOf } from '../../src/server/ownership/avatar-url.ts';
import { listNamedAvatars } from '../../src/server/ownership/authentik-users.ts';
import { sweepOrphans, SweepRefused } from '../../src/server/ownership/orphan-sweep.ts';
import { AvatarStore } from '../../src/server/storage/avatar-store.ts';
import { AUTHENTIK_TOKEN, authentikUser, startUsersApi } from '../support/authentik-users-api.ts';
import { dataUri, startEndpoint, type TestEndpoint } from '../support/endpoint.ts';
import { fixture } from '../support/fixtures.ts';

const DAY = 24 * 60 * 60 * 1000;
const ALICE = 'user:7a1ce000-0000-4000-8000-0000000a11ce';
const idOf = (url: string) => url.split('/').pop()!.replace('.png', '');

describe('what an attack on ownership found, fixed', () => {
  let endpoint: TestEndpoint;
  before(async () => {
    endpoint = await startEndpoint('sharp', { ANON_UPLOADS_PER_HOUR: '2' });
  });
  after(() => endpoint.close());
  const upload = (body: Record<string, unknown>) => endpoint.upload({ image: dataUri(fixture('coffee.png'), 'image/png'), ...body });

  it('a sweep whose token sees no users at all removes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sweep-nobody-'));
    try {
      const store = AvatarStore.inFolder(dir);
      await store.open();
      const old = new Date(Date.now() - 3 * DAY);
      for (let n = 0; n < 3; n++) {
        const record = await store.save(Buffer.from('png'), `user:u${n}`, old);
        for (const file of [`avatars/${record.id}.png`, `records/${record.id}.json`]) await utimes(join(dir, file), old, old);
      }
      await assert.rejects(sweepOrphans(store, { byId: new Map(), users: 0 }, { graceMs: DAY }), SweepRefused);
      assert.equal((await store.list()).length, 3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a user list that changes while it is read is read again, so nobody on a shifted page is missed', async () => {
    const users = Array.from({ length: 150 }, (_, index) => authentikUser(index + 1));
    const api = await startUsersApi(users);
    try {
      const onSecondPage = users[100]!;
      onSecondPage.attributes = { avatar: 'https://avatars.example/avatars/' + 'c'.repeat(32) + '.png' };
      // The first page is answered, then a user on it is deleted before page 2 is asked for.
      const fetchApi: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (String(input).includes('page=1&') && users.length === 150) users.splice(0, 1);
        return response;
      };
      const named = await listNamedAvatars({ authentikUrl: api.url, token: AUTHENTIK_TOKEN }, fetchApi);
      assert.deepEqual(named.byId.get('c'.repeat(32)), [onSecondPage.uuid]);
      assert.equal(named.users, 149);
    } finally {
      await api.close();
    }
  });

  it('a damaged owner record does not lock its owner out of changing or removing the avatar', async () => {
    const url = ((await (await upload({ owner: ALICE })).json()) as { url: string }).url;
    await writeFile(join(endpoint.config.dataDir, 'records', `${idOf(url)}.json`), '{trunc');
    assert.equal((await upload({ owner: ALICE, previous: url })).status, 201);
  });

  it('one IPv6 /64 is one client for the enrollment limits', async () => {
    const statuses = [];
    for (let n = 1; n <= 3; n++) statuses.push((await upload({ owner: `pending:v6-${n}`, client: `2001:db8:0:1::${n}` })).status);
    assert.deepEqual(statuses, [201, 201, 429]);
    assert.equal((await upload({ owner: 'pending:v6-other', client: '2001:db8:0:2::1' })).status, 201, 'another /64 is another client');
    assert.equal(clientKey('::ffff:192.0.2.1'), '192.0.2.1');
  });

  it('percent-encoded avatar URLs name the same avatar (the router serves them too)', () => {
    const id = 'a'.repeat(32);
    assert.equal(avatarIdOf(`https://x.example/avatars/%61${'a'.repeat(31)}.png`), id);
    assert.equal(avatarIdOf('https://x.example/avatars/%E0%A4%A.png'), undefined);
  });
});

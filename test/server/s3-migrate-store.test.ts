import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/server/cli/migrate-store.ts';
import { loadConfig } from '../../src/server/config.ts';
import { AvatarStore } from '../../src/server/storage/avatar-store.ts';
import { createStore } from '../../src/server/storage/create-store.ts';
import { fixture } from '../support/fixtures.ts';
import { startSeaweedfs, type RunningSeaweedfs } from '../support/seaweedfs.ts';

const ALICE = 'user:1b6f1c0e-3a52-4a0b-8f4e-0c6d9f3e2a11';

describe('migrate-store: a folder store into a bucket and back', () => {
  let weed: RunningSeaweedfs;
  let folder: string;
  let back: string;
  const run = async (to: string, dataDir: string) => {
    const lines: string[] = [];
    const code = await main(['--to', to], { ...weed.env('migrated'), DATA_DIR: dataDir }, (line) => lines.push(line), (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  };

  before(async () => {
    weed = await startSeaweedfs();
    await weed.createBucket('migrated');
    folder = await mkdtemp(join(tmpdir(), 'avatars-migrate-'));
    back = await mkdtemp(join(tmpdir(), 'avatars-migrate-back-'));
  });
  after(async () => {
    await weed?.close();
    await rm(folder, { recursive: true, force: true });
    await rm(back, { recursive: true, force: true });
  });

  it('copies every avatar with its owner, verifies it, and copies nothing the second time', async () => {
    const local = AvatarStore.inFolder(folder);
    await local.open();
    const saved = [await local.save(fixture('astronaut.png'), ALICE), await local.save(fixture('chelsea.png'), ALICE)];

    const first = await run('s3', folder);
    assert.equal(first.code, 0, first.output);
    assert.match(first.output, /6 objects copied and verified, 0 already there, 0 failed/);
    const again = await run('s3', folder);
    assert.match(again.output, /0 objects copied and verified, 6 already there, 0 failed/);

    const bucket = createStore(loadConfig(weed.env('migrated')).storage);
    assert.deepEqual((await bucket.ownedBy(ALICE)).sort(), saved.map((record) => record.id).sort());
    for (const record of saved) assert.ok((await bucket.read(record.id))!.equals(fixture(record.id === saved[0]!.id ? 'astronaut.png' : 'chelsea.png')));
    await bucket.close();

    const home = await run('file', back);
    assert.equal(home.code, 0, home.output);
    assert.deepEqual((await readdir(join(back, 'avatars'))).sort(), saved.map((record) => `${record.id}.png`).sort());
  });

  it('names the missing bucket and exits 1, copying nothing', async () => {
    const lines: string[] = [];
    const code = await main(['--to', 's3'], { ...weed.env('no-such-bucket'), DATA_DIR: folder }, (line) => lines.push(line), (line) => lines.push(line));
    assert.equal(code, 1);
    assert.match(lines.join('\n'), /S3_BUCKET: the bucket "no-such-bucket" .* does not exist/);
  });
});

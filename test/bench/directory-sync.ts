import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { fixture } from '../support/fixtures.ts';
import { REPO, startEndpoint, TOKEN } from './processes.ts';
import { kb, mb, ms } from './stats.ts';
import type { Row } from './table.ts';

const PEOPLE = 1000;
const PHOTO_SIZE = 240;

interface SyncRun {
  seconds: number;
  synced: number;
  problems: number;
  files: number;
  bytes: number;
}

interface DriverResult {
  people: number;
  photoBytes: number;
  baselineSeconds: number;
  first: SyncRun;
  again: SyncRun;
  unhashed: SyncRun & { count: number };
}

/** One distinct 240x240 JPEG per person (AD thumbnails are at most 100 KB), cut from wood-l.webp at different places. */
async function writePhotos(folder: string): Promise<void> {
  const { data, info } = await sharp(fixture('wood-l.webp')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const tile = 960;
  const across = Math.floor(info.width / tile) * 4 - 3;
  for (let index = 0; index < PEOPLE; index++) {
    const left = (index % across) * (tile / 4);
    const top = (Math.floor(index / across) * 8) % (info.height - tile);
    const bytes = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
      .extract({ left, top, width: tile, height: tile })
      .resize(PHOTO_SIZE, PHOTO_SIZE)
      .jpeg({ quality: 85 })
      .toBuffer();
    await writeFile(join(folder, `person${String(index).padStart(4, '0')}.jpg`), bytes);
  }
}

/**
 * A sync of 1,000 people with directory photos: a real slapd, authentik's LDAP sync stand-in with the
 * photo mapping (test/bench/directory_sync.py), the endpoint with the sharp processor. The baseline is
 * the same sync without the photo mapping.
 */
export async function directorySyncRows(): Promise<Row[]> {
  const section = `Directory photos: LDAP sync of ${PEOPLE} people with a ${PHOTO_SIZE}² jpegPhoto each (real slapd, sync stand-in, endpoint with sharp; one run)`;
  const photos = await mkdtemp(join(tmpdir(), 'bench-photos-'));
  const endpoint = await startEndpoint('sharp');
  try {
    await writePhotos(photos);
    const driver = spawnSync('python3', [join(REPO, 'test/bench/directory_sync.py')], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, AVATARS_URL: endpoint.url, AVATARS_TOKEN: TOKEN, PHOTOS_DIR: photos, DATA_DIR: endpoint.dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1024 * 1024,
    });
    if (driver.status !== 0) throw new Error(`test/bench/directory_sync.py exited ${driver.status ?? driver.signal}`);
    const result = JSON.parse(driver.stdout.trim().split('\n').at(-1)!) as DriverResult;
    const perUser = (seconds: number) => (seconds * 1000) / result.people;
    const baseline = `${ms(perUser(result.baselineSeconds))}/person without the photo mapping`;
    const complete = (run: SyncRun) => run.synced === result.people && run.problems === 0;
    return [
      {
        section,
        what: `first sync: time per person (${result.first.synced} synced, ${result.first.problems} warnings; photos ${kb(result.photoBytes / result.people)} each)`,
        value: `${ms(perUser(result.first.seconds))}/person`,
        baseline,
        ratio: result.first.seconds / result.baselineSeconds,
        goal: 'every person gets an avatar',
        pass: complete(result.first) && result.first.files === result.people,
      },
      {
        section,
        what: `first sync: stored (${result.first.files} files)`,
        value: `${mb(result.first.bytes)} (${kb(result.first.bytes / Math.max(1, result.first.files))} per avatar)`,
        baseline: `${mb(result.photoBytes)} of directory photos`,
        ratio: result.first.bytes / result.photoBytes,
        goal: 'one file per person',
        pass: result.first.files === result.people,
      },
      {
        section,
        what: `unchanged re-sync: time per person (${result.again.synced} synced, one HEAD request each)`,
        value: `${ms(perUser(result.again.seconds))}/person`,
        baseline,
        ratio: result.again.seconds / result.baselineSeconds,
        goal: '≤ 10% of the first sync',
        pass: complete(result.again) && result.again.seconds <= 0.1 * result.first.seconds,
      },
      {
        section,
        what: `re-sync with ${result.unhashed.count} photo hashes missing (those photos sent again): time per person`,
        value: `${ms(perUser(result.unhashed.seconds))}/person`,
        baseline: `${ms(perUser(result.again.seconds))}/person, the unchanged re-sync`,
        ratio: result.unhashed.seconds / result.again.seconds,
        goal: `stores nothing (${result.unhashed.files} files, ${result.unhashed.bytes} bytes)`,
        pass: complete(result.unhashed) && result.unhashed.files === 0 && result.unhashed.bytes === 0,
      },
      {
        section,
        what: 'unchanged re-sync: stored',
        value: `${result.again.files} files, ${result.again.bytes} bytes`,
        baseline: `${result.first.files} files on the first sync`,
        goal: 'nothing',
        pass: result.again.files === 0 && result.again.bytes === 0,
      },
    ];
  } finally {
    await endpoint.stop();
    await rm(photos, { recursive: true, force: true });
  }
}

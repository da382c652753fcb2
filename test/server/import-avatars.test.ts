import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { loadConfig } from '../../src/server/config.ts';
import { findAvatarFiles, importAvatars } from '../../src/server/cli/import-avatars.ts';
import { createProcessor } from '../../src/server/processors/create-processor.ts';
import { FIXTURES } from '../support/fixtures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PUBLIC_URL = 'https://avatars.example.org';
const AVATAR_URL = /^https:\/\/avatars\.example\.org\/avatars\/([a-f0-9]{32})\.png$/;

/** What the original tutorial left in authentik's /media/user-avatars, plus things that are not avatars. */
async function tutorialFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'user-avatars-'));
  await copyFile(FIXTURES + 'chelsea.png', join(folder, 'akadmin.png'));
  await copyFile(FIXTURES + 'blobs-l.svg', join(folder, 'jdoe.svg'));
  await mkdir(join(folder, '2024'));
  await copyFile(FIXTURES + 'coffee.png', join(folder, '2024', 'alice.PNG'));
  await copyFile(FIXTURES + 'truncated.jpg', join(folder, 'broken.png'));
  await writeFile(join(folder, 'notes.txt'), 'not an avatar');
  await copyFile(FIXTURES + 'chelsea.png', join(folder, '.hidden.png'));
  return folder;
}

const run = promisify(execFile);

async function cli(folder: string, dataDir: string, ...flags: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH, DATA_DIR: dataDir, PUBLIC_URL, PROCESSOR: 'sharp' };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/server/cli/import-avatars.ts', folder, ...flags], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('import-avatars: moving the original tutorial’s files to stable URLs', () => {
  let folder: string;
  let dataDir: string;

  before(async () => {
    folder = await tutorialFolder();
    dataDir = await mkdtemp(join(tmpdir(), 'avatars-import-data-'));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finds PNG, JPEG, WebP and SVG files in subfolders too, skipping hidden files and other types', async () => {
    assert.deepEqual(await findAvatarFiles(folder), ['2024/alice.PNG', 'akadmin.png', 'broken.png', 'jdoe.svg']);
  });

  it('normalizes every file through the endpoint’s intake, processor and store into a square PNG', async () => {
    const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_URL, PROCESSOR: 'sharp' });
    const processor = await createProcessor(config);
    const results = await importAvatars(folder, config, processor);
    await processor.close();

    const stored = results.filter((result) => 'url' in result);
    assert.deepEqual(
      stored.map((result) => result.name),
      ['2024/alice.PNG', 'akadmin.png', 'jdoe.svg'],
    );
    for (const result of stored) {
      const id = AVATAR_URL.exec(result.url)?.[1];
      assert.ok(id, `${result.name} -> ${result.url}`);
      const metadata = await sharp(join(dataDir, 'avatars', `${id}.png`)).metadata();
      assert.deepEqual([metadata.format, metadata.width, metadata.height], ['png', config.outputSize, config.outputSize]);
    }
    const broken = results.find((result) => result.name === 'broken.png');
    assert.ok(broken && 'error' in broken && /damaged|incomplete|cannot be read/.test(broken.error), JSON.stringify(broken));
  });

  it('prints one line per file with the new URL or the reason, and exits 1 when a file failed', async () => {
    const { code, stdout, stderr } = await cli(folder, dataDir);
    const lines = stdout.trimEnd().split('\n');

    assert.equal(code, 1);
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /^2024\/alice\.PNG -> https:\/\/avatars\.example\.org\/avatars\/[a-f0-9]{32}\.png$/);
    assert.match(lines[1]!, /^akadmin\.png -> https:\/\/avatars\.example\.org\/avatars\/[a-f0-9]{32}\.png$/);
    assert.match(lines[2]!, /^broken\.png -> error: .+/);
    assert.match(lines[3]!, /^jdoe\.svg -> https:\/\/avatars\.example\.org\/avatars\/[a-f0-9]{32}\.png$/);
    assert.match(stderr, /3 of 4 files stored in /);
  });

  it('prints a JSON mapping with --json, and importing again gives the same URLs', async () => {
    const first = await cli(folder, dataDir);
    const { stdout } = await cli(folder, dataDir, '--json');
    const mapping = JSON.parse(stdout) as { imported: Record<string, string>; failed: Record<string, string> };

    assert.deepEqual(Object.keys(mapping.imported), ['2024/alice.PNG', 'akadmin.png', 'jdoe.svg']);
    assert.deepEqual(Object.keys(mapping.failed), ['broken.png']);
    for (const [name, url] of Object.entries(mapping.imported)) assert.ok(first.stdout.includes(`${name} -> ${url}\n`));
  });

  it('gives two people who had the same picture two avatars of their own', async () => {
    const twins = await mkdtemp(join(tmpdir(), 'user-avatars-twins-'));
    try {
      await copyFile(FIXTURES + 'coffee.png', join(twins, 'ann.png'));
      await copyFile(FIXTURES + 'coffee.png', join(twins, 'ben.png'));
      const mapping = JSON.parse((await cli(twins, dataDir, '--json')).stdout) as { imported: Record<string, string> };
      assert.match(mapping.imported['ann.png']!, AVATAR_URL);
      assert.notEqual(mapping.imported['ann.png'], mapping.imported['ben.png']);
    } finally {
      await rm(twins, { recursive: true, force: true });
    }
  });

  it('explains its usage and an empty folder', async () => {
    assert.equal((await cli('--json', dataDir)).code, 2);
    const empty = await mkdtemp(join(tmpdir(), 'empty-avatars-'));
    const result = await cli(empty, dataDir);
    await rm(empty, { recursive: true });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no PNG, JPEG, WebP or SVG files below/);
  });
});

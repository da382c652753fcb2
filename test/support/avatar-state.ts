import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file below `dataDir`, as sorted paths relative to it. */
export async function filesUnder(dataDir: string): Promise<string[]> {
  const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => `${entry.parentPath.slice(dataDir.length + 1)}/${entry.name}`.replace(/^\//, ''))
    .sort();
}

const idOf = (url: string) => url.split('/').pop()!.replace(/\.png$/, '');

async function recordOf(dataDir: string, url: string): Promise<{ owner: string; sha256: string }> {
  return JSON.parse(await readFile(join(dataDir, 'records', `${idOf(url)}.json`), 'utf8')) as { owner: string; sha256: string };
}

/** Every file one stored avatar consists of: the image, its owner record and its owner-index marker. */
export async function storedFilesOf(dataDir: string, ...urls: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const url of urls) {
    const { owner } = await recordOf(dataDir, url);
    const ownerFolder = createHash('sha256').update(owner).digest('hex').slice(0, 32);
    files.push(`avatars/${idOf(url)}.png`, `owners/${ownerFolder}/${idOf(url)}`, `records/${idOf(url)}.json`);
  }
  return files.sort();
}

/**
 * Fetches an avatar and checks that it is whole: the bytes served must still hash to the digest its
 * record was written with when it was stored.
 */
export async function assertIntact(url: string, dataDir: string): Promise<void> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `${url} is no longer served`);
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.equal(createHash('sha256').update(bytes).digest('hex'), (await recordOf(dataDir, url)).sha256, `${url} is served with other bytes than it was stored with`);
}

/** The error an upload was refused with, checked for the shape every refusal has. */
export async function refusal(response: Response): Promise<{ status: number; code: string; message: string; retryAfter: string | null }> {
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: error.code, message: error.message, retryAfter: response.headers.get('retry-after') };
}

/** What /healthz says, with its status. */
export async function health(baseUrl: string): Promise<{ status: number; processorHealthy: boolean }> {
  const response = await fetch(`${baseUrl}/healthz`);
  const body = (await response.json()) as { processorHealthy: boolean };
  return { status: response.status, processorHealthy: body.processorHealthy };
}

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';

/** Every file below `dataDir`, as sorted paths relative to it. */
export async function filesUnder(dataDir: string): Promise<string[]> {
  const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => `${entry.parentPath.slice(dataDir.length + 1)}/${entry.name}`.replace(/^\//, ''))
    .sort();
}

/** The stored file that serves an avatar URL. */
export const storedFileOf = (url: string) => `avatars/${url.split('/').pop()!}`;

/**
 * Fetches an avatar and checks that it is whole: names are the hash of the content, so the bytes
 * served must still hash to the name.
 */
export async function assertIntact(url: string): Promise<void> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `${url} is no longer served`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const id = url.split('/').pop()!.replace(/\.png$/, '');
  assert.equal(createHash('sha256').update(bytes).digest('hex').slice(0, 32), id, `${url} is served with other bytes than it was stored with`);
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

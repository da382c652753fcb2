import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { CANARY_PORT, CASES, renderCorpusTable, type Category, type HostileCase, type Outcome } from '../fixtures/hostile/cases.ts';
import { CORPUS_MD, generateCorpus } from '../fixtures/hostile/make-corpus.ts';
import { DEFAULT_OWNER, startEndpoint, TOKEN, type TestEndpoint } from '../support/endpoint.ts';
import { imgproxyCommand } from '../support/imgproxy.ts';

const describeOutcome = (o: Outcome) => ('png' in o ? 'a safe 1024x1024 PNG' : `${o.status} ${o.code}`);

/** Markers of active content that must never survive into a stored avatar. */
const ACTIVE_CONTENT = ['<script', '<?php', '<html', 'javascript:', 'Manifest-Version', '<svg'];

let folder: string;
let files: Map<string, string>;
let canary: Server;
const canaryHits: string[] = [];

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hostile-corpus-'));
  files = await generateCorpus(folder);
  // Every external reference in the SVG cases points here: any request is a failed sanitizer.
  canary = createServer((request, response) => {
    canaryHits.push(`${request.method} ${request.url}`);
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve, reject) => {
    canary!.once('error', (error) =>
      reject(new Error(`The SVG canary could not listen on 127.0.0.1:${CANARY_PORT} (${error.message}); free that port and rerun.`)),
    );
    canary!.listen(CANARY_PORT, '127.0.0.1', () => resolve());
  });
});

after(async () => {
  await new Promise<void>((resolve) => (canary.close(() => resolve())));
  await rm(folder, { recursive: true, force: true });
});

describe('the hostile corpus', () => {
  it('CORPUS.md is current (regenerate with `npx tsx test/fixtures/hostile/make-corpus.ts`)', async () => {
    assert.equal(await readFile(CORPUS_MD, 'utf8'), renderCorpusTable());
  });

  it('has at least 60 inputs, several in every category', () => {
    assert.ok(CASES.length >= 60, `${CASES.length} inputs`);
    const counts = new Map<Category, number>();
    for (const c of CASES) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
    for (const [category, count] of counts) assert.ok(count >= 3, `${category}: ${count}`);
    assert.equal(counts.size, 12);
  });
});

async function send(endpoint: TestEndpoint, c: HostileCase, bytes: Buffer): Promise<Response> {
  const url = `${endpoint.url}/api/v1/avatars?${new URLSearchParams({ owner: DEFAULT_OWNER })}`;
  const headers = { authorization: `Bearer ${TOKEN}` };
  switch (c.send.as) {
    case 'json':
      return fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ image: `data:${c.send.declared};base64,${bytes.toString('base64')}`, owner: DEFAULT_OWNER }),
      });
    case 'raw':
      return fetch(url, { method: 'POST', headers: { ...headers, 'content-type': c.send.contentType }, body: new Uint8Array(bytes) });
    case 'body':
      return fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: new Uint8Array(withOwner(bytes)) });
  }
}

/** A whole JSON body case with the owner every upload needs added, when it is a JSON object at all. */
function withOwner(bytes: Buffer): Buffer {
  try {
    const body: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof body !== 'object' || body === null || Array.isArray(body) || 'owner' in body) return bytes;
    return Buffer.from(JSON.stringify({ ...body, owner: DEFAULT_OWNER }));
  } catch {
    return bytes;
  }
}

/** Every image below the data folder's avatars/: only `<32 hex>.png`, and each a PNG that decodes whole, free of active content. (owners/ and records/ hold the store's bookkeeping.) */
async function checkDataFolder(dataDir: string): Promise<number> {
  let count = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(path);
        continue;
      }
      assert.match(entry.name, /^[a-f0-9]{32}\.png$/, `unexpected file in the data folder: ${path}`);
      const bytes = await readFile(path);
      const { format, width, height } = await sharp(bytes).metadata();
      assert.deepEqual({ format, width, height }, { format: 'png', width: 1024, height: 1024 }, path);
      await sharp(bytes, { failOn: 'error' }).raw().toBuffer();
      const text = bytes.toString('latin1');
      for (const marker of ACTIVE_CONTENT) assert.ok(!text.includes(marker), `${path} contains ${marker}`);
      count++;
    }
  };
  if (existsSync(join(dataDir, 'avatars'))) await walk(join(dataDir, 'avatars'));
  return count;
}

for (const processor of ['sharp', 'imgproxy'] as const) {
  const label = processor === 'imgproxy' ? `imgproxy (${imgproxyCommand().kind})` : processor;

  describe(`hostile uploads against the ${label} processor`, () => {
    let endpoint: TestEndpoint;
    before(async () => {
      endpoint = await startEndpoint(processor);
    });
    after(() => endpoint?.close());

    for (const c of CASES) {
      const expected = processor === 'imgproxy' && c.imgproxy ? c.imgproxy.expect : c.expect;
      it(`${c.file} -> ${describeOutcome(expected)}`, async () => {
        const bytes = await readFile(files.get(c.file)!);
        const response = await send(endpoint, c, bytes);
        const text = await response.text();
        assert.ok(response.status < 500, `server error ${response.status}: ${text.slice(0, 300)}`);

        if ('png' in expected) {
          assert.equal(response.status, 201, text.slice(0, 300));
          const { url } = JSON.parse(text) as { url: string };
          const served = await fetch(url);
          assert.equal(served.status, 200);
          assert.equal(served.headers.get('content-type'), 'image/png');
          const png = Buffer.from(await served.arrayBuffer());
          const { format, width, height } = await sharp(png).metadata();
          assert.deepEqual({ format, width, height }, { format: 'png', width: 1024, height: 1024 });
        } else {
          assert.equal(response.status, expected.status, text.slice(0, 300));
          assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
          const { error } = JSON.parse(text) as { error: { code: string; message: string } };
          assert.equal(error.code, expected.code, error.message);
          // A sentence a person can act on: no stack, no paths, no library jargon.
          assert.equal(typeof error.message, 'string');
          assert.ok(error.message.length >= 30 && error.message.length <= 400, error.message);
          assert.match(error.message, /^[A-Z]/, error.message);
          assert.doesNotMatch(error.message, /\bat .*:\d+|node_modules|\/tmp\/|\/work\/|Error:|undefined|\[object/, error.message);
        }

        const health = await fetch(`${endpoint.url}/healthz`);
        assert.equal(health.status, 200, 'the endpoint answers /healthz afterwards');
        await checkDataFolder(endpoint.config.dataDir);
      });
    }

    it('never fetched anything from the canary the SVG cases point at', () => {
      assert.deepEqual(canaryHits, []);
    });

    it('stored only PNGs: every upload that succeeded left one decodable 1024x1024 PNG', async () => {
      const stored = await checkDataFolder(endpoint.config.dataDir);
      assert.ok(stored > 0);
    });
  });
}

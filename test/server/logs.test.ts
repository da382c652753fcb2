import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TOKEN } from '../support/endpoint.ts';
import { spawnEndpoint } from '../support/endpoint-process.ts';
import { fixture } from '../support/fixtures.ts';
import { freePort } from '../support/imgproxy.ts';

const WRONG_TOKEN = 'not-the-token-but-still-secret-0123';
const WINDOW = 24;

/** Every WINDOW-character piece of `text`, to look for any part of a secret inside the logs. */
function* windows(text: string): Generator<string> {
  for (let at = 0; at + WINDOW <= text.length; at++) yield text.slice(at, at + WINDOW);
}

describe('the JSON logs of a running endpoint', () => {
  const OWNER = 'user:0b1c2d3e-0000-4000-8000-00000000109a';

  it('carry one structured line per upload with its outcome, and never a token or any image bytes', async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'avatars-logs-'));
    const endpoint = await spawnEndpoint({ PORT: String(await freePort()), AVATARS_TOKEN: TOKEN, DATA_DIR: dataDir, PROCESSOR: 'sharp', LOG_LEVEL: 'info' });
    t.after(async () => {
      await endpoint.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    });

    const images = [fixture('astronaut.png'), fixture('rocket.jpg'), fixture('truncated.jpg')];
    const base64 = images.map((bytes) => bytes.toString('base64'));
    const post = (body: string | Buffer, contentType: string, token = TOKEN) =>
      fetch(`${endpoint.url}/api/v1/avatars?owner=${encodeURIComponent(OWNER)}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: new Uint8Array(Buffer.from(body)) });

    const statuses = [
      (await post(JSON.stringify({ image: `data:image/png;base64,${base64[0]}`, owner: OWNER }), 'application/json')).status,
      (await post(images[1]!, 'image/jpeg')).status,
      (await post(JSON.stringify({ image: `data:image/jpeg;base64,${base64[2]}`, owner: OWNER }), 'application/json')).status,
      (await post(JSON.stringify({ image: `data:image/png;base64,${base64[0]}` }), 'application/json', WRONG_TOKEN)).status,
      (await post(`{"image":"data:image/jpeg;base64,${base64[1]}`, 'application/json')).status,
    ];
    assert.deepEqual(statuses, [201, 201, 422, 401, 400]);
    await endpoint.kill('SIGTERM');

    const lines = endpoint.output.filter((line) => line.trim() !== '');
    const entries = lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return assert.fail(`not a JSON log line: ${line.slice(0, 200)}`);
      }
    });
    const uploads = entries.filter((entry) => 'outcome' in entry);
    assert.deepEqual(
      uploads.map(({ msg, outcome, status }) => ({ msg, outcome, status })),
      [
        { msg: 'upload stored', outcome: 'stored', status: 201 },
        { msg: 'upload stored', outcome: 'stored', status: 201 },
        { msg: 'upload refused', outcome: 'undecodable', status: 422 },
        { msg: 'upload refused', outcome: 'unauthorized', status: 401 },
        { msg: 'upload refused', outcome: 'malformed', status: 400 },
      ],
    );
    for (const entry of uploads) assert.equal(typeof entry.reqId, 'string', 'each outcome line names its request');

    const log = lines.join('\n');
    for (const secret of [TOKEN, WRONG_TOKEN]) assert.ok(!log.includes(secret), 'a bearer token was logged');
    assert.doesNotMatch(log, /data:image|IHDR|JFIF|Exif|\\u0089PNG/i, 'image data was logged');
    const logWindows = new Set(windows(log));
    for (const [index, encoded] of base64.entries()) {
      for (const piece of windows(encoded)) assert.ok(!logWindows.has(piece), `part of image ${index}'s base64 was logged: ${piece}`);
    }
    // A Buffer in a pino line becomes {"type":"Buffer","data":[137,80,...]}.
    assert.ok(!log.includes('"type":"Buffer"'), 'a Buffer was logged');
    for (const bytes of images) assert.ok(!log.includes([...bytes.subarray(0, 8)].join(',')), 'image bytes were logged as numbers');
  });
});

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bombs } from '../support/bombs.ts';
import { DEFAULT_OWNER, startEndpoint, TOKEN, type TestEndpoint } from '../support/endpoint.ts';
import { spawnEndpoint } from '../support/endpoint-process.ts';
import { fixture } from '../support/fixtures.ts';
import { freePort } from '../support/imgproxy.ts';

describe('stalled upload bodies', () => {
  let endpoint: TestEndpoint;
  before(async () => {
    endpoint = await startEndpoint('sharp', { UPLOAD_MEMORY_MB: '1', BODY_IDLE_TIMEOUT_MS: '500' });
  });
  after(() => endpoint.close());

  it('are dropped, freeing their memory reservation, so a small upload behind them is stored', async () => {
    const { port } = new URL(endpoint.url);
    // Two clients announce large bodies (together the whole budget), send a little, and stall.
    const stalled = [0, 1].map(() => {
      const socket = connect(Number(port), '127.0.0.1');
      socket.write(
        `POST /api/v1/avatars?owner=${encodeURIComponent(DEFAULT_OWNER)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/octet-stream\r\nContent-Length: 600000\r\n\r\n\x89PNG`,
      );
      socket.on('error', () => {});
      return once(socket, 'close');
    });
    const small = await endpoint.upload(fixture('chelsea.png'));
    assert.equal(small.status, 201, await small.clone().text());
    await Promise.all(stalled); // the endpoint closed both stalled connections
  });
});

describe('shutdown', () => {
  it('SIGTERM during a render that never ends: the worker is killed after SHUTDOWN_GRACE_MS and the server exits', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'avatars-shutdown-'));
    const port = await freePort();
    const server = await spawnEndpoint({ PORT: String(port), AVATARS_TOKEN: TOKEN, DATA_DIR: dataDir, DECODE_TIMEOUT_MS: '600000', SHUTDOWN_GRACE_MS: '1000', LOG_LEVEL: 'warn' });
    try {
      // Within the budget's counts, so it renders, for far longer than the grace (DECODE_TIMEOUT_MS is 10 minutes here).
      const upload = fetch(`${server.url}/api/v1/avatars?owner=${encodeURIComponent(DEFAULT_OWNER)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(bombs.turbulence(7)),
      }).then((response) => response.status, () => 'connection closed');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const workerPids = childPids(server.pid);
      assert.ok(workerPids.length > 0, 'the server runs decode workers');
      // Not a speed check: a failsafe so a server that never exits fails the test instead of hanging it.
      let failsafe: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        server.kill('SIGTERM').then(() => 'exited'),
        new Promise((resolve) => (failsafe = setTimeout(() => resolve('still running'), 120_000))),
      ]);
      clearTimeout(failsafe);
      assert.equal(outcome, 'exited', 'the server exited by itself after SIGTERM');
      assert.ok([503, 'connection closed'].includes(await upload), 'the upload in progress was answered 503 or cut');
      assert.ok(!pidAlive(workerPids), 'no decode worker outlived the server');
    } finally {
      await server.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});


/** Direct children of a process (Linux /proc). */
function childPids(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').trim().split(' ').filter(Boolean).map(Number);
}

function pidAlive(pids: number[]): boolean {
  return pids.some((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
}

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
    endpoint = await startEndpoint('sharp', { UPLOAD_MEMORY_MB: '1', BODY_IDLE_TIMEOUT_MS: '300' });
  });
  after(() => endpoint.close());

  /** A client that announces a large body, sends `sent` of it, then sends nothing more; resolves when the endpoint closes it. */
  const stall = (kind: 'raw' | 'json', declared: number, sent: string) => {
    const { port } = new URL(endpoint.url);
    const socket = connect(Number(port), '127.0.0.1');
    const path = kind === 'raw' ? `/api/v1/avatars?owner=${encodeURIComponent(DEFAULT_OWNER)}` : '/api/v1/avatars';
    const type = kind === 'raw' ? 'application/octet-stream' : 'application/json';
    socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: ${type}\r\nContent-Length: ${declared}\r\n\r\n${sent}`);
    socket.on('error', () => {});
    let answer = '';
    socket.on('data', (data: Buffer) => (answer += data.toString('latin1')));
    return once(socket, 'close').then(() => answer);
  };

  it('are dropped one by one, each freeing its reservation, so a small upload queued behind several of them is stored', async () => {
    // Each announces nearly the whole 1 MB budget, so they hold it in turn: raw bodies and JSON bodies
    // stalled inside their data URI, some having sent almost all of it.
    const png = fixture('chelsea.png');
    const uri = `{"owner":"${DEFAULT_OWNER}","image":"data:image/png;base64,${png.toString('base64')}`;
    const stalled = [
      stall('raw', 1_000_000, '\x89PNG'),
      stall('json', 1_000_000, uri.slice(0, 40)),
      stall('raw', 1_000_000, ''),
      stall('json', 1_000_000, uri),
    ];
    const small = await endpoint.upload(png);
    assert.equal(small.status, 201, await small.clone().text());
    // The endpoint closed every stalled connection without storing anything from them.
    for (const answer of await Promise.all(stalled)) assert.doesNotMatch(answer, /^HTTP\/1\.1 201/);
  });

  it('drops bodies that drip a byte at a time (never quite silent), so a small upload behind them is stored', async () => {
    // Found by an attack: one byte every few hundred ms never trips the idle timeout, yet would hold
    // the budget until the 60 s request timeout. Each window must bring the body's share of that pace.
    const { port } = new URL(endpoint.url);
    const drips = [0, 1].map(() => {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => {});
      socket.write(`POST /api/v1/avatars?owner=${encodeURIComponent(DEFAULT_OWNER)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n\x89`);
      let dripped = 0;
      const timer = setInterval(() => {
        if (dripped++ < 600 && !socket.destroyed) socket.write('P'); // bounded: at most 600 drops, 100 ms apart
      }, 100);
      let answer = '';
      socket.on('data', (data: Buffer) => (answer += data.toString('latin1')));
      return once(socket, 'close').then(() => {
        clearInterval(timer);
        return { answer, dripped };
      });
    });
    const small = await endpoint.upload(fixture('chelsea.png'));
    assert.equal(small.status, 201, await small.clone().text());
    for (const { answer, dripped } of await Promise.all(drips)) {
      assert.doesNotMatch(answer, /^HTTP\/1\.1 201/);
      assert.ok(dripped < 600, 'the endpoint closed the dripping connection before the client gave up');
    }
  });

  it('a keep-alive connection carrying many uploads does not gather idle-timeout listeners', async () => {
    const sockets: import('node:net').Socket[] = [];
    const track = (socket: import('node:net').Socket) => sockets.push(socket);
    endpoint.app.server.on('connection', track);
    try {
      const { port } = new URL(endpoint.url);
      const client = connect(Number(port), '127.0.0.1');
      await once(client, 'connect');
      const png = fixture('chelsea.png');
      let answers = '';
      client.on('data', (data: Buffer) => (answers += data.toString('latin1')));
      for (let upload = 0; upload < 12; upload++) {
        client.write(`POST /api/v1/avatars?owner=${encodeURIComponent(DEFAULT_OWNER)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${png.length}\r\n\r\n`);
        client.write(png);
        // Bounded wait for this upload's answer before sending the next on the same connection.
        for (let poll = 0; poll < 600 && (answers.match(/HTTP\/1\.1 201/g) ?? []).length <= upload; poll++) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal((answers.match(/HTTP\/1\.1 201/g) ?? []).length, 12, 'all twelve uploads on the one connection were stored');
      assert.equal(sockets.length, 1, 'they shared one connection');
      assert.ok(sockets[0]!.listenerCount('timeout') <= 1, `timeout listeners on the connection: ${sockets[0]!.listenerCount('timeout')}`);
      client.destroy();
    } finally {
      endpoint.app.server.off('connection', track);
    }
  });

  it('leaves the whole budget free afterwards: an upload that needs all of it is stored', async () => {
    const stalled = [stall('json', 1_000_000, '{"image":"data:'), stall('raw', 1_000_000, 'GIF8')];
    await Promise.all(stalled);
    // Not a speed check: a failsafe, so a leaked reservation fails the test instead of hanging it.
    const body = JSON.stringify({ owner: DEFAULT_OWNER, image: `data:image/png;base64,${fixture('chelsea.png').toString('base64')}`, padding: 'x'.repeat(700_000) });
    let failsafe: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      fetch(`${endpoint.url}/api/v1/avatars`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body }).then((response) => response.status),
      new Promise((resolve) => (failsafe = setTimeout(() => resolve('still waiting for room in the budget'), 60_000))),
    ]);
    clearTimeout(failsafe);
    assert.equal(outcome, 201);
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

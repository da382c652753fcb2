import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../support/imgproxy.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy.ts';

/** The load balancer of the replica end-to-end stack: it must really alternate and pass bodies whole. */
describe('round-robin proxy (test support)', () => {
  const servers: Server[] = [];
  let proxy: RoundRobinProxy;

  before(async () => {
    for (const name of ['a', 'b']) {
      const server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => response.writeHead(201, { 'x-name': name }).end(`${name} ${request.method} ${request.url} ${Buffer.concat(chunks).length}`));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
    }
    proxy = await startRoundRobinProxy();
  });
  after(async () => {
    await proxy.close();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  it('answers 503 until it has upstreams, then sends each request to the next one in turn, bodies and status intact', async () => {
    assert.equal((await fetch(proxy.url)).status, 503);
    proxy.setUpstreams(servers.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    const body = Buffer.alloc(300_000, 7);
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${proxy.url}/avatars/x.png?size=64`, { method: 'POST', body });
      answers.push({ status: response.status, servedBy: response.headers.get('x-served-by'), text: await response.text() });
    }
    assert.deepEqual(answers.map((answer) => answer.servedBy), ['0', '1', '0', '1']);
    assert.deepEqual(answers.map((answer) => answer.text), ['a', 'b', 'a', 'b'].map((name) => `${name} POST /avatars/x.png?size=64 300000`));
    assert.ok(answers.every((answer) => answer.status === 201));
    assert.deepEqual(proxy.served, [2, 2]);
  });

  it('answers 502 for an upstream that is down', async () => {
    proxy.setUpstreams([`http://127.0.0.1:${await freePort()}`]);
    const response = await fetch(proxy.url);
    assert.equal(response.status, 502);
    assert.equal(response.headers.get('x-served-by'), '0');
  });
});

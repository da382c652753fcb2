import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { bombs } from '../support/bombs.ts';
import { startEndpoint, type TestEndpoint } from '../support/endpoint.ts';
import { fixture } from '../support/fixtures.ts';
import { imgproxyCommand } from '../support/imgproxy.ts';

const GROUP_MEMORY_LIMIT = 1.5 * 1024 * 1024 * 1024;

/** Resident memory of this process and its children (the decode workers), from /proc. */
function groupRss(): number {
  const rss = (pid: number) => Number(readFileSync(`/proc/${pid}/statm`, 'latin1').split(' ')[1]) * 4096;
  let total = rss(process.pid);
  for (const child of readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'latin1').trim().split(' ').filter(Boolean)) {
    try {
      total += rss(Number(child));
    } catch {
      /* it exited meanwhile */
    }
  }
  return total;
}

for (const processor of ['sharp', 'imgproxy'] as const) {
  const label = processor === 'imgproxy' ? `imgproxy (${imgproxyCommand().kind})` : processor;
  describe(`bombs against the ${label} processor`, () => {
    let endpoint: TestEndpoint;
    before(async () => {
      endpoint = await startEndpoint(processor, { DECODE_TIMEOUT_MS: '4000', MAX_CONCURRENT: '2' });
    });
    after(() => endpoint?.close());

    it('answers every bomb with a 4xx while a normal photo is stored, within bounded memory', async () => {
      let peak = groupRss();
      const sampler = setInterval(() => (peak = Math.max(peak, groupRss())), 100);
      try {
        const variant = Math.floor(Math.random() * 1000);
        const attacks = [bombs.blurStyles(variant), bombs.nestedOpacity(variant), bombs.offsetChain(variant), bombs.nestedMarkers(variant), bombs.turbulence(variant)];
        const answers = attacks.map((bytes) => endpoint.upload(bytes).then(async (response) => ({ status: response.status, body: await response.text() })));
        const photo = await endpoint.upload(fixture('chelsea.png'));
        assert.equal(photo.status, 201, 'the normal upload was stored meanwhile');
        const outcomes = await Promise.all(answers);
        outcomes.forEach(({ status, body }, index) => {
          // The blur-style bomb loses its CSS filters in sanitizing and becomes a harmless drawing.
          if (index === 0) assert.ok(status === 201 || (status >= 400 && status < 500), body);
          else assert.ok(status >= 400 && status < 500, `attack ${index}: ${status} ${body}`);
        });
        assert.ok(outcomes.some(({ body }) => body.includes('too-complex')), 'the deadline killed at least the bomb the budget allows');
      } finally {
        clearInterval(sampler);
      }
      assert.ok(peak < GROUP_MEMORY_LIMIT, `the endpoint and its workers peaked at ${(peak / 1e6).toFixed(0)} MB`);
      const after = await endpoint.upload(fixture('coffee.png'));
      assert.equal(after.status, 201, 'uploads work again afterwards');
    });

    it('keeps /healthz answering during a flood of new identicons', async () => {
      let drawn = 0;
      const flood = Array.from({ length: 48 }, () =>
        fetch(`${endpoint.url}/identicon/${randomBytes(16).toString('hex')}.png`).then((response) => {
          drawn++;
          return response.status;
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      const health = await fetch(`${endpoint.url}/healthz`);
      assert.equal(health.status, 200);
      assert.ok(drawn < 48, `/healthz answered only after all ${drawn} identicons: it waited behind them`);
      for (const status of await Promise.all(flood)) assert.ok(status === 200 || status === 503, String(status));
    });
  });
}

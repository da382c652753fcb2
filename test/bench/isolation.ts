import { checkUpload } from '../../src/server/intake/prepare.ts';
import { renderAvatar } from '../../src/server/processors/render-avatar.ts';
import { WorkerPool } from '../../src/server/workers/worker-pool.ts';
import { bombs } from '../support/bombs.ts';
import type { Input } from './inputs.ts';
import { startEndpoint } from './processes.ts';
import { median, ms, percentile } from './stats.ts';
import type { Row } from './table.ts';

const SECTION = 'Server: decoding in killable workers';
const LIMITS = { maxUploadBytes: 25 * 1024 * 1024, maxPixels: 40_000_000 };
const ROUNDS = 5;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/**
 * What the hop to a decode worker costs (the bytes there, the PNG back) for a 12 MP JPEG, against
 * the same render in this process; and how long a bomb within the SVG budget takes to be answered.
 */
export async function isolationRows(photo: Input): Promise<Row[]> {
  const workers = new WorkerPool({ size: 1, timeoutMs: 10_000, memoryBytes: 1024 * 1024 * 1024 });
  try {
    const image = await checkUpload(photo.bytes, LIMITS, workers);
    await workers.run('render', { image, size: 1024, maxPixels: LIMITS.maxPixels }); // warm
    await renderAvatar(image, 1024, LIMITS.maxPixels);
    const inWorker: number[] = [];
    const inProcess: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      inWorker.push(await timed(() => workers.run('render', { image, size: 1024, maxPixels: LIMITS.maxPixels })));
      inProcess.push(await timed(() => renderAvatar(image, 1024, LIMITS.maxPixels)));
    }
    const worker = median(inWorker);
    const local = median(inProcess);
    const bomb = await timed(() => workers.run('render', { image: { type: 'image/svg+xml', bytes: bombs.turbulence(1), width: 1024, height: 1024, pages: 1 }, size: 1024, maxPixels: LIMITS.maxPixels }).catch(() => {}));
    return [
      { section: SECTION, what: `12 MP JPEG to 1024² PNG in a decode worker (median of ${ROUNDS})`, value: ms(worker), baseline: `${ms(local)} (same render in process)`, ratio: worker / local, goal: 'measured: the price of a killable decode' },
      { section: SECTION, what: 'SVG bomb within the budget (30 noise filters): answered', value: ms(bomb), baseline: '10000 ms (DECODE_TIMEOUT_MS)', ratio: bomb / 10_000, goal: '≤ 10 s', pass: bomb <= 10_500 },
    ];
  } finally {
    await workers.close();
  }
}

const FLOOD_CONCURRENCY = 16;
const FLOOD_MS = 6_000;
const HEALTHZ_EVERY_MS = 20;

/** /healthz latencies, one request at a time every HEALTHZ_EVERY_MS, until `stop` resolves. */
async function healthzLatencies(url: string, until: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (!until()) {
    const started = performance.now();
    const response = await fetch(`${url}/healthz`);
    await response.arrayBuffer();
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, HEALTHZ_EVERY_MS));
  }
  return times;
}

const randomHash = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * `/healthz` p99 while 16 clients ask for identicons of new random hashes as fast as they can
 * (`npm run serve` as a child, sharp processor, defaults), against /healthz alone in the same process.
 */
export async function identiconFloodRows(): Promise<Row[]> {
  const endpoint = await startEndpoint('sharp', { LOG_LEVEL: 'warn' });
  try {
    (await fetch(`${endpoint.url}/identicon/${randomHash()}.png`)).body?.cancel(); // a worker is up
    let quietEnd = performance.now() + 3_000;
    const quiet = await healthzLatencies(endpoint.url, () => performance.now() > quietEnd);
    const statuses = new Map<number, number>();
    let floodEnd = performance.now() + FLOOD_MS;
    const flooding = Array.from({ length: FLOOD_CONCURRENCY }, async () => {
      while (performance.now() < floodEnd) {
        const response = await fetch(`${endpoint.url}/identicon/${randomHash()}.png`);
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    });
    const during = await healthzLatencies(endpoint.url, () => performance.now() > floodEnd);
    await Promise.all(flooding);
    quietEnd = floodEnd = 0;
    const p99 = percentile(during, 99);
    const quietP99 = percentile(quiet, 99);
    const answered = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ');
    const section = `Server: /healthz during an identicon flood (${FLOOD_CONCURRENCY} clients, new random hashes, ${FLOOD_MS / 1000} s; sharp, defaults)`;
    return [
      { section, what: `/healthz p99 during the flood (${during.length} requests, one every ${HEALTHZ_EVERY_MS} ms)`, value: ms(p99), baseline: `${ms(quietP99)} (p99 with no flood, same process)`, ratio: p99 / quietP99, goal: '≤ 100 ms', pass: p99 <= 100 },
      { section, what: 'identicon answers during the flood (503 = over the rate of new renders)', value: answered, baseline: 'new renders bounded to 50/s, burst 100', goal: 'only 200 and 503', pass: [...statuses.keys()].every((status) => status === 200 || status === 503) },
    ];
  } finally {
    await endpoint.stop();
  }
}

import { checkUpload } from '../../src/server/intake/prepare.ts';
import { renderAvatar } from '../../src/server/processors/render-avatar.ts';
import { WorkerPool } from '../../src/server/workers/worker-pool.ts';
import { bombs } from '../support/bombs.ts';
import type { Input } from './inputs.ts';
import { median, ms } from './stats.ts';
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

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import sharp from 'sharp';
import { AvatarError } from '../../src/server/errors.ts';
import type { CheckedImage } from '../../src/server/intake/prepare.ts';
import { WorkerPool } from '../../src/server/workers/worker-pool.ts';
import { bombs } from '../support/bombs.ts';
import { fixture } from '../support/fixtures.ts';

const MB = 1024 * 1024;
const svgImage = (bytes: Buffer): CheckedImage => ({ type: 'image/svg+xml', bytes, width: 1024, height: 1024, pages: 1 });
const photo = async (): Promise<CheckedImage> => ({ type: 'image/png', bytes: fixture('chelsea.png'), width: 451, height: 300, pages: 1 });
const render = (pool: WorkerPool, image: CheckedImage) => pool.run('render', { image, size: 256, maxPixels: 40e6 });

async function refusal(promise: Promise<unknown>): Promise<AvatarError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AvatarError, `expected an AvatarError, got ${String(error)}`);
    return error;
  }
  assert.fail('the job should have been refused');
}

/** Resolves once `pool` has a live worker that is running a job, with its pid. */
async function busyWorkerPid(pool: WorkerPool): Promise<number> {
  for (;;) {
    if (pool.running > 0 && pool.pids.length > 0) return pool.pids[0]!;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('decode workers', () => {
  const pools: WorkerPool[] = [];
  const pool = (options: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}) => {
    const made = new WorkerPool({ size: 1, timeoutMs: 20_000, memoryBytes: 512 * MB, ...options });
    pools.push(made);
    return made;
  };

  it('hands large inputs over beside the IPC message, byte for byte and in order, also after a killed worker', async () => {
    const workers = pool();
    const large = fixture('chelsea.png'); // over the 64 KB at which inputs go by the bulk pipe
    const small = await sharp(large).resize(40).png().toBuffer();
    const pixelsOf = async (png: Buffer) => (await sharp(png).raw().toBuffer()).toString('hex');
    // Queued at once: the worker takes them one by one, each reading exactly its own bytes.
    const inputs = [large, small, large, large, small];
    const outputs = await Promise.all(inputs.map((png) => workers.run('resize', { png, size: 24 })));
    for (const [index, png] of inputs.entries()) assert.equal(await pixelsOf(outputs[index]!), await pixelsOf(await sharp(png).resize(24, 24).png().toBuffer()), `job ${index}`);
    // A worker killed while large bytes may still be in its pipe: the next one starts clean.
    const bomb = workers.run('render', { image: svgImage(bombs.turbulence(7)), size: 1024, maxPixels: 40e6 }).catch((error: unknown) => error);
    process.kill(await busyWorkerPid(workers), 'SIGKILL');
    assert.ok((await bomb) instanceof AvatarError);
    const after = await workers.run('resize', { png: large, size: 24 });
    assert.equal(await pixelsOf(after), await pixelsOf(await sharp(large).resize(24, 24).png().toBuffer()));
  });
  after(() => Promise.all(pools.map((made) => made.close())));

  it('render a photo in a separate process, not in the server process', async () => {
    const workers = pool();
    const png = await render(workers, await photo());
    assert.deepEqual(await sharp(png).metadata().then(({ format, width, height }) => ({ format, width, height })), { format: 'png', width: 256, height: 256 });
    assert.equal(workers.pids.length, 1);
    assert.notEqual(workers.pids[0], process.pid);
  });

  it('kill a render past the deadline, answer 422 "too complex", and take the next job with a fresh worker', async () => {
    const workers = pool({ timeoutMs: 1500 });
    await render(workers, await photo()); // started and warm, so the deadline is all render time
    const before = workers.pids[0];
    const error = await refusal(render(workers, svgImage(bombs.blurStyles(1))));
    assert.equal(error.status, 422);
    assert.equal(error.code, 'too-complex');
    assert.match(error.message, /too complex to process/);
    assert.equal(workers.killed, 1);
    const png = await render(workers, await photo());
    assert.ok(png.length > 0);
    assert.notEqual(workers.pids[0], before, 'the killed worker was replaced');
  });

  it('kill a worker whose memory passes the cap', async () => {
    const workers = pool({ memoryBytes: 200 * MB });
    // 36 megapixels of noise: a few MB as a file, over 100 MB once decoded for rotate().
    const noise = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).png({ compressionLevel: 1 }).toBuffer();
    const error = await refusal(render(workers, { type: 'image/png', bytes: noise, width: 6000, height: 6000, pages: 1 }));
    assert.equal(error.code, 'too-complex');
    assert.equal(workers.killed, 1);
    assert.ok((await render(workers, await photo())).length > 0, 'the next job succeeds');
  });

  it('lose only the job of a worker that crashes (SIGSEGV) mid-job', async () => {
    const workers = pool();
    const doomed = render(workers, svgImage(bombs.blurStyles(2)));
    process.kill(await busyWorkerPid(workers), 'SIGSEGV');
    const error = await refusal(doomed);
    assert.equal(error.status, 422);
    assert.equal(error.code, 'undecodable');
    assert.ok((await render(workers, await photo())).length > 0, 'the next job succeeds');
  });

  it('keep the last worker for uploads while public routes have queued work', async () => {
    const workers = pool({ size: 2 });
    const bomb = svgImage(bombs.blurStyles(3));
    // Public work that would take both workers for minutes gets only one of them.
    const publicJobs = [1, 2, 3].map(() => workers.run('render', { image: bomb, size: 1024, maxPixels: 40e6 }, 'public').catch((error: unknown) => error));
    const png = await render(workers, await photo());
    assert.ok(png.length > 0, 'an upload still got a worker');
    await workers.close();
    const outcomes = await Promise.all(publicJobs);
    assert.deepEqual(outcomes.map((outcome) => (outcome as AvatarError).code), ['shutting-down', 'shutting-down', 'shutting-down'], 'the public bombs were still waiting or running');
  });

  it('answer 503 to jobs once closed', async () => {
    const workers = pool();
    await workers.close();
    const error = await refusal(render(workers, await photo()));
    assert.equal(error.status, 503);
  });
});

describe('a decode worker taken over by a malicious file', () => {
  it('finds none of the server\'s secrets in its environment', async () => {
    process.env.AVATARS_TOKEN_CANARY_FOR_TEST = 'secret';
    const hadKey = 'IMGPROXY_KEY' in process.env;
    process.env.IMGPROXY_KEY ??= 'ab';
    const workers = new WorkerPool({ size: 1, timeoutMs: 20_000, memoryBytes: 512 * MB });
    try {
      await workers.run('identicon', { hash: 'b'.repeat(32), size: 16 });
      const environment = readFileSync(`/proc/${workers.pids[0]}/environ`, 'latin1').split('\0');
      assert.ok(environment.some((entry) => entry.startsWith('PATH=')), 'the worker has an environment at all');
      for (const secret of ['AVATARS_TOKEN', 'IMGPROXY_KEY', 'IMGPROXY_SALT', 'S3_SECRET_ACCESS_KEY', 'AUTHENTIK_API_TOKEN']) {
        assert.ok(!environment.some((entry) => entry.startsWith(secret)), `${secret} is not passed to workers`);
      }
    } finally {
      delete process.env.AVATARS_TOKEN_CANARY_FOR_TEST;
      if (!hadKey) delete process.env.IMGPROXY_KEY;
      await workers.close();
    }
  });
});

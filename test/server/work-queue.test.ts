import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AvatarError } from '../../src/server/errors.ts';
import { WorkQueue } from '../../src/server/work-queue.ts';

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

describe('the work queue', () => {
  it('runs at most `concurrency` jobs and queues the next ones in order', async () => {
    const queue = new WorkQueue(2, 2);
    const gates = [gate(), gate(), gate(), gate()];
    const order: number[] = [];
    const jobs = gates.map((g, i) => queue.run(async () => { order.push(i); await g.opened; }));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual([queue.running, queue.waiting], [2, 2]);
    assert.deepEqual(order, [0, 1]);
    gates[0]!.open();
    await jobs[0];
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, [0, 1, 2]);
    gates.forEach((g) => g.open());
    await Promise.all(jobs);
    assert.deepEqual([queue.running, queue.waiting], [0, 0]);
  });

  it('refuses work beyond the queue at once with a 503 "busy" error', async () => {
    const queue = new WorkQueue(1, 1);
    const g = gate();
    const running = queue.run(() => g.opened);
    const waiting = queue.run(async () => 'second');
    await assert.rejects(queue.run(async () => 'third'), (error: unknown) => error instanceof AvatarError && error.status === 503 && error.code === 'busy');
    g.open();
    await running;
    assert.equal(await waiting, 'second');
  });

  it('frees the slot when a job fails', async () => {
    const queue = new WorkQueue(1, 0);
    await assert.rejects(queue.run(async () => { throw new Error('broken image'); }));
    assert.equal(await queue.run(async () => 'next'), 'next');
  });
});

import { availableParallelism } from 'node:os';
import type { Config } from '../config.ts';
import { WorkerPool } from './worker-pool.ts';

/**
 * The decode workers for a configuration: one per processing slot (MAX_CONCURRENT), at most one per
 * CPU, since decoding is CPU-bound (with imgproxy, MAX_CONCURRENT is larger because the endpoint
 * mostly waits on imgproxy, but workers only run the strict check and SVG rasterizing).
 */
export function workerPoolFor(config: Pick<Config, 'maxConcurrent' | 'decodeTimeoutMs' | 'workerMemoryBytes'>): WorkerPool {
  return new WorkerPool({
    size: Math.max(1, Math.min(config.maxConcurrent, availableParallelism())),
    timeoutMs: config.decodeTimeoutMs,
    memoryBytes: config.workerMemoryBytes,
  });
}

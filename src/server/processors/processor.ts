import type { CheckedImage } from '../intake/prepare.ts';
import type { WorkerPool } from '../workers/worker-pool.ts';

/** Turns a checked upload into a square PNG of the configured size. */
export interface Processor {
  readonly name: 'sharp' | 'imgproxy';
  /** The decode workers every decode of untrusted bytes runs in (intake's and the public routes' too). */
  readonly workers: WorkerPool;
  normalize(image: CheckedImage): Promise<Buffer>;
  /** True when the processor can take work right now. */
  healthy(): Promise<boolean>;
  /** Stops the processor and kills its workers. */
  close(): Promise<void>;
}

import { AvatarError } from './errors.ts';

/**
 * Bounds how many images are decoded at once. Up to `concurrency` jobs run, up to `queueSize` wait;
 * beyond that a job is refused at once with 503 and Retry-After, so load never turns into memory.
 */
export class WorkQueue {
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(
    readonly concurrency: number,
    readonly queueSize: number,
  ) {}

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.#running >= this.concurrency) {
      if (this.#waiting.length >= this.queueSize) throw busy();
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    try {
      return await job();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}

export function busy(): AvatarError {
  return new AvatarError(503, 'busy', 'The avatar service is busy right now; your current avatar was kept. Try again in a few seconds.');
}

import type { IncomingMessage } from 'node:http';
import { busy } from './work-queue.ts';

/**
 * Bytes of upload bodies held in memory at once. An upload waits for room before its body is read
 * (unread, it costs the endpoint nothing but a socket), first come first served; `maxWaiting`
 * bounds the waiters and beyond them the answer is 503 with Retry-After. A body larger than the
 * whole budget still gets in, alone.
 */
export class BodyBudget {
  #free: number;
  readonly #waiting: { bytes: number; admit: () => void }[] = [];

  constructor(
    readonly capacity: number,
    readonly maxWaiting: number,
  ) {
    this.#free = capacity;
  }

  get inUse(): number {
    return this.capacity - this.#free;
  }

  /** Resolves with a release function once `bytes` fit; throws `busy` when too many already wait. */
  async reserve(bytes: number): Promise<() => void> {
    const need = Math.min(Math.max(bytes, 0), this.capacity);
    if (this.#waiting.length === 0 && need <= this.#free) {
      this.#free -= need;
    } else {
      if (this.#waiting.length >= this.maxWaiting) throw busy();
      await new Promise<void>((admit) => this.#waiting.push({ bytes: need, admit }));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#free += need;
      this.#admitWaiting();
    };
  }

  #admitWaiting(): void {
    while (this.#waiting.length > 0 && this.#waiting[0]!.bytes <= this.#free) {
      const next = this.#waiting.shift()!;
      this.#free -= next.bytes;
      next.admit();
    }
  }
}

/**
 * Drops an upload whose body sends nothing for `idleMs` (closing the connection frees its reservation
 * in the budget), so stalled clients cannot hold the memory budget and keep small uploads waiting.
 * Once the body is complete, the connection may be quiet while the image is processed.
 */
export function dropWhenIdle(request: IncomingMessage, idleMs: number): void {
  if (request.complete) return;
  const socket = request.socket;
  socket.setTimeout(idleMs, () => socket.destroy());
  request.once('end', () => socket.setTimeout(0));
  request.once('close', () => socket.setTimeout(0));
}

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

/** How long a whole request may take (Fastify's requestTimeout): an upload body must be able to arrive within it. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** The least a body must send in each idle window, however small its reservation. */
const MIN_BYTES_PER_WINDOW = 1024;

/**
 * Drops an upload whose body sends nothing for `idleMs`, or too little in one `idleMs` window to
 * finish within `deadlineMs` at that pace (its share of `reservedBytes`), so neither a stalled nor a
 * dripping client can hold the memory budget and keep small uploads waiting (closing the connection
 * frees its reservation). Once the body is complete, the connection may be quiet while the image is
 * processed. The pace is read off the socket: listening to the body itself would start reading it.
 */
export function dropWhenIdle(request: IncomingMessage, idleMs: number, reservedBytes = 0, deadlineMs = 60_000): void {
  if (request.complete) return;
  const socket = request.socket;
  // A named listener, removed when done: keep-alive sockets carry many requests, and setTimeout's
  // callback form adds a listener that setTimeout(0) never removes.
  const silent = () => socket.destroy();
  socket.setTimeout(idleMs);
  socket.on('timeout', silent);
  const perWindow = Math.max(MIN_BYTES_PER_WINDOW, Math.ceil((reservedBytes * idleMs) / deadlineMs));
  let seen = socket.bytesRead;
  const pace = setInterval(() => {
    if (socket.bytesRead - seen < perWindow) socket.destroy();
    seen = socket.bytesRead;
  }, idleMs).unref();
  const done = () => {
    clearInterval(pace);
    socket.setTimeout(0);
    socket.off('timeout', silent);
  };
  request.once('end', done);
  request.once('close', done);
}

import { LRUCache } from 'lru-cache';
import { errors } from '../errors.ts';

export interface AnonymousLimitsOptions {
  /** Uploads one client may make per window. */
  perClient: number;
  windowMs: number;
  /** Bytes all anonymous (pending) avatars may take together. */
  maxPendingBytes: number;
}

/**
 * Bounds for uploads nobody has signed in for (enrollment): so many per client per window, and so
 * many bytes of pending avatars in total. Counts are per replica; the orphan sweep is what finally
 * frees pending bytes of abandoned enrollments.
 */
export class AnonymousLimits {
  readonly #recent: LRUCache<string, number[]>;
  readonly #pendingBytes: () => number;

  /** `pendingBytes` reads what pending avatars take now (StoreStats keeps that count). */
  constructor(
    readonly options: AnonymousLimitsOptions,
    pendingBytes: () => number,
  ) {
    this.#pendingBytes = pendingBytes;
    // Bounded, so a flood of made-up client addresses cannot grow memory.
    this.#recent = new LRUCache({ max: 50_000, ttl: options.windowMs });
  }

  /** Throws a 429 (with the seconds to wait) when this client, or anonymous uploads as a whole, are over their limit. */
  admit(client: string, now = Date.now()): void {
    const since = now - this.options.windowMs;
    const times = (this.#recent.get(client) ?? []).filter((time) => time > since);
    if (times.length >= this.options.perClient) {
      throw errors.tooManyUploads(Math.ceil((times[0]! + this.options.windowMs - now) / 1000));
    }
    if (this.#pendingBytes() >= this.options.maxPendingBytes) throw errors.tooManyPending();
    times.push(now);
    this.#recent.set(client, times);
  }
}

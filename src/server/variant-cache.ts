import { LRUCache } from 'lru-cache';

/**
 * Resized PNGs kept in memory after first use, bounded by total bytes. Concurrent requests for the
 * same variant share one computation.
 */
export class VariantCache {
  readonly #cache: LRUCache<string, Buffer>;
  readonly #pending = new Map<string, Promise<Buffer>>();
  /** Computations that were running when their avatar was deleted: their result is served to whoever waited, never cached. */
  readonly #stale = new WeakSet<Promise<Buffer>>();

  /** `maxAgeMs`: entries older than this are dropped (a shared store can lose an avatar through another replica). */
  constructor(maxBytes: number, maxAgeMs?: number) {
    this.#cache = new LRUCache<string, Buffer>({ maxSize: Math.max(maxBytes, 1), sizeCalculation: (value) => Math.max(value.length, 1), ...(maxAgeMs ? { ttl: maxAgeMs } : {}) });
  }

  get bytes(): number {
    return this.#cache.calculatedSize;
  }

  get entries(): number {
    return this.#cache.size;
  }

  /** The cached value, if any, without computing it. */
  peek(key: string): Buffer | undefined {
    return this.#cache.get(key);
  }

  async get(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.#cache.get(key);
    if (hit) return hit;
    const running = this.#pending.get(key);
    if (running) return running;
    const pending: Promise<Buffer> = make().finally(() => {
      if (this.#pending.get(key) === pending) this.#pending.delete(key);
    });
    this.#pending.set(key, pending);
    const value = await pending;
    if (!this.#stale.has(pending)) this.#cache.set(key, value);
    return value;
  }

  /** Drops every entry whose key starts with `prefix`, and forgets computations of them still running. */
  delete(prefix: string): void {
    for (const key of this.#cache.keys()) if (key.startsWith(prefix)) this.#cache.delete(key);
    for (const [key, pending] of this.#pending) {
      if (!key.startsWith(prefix)) continue;
      this.#stale.add(pending);
      this.#pending.delete(key);
    }
  }
}

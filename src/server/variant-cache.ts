import { LRUCache } from 'lru-cache';

/**
 * Resized PNGs kept in memory after first use, bounded by total bytes. Concurrent requests for the
 * same variant share one computation.
 */
export class VariantCache {
  readonly #cache: LRUCache<string, Buffer>;
  readonly #pending = new Map<string, Promise<Buffer>>();

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
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = make().finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
      this.#cache.set(key, await pending);
    }
    return pending;
  }

  delete(prefix: string): void {
    for (const key of this.#cache.keys()) if (key.startsWith(prefix)) this.#cache.delete(key);
  }
}

import ipaddr from 'ipaddr.js';
import { LRUCache } from 'lru-cache';
import { errors } from '../errors.ts';

export interface AnonymousLimitsOptions {
  /** Uploads one client may make per window. */
  perClient: number;
  windowMs: number;
  /** Bytes all anonymous (pending) avatars may take together. */
  maxPendingBytes: number;
  /** Bytes held for each upload in progress until its avatar is stored (so parallel uploads cannot overshoot). */
  reserveBytes: number;
}

const RECOUNT_EVERY_MS = 60_000;

/**
 * One client as the limits see it: an IPv4 address, or an IPv6 /64 (what one household or server
 * gets, so rotating addresses inside it does not multiply the allowance).
 */
export function clientKey(client: string): string {
  if (!ipaddr.isValid(client)) return client;
  let address = ipaddr.parse(client);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(':')}::/64`;
}

/**
 * Bounds for uploads nobody has signed in for (enrollment): so many per client per window, and so
 * many bytes of pending avatars in total. Counts are per replica; the orphan sweep is what finally
 * frees pending bytes of abandoned enrollments.
 */
export class AnonymousLimits {
  readonly #recent: LRUCache<string, number[]>;
  readonly #pendingBytes: () => number;
  readonly #recount: () => Promise<void>;
  #reserved = 0;
  #lastRecount = 0;

  /**
   * `pendingBytes` reads what pending avatars take now (StoreStats keeps that count); `recount` asks
   * the store again, tried (at most once a minute) before a refusal, so space freed by
   * `remove-orphans` run by hand counts without a restart.
   */
  constructor(
    readonly options: AnonymousLimitsOptions,
    pendingBytes: () => number,
    recount: () => Promise<void> = async () => {},
  ) {
    this.#pendingBytes = pendingBytes;
    this.#recount = recount;
    // Bounded, so a flood of made-up client addresses cannot grow memory.
    this.#recent = new LRUCache({ max: 50_000, ttl: options.windowMs });
  }

  /**
   * Admits one anonymous upload, or throws a 429 (with the seconds to wait) when this client, or
   * anonymous uploads as a whole, are over their limit. Call the returned function once the upload
   * is stored or has failed.
   */
  async admit(client: string, now = Date.now()): Promise<() => void> {
    const key = clientKey(client);
    const since = now - this.options.windowMs;
    const times = (this.#recent.get(key) ?? []).filter((time) => time > since);
    if (times.length >= this.options.perClient) {
      throw errors.tooManyUploads(Math.ceil((times[0]! + this.options.windowMs - now) / 1000));
    }
    if (this.#full() && now - this.#lastRecount > RECOUNT_EVERY_MS) {
      this.#lastRecount = now;
      await this.#recount();
    }
    if (this.#full()) throw errors.tooManyPending();
    times.push(now);
    this.#recent.set(key, times);
    this.#reserved += this.options.reserveBytes;
    let released = false;
    return () => {
      if (!released) this.#reserved -= this.options.reserveBytes;
      released = true;
    };
  }

  #full(): boolean {
    return this.#pendingBytes() + this.#reserved + this.options.reserveBytes > this.options.maxPendingBytes;
  }
}

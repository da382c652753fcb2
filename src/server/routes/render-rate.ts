import { AvatarError } from '../errors.ts';

/**
 * A token bucket for renders nobody asked for before (new identicon hashes): `perSecond` on
 * average, up to `burst` at once. Past it the answer is 503 with Retry-After, and cached ones still flow.
 */
export class RenderRate {
  #tokens: number;
  #last = Date.now();

  constructor(
    readonly perSecond: number,
    readonly burst: number,
  ) {
    this.#tokens = burst;
  }

  take(): void {
    const now = Date.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.perSecond);
    this.#last = now;
    if (this.#tokens < 1) throw new AvatarError(503, 'busy', 'Too many new images are being drawn right now. Try again in a second.', 1);
    this.#tokens -= 1;
  }
}

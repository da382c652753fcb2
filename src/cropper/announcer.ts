import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Waits this long after the last change, so a drag or held key is announced once. */
export const ANNOUNCE_DELAY = 400;

/** What the element's polite live region says; the host renders `text` into it. */
export class Announcer implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #text = '';
  #timer = 0;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  get text(): string {
    return this.#text;
  }

  /** Says `text` now (or nothing, with ''). */
  say(text: string): void {
    clearTimeout(this.#timer);
    if (text === this.#text) return;
    this.#text = text;
    this.#host.requestUpdate();
  }

  /** Says what `compose` returns once changes pause, read then so it describes the final state. */
  later(compose: () => string): void {
    clearTimeout(this.#timer);
    this.#timer = window.setTimeout(() => this.say(compose()), ANNOUNCE_DELAY);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }
}

import type { ReactiveControllerHost } from 'lit';
import { encodeCrop } from './crop-encoding.ts';
import { type AvatarCropperError, toAvatarCropperError } from './errors.ts';
import type { FramingController } from './framing-controller.ts';

export interface ConfirmOptions {
  framing: FramingController;
  /** Framing now, and nothing disabled. */
  cropping(): boolean;
  /** The latest load() while it is under way: a confirmation waits for it. */
  loading(): Promise<void> | null;
  /** The `size`, `budget` and `background` attributes, with the defaults for unusable values. */
  settings(): { size: number; fallback: number; budget: number; background: string };
  /** The current result, what confirm() resolves with outside cropping. */
  result(): File | null;
  /** Bumped by every load, cancel and clear: a confirmation finding it changed is stale. */
  ticket(): number;
  done(file: File, dataUri: string): void;
  fail(error: AvatarCropperError): void;
}

/** Confirm, Enter, `confirm()` and a form submit: one encoding of the framing at a time, through the budgeted encoder. */
export class ConfirmController {
  readonly #host: ReactiveControllerHost;
  readonly #options: ConfirmOptions;
  #confirming: Promise<File | null> | null = null;
  #busy = false;

  constructor(host: ReactiveControllerHost, options: ConfirmOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** Encoding: nothing may change meanwhile. */
  get busy(): boolean {
    return this.#busy;
  }

  confirm(): Promise<File | null> {
    const options = this.#options;
    if (this.#confirming) return this.#confirming;
    const loading = options.loading();
    if (loading) return loading.then(() => this.confirm());
    if (!options.cropping()) return Promise.resolve(options.result());
    this.#confirming = this.#encode().finally(() => (this.#confirming = null));
    return this.#confirming;
  }

  async #encode(): Promise<File | null> {
    const options = this.#options;
    if (this.#busy || !options.framing.ready) return null;
    const ticket = options.ticket();
    this.#setBusy(true);
    try {
      const { file, dataUri } = await encodeCrop({ ...options.settings(), draw: (side, fill) => options.framing.toCanvas(side, fill) });
      if (ticket !== options.ticket()) return null;
      options.done(file, dataUri);
      return file;
    } catch (error) {
      if (ticket === options.ticket()) options.fail(toAvatarCropperError(error, 'encode-failed'));
      return null;
    } finally {
      this.#setBusy(false);
    }
  }

  #setBusy(busy: boolean): void {
    this.#busy = busy;
    this.#host.requestUpdate();
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ResultOwner extends ReactiveControllerHost {
  readonly required: boolean;
}

export interface ResultOptions {
  /** An image is chosen and being prepared or framed: a submit confirms it, so it counts as a value. */
  chosen(): boolean;
  /** The "required" message in the element's language, and the control a browser points it at. */
  missing(): { message: string; anchor: HTMLElement | undefined };
}

/** The confirmed result, as the element's form value and validity. */
export class ResultController implements ReactiveController {
  readonly #host: ResultOwner;
  readonly #internals: ElementInternals;
  readonly #options: ResultOptions;
  #file: File | null = null;
  #dataUri = '';
  #uncropped = false;

  constructor(host: ResultOwner, internals: ElementInternals, options: ResultOptions) {
    this.#host = host;
    this.#internals = internals;
    this.#options = options;
    host.addController(this);
  }

  get file(): File | null {
    return this.#file;
  }

  get dataUri(): string {
    return this.#dataUri;
  }

  /** The result is the original file, uploaded as it is. */
  get uncropped(): boolean {
    return this.#uncropped;
  }

  set(file: File | null, dataUri: string, uncropped = false): void {
    this.#file = file;
    this.#dataUri = dataUri;
    this.#uncropped = uncropped;
    this.#internals.setFormValue(file);
    this.sync();
    this.#host.requestUpdate();
  }

  /** Now, not at the next render: a submit may come first. */
  sync(): void {
    if (this.#host.required && !this.#file && !this.#options.chosen()) {
      const { message, anchor } = this.#options.missing();
      this.#internals.setValidity({ valueMissing: true }, message, anchor);
    } else {
      this.#internals.setValidity({});
    }
  }

  hostUpdated(): void {
    this.sync();
  }
}

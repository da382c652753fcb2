import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PendingCrop {
  form(): HTMLFormElement | null;
  /** Whether a crop is framed but not yet confirmed. */
  pending(): boolean;
  /** Confirms the framing the user sees; null when it could not be. */
  confirm(): Promise<File | null>;
}

/**
 * A submit of the owning form while the user is still cropping saves what they see framed: the
 * submit is held back, the crop confirmed, and the form submitted again with the same submitter.
 * Listens in the capture phase so that the page's own submit handlers only see the second submit.
 */
export class PendingSubmitController implements ReactiveController {
  readonly #crop: PendingCrop;
  #form: HTMLFormElement | null = null;
  /** A submit is held back while its crop is confirmed. */
  #holding = false;

  constructor(host: ReactiveControllerHost, crop: PendingCrop) {
    this.#crop = crop;
    host.addController(this);
  }

  hostConnected(): void {
    this.follow(this.#crop.form());
  }

  hostDisconnected(): void {
    this.follow(null);
  }

  /** Listens on `form` (the element's form owner changed, see formAssociatedCallback). */
  follow(form: HTMLFormElement | null): void {
    if (form === this.#form) return;
    this.#form?.removeEventListener('submit', this.#onSubmit, { capture: true });
    this.#form = form;
    form?.addEventListener('submit', this.#onSubmit, { capture: true });
  }

  #onSubmit = (event: SubmitEvent): void => {
    const crop = this.#crop;
    const form = this.#form;
    if (!form || !(this.#holding || crop.pending())) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    // A second press while the first is being confirmed: that one submits, once.
    if (this.#holding) return;
    this.#holding = true;
    const submitter = event.submitter as HTMLButtonElement | HTMLInputElement | null;
    void crop.confirm().then((file) => {
      this.#holding = false;
      if (!file || crop.form() !== form) return;
      form.requestSubmit(submitter?.isConnected && submitter.form === form ? submitter : null);
    });
  };
}

import type { ReactiveControllerHost } from 'lit';
import type { DecodedImage } from './decode-image.ts';
import { readAsDataUri } from './encode-avatar.ts';
import { type AvatarCropperError, toAvatarCropperError } from './errors.ts';
import { listenForFiles } from './file-intake.ts';
import { type IntakeSettings, openChooser, takeImage } from './intake.ts';

export interface IntakeOptions {
  settings(): IntakeSettings;
  /** A file may be taken now (drop, paste). */
  ready(): boolean;
  dragging(over: boolean): void;
  /** A new load starts: drop the working image, show "preparing"; returns the new ticket. */
  begin(): number;
  ticket(): number;
  /** Shows the decoded image on the stage; resolves once it is laid out. */
  crop(image: DecodedImage): Promise<void>;
  /** The original is the result, uploaded as it is. */
  uploaded(file: File, dataUri: string): void;
  fail(error: AvatarCropperError): void;
  /** The element's hidden file input. */
  input(): HTMLInputElement | null;
  disabled(): boolean;
}

/** Choosing (picker or camera), dropping and pasting an image, decoding it, and the uncropped offer for what only the server decodes. */
export class IntakeController {
  readonly #options: IntakeOptions;
  #loading: Promise<void> | null = null;
  /** The original of an undecodable image the server would take. */
  #offer: File | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: IntakeOptions) {
    this.#options = options;
    listenForFiles(host, { ready: options.ready, dragging: options.dragging, take: (file) => void this.load(file) });
  }

  /** The latest load while it is under way. */
  get loading(): Promise<void> | null {
    return this.#loading;
  }

  get offer(): boolean {
    return this.#offer !== null;
  }

  load(blob: Blob): Promise<void> {
    const loading = this.#load(blob).finally(() => {
      if (this.#loading === loading) this.#loading = null;
    });
    this.#loading = loading;
    return loading;
  }

  async #load(blob: Blob): Promise<void> {
    const options = this.#options;
    this.#offer = null;
    const ticket = options.begin();
    const intake = await takeImage(blob, options.settings());
    if (ticket !== options.ticket()) {
      if ('image' in intake) intake.image.release();
      return;
    }
    if (!('image' in intake)) {
      this.#offer = intake.offer;
      return options.fail(intake.error);
    }
    try {
      await options.crop(intake.image);
    } catch (error) {
      if (ticket === options.ticket()) options.fail(toAvatarCropperError(error, 'decode-failed'));
    }
  }

  choose = (): void => openChooser(this.#options.input(), this.#options.settings().accept, false);

  openCamera = (): void => openChooser(this.#options.input(), this.#options.settings().accept, true);

  onFileChosen = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.load(file);
  };

  uploadOriginal = async (): Promise<void> => {
    const options = this.#options;
    const file = this.#offer;
    if (!file || options.disabled()) return;
    const ticket = options.ticket();
    const dataUri = await readAsDataUri(file);
    if (ticket === options.ticket()) options.uploaded(file, dataUri);
  };

  forgetOffer(): void {
    this.#offer = null;
  }
}

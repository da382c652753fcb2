import { html, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { Announcer } from './announcer.ts';
import { AvatarCropperForm } from './avatar-cropper-form.ts';
import { DEFAULT_BUDGET, DEFAULT_SIZE } from './avatar-cropper-properties.ts';
import { styles } from './avatar-cropper.styles.ts';
import { ConfirmController } from './confirm-controller.ts';
import { errorMessage, formatNumber, framingStatus, textFor } from './cropper-text.ts';
import { readAsDataUri } from './encode-avatar.ts';
import type { AvatarCropperError } from './errors.ts';
import { type AvatarChangeDetail, type AvatarErrorDetail, emit } from './events.ts';
import { FramingController } from './framing-controller.ts';
import { IntakeController } from './intake-controller.ts';
import { showsCamera } from './intake.ts';
import { localeOf, nearestLang } from './locales/index.ts';
import { PendingSubmitController } from './pending-submit.ts';
import { ResultController } from './result-controller.ts';
import { StageInput } from './stage/stage-input.ts';
import { renderState } from './state-views.ts';
import type { Strings } from './strings.ts';

export { DEFAULT_ACCEPT, DEFAULT_BUDGET, DEFAULT_SIZE, DEFAULT_UPLOADABLE } from './avatar-cropper-properties.ts';

export type AvatarCropperState = 'empty' | 'loading' | 'cropping' | 'done' | 'error';

/**
 * `<avatar-cropper>`: pick, drop, paste or photograph an image, frame a square of it (move, zoom,
 * rotate, flip) and get the result as a `File` (WebP where possible) that fits a byte budget.
 * Form-associated: inside a `<form>` it submits that File under its `name`. Text in English, de, fr,
 * es, it, nl, pt-BR, zh-Hans and ja, from the nearest `lang`.
 *
 * @attr name - form field name; the File is submitted under it
 * @attr theme - `light` or `dark` forces a theme; by default it follows `prefers-color-scheme`
 *
 * @fires avatar-change - `{ file, dataUri }` after the user confirms a crop (or uploads an undecodable original as it is).
 * @fires avatar-clear - when a confirmed result is removed (Remove button or `clear()`).
 * @fires avatar-error - `{ code, message }` when an image is refused or cannot be processed.
 *
 * Its parts (`::part()`) and CSS custom properties are listed on AvatarCropperProperties.
 */
export class AvatarCropper extends AvatarCropperForm {
  static override shadowRootOptions: ShadowRootInit = { ...AvatarCropperForm.shadowRootOptions, delegatesFocus: true };

  static override styles = styles;

  // Internal reactive state, spread in so that the manifest does not list it as attributes.
  static override properties: PropertyDeclarations = Object.fromEntries(
    ['_state', '_error', '_formDisabled', '_dragging'].map((name) => [name, { state: true }]),
  );

  declare private _state: AvatarCropperState;
  declare private _error: AvatarErrorDetail | null;
  declare private _formDisabled: boolean;
  declare private _dragging: boolean;

  /** Bumped by every load, cancel and clear, so that late async work can tell it is stale. */
  #ticket = 0;
  #restoreFocus = false;
  readonly #announcer = new Announcer(this);
  readonly #result = new ResultController(this, this.internals, {
    chosen: () => this.#chosen,
    missing: () => ({ message: this.#t.required, anchor: this.renderRoot?.querySelector<HTMLElement>('button:not([disabled])') ?? undefined }),
  });
  readonly #framing = new FramingController(this, { locked: () => this.#locked, changed: () => this.#announce() });
  readonly #stageInput = new StageInput(this.#framing, () => void this.confirm());
  readonly #intake = new IntakeController(this, {
    settings: () => ({ accept: this.accept, uploadable: this.uploadable, maxBytes: this.maxBytes, maxPixels: this.maxPixels, budget: this.#budget }),
    ready: () => !this.#locked && this._state !== 'loading',
    dragging: (over) => (this._dragging = over),
    begin: () => this.#begin(),
    ticket: () => this.#ticket,
    crop: (image) => this.#crop(image),
    uploaded: (file, dataUri) => this.#finish(file, dataUri, true),
    fail: (error) => this.#fail(error),
    input: () => this.renderRoot.querySelector('.file-input'),
    disabled: () => this.#isDisabled,
  });
  readonly #confirmation = new ConfirmController(this, {
    framing: this.#framing,
    cropping: () => this._state === 'cropping' && !this.#isDisabled,
    loading: () => this.#intake.loading, // also while the stage is still laying the image out
    settings: () => ({ size: this.size, fallback: DEFAULT_SIZE, budget: this.#budget, background: this.background }),
    result: () => this.#result.file,
    ticket: () => this.#ticket,
    done: (file, dataUri) => this.#finish(file, dataUri, false),
    fail: (error) => this.#fail(error),
  });
  readonly #pendingSubmit = new PendingSubmitController(this, { form: () => this.internals.form, pending: () => this.#chosen && !this.#isDisabled, confirm: () => this.confirm() });

  constructor() {
    super();
    this._state = 'empty';
    this._error = null;
    this._formDisabled = false;
    this._dragging = false;
  }

  /** The confirmed result, or null. */
  get file(): File | null {
    return this.#result.file;
  }

  /** The confirmed result as a `data:` URI, or ''. */
  get value(): string {
    return this.#result.dataUri;
  }

  /** Also reflected as the `state` attribute. */
  get state(): AvatarCropperState {
    return this._state;
  }

  /**
   * Starts cropping the given image. Resolves once the cropper is ready, or once the image was
   * refused; refusals are reported with an `avatar-error` event, never by rejecting.
   */
  load(blob: Blob): Promise<void> {
    return this.#intake.load(blob);
  }

  /**
   * Confirms the framing the user sees, as the Confirm button does (firing `avatar-change`, or
   * `avatar-error` when it cannot be encoded). Resolves with the result, or null when it failed.
   * Outside cropping it resolves with the current result (null without one).
   */
  confirm(): Promise<File | null> {
    return this.#confirmation.confirm();
  }

  /** Drops the image being cropped and the confirmed result; fires `avatar-clear` if there was a result. */
  clear(): void {
    const hadResult = this.#result.file !== null;
    this.#reset();
    if (hadResult) emit(this, 'avatar-clear');
  }

  formAssociatedCallback(form: HTMLFormElement | null): void {
    this.#pendingSubmit.follow(form);
  }

  formResetCallback(): void {
    this.#reset();
  }

  formDisabledCallback(disabled: boolean): void {
    this._formDisabled = disabled;
    // Also called while Lit reflects our own `disabled` attribute, too late for that render: render again.
    queueMicrotask(() => this.requestUpdate());
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (!(state instanceof File)) return;
    void readAsDataUri(state).then((dataUri) => {
      this.#result.set(state, dataUri);
      this.#goTo('done');
    });
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('_state')) {
      this.setAttribute('state', this._state);
      if (this.#restoreFocus) {
        this.#restoreFocus = false;
        this.renderRoot.querySelector<HTMLElement>('[data-autofocus]')?.focus();
      }
    }
    if (changed.has('_dragging')) this.toggleAttribute('dragging', this._dragging);
  }

  /** The BCP 47 tag of the table in use. */
  get #tag(): string {
    return localeOf(this.lang || nearestLang(this));
  }

  /** The table of the element's language with `strings` merged over it. */
  get #t(): Strings {
    return textFor(this.#tag, this.strings);
  }

  /** The zoom and rotation, said by the polite live region once the user pauses. */
  #announce(): void {
    this.#announcer.later(() => framingStatus(this.#t, this.#tag, this.#framing.zoom, this.#framing.framing));
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    return html`
      <div part="container" class="container" lang=${this.#tag}>
        ${renderState(this._state, {
          t,
          disabled: this.#isDisabled,
          camera: showsCamera(this.camera),
          intake: this.#intake,
          error: this._error?.message ?? '',
          uncroppedName: this.#result.uncropped ? (this.#result.file?.name ?? '') : null,
          dataUri: this.#result.dataUri,
          remove: this.#remove,
          retry: this.#retry,
          cropping: () => ({
            t,
            framing: this.#framing,
            input: this.#stageInput,
            locked: this.#locked,
            busy: this.#confirmation.busy,
            percent: (value) => formatNumber(this.#tag, value, { style: 'percent' }),
            confirm: () => void this.confirm(),
            cancel: this.#cancel,
          }),
        })}
        <div class="visually-hidden" aria-live="polite">${this.#announcer.text}</div>
      </div>
      <input class="file-input" type="file" accept=${this.accept} hidden tabindex="-1" aria-hidden="true" @change=${this.#intake.onFileChosen} />
    `;
  }

  async #crop(image: Parameters<FramingController['take']>[0]): Promise<void> {
    const ticket = this.#ticket;
    this.#framing.take(image);
    this.#announcer.say(image.animated ? this.#t.animated : '');
    this.#goTo('cropping');
    await this.updateComplete;
    if (ticket === this.#ticket) await this.#framing.layOutAfresh();
  }

  #begin(): number {
    this.#releaseWorkingImage();
    this._error = null;
    this.#goTo('loading');
    return ++this.#ticket;
  }

  #finish(file: File, dataUri: string, uncropped: boolean): void {
    this._error = null;
    this.#result.set(file, dataUri, uncropped);
    this.#releaseWorkingImage();
    this.#goTo('done');
    emit(this, 'avatar-change', { file, dataUri } satisfies AvatarChangeDetail);
  }

  #cancel = (): void => {
    this.#ticket++;
    this.#releaseWorkingImage();
    this.#goTo(this.#restingState);
  };

  #remove = (): void => {
    this.#restoreFocus = this.matches(':focus-within');
    this.clear();
  };

  #retry = (): void => {
    this._error = null;
    this.#goTo(this.#restingState);
    this.#intake.choose();
  };

  get #locked(): boolean {
    return this.#isDisabled || this.#confirmation.busy;
  }

  get #isDisabled(): boolean {
    return this.disabled || this._formDisabled;
  }

  get #budget(): number {
    return this.budget > 0 ? this.budget : DEFAULT_BUDGET;
  }

  /** An image is chosen and being prepared or framed, not yet confirmed. */
  get #chosen(): boolean {
    return this._state === 'loading' || this._state === 'cropping';
  }

  get #restingState(): AvatarCropperState {
    return this.#result.file ? 'done' : 'empty';
  }

  /** Changes state; if focus was inside, the new state's main control gets it after rendering. */
  #goTo(state: AvatarCropperState): void {
    if (state === this._state) return;
    this.#restoreFocus ||= this.matches(':focus-within');
    this._state = state;
    this.#result.sync(); // now, not at the next render: a submit may come first
  }

  #fail(error: AvatarCropperError): void {
    this.#releaseWorkingImage();
    const detail: AvatarErrorDetail = { code: error.code, message: errorMessage(this.#t, this.#tag, error) };
    this._error = detail;
    this.#goTo('error');
    emit(this, 'avatar-error', detail);
  }

  #reset(): void {
    this.#ticket++;
    this.#releaseWorkingImage();
    this.#result.set(null, '');
    this.#intake.forgetOffer();
    this._error = null;
    this.#goTo('empty');
  }

  #releaseWorkingImage(): void {
    this.#framing.release();
    this.#announcer.say('');
  }
}

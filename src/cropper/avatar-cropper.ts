import { html, LitElement, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { Announcer } from './announcer.ts';
import { styles } from './avatar-cropper.styles.ts';
import { encodeCrop } from './crop-encoding.ts';
import { errorMessage, formatNumber, framingStatus, textFor } from './cropper-text.ts';
import { renderCropping } from './cropping-view.ts';
import { MAX_SOURCE_BYTES, MAX_SOURCE_PIXELS } from './decode-image.ts';
import { readAsDataUri } from './encode-avatar.ts';
import { type AvatarCropperError, toAvatarCropperError } from './errors.ts';
import { type AvatarChangeDetail, type AvatarErrorDetail, emit } from './events.ts';
import { listenForFiles } from './file-intake.ts';
import { FramingController } from './framing-controller.ts';
import { StageInput } from './stage/stage-input.ts';
import { openChooser, showsCamera, takeImage } from './intake.ts';
import { localeOf, nearestLang } from './locales/index.ts';
import { PendingSubmitController } from './pending-submit.ts';
import { renderDone, renderEmpty, renderError, renderLoading } from './state-views.ts';
import type { Strings, StringsOverride } from './strings.ts';

export type AvatarCropperState = 'empty' | 'loading' | 'cropping' | 'done' | 'error';

export const DEFAULT_ACCEPT =
  'image/png,image/jpeg,image/webp,image/gif,image/avif,image/svg+xml,image/heic,image/heif';
/**
 * Types the avatar endpoint decodes although browsers may not: offered uncropped when the browser
 * cannot decode such a (valid) file. A damaged file of any type is refused, never offered.
 */
export const DEFAULT_UPLOADABLE = 'image/heic,image/heif,image/bmp,image/x-icon';
export const DEFAULT_SIZE = 1024;
export const DEFAULT_BUDGET = 700_000;

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
 * @csspart container - wraps every state
 * @csspart dropzone - the empty state
 * @csspart icon - the empty state's icon
 * @csspart hint - "or drop or paste one here"
 * @csspart status - the loading state
 * @csspart stage - the focusable crop area
 * @csspart image - the image on the stage
 * @csspart selection - the square (round with `round`)
 * @csspart handle - each corner handle of the square (44 px on touch screens)
 * @csspart toolbar - previews and framing buttons
 * @csspart previews - the two live previews
 * @csspart preview-large - the 128 px live preview
 * @csspart preview-small - the 32 px live preview
 * @csspart tool - each framing button (also rotate-left-, rotate-right-, flip-, reset-button)
 * @csspart notice - "only the first frame is used" for animated images
 * @csspart zoom - the zoom slider and its label
 * @csspart actions - each row of action buttons
 * @csspart result - the done state
 * @csspart preview - the confirmed result's image
 * @csspart error - the error state
 * @csspart message - the error message, or the note on an uncropped upload
 * @csspart button - every button; also primary-button and one of choose-, camera-, cancel-,
 *   confirm-, change-, remove-, retry-, upload-button
 *
 * @cssprop --avatar-cropper-primary - buttons, focus ring, slider (light #0066cc, dark #73bcf7)
 * @cssprop --avatar-cropper-primary-hover - primary button hover
 * @cssprop --avatar-cropper-on-primary - text on primary buttons
 * @cssprop --avatar-cropper-text - text
 * @cssprop --avatar-cropper-muted - secondary text and icons
 * @cssprop --avatar-cropper-surface - drop zone background
 * @cssprop --avatar-cropper-surface-alt - error, previews and drag-over background
 * @cssprop --avatar-cropper-border - borders
 * @cssprop --avatar-cropper-danger - Remove and the error accent
 * @cssprop --avatar-cropper-focus - focus ring
 * @cssprop --avatar-cropper-stage - behind the image while cropping
 * @cssprop --avatar-cropper-shade - dims the image outside the square
 * @cssprop --avatar-cropper-selection - the square's outline and handles
 * @cssprop --avatar-cropper-radius - corner radius of buttons
 * @cssprop --avatar-cropper-font-size - base font size (0.875rem)
 * @cssprop --avatar-cropper-stage-max-height - largest crop area height (24rem)
 * @cssprop --avatar-cropper-preview-size - side of the confirmed result's image (160px)
 * @cssprop --avatar-cropper-preview-radius - its corner radius (4px; 50% with `round`)
 */
export class AvatarCropper extends LitElement {
  static formAssociated = true;

  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override styles = styles;

  static override properties: PropertyDeclarations = {
    size: { type: Number },
    budget: { type: Number },
    accept: { type: String },
    uploadable: { type: String },
    maxBytes: { type: Number, attribute: 'max-bytes' },
    maxPixels: { type: Number, attribute: 'max-pixels' },
    background: { type: String },
    camera: { type: String },
    round: { type: Boolean, reflect: true },
    theme: { type: String, reflect: true },
    /** Language of the text; unset, the nearest ancestor's `lang` (read at each render) or the browser's. */
    lang: { type: String, reflect: true },
    disabled: { type: Boolean, reflect: true },
    required: { type: Boolean, reflect: true },
    strings: { attribute: false },
    // Internal reactive state, spread in so that the manifest does not list it as attributes.
    ...Object.fromEntries(
      ['_state', '_busy', '_error', '_formDisabled', '_dragging'].map((name) => [
        name,
        { state: true },
      ]),
    ),
  };

  /** Side of the square result in pixels (attribute `size`, default 1024). */
  declare size: number;
  /** Largest result in bytes (attribute `budget`, default 700000); quality, then size, step down to fit. */
  declare budget: number;
  /** Which files are admitted, as on `<input type=file>`; checked against the real (sniffed) type. */
  declare accept: string;
  /**
   * Types the server decodes itself (attribute `uploadable`, default HEIC, HEIF, BMP, ICO). When the
   * browser cannot decode a valid file of such a type (HEIC in Chrome) and it fits `budget`, the error
   * offers to upload it uncropped. A damaged file (a truncated JPEG) is never offered.
   */
  declare uploadable: string;
  /** Largest file accepted, in bytes (attribute `max-bytes`, default 50000000); checked before reading. */
  declare maxBytes: number;
  /** Largest image accepted, in pixels (attribute `max-pixels`, default 120000000); checked before decoding. */
  declare maxPixels: number;
  /** Painted under transparent parts when the result is a JPEG (attribute `background`, default white). */
  declare background: string;
  /**
   * The "Take a photo" button (front camera): `auto` (default) shows it on touch screens (coarse
   * pointers), `never` hides it, any other value (a bare `camera` attribute) always shows it.
   */
  declare camera: string;
  /** Shows the square as a circle, like most apps show avatars; the result stays square. */
  declare round: boolean;
  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  declare theme: string | undefined;
  /** As on form controls: nothing can be chosen or changed; a disabled fieldset does the same. */
  declare disabled: boolean;
  /** As on form controls: the form is invalid until a crop is confirmed. */
  declare required: boolean;
  /** Any subset of the text table, merged over the table chosen from the nearest `lang`. */
  declare strings: StringsOverride;

  declare private _state: AvatarCropperState;
  declare private _busy: boolean;
  declare private _error: AvatarErrorDetail | null;
  declare private _formDisabled: boolean;
  declare private _dragging: boolean;

  readonly #internals: ElementInternals;
  #file: File | null = null;
  #dataUri = '';
  /** The result is the original file, uploaded as it is. */
  #uncropped = false;
  /** The original of an undecodable image the server would take. */
  #uploadOffer: File | null = null;
  /** Bumped by every load, cancel and clear, so that late async work can tell it is stale. */
  #ticket = 0;
  #restoreFocus = false;
  readonly #announcer = new Announcer(this);
  readonly #framing = new FramingController(this, {
    locked: () => this.#locked,
    changed: () => this.#announce(),
  });
  readonly #stageInput = new StageInput(this.#framing, () => void this.confirm());
  /** The latest `load()`, so that a confirmation can wait for it. */
  #loading: Promise<void> | null = null;
  /** The confirmation under way, shared by Confirm, Enter, `confirm()` and a form submit. */
  #confirming: Promise<File | null> | null = null;
  readonly #pendingSubmit = new PendingSubmitController(this, {
    form: () => this.#internals.form,
    pending: () => this.#chosen && !this.#isDisabled,
    confirm: () => this.confirm(),
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.size = DEFAULT_SIZE;
    this.budget = DEFAULT_BUDGET;
    this.accept = DEFAULT_ACCEPT;
    this.uploadable = DEFAULT_UPLOADABLE;
    this.maxBytes = MAX_SOURCE_BYTES;
    this.maxPixels = MAX_SOURCE_PIXELS;
    this.background = '#ffffff';
    this.camera = 'auto';
    this.round = false;
    this.disabled = false;
    this.required = false;
    this.strings = {};
    this._state = 'empty';
    this._busy = false;
    this._error = null;
    this._formDisabled = false;
    this._dragging = false;
    listenForFiles(this, {
      ready: () => !this.#locked && this._state !== 'loading',
      dragging: (over) => (this._dragging = over),
      take: (file) => void this.load(file),
    });
  }

  // ---- Public API --------------------------------------------------------------------------

  /** The confirmed result, or null. */
  get file(): File | null {
    return this.#file;
  }

  /** The confirmed result as a `data:` URI, or ''. */
  get value(): string {
    return this.#dataUri;
  }

  /** Also reflected as the `state` attribute. */
  get state(): AvatarCropperState {
    return this._state;
  }

  /** The form field name (attribute `name`); the File is submitted under it. */
  get name(): string {
    return this.getAttribute('name') ?? '';
  }

  set name(value: string) {
    this.setAttribute('name', value);
  }

  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  get validity(): ValidityState {
    return this.#internals.validity;
  }

  get validationMessage(): string {
    return this.#internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.#internals.willValidate;
  }

  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /**
   * Starts cropping the given image. Resolves once the cropper is ready, or once the image was
   * refused; refusals are reported with an `avatar-error` event, never by rejecting.
   */
  load(blob: Blob): Promise<void> {
    const loading = this.#load(blob);
    this.#loading = loading;
    return loading;
  }

  async #load(blob: Blob): Promise<void> {
    const ticket = ++this.#ticket;
    this.#releaseWorkingImage();
    this._error = null;
    this.#uploadOffer = null;
    this.#goTo('loading');
    const { accept, uploadable, maxBytes, maxPixels } = this;
    const intake = await takeImage(blob, { accept, uploadable, maxBytes, maxPixels, budget: this.#budget });
    if (ticket !== this.#ticket) {
      if ('image' in intake) intake.image.release();
      return;
    }
    if (!('image' in intake)) {
      this.#uploadOffer = intake.offer;
      return this.#fail(intake.error);
    }
    this.#framing.take(intake.image);
    this.#announcer.say(intake.image.animated ? this.#t.animated : '');
    this.#goTo('cropping');
    await this.updateComplete;
    if (ticket !== this.#ticket) return;
    try {
      await this.#framing.layOutAfresh();
    } catch (error) {
      if (ticket === this.#ticket) this.#fail(toAvatarCropperError(error, 'decode-failed'));
    }
  }

  /**
   * Confirms the framing the user sees, as the Confirm button does (firing `avatar-change`, or
   * `avatar-error` when it cannot be encoded). Resolves with the result, or null when it failed.
   * Outside cropping it resolves with the current result (null without one).
   */
  confirm(): Promise<File | null> {
    if (this.#confirming) return this.#confirming;
    // Chosen but still being prepared: confirm the first framing once it is ready.
    if (this._state === 'loading' && this.#loading) return this.#loading.then(() => this.confirm());
    if (this._state !== 'cropping' || this.#isDisabled) return Promise.resolve(this.#file);
    this.#confirming = this.#encodeCrop().finally(() => (this.#confirming = null));
    return this.#confirming;
  }

  /** Drops the image being cropped and the confirmed result; fires `avatar-clear` if there was a result. */
  clear(): void {
    const hadResult = this.#file !== null;
    this.#reset();
    if (hadResult) this.#emit('avatar-clear');
  }

  // ---- Form association ----------------------------------------------------------------------

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
      this.#setResult(state, dataUri);
      this.#goTo('done');
    });
  }

  // ---- Lifecycle -----------------------------------------------------------------------------

  protected override updated(changed: PropertyValues): void {
    if (changed.has('_state')) {
      this.setAttribute('state', this._state);
      if (this.#restoreFocus) {
        this.#restoreFocus = false;
        this.renderRoot.querySelector<HTMLElement>('[data-autofocus]')?.focus();
      }
    }
    if (changed.has('_dragging')) this.toggleAttribute('dragging', this._dragging);
    this.#syncValidity();
  }

  // ---- Text ----------------------------------------------------------------------------------

  /** The BCP 47 tag of the table in use. */
  get #tag(): string {
    return localeOf(this.lang || nearestLang(this));
  }

  /** The table of the element's language with `strings` merged over it. */
  get #t(): Strings {
    return textFor(this.#tag, this.strings);
  }

  #number(value: number, options: Intl.NumberFormatOptions): string {
    return formatNumber(this.#tag, value, options);
  }

  /** The zoom and rotation, said by the polite live region once the user pauses. */
  #announce(): void {
    this.#announcer.later(() => framingStatus(this.#t, this.#tag, this.#framing.zoom, this.#framing.framing));
  }

  // ---- Rendering -----------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const t = this.#t;
    return html`
      <div part="container" class="container" lang=${this.#tag}>
        ${this.#renderState(t)}
        <div class="visually-hidden" aria-live="polite">${this.#announcer.text}</div>
      </div>
      <input class="file-input" type="file" accept=${this.accept} hidden tabindex="-1" aria-hidden="true" @change=${this.#onFileChosen} />
    `;
  }

  #renderState(t: Strings): TemplateResult {
    const disabled = this.#isDisabled;
    switch (this._state) {
      case 'loading':
        return renderLoading(t);
      case 'cropping':
        return renderCropping({
          t,
          framing: this.#framing,
          input: this.#stageInput,
          locked: this.#locked,
          busy: this._busy,
          percent: (value) => this.#number(value, { style: 'percent' }),
          confirm: this.#confirm,
          cancel: this.#cancel,
        });
      case 'done':
        return renderDone({
          t,
          disabled,
          uncroppedName: this.#uncropped ? (this.#file?.name ?? '') : null,
          dataUri: this.#dataUri,
          change: this.#openFileChooser,
          remove: this.#remove,
        });
      case 'error':
        return renderError({
          t,
          disabled,
          message: this._error?.message ?? '',
          offer: this.#uploadOffer !== null,
          retry: this.#retry,
          upload: this.#uploadOriginal,
        });
      default:
        return renderEmpty({ t, disabled, camera: showsCamera(this.camera), choose: this.#openFileChooser, openCamera: this.#openCamera });
    }
  }

  // ---- Confirming ---------------------------------------------------------------------------

  get #locked(): boolean {
    return this.#isDisabled || this._busy;
  }

  #confirm = (): void => {
    void this.confirm();
  };

  async #encodeCrop(): Promise<File | null> {
    if (this._state !== 'cropping' || this.#locked || !this.#framing.ready) return null;
    const ticket = this.#ticket;
    this._busy = true;
    try {
      const { file, dataUri } = await encodeCrop({
        size: this.size,
        fallback: DEFAULT_SIZE,
        budget: this.#budget,
        background: this.background,
        draw: (side, fill) => this.#framing.toCanvas(side, fill),
      });
      if (ticket !== this.#ticket) return null;
      this.#setResult(file, dataUri);
      this.#releaseWorkingImage();
      this.#goTo('done');
      this.#emit<AvatarChangeDetail>('avatar-change', { file, dataUri });
      return file;
    } catch (error) {
      if (ticket === this.#ticket) this.#fail(toAvatarCropperError(error, 'encode-failed'));
      return null;
    } finally {
      this._busy = false;
    }
  }

  #cancel = (): void => {
    this.#ticket++;
    this.#releaseWorkingImage();
    this.#goTo(this.#restingState);
  };

  // ---- Choosing, dropping and pasting files ---------------------------------------------------

  #openFileChooser = (): void => openChooser(this.renderRoot.querySelector('.file-input'), this.accept, false);

  #openCamera = (): void => openChooser(this.renderRoot.querySelector('.file-input'), this.accept, true);

  #onFileChosen = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.load(file);
  };

  #uploadOriginal = async (): Promise<void> => {
    const file = this.#uploadOffer;
    if (!file || this.#isDisabled) return;
    const ticket = this.#ticket;
    const dataUri = await readAsDataUri(file);
    if (ticket !== this.#ticket) return;
    this.#setResult(file, dataUri, true);
    this._error = null;
    this.#goTo('done');
    this.#emit<AvatarChangeDetail>('avatar-change', { file, dataUri });
  };

  #remove = (): void => {
    this.#restoreFocus = this.#hasFocus();
    this.clear();
  };

  #retry = (): void => {
    this._error = null;
    this.#goTo(this.#restingState);
    this.#openFileChooser();
  };

  // ---- State -----------------------------------------------------------------------------------

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
    return this.#file ? 'done' : 'empty';
  }

  #hasFocus(): boolean {
    return this.matches(':focus-within');
  }

  /** Changes state; if focus was inside, the new state's main control gets it after rendering. */
  #goTo(state: AvatarCropperState): void {
    if (state === this._state) return;
    this.#restoreFocus ||= this.#hasFocus();
    this._state = state;
    this.#syncValidity(); // now, not at the next render: a submit may come first
  }

  #fail(error: AvatarCropperError): void {
    this.#releaseWorkingImage();
    const detail: AvatarErrorDetail = { code: error.code, message: errorMessage(this.#t, this.#tag, error) };
    this._error = detail;
    this.#goTo('error');
    this.#emit<AvatarErrorDetail>('avatar-error', detail);
  }

  #reset(): void {
    this.#ticket++;
    this.#releaseWorkingImage();
    this.#setResult(null, '');
    this._error = null;
    this.#goTo('empty');
  }

  #setResult(file: File | null, dataUri: string, uncropped = false): void {
    this.#file = file;
    this.#dataUri = dataUri;
    this.#uncropped = uncropped;
    this.#internals.setFormValue(file);
    this.#syncValidity();
    this.requestUpdate();
  }

  #syncValidity(): void {
    // A chosen image counts as a value: a submit confirms its framing first (PendingSubmitController).
    if (this.required && !this.#file && !this.#chosen) {
      const anchor = this.renderRoot?.querySelector<HTMLElement>('button:not([disabled])') ?? undefined;
      this.#internals.setValidity({ valueMissing: true }, this.#t.required, anchor);
    } else {
      this.#internals.setValidity({});
    }
  }

  #releaseWorkingImage(): void {
    this.#framing.release();
    this.#announcer.say('');
  }

  #emit<T>(type: string, detail?: T): void {
    emit(this, type, detail);
  }
}

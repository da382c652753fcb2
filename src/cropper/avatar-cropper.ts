import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { acceptsType } from './accepts-type.ts';
import { Announcer } from './announcer.ts';
import { styles } from './avatar-cropper.styles.ts';
import { context2d, createCanvas } from './canvas.ts';
import type { Rect } from './clamp-selection.ts';
import { type DecodedImage, decodeImage, MAX_SOURCE_BYTES, MAX_SOURCE_PIXELS } from './decode-image.ts';
import { encodeAvatar, readAsDataUri, toAvatarFile } from './encode-avatar.ts';
import { type AvatarCropperError, toAvatarCropperError } from './errors.ts';
import { type AvatarChangeDetail, type AvatarErrorDetail, emit } from './events.ts';
import { listenForFiles } from './file-intake.ts';
import { FRAMING_KEYS } from './framing-keys.ts';
import {
  centreOf,
  flip,
  type Framing,
  layOut,
  MAX_ZOOM,
  resize,
  rotateLeft,
  rotateRight,
  select,
  type Turn,
  turnView,
  UPRIGHT,
  type View,
  zoomOf,
  zoomTo,
} from './framing.ts';
import { format, localeOf, locales, nearestLang } from './locales/index.ts';
import { paintRegion } from './paint-region.ts';
import { PendingSubmitController } from './pending-submit.ts';
import { StageGestures } from './stage-gestures.ts';
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
const MIN_SIZE = 16;
const MAX_SIZE = 4096;

/** One key press on the crop area or the zoom slider zooms by 10%; Page Up/Down by 50%. */
const ZOOM_KEY_FACTOR = 1.1;
const ZOOM_PAGE_FACTOR = 1.5;
const SLIDER_MAX = 1000;
const PREVIEW_SIDES = [128, 32];

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
      ['_state', '_busy', '_error', '_formDisabled', '_dragging', '_view'].map((name) => [
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
  /** The image and the square on the stage, once laid out. */
  declare private _view: View | null;

  readonly #internals: ElementInternals;
  readonly #resizeObserver = new ResizeObserver(() => this.#onStageResize());
  readonly #gestures = new StageGestures(this.#gestureHost());
  #file: File | null = null;
  #dataUri = '';
  /** The result is the original file, uploaded as it is. */
  #uncropped = false;
  /** The original of an undecodable image the server would take. */
  #uploadOffer: File | null = null;
  #working: DecodedImage | null = null;
  #stageSize = { width: 0, height: 0 };
  /** Bumped by every load, cancel and clear, so that late async work can tell it is stale. */
  #ticket = 0;
  #restoreFocus = false;
  readonly #announcer = new Announcer(this);
  /** The confirmation under way, shared by Confirm, Enter, `confirm()` and a form submit. */
  #confirming: Promise<File | null> | null = null;
  readonly #pendingSubmit = new PendingSubmitController(this, {
    form: () => this.#internals.form,
    pending: () => this._state === 'cropping',
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
    this._view = null;
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
  async load(blob: Blob): Promise<void> {
    const ticket = ++this.#ticket;
    this.#releaseWorkingImage();
    this._error = null;
    this.#uploadOffer = null;
    this.#goTo('loading');
    try {
      const image = await decodeImage(blob, {
        accept: this.accept,
        fileName: blob instanceof File ? blob.name : '',
        maxBytes: this.maxBytes,
        maxPixels: this.maxPixels,
      });
      if (ticket !== this.#ticket) {
        image.release();
        return;
      }
      this.#working = image;
      this.#announcer.say(image.animated ? this.#t.animated : '');
      this.#goTo('cropping');
      await this.updateComplete;
      if (ticket === this.#ticket) this.#layOut(UPRIGHT);
    } catch (thrown) {
      if (ticket !== this.#ticket) return;
      const error = toAvatarCropperError(thrown, 'decode-failed');
      const { code, type } = error;
      if (code === 'unsupported-format' && type && acceptsType(this.uploadable, type) && blob.size <= this.#budget) {
        this.#uploadOffer = new File([blob], blob instanceof File ? blob.name : 'avatar', { type });
      }
      this.#fail(error);
    }
  }

  /**
   * Confirms the framing the user sees, as the Confirm button does (firing `avatar-change`, or
   * `avatar-error` when it cannot be encoded). Resolves with the result, or null when it failed.
   * Outside cropping it resolves with the current result (null without one).
   */
  confirm(): Promise<File | null> {
    if (this.#confirming) return this.#confirming;
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

  override connectedCallback(): void {
    super.connectedCallback();
    const stage = this.#stage; // present when the element is moved while cropping
    if (stage) this.#resizeObserver.observe(stage);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver.disconnect();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('_state')) {
      this.setAttribute('state', this._state);
      this.#resizeObserver.disconnect();
      const stage = this.#stage;
      if (stage) this.#resizeObserver.observe(stage);
      if (this.#restoreFocus) {
        this.#restoreFocus = false;
        this.renderRoot.querySelector<HTMLElement>('[data-autofocus]')?.focus();
      }
    }
    if (changed.has('_dragging')) this.toggleAttribute('dragging', this._dragging);
    // A new layout (resize, turn, reset) has new bounds; moving or zooming the square keeps them.
    const laidOut = changed.has('_view') && (changed.get('_view') as View | null)?.bounds !== this._view?.bounds;
    if (laidOut || changed.has('_state')) this.#paintStage();
    this.#paintPreviews();
    this.#syncValidity();
  }

  // ---- Text ----------------------------------------------------------------------------------

  /** The BCP 47 tag of the table in use. */
  get #tag(): string {
    return localeOf(this.lang || nearestLang(this));
  }

  /** The table of the element's language with `strings` merged over it. */
  get #t(): Strings {
    const table = locales[this.#tag]!;
    const override = this.strings ?? {};
    return { ...table, ...override, errors: { ...table.errors, ...override.errors } } as Strings;
  }

  #number(value: number, options: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(this.#tag, options).format(value);
  }

  #message(error: AvatarCropperError): string {
    const t = this.#t;
    const limit = error.limit;
    if (!limit) return t.errors[error.code];
    const bytes = limit.unit === 'bytes';
    const millions = (value: number) =>
      this.#number(value / 1e6, { maximumSignificantDigits: 3, ...(bytes && { style: 'unit', unit: 'megabyte' }) });
    return format(bytes ? t.errors['too-large'] : t.tooManyPixels, millions(limit.actual), millions(limit.max));
  }

  /** "Zoom 150%, rotation 90°", said by the polite live region once the user pauses. */
  #announce(): void {
    this.#announcer.later(() => {
      const t = this.#t;
      const { rotation, flipped } = this._view?.framing ?? UPRIGHT;
      const status = format(t.status, this.#number(this.#zoom, { style: 'percent' }), this.#number(rotation, { style: 'unit', unit: 'degree', unitDisplay: 'narrow' }));
      return flipped ? `${status} ${t.mirrored}` : status;
    });
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
        return html`<div part="status" class="status" role="status" tabindex="-1" data-autofocus>
          <span class="spinner" aria-hidden="true"></span>${t.preparing}
        </div>`;
      case 'cropping':
        return this.#renderCropping(t);
      case 'done':
        return html`<div part="result" class="result">
          ${this.#uncropped
            ? html`<p part="message">${format(t.uploaded, this.#file?.name ?? '')}</p>`
            : html`<img part="preview" class="preview" src=${this.#dataUri} alt=${t.preview} />`}
          <div part="actions" class="actions">
            <button type="button" part="button change-button" class="secondary" data-autofocus ?disabled=${disabled} @click=${this.#openFileChooser}>
              ${t.change}
            </button>
            <button type="button" part="button remove-button" class="danger" ?disabled=${disabled} @click=${this.#remove}>${t.remove}</button>
          </div>
        </div>`;
      case 'error':
        return html`<div part="error" class="error" role="alert">
          <p part="message">${this._error?.message}</p>
          <div part="actions" class="actions">
            <button type="button" part="button primary-button retry-button" class="primary" data-autofocus ?disabled=${disabled} @click=${this.#retry}>
              ${t.retry}
            </button>
            ${this.#uploadOffer
              ? html`<button type="button" part="button upload-button" class="secondary" ?disabled=${disabled} @click=${this.#uploadOriginal}>
                  ${t.upload}
                </button>`
              : nothing}
          </div>
        </div>`;
      default:
        return html`<div part="dropzone" class="dropzone">
          <svg part="icon" class="icon" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
            <path
              d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 4a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7Zm0 14a8 8 0 0 1-6.2-2.9C7 15.4 9.4 14.5 12 14.5s5 .9 6.2 2.6A8 8 0 0 1 12 20Z"
            />
          </svg>
          <div class="actions">
            <button type="button" part="button primary-button choose-button" class="primary" data-autofocus ?disabled=${disabled} @click=${this.#openFileChooser}>
              ${t.chooseImage}
            </button>
            ${this.#showCamera
              ? html`<button type="button" part="button camera-button" class="secondary" ?disabled=${disabled} @click=${this.#openCamera}>
                  ${t.takePhoto}
                </button>`
              : nothing}
          </div>
          <p part="hint" class="hint">${t.dropHint}</p>
        </div>`;
    }
  }

  #renderCropping(t: Strings): TemplateResult {
    const locked = this.#locked;
    const gestures = this.#gestures;
    const tool = (name: string, label: string, action: () => void, icon: string) =>
      html`<button type="button" part="button tool ${name}-button" class="tool ${name}" aria-label=${label} title=${label} ?disabled=${locked} @click=${action}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d=${icon} /></svg>
      </button>`;
    const rotateIcon = 'M8 3 4 7l4 4M4 7h10a6 6 0 0 1 0 12h-4';
    return html`
      <div class="container" @keydown=${this.#onCroppingKeydown}>
        <div
          part="stage"
          class="stage"
          role="group"
          aria-label=${t.cropArea}
          aria-describedby="crop-help"
          tabindex=${locked ? -1 : 0}
          data-autofocus
          @keydown=${this.#onStageKeydown}
          @pointerdown=${gestures.down}
          @pointermove=${gestures.move}
          @pointerup=${gestures.up}
          @pointercancel=${gestures.up}
          @wheel=${gestures.wheel}
        >
          <div class="frame">
            <canvas part="image" class="image" role="img" aria-label=${t.imageToCrop} style=${boxStyle(this._view?.bounds)}></canvas>
            <div part="selection" class="selection" data-action="move" style=${boxStyle(this._view?.selection)}>
              ${['nw', 'ne', 'sw', 'se'].map((corner) => html`<span part="handle" class="handle" data-action=${corner}></span>`)}
            </div>
          </div>
        </div>
        <p id="crop-help" hidden>${t.cropAreaHelp}</p>
        <div part="toolbar" class="toolbar">
          <div part="previews" class="previews" aria-hidden="true">
            <canvas part="preview-large" class="large"></canvas><canvas part="preview-small" class="small"></canvas>
          </div>
          <div class="tools">
            ${tool('rotate-left', t.rotateLeft, () => this.#turn(rotateLeft), rotateIcon)}
            ${tool('rotate-right', t.rotateRight, () => this.#turn(rotateRight), rotateIcon)}
            ${tool('flip', t.flip, () => this.#turn(flip), 'M12 3v18M9 7 3 17h6zm6 0 6 10h-6z')}
            ${tool('reset', t.reset, this.#resetFraming, 'M4 12a8 8 0 1 0 2.4-5.7L4 8.7M4 4v4.7h4.7')}
          </div>
        </div>
        ${this.#working?.animated ? html`<p part="notice" class="hint">${t.animated}</p>` : nothing}
        <label part="zoom" class="zoom">
          <span>${t.zoom}</span>
          <input
            type="range"
            min="0"
            max=${SLIDER_MAX}
            .value=${String(Math.round((SLIDER_MAX * Math.log(this.#zoom)) / Math.log(MAX_ZOOM)))}
            aria-valuetext=${this.#number(this.#zoom, { style: 'percent' })}
            ?disabled=${locked}
            @input=${this.#onZoomInput}
            @keydown=${this.#onZoomKeydown}
          />
        </label>
        <div part="actions" class="actions">
          <button type="button" part="button cancel-button" class="secondary" ?disabled=${locked} @click=${this.#cancel}>${t.cancel}</button>
          <button type="button" part="button primary-button confirm-button" class="primary" ?disabled=${locked} @click=${this.#confirm}>
            ${this._busy ? t.saving : t.confirm}
          </button>
        </div>
      </div>
    `;
  }

  // ---- Framing -------------------------------------------------------------------------------

  get #stage(): HTMLElement | null {
    return this.renderRoot?.querySelector('.stage') ?? null;
  }

  /** Where the image is laid out: the stage less room for the handles, so they are never clipped. */
  get #frame(): HTMLElement | null {
    return this.renderRoot?.querySelector('.frame') ?? null;
  }

  get #locked(): boolean {
    return this.#isDisabled || this._busy;
  }

  /** 1 is the largest square on the image; up to MAX_ZOOM. */
  get #zoom(): number {
    return this._view ? zoomOf(this._view) : 1;
  }

  #gestureHost() {
    // Asked for its state at each event, so it reads the element's current fields.
    const element = this;
    return {
      get selection() {
        return element._view?.selection ?? null;
      },
      get locked() {
        return element.#locked;
      },
      select: (next: Rect) => this.#change((view) => select(view, next)),
      resizeTo: (side: number) => {
        this.#change((view) => resize(view, side));
        this.#announce();
      },
    };
  }

  #change(change: (view: View) => View): void {
    if (this._view) this._view = change(this._view);
  }

  /** Lays the image out on the stage as it is now sized (see `layOut`). */
  #layOut(framing: Framing, centre: [number, number] | null = null, zoom = 1): void {
    const frame = this.#frame;
    const working = this.#working;
    if (!frame || !working) return;
    this.#stageSize = { width: frame.clientWidth, height: frame.clientHeight };
    this._view = this.#stageSize.width && this.#stageSize.height ? layOut(this.#stageSize, working, framing, centre, zoom) : null;
  }

  #onStageResize(): void {
    const frame = this.#frame;
    if (this._state !== 'cropping' || !frame) return;
    if (frame.clientWidth === this.#stageSize.width && frame.clientHeight === this.#stageSize.height) return;
    const view = this._view;
    this.#layOut(view?.framing ?? UPRIGHT, view && centreOf(view), this.#zoom);
  }

  /** Rotates or flips the image; the square follows the part of the image it was on. */
  #turn(turn: Turn): void {
    const working = this.#working;
    if (this.#locked || !working) return;
    this.#change((view) => turnView(view, turn, this.#stageSize, working));
    this.#announce();
  }

  #resetFraming = (): void => {
    if (this.#locked) return;
    this.#layOut(UPRIGHT);
    this.#announce();
  };

  #paintStage(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.image');
    const view = this._view;
    if (!canvas || !view || !this.#working) return;
    const { bounds } = view;
    const ratio = devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(bounds.width * ratio));
    canvas.height = Math.max(1, Math.round(bounds.height * ratio));
    paintRegion(context2d(canvas), this.#working.bitmap, bounds, bounds, view.framing, canvas.width);
  }

  /** The live previews draw exactly what Confirm will encode, at 128 and 32 px. */
  #paintPreviews(): void {
    const view = this._view;
    const working = this.#working;
    if (this._state !== 'cropping' || !view || !working) return;
    this.renderRoot.querySelectorAll<HTMLCanvasElement>('.previews canvas').forEach((canvas, index) => {
      canvas.width = canvas.height = Math.round(PREVIEW_SIDES[index]! * (devicePixelRatio || 1));
      paintRegion(context2d(canvas), working.bitmap, view.bounds, view.selection, view.framing, canvas.width);
    });
  }

  #onZoomInput = (event: Event): void => {
    const zoom = MAX_ZOOM ** ((event.target as HTMLInputElement).valueAsNumber / SLIDER_MAX);
    this.#change((view) => zoomTo(view, zoom));
  };

  /** The slider's own arrow steps are 0.1%: a key press zooms by a step people can see instead. */
  #onZoomKeydown = (event: KeyboardEvent): void => {
    const factors: Record<string, number> = {
      ArrowRight: ZOOM_KEY_FACTOR,
      ArrowUp: ZOOM_KEY_FACTOR,
      ArrowLeft: 1 / ZOOM_KEY_FACTOR,
      ArrowDown: 1 / ZOOM_KEY_FACTOR,
      PageUp: ZOOM_PAGE_FACTOR,
      PageDown: 1 / ZOOM_PAGE_FACTOR,
      Home: 0,
      End: Infinity,
    };
    const factor = factors[event.key];
    if (factor === undefined || this.#locked || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    this.#change((view) => zoomTo(view, Math.min(Math.max(zoomOf(view) * factor, 1), MAX_ZOOM)));
    this.#announce();
  };

  #onStageKeydown = (event: KeyboardEvent): void => {
    const action = FRAMING_KEYS[event.key];
    const selection = this._view?.selection;
    if (!action || !selection || this.#locked || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const step = event.shiftKey ? 10 : 1;
    const moves: Record<string, [number, number]> = { left: [-step, 0], right: [step, 0], up: [0, -step], down: [0, step] };
    const move = moves[action];
    if (move) return this.#change((view) => select(view, { ...selection, x: selection.x + move[0], y: selection.y + move[1] }));
    if (action === 'confirm') return void this.#confirm();
    if (action === 'reset') return this.#resetFraming();
    if (action === 'in' || action === 'out') {
      const factor = action === 'in' ? ZOOM_KEY_FACTOR : 1 / ZOOM_KEY_FACTOR;
      this.#change((view) => zoomTo(view, zoomOf(view) * factor));
      return this.#announce();
    }
    this.#turn({ rotateLeft, rotateRight, flip }[action]!);
  };

  #onCroppingKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || this._busy) return;
    event.preventDefault();
    this.#cancel();
  };

  #confirm = (): void => {
    void this.confirm();
  };

  async #encodeCrop(): Promise<File | null> {
    const working = this.#working;
    const view = this._view;
    if (this._state !== 'cropping' || this.#locked || !working || !view) return null;
    const ticket = this.#ticket;
    this._busy = true;
    try {
      const blob = await encodeAvatar({
        size: clampInteger(this.size, MIN_SIZE, MAX_SIZE, DEFAULT_SIZE),
        budget: this.#budget,
        background: this.background,
        draw: async (side, background) => {
          const canvas = createCanvas(side, side);
          const context = context2d(canvas);
          if (background) {
            context.fillStyle = background;
            context.fillRect(0, 0, side, side);
          }
          paintRegion(context, working.bitmap, view.bounds, view.selection, view.framing, side);
          return canvas;
        },
      });
      const file = toAvatarFile(blob);
      const dataUri = await readAsDataUri(file);
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

  get #showCamera(): boolean {
    return this.camera !== 'never' && (this.camera !== 'auto' || matchMedia('(pointer: coarse)').matches);
  }

  #chooseFile(camera: boolean): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('.file-input');
    if (!input) return;
    input.accept = camera ? 'image/*' : this.accept;
    if (camera) input.setAttribute('capture', 'user');
    else input.removeAttribute('capture');
    input.click();
  }

  #openFileChooser = (): void => this.#chooseFile(false);

  #openCamera = (): void => this.#chooseFile(true);

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
  }

  #fail(error: AvatarCropperError): void {
    this.#releaseWorkingImage();
    const detail: AvatarErrorDetail = { code: error.code, message: this.#message(error) };
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
    // A framed crop counts as a value: a submit confirms it first (PendingSubmitController).
    if (this.required && !this.#file && this._state !== 'cropping') {
      const anchor = this.renderRoot?.querySelector<HTMLElement>('button:not([disabled])') ?? undefined;
      this.#internals.setValidity({ valueMissing: true }, this.#t.required, anchor);
    } else {
      this.#internals.setValidity({});
    }
  }

  #releaseWorkingImage(): void {
    this.#working?.release();
    this.#working = null;
    this._view = null;
    this.#announcer.say('');
  }

  #emit<T>(type: string, detail?: T): void {
    emit(this, type, detail);
  }
}

function boxStyle(rect: Rect | undefined): string {
  return rect ? `left:${rect.x}px;top:${rect.y}px;width:${rect.width}px;height:${rect.height}px` : 'display:none';
}

function clampInteger(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(Math.round(value), min), max) : fallback;
}

import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { styles } from './avatar-cropper.styles.ts';
import { clampSquare, largestCenteredSquare, type Rect, sameRect, squareAround } from './clamp-selection.ts';
import { type CropperCanvas, type CropperImage, type CropperSelection, defineCropperElements } from './cropper-elements.ts';
import { type DecodedImage, decodeImage } from './decode-image.ts';
import { encodeAvatar, readAsDataUri, toAvatarFile } from './encode-avatar.ts';
import { type AvatarErrorCode, toAvatarCropperError } from './errors.ts';
import type { AvatarChangeDetail, AvatarErrorDetail } from './events.ts';
import { en, type Strings } from './strings.ts';

export type AvatarCropperState = 'empty' | 'loading' | 'cropping' | 'done' | 'error';

export const DEFAULT_ACCEPT =
  'image/png,image/jpeg,image/webp,image/gif,image/avif,image/svg+xml,image/heic,image/heif';
export const DEFAULT_SIZE = 1024;
export const DEFAULT_BUDGET = 700_000;
const MIN_SIZE = 16;
const MAX_SIZE = 4096;

/** Zoom 1 is the largest square that fits the image; MAX_ZOOM shows 1/MAX_ZOOM of that side. */
const MAX_ZOOM = 8;
const ZOOM_KEY_FACTOR = 1.1;
const SLIDER_MAX = 1000;
const MOVE_STEP = 1;
const MOVE_STEP_LARGE = 10;
/** cropperjs elements emit these as bubbling, composed events: they must not escape the shadow root. */
const CROPPER_EVENTS = ['change', 'action', 'actionstart', 'actionmove', 'actionend', 'transform'];

/**
 * `<avatar-cropper>`: pick, drop or paste an image, crop a square of it and get the result as a
 * `File` (WebP where possible) that fits a byte budget. Form-associated: inside a `<form>` it
 * submits that File under its `name`.
 *
 * @fires avatar-change - `{ file, dataUri }` after the user confirms a crop.
 * @fires avatar-clear - when a confirmed result is removed (Remove button or `clear()`).
 * @fires avatar-error - `{ code, message }` when an image is refused or cannot be processed.
 * @csspart container, dropzone, icon, hint, status, stage, zoom, actions, result, preview, error, message
 * @csspart button - every button; also primary-button and one of choose-, cancel-, confirm-,
 *   change-, remove-, retry-button.
 */
export class AvatarCropper extends LitElement {
  static formAssociated = true;

  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override styles = styles;

  static override properties: PropertyDeclarations = {
    size: { type: Number },
    budget: { type: Number },
    accept: { type: String },
    disabled: { type: Boolean, reflect: true },
    required: { type: Boolean, reflect: true },
    strings: { attribute: false },
    _state: { state: true },
    _busy: { state: true },
    _zoom: { state: true },
    _error: { state: true },
    _formDisabled: { state: true },
    _dragging: { state: true },
  };

  /** Side of the square result in pixels (attribute `size`, default 1024). */
  declare size: number;
  /** Largest result in bytes (attribute `budget`, default 700000); quality, then size, step down to fit. */
  declare budget: number;
  /** Which files are admitted, as on `<input type=file>`; checked against the real (sniffed) type. */
  declare accept: string;
  declare disabled: boolean;
  declare required: boolean;
  /** The text table; replace with a translated object of the same shape. */
  declare strings: Strings;

  declare private _state: AvatarCropperState;
  declare private _busy: boolean;
  declare private _zoom: number;
  declare private _error: AvatarErrorDetail | null;
  declare private _formDisabled: boolean;
  declare private _dragging: boolean;

  readonly #internals: ElementInternals;
  readonly #resizeObserver = new ResizeObserver(() => this.#onStageResize());
  #file: File | null = null;
  #dataUri = '';
  #working: DecodedImage | null = null;
  /** The displayed image's box inside the cropper canvas, once it is laid out. */
  #bounds: Rect | null = null;
  #fittedStage = { width: 0, height: 0 };
  /** Bumped by every load, cancel and clear, so that late async work can tell it is stale. */
  #ticket = 0;
  #restoreFocus = false;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.size = DEFAULT_SIZE;
    this.budget = DEFAULT_BUDGET;
    this.accept = DEFAULT_ACCEPT;
    this.disabled = false;
    this.required = false;
    this.strings = en;
    this._state = 'empty';
    this._busy = false;
    this._zoom = 1;
    this._error = null;
    this._formDisabled = false;
    this._dragging = false;
    this.addEventListener('dragover', this.#onDragOver);
    this.addEventListener('dragleave', this.#onDragLeave);
    this.addEventListener('drop', this.#onDrop);
    this.addEventListener('paste', this.#onPaste);
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
    this.#goTo('loading');
    try {
      const image = await decodeImage(blob, { accept: this.accept, fileName: blob instanceof File ? blob.name : '' });
      if (ticket !== this.#ticket) {
        image.release();
        return;
      }
      this.#working = image;
      this._zoom = 1;
      this.#goTo('cropping');
      await this.updateComplete;
      await this.#image?.$ready();
      if (ticket !== this.#ticket) return;
      this.#fitToStage(null);
    } catch (error) {
      if (ticket === this.#ticket) this.#fail(toAvatarCropperError(error, 'decode-failed'));
    }
  }

  /** Drops the image being cropped and the confirmed result; fires `avatar-clear` if there was a result. */
  clear(): void {
    const hadResult = this.#file !== null;
    this.#reset();
    if (hadResult) this.#emit('avatar-clear');
  }

  // ---- Form association ----------------------------------------------------------------------

  formResetCallback(): void {
    this.#reset();
  }

  formDisabledCallback(disabled: boolean): void {
    this._formDisabled = disabled;
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
    defineCropperElements();
    const canvas = this.#canvas; // present when the element is moved while cropping
    if (canvas) this.#resizeObserver.observe(canvas);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver.disconnect();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('_state')) {
      this.setAttribute('state', this._state);
      this.#resizeObserver.disconnect();
      const canvas = this.#canvas;
      if (canvas) this.#resizeObserver.observe(canvas);
      if (this.#restoreFocus) {
        this.#restoreFocus = false;
        this.renderRoot.querySelector<HTMLElement>('[data-autofocus]')?.focus();
      }
    }
    if (changed.has('_dragging')) this.toggleAttribute('dragging', this._dragging);
    this.#syncValidity();
  }

  // ---- Rendering -----------------------------------------------------------------------------

  protected override render(): TemplateResult {
    return html`
      <div part="container" class="container">${this.#renderState()}</div>
      <input
        class="file-input"
        type="file"
        accept=${this.accept}
        hidden
        tabindex="-1"
        aria-hidden="true"
        @change=${this.#onFileChosen}
      />
    `;
  }

  #renderState(): TemplateResult {
    switch (this._state) {
      case 'loading':
        return this.#renderLoading();
      case 'cropping':
        return this.#renderCropping();
      case 'done':
        return this.#renderDone();
      case 'error':
        return this.#renderError();
      default:
        return this.#renderEmpty();
    }
  }

  #renderEmpty(): TemplateResult {
    const t = this.strings;
    return html`
      <div part="dropzone" class="dropzone">
        <svg part="icon" class="icon" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
          <path
            d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 4a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7Zm0 14a8 8 0 0 1-6.2-2.9C7 15.4 9.4 14.5 12 14.5s5 .9 6.2 2.6A8 8 0 0 1 12 20Z"
          />
        </svg>
        <button
          type="button"
          part="button primary-button choose-button"
          class="primary"
          data-autofocus
          ?disabled=${this.#isDisabled}
          @click=${this.#openFileChooser}
        >
          ${t.chooseImage}
        </button>
        <p part="hint" class="hint">${t.dropHint}</p>
      </div>
    `;
  }

  #renderLoading(): TemplateResult {
    return html`
      <div part="status" class="status" role="status" tabindex="-1" data-autofocus>
        <span class="spinner" aria-hidden="true"></span>${this.strings.preparing}
      </div>
    `;
  }

  #renderCropping(): TemplateResult {
    const t = this.strings;
    const locked = this.#isDisabled || this._busy;
    return html`
      <div class="cropping container" @keydown=${this.#onCroppingKeydown}>
        <div
          part="stage"
          class="stage"
          role="group"
          aria-label=${t.cropArea}
          aria-describedby="crop-help"
          tabindex=${locked ? -1 : 0}
          data-autofocus
          @keydown=${this.#onStageKeydown}
          @change=${stopPropagation}
          @action=${stopPropagation}
          @actionstart=${stopPropagation}
          @actionmove=${stopPropagation}
          @actionend=${stopPropagation}
          @transform=${stopPropagation}
        >
          <cropper-canvas ?disabled=${locked} theme-color="var(--avatar-cropper-selection, #ffffff)">
            <cropper-image src=${this.#working?.url ?? nothing} alt=${t.imageToCrop}></cropper-image>
            <cropper-selection aspect-ratio="1" movable resizable zoomable precise outlined @change=${this.#onSelectionChange}>
              <span class="guide" aria-hidden="true"></span>
              <span class="handle" action="move"></span>
              <span class="handle" action="nw-resize"></span>
              <span class="handle" action="ne-resize"></span>
              <span class="handle" action="sw-resize"></span>
              <span class="handle" action="se-resize"></span>
            </cropper-selection>
          </cropper-canvas>
        </div>
        <p id="crop-help" class="visually-hidden">${t.cropAreaHelp}</p>
        <label part="zoom" class="zoom">
          <span>${t.zoom}</span>
          <input
            type="range"
            min="0"
            max=${SLIDER_MAX}
            step="1"
            .value=${String(sliderPosition(this._zoom))}
            aria-valuetext=${`${this._zoom.toFixed(1)}×`}
            ?disabled=${locked}
            @input=${this.#onZoomInput}
          />
        </label>
        <div part="actions" class="actions">
          <button type="button" part="button cancel-button" class="secondary" ?disabled=${locked} @click=${this.#cancel}>
            ${t.cancel}
          </button>
          <button
            type="button"
            part="button primary-button confirm-button"
            class="primary"
            ?disabled=${locked}
            @click=${this.#confirm}
          >
            ${this._busy ? t.saving : t.confirm}
          </button>
        </div>
      </div>
    `;
  }

  #renderDone(): TemplateResult {
    const t = this.strings;
    return html`
      <div part="result" class="result">
        <img part="preview" class="preview" src=${this.#dataUri} alt=${t.preview} />
        <div part="actions" class="actions">
          <button
            type="button"
            part="button change-button"
            class="secondary"
            data-autofocus
            ?disabled=${this.#isDisabled}
            @click=${this.#openFileChooser}
          >
            ${t.change}
          </button>
          <button type="button" part="button remove-button" class="danger" ?disabled=${this.#isDisabled} @click=${this.#remove}>
            ${t.remove}
          </button>
        </div>
      </div>
    `;
  }

  #renderError(): TemplateResult {
    return html`
      <div part="error" class="error" role="alert">
        <p part="message">${this._error?.message}</p>
        <button
          type="button"
          part="button primary-button retry-button"
          class="primary"
          data-autofocus
          ?disabled=${this.#isDisabled}
          @click=${this.#retry}
        >
          ${this.strings.retry}
        </button>
      </div>
    `;
  }

  // ---- Cropping ------------------------------------------------------------------------------

  get #canvas(): CropperCanvas | null {
    return this.renderRoot.querySelector('cropper-canvas');
  }

  get #image(): CropperImage | null {
    return this.renderRoot.querySelector('cropper-image');
  }

  get #selection(): CropperSelection | null {
    return this.renderRoot.querySelector('cropper-selection');
  }

  /**
   * Shows the whole image centred in the canvas ("contain"), then places the selection: where it
   * was (relative to the image) after a resize, else the largest centred square.
   */
  #fitToStage(relative: Rect | null): void {
    const canvas = this.#canvas;
    const image = this.#image;
    const selection = this.#selection;
    const working = this.#working;
    if (!canvas || !image || !selection || !working) return;
    const stage = { width: canvas.clientWidth, height: canvas.clientHeight };
    this.#fittedStage = stage;
    if (stage.width === 0 || stage.height === 0) {
      this.#bounds = null;
      return;
    }
    const scale = Math.min(stage.width / working.width, stage.height / working.height);
    // The image element is natural-sized at the canvas origin and transformed about its centre.
    image.scalable = true;
    image.translatable = true;
    image.$setTransform(scale, 0, 0, scale, (stage.width - working.width) / 2, (stage.height - working.height) / 2);
    image.scalable = false;
    image.translatable = false;
    const bounds = {
      x: (stage.width - working.width * scale) / 2,
      y: (stage.height - working.height * scale) / 2,
      width: working.width * scale,
      height: working.height * scale,
    };
    this.#bounds = bounds;
    const next = relative ? fromRelative(relative, bounds) : largestCenteredSquare(bounds);
    selection.$change(next.x, next.y, next.width, next.height);
  }

  #onStageResize(): void {
    const canvas = this.#canvas;
    const selection = this.#selection;
    if (this._state !== 'cropping' || !canvas || !selection || !this.#image?.$image.complete) return;
    if (canvas.clientWidth === this.#fittedStage.width && canvas.clientHeight === this.#fittedStage.height) return;
    const bounds = this.#bounds;
    this.#fitToStage(bounds ? toRelative(rectOf(selection), bounds) : null);
  }

  /** Keeps the 1:1 selection inside the image: out-of-bounds changes are cancelled and replaced by a clamped one. */
  #onSelectionChange = (event: Event): void => {
    const selection = this.#selection;
    if (!selection || event.target !== selection) return;
    const bounds = this.#bounds;
    if (!bounds) {
      event.preventDefault();
      return;
    }
    const next = (event as CustomEvent<Rect>).detail;
    const current = rectOf(selection);
    const maxSide = Math.min(bounds.width, bounds.height);
    const clamped = clampSquare(next, current, bounds, maxSide / MAX_ZOOM);
    if (!sameRect(clamped, next)) {
      event.preventDefault();
      if (!sameRect(clamped, current)) selection.$change(clamped.x, clamped.y, clamped.width, clamped.height);
      return;
    }
    this._zoom = maxSide / next.width;
  };

  #zoomTo(zoom: number): void {
    const selection = this.#selection;
    const bounds = this.#bounds;
    if (!selection || !bounds) return;
    const maxSide = Math.min(bounds.width, bounds.height);
    const side = maxSide / Math.min(Math.max(zoom, 1), MAX_ZOOM);
    const next = squareAround(rectOf(selection), side);
    selection.$change(next.x, next.y, next.width, next.height);
  }

  #onZoomInput = (event: Event): void => {
    this.#zoomTo(zoomAt((event.target as HTMLInputElement).valueAsNumber));
  };

  #onStageKeydown = (event: KeyboardEvent): void => {
    const selection = this.#selection;
    if (!selection || this.#isDisabled || this._busy || event.altKey || event.ctrlKey || event.metaKey) return;
    const step = event.shiftKey ? MOVE_STEP_LARGE : MOVE_STEP;
    switch (event.key) {
      case 'ArrowLeft':
        selection.$move(-step, 0);
        break;
      case 'ArrowRight':
        selection.$move(step, 0);
        break;
      case 'ArrowUp':
        selection.$move(0, -step);
        break;
      case 'ArrowDown':
        selection.$move(0, step);
        break;
      case '+':
      case '=':
        this.#zoomTo(this._zoom * ZOOM_KEY_FACTOR);
        break;
      case '-':
      case '_':
        this.#zoomTo(this._zoom / ZOOM_KEY_FACTOR);
        break;
      case 'Enter':
        void this.#confirm();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  #onCroppingKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || this._busy) return;
    event.preventDefault();
    this.#cancel();
  };

  #confirm = async (): Promise<void> => {
    const selection = this.#selection;
    if (this._state !== 'cropping' || this._busy || !selection || !this.#bounds) return;
    const ticket = this.#ticket;
    this._busy = true;
    try {
      const blob = await encodeAvatar({
        size: clampInteger(this.size, MIN_SIZE, MAX_SIZE, DEFAULT_SIZE),
        budget: this.budget > 0 ? this.budget : DEFAULT_BUDGET,
        draw: (side, background) =>
          selection.$toCanvas({
            width: side,
            height: side,
            beforeDraw(context, canvas) {
              context.imageSmoothingEnabled = true;
              context.imageSmoothingQuality = 'high';
              if (background) {
                context.fillStyle = background;
                context.fillRect(0, 0, canvas.width, canvas.height);
              }
            },
          }),
      });
      const file = toAvatarFile(blob);
      const dataUri = await readAsDataUri(file);
      if (ticket !== this.#ticket) return;
      this.#setResult(file, dataUri);
      this.#releaseWorkingImage();
      this.#goTo('done');
      this.#emit<AvatarChangeDetail>('avatar-change', { file, dataUri });
    } catch (error) {
      if (ticket === this.#ticket) this.#fail(toAvatarCropperError(error, 'encode-failed'));
    } finally {
      this._busy = false;
    }
  };

  #cancel = (): void => {
    this.#ticket++;
    this.#releaseWorkingImage();
    this.#goTo(this.#restingState);
  };

  // ---- Choosing, dropping and pasting files ---------------------------------------------------

  #openFileChooser = (): void => {
    this.renderRoot.querySelector<HTMLInputElement>('.file-input')?.click();
  };

  #onFileChosen = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.load(file);
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

  get #acceptsFiles(): boolean {
    return !this.#isDisabled && !this._busy && this._state !== 'loading';
  }

  #onDragOver = (event: DragEvent): void => {
    if (!this.#acceptsFiles || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this._dragging = true;
  };

  #onDragLeave = (event: DragEvent): void => {
    const to = event.relatedTarget;
    if (to instanceof Node && (to === this || this.contains(to))) return;
    this._dragging = false;
  };

  #onDrop = (event: DragEvent): void => {
    this._dragging = false;
    const file = event.dataTransfer?.files[0];
    if (!this.#acceptsFiles || !file) return;
    event.preventDefault();
    void this.load(file);
  };

  #onPaste = (event: ClipboardEvent): void => {
    if (!this.#acceptsFiles || !event.clipboardData) return;
    const items = Array.from(event.clipboardData.items);
    const file = event.clipboardData.files[0] ?? items.find((item) => item.kind === 'file')?.getAsFile();
    if (!file) return;
    event.preventDefault();
    void this.load(file);
  };

  // ---- State -----------------------------------------------------------------------------------

  get #isDisabled(): boolean {
    return this.disabled || this._formDisabled;
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

  #fail(error: { code: AvatarErrorCode }): void {
    this.#releaseWorkingImage();
    const detail: AvatarErrorDetail = { code: error.code, message: this.strings.errors[error.code] };
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

  #setResult(file: File | null, dataUri: string): void {
    this.#file = file;
    this.#dataUri = dataUri;
    this.#internals.setFormValue(file);
    this.#syncValidity();
    this.requestUpdate();
  }

  #syncValidity(): void {
    if (this.required && !this.#file) {
      const anchor = this.renderRoot?.querySelector<HTMLElement>('button:not([disabled])') ?? undefined;
      this.#internals.setValidity({ valueMissing: true }, this.strings.required, anchor);
    } else {
      this.#internals.setValidity({});
    }
  }

  #releaseWorkingImage(): void {
    this.#working?.release();
    this.#working = null;
    this.#bounds = null;
  }

  #emit<T>(type: string, detail?: T): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

function stopPropagation(event: Event): void {
  event.stopPropagation();
}

function rectOf(selection: CropperSelection): Rect {
  return { x: selection.x, y: selection.y, width: selection.width, height: selection.height };
}

/** `rect` in units of `bounds` (0..1), so it can be put back after the image is laid out anew. */
function toRelative(rect: Rect, bounds: Rect): Rect {
  return {
    x: (rect.x - bounds.x) / bounds.width,
    y: (rect.y - bounds.y) / bounds.height,
    width: rect.width / bounds.width,
    height: rect.height / bounds.height,
  };
}

function fromRelative(rect: Rect, bounds: Rect): Rect {
  const side = rect.width * bounds.width;
  return { x: bounds.x + rect.x * bounds.width, y: bounds.y + rect.y * bounds.height, width: side, height: side };
}

/** The zoom slider is logarithmic: equal slider steps zoom by equal factors. */
function sliderPosition(zoom: number): number {
  return Math.round((SLIDER_MAX * Math.log(zoom)) / Math.log(MAX_ZOOM));
}

function zoomAt(position: number): number {
  return MAX_ZOOM ** (position / SLIDER_MAX);
}

function clampInteger(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(Math.round(value), min), max) : fallback;
}

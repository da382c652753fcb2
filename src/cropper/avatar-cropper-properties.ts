import { LitElement, type PropertyDeclarations } from 'lit';
import { MAX_SOURCE_BYTES, MAX_SOURCE_PIXELS } from './decode-image.ts';
import type { StringsOverride } from './strings.ts';

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
 * The attributes and properties of `<avatar-cropper>` and their defaults, its parts and CSS custom
 * properties (the behaviour is in avatar-cropper.ts).
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
export class AvatarCropperProperties extends LitElement {
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

  constructor() {
    super();
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
  }
}

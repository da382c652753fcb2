// First: cropperjs's code then comes before the element's text tables in a bundle, which keeps those
// tables within gzip's 32 KB window of the bridge's own (bridge.js compresses by about 0.5 KB more).
import { defineCropperElements } from './stage/cropper-elements.ts';
import { AvatarCropper } from './avatar-cropper.ts';

export {
  AvatarCropper,
  DEFAULT_ACCEPT,
  DEFAULT_BUDGET,
  DEFAULT_SIZE,
  DEFAULT_UPLOADABLE,
  type AvatarCropperState,
} from './avatar-cropper.ts';
export { AvatarCropperError, type AvatarErrorCode } from './errors.ts';
export type { AvatarChangeDetail, AvatarChangeEvent, AvatarClearEvent, AvatarErrorDetail, AvatarErrorEvent } from './events.ts';
export { localeOf, locales } from './locales/index.ts';
export { en, type Strings, type StringsOverride } from './strings.ts';

defineCropperElements();
if (!customElements.get('avatar-cropper')) {
  customElements.define('avatar-cropper', AvatarCropper);
}

declare global {
  interface HTMLElementTagNameMap {
    'avatar-cropper': AvatarCropper;
  }
}

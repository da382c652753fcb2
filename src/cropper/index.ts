import { AvatarCropper } from './avatar-cropper.ts';
import { defineCropperElements } from './stage/cropper-elements.ts';

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

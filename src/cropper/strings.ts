import type { AvatarErrorCode } from './errors.ts';

/**
 * Every piece of text the element shows or announces. One table per language in `locales/`;
 * `{0}` and `{1}` are filled in by the element.
 */
export interface Strings {
  chooseImage: string;
  takePhoto: string;
  dropHint: string;
  preparing: string;
  saving: string;
  cropArea: string;
  imageToCrop: string;
  cropAreaHelp: string;
  zoom: string;
  rotateLeft: string;
  rotateRight: string;
  flip: string;
  reset: string;
  /** Announced politely: {0} zoom (e.g. "150%"), {1} rotation (e.g. "90°"). */
  status: string;
  /** Appended to `status` while the image is flipped. */
  mirrored: string;
  confirm: string;
  cancel: string;
  preview: string;
  change: string;
  remove: string;
  retry: string;
  required: string;
  animated: string;
  upload: string;
  /** {0}: the file name. */
  uploaded: string;
  /** {0}: megapixels of the image, {1}: the limit. */
  tooManyPixels: string;
  /** `too-large` gets {0}: the file size, {1}: the limit. */
  errors: Record<AvatarErrorCode, string>;
}

/** What the `strings` property accepts: any subset, merged over the table of the element's language. */
export type StringsOverride = Partial<Omit<Strings, 'errors'>> & { errors?: Partial<Record<AvatarErrorCode, string>> };

export { en } from './locales/en.ts';

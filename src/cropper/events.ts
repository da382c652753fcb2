import type { AvatarErrorCode } from './errors.ts';

export interface AvatarChangeDetail {
  /** The cropped square, encoded (WebP where the browser can, else PNG or JPEG). */
  file: File;
  /** The same bytes as a `data:` URI, e.g. for a preview `<img>`. */
  dataUri: string;
}

export interface AvatarErrorDetail {
  code: AvatarErrorCode;
  /** A sentence for people, in the element's language. */
  message: string;
}

export type AvatarChangeEvent = CustomEvent<AvatarChangeDetail>;
export type AvatarClearEvent = CustomEvent<void>;
export type AvatarErrorEvent = CustomEvent<AvatarErrorDetail>;

declare global {
  interface HTMLElementEventMap {
    'avatar-change': AvatarChangeEvent;
    'avatar-clear': AvatarClearEvent;
    'avatar-error': AvatarErrorEvent;
  }
}

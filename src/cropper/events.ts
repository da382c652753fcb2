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

/** Dispatches the element's events: they bubble and cross shadow roots. */
export function emit(target: EventTarget, type: string, detail?: unknown): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
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

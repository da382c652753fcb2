/**
 * Why an image was refused or could not be processed.
 * - `not-an-image`: the bytes are not a known image format (whatever the file name or type says).
 * - `type-not-allowed`: an image, but its type is not in the `accept` list.
 * - `too-large`: the file or its pixel count is beyond what the element will decode.
 * - `decode-failed`: a known format, but the browser could not decode it (damaged, truncated).
 * - `unsupported-format`: a valid format this browser cannot decode (HEIC/HEIF outside Safari).
 * - `encode-failed`: the crop could not be encoded within the byte budget.
 */
export type AvatarErrorCode =
  | 'not-an-image'
  | 'type-not-allowed'
  | 'too-large'
  | 'decode-failed'
  | 'unsupported-format'
  | 'encode-failed';

export class AvatarCropperError extends Error {
  readonly code: AvatarErrorCode;

  constructor(code: AvatarErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AvatarCropperError';
    this.code = code;
  }
}

/** Wraps anything thrown into an AvatarCropperError, keeping the original as `cause`. */
export function toAvatarCropperError(error: unknown, fallback: AvatarErrorCode): AvatarCropperError {
  if (error instanceof AvatarCropperError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AvatarCropperError(fallback, message, { cause: error });
}

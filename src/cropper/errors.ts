/**
 * Why an image was refused or could not be processed.
 * - `not-an-image`: the bytes are not a known image format (whatever the file name or type says).
 * - `type-not-allowed`: an image, but its type is not in the `accept` list.
 * - `too-large`: the file's bytes or pixels are over `max-bytes` / `max-pixels`.
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

export interface AvatarErrorExtras {
  cause?: unknown;
  /** The source's real type, when known. */
  type?: string;
  /** For `too-large`: what was measured, the limit, and in what. */
  limit?: { actual: number; max: number; unit: 'bytes' | 'pixels' };
}

export class AvatarCropperError extends Error {
  readonly code: AvatarErrorCode;
  readonly type?: string;
  readonly limit?: AvatarErrorExtras['limit'];

  constructor(code: AvatarErrorCode, message: string, extras: AvatarErrorExtras = {}) {
    super(message, { cause: extras.cause });
    this.name = 'AvatarCropperError';
    this.code = code;
    this.type = extras.type;
    this.limit = extras.limit;
  }
}

/** Wraps anything thrown into an AvatarCropperError, keeping the original as `cause`. */
export function toAvatarCropperError(error: unknown, fallback: AvatarErrorCode): AvatarCropperError {
  if (error instanceof AvatarCropperError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AvatarCropperError(fallback, message, { cause: error });
}

import type { FastifyError } from 'fastify';

/**
 * The one error type the endpoint answers with: an HTTP status, a stable machine code and a
 * sentence the person uploading can act on. Everything else becomes a generic 500.
 */
export class AvatarError extends Error {
  override name = 'AvatarError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds after which trying again makes sense (sent as Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  toJSON() {
    return { error: { code: this.code, message: this.message } };
  }
}

/** 405, carrying the methods the address does answer (for the Allow header). */
export class MethodNotAllowed extends AvatarError {
  constructor(readonly allowed: readonly string[]) {
    super(405, 'method-not-allowed', `This address only answers ${allowed.join(', ')} requests.`);
  }
}

export const ACCEPTED_TYPES_TEXT = 'PNG, JPEG, WebP, GIF, AVIF, HEIC, BMP, ICO or SVG';

export const errors = {
  unauthorized: () => new AvatarError(401, 'unauthorized', 'A valid bearer token is required to upload or delete avatars.'),
  malformed: (detail: string) => new AvatarError(400, 'malformed', `The upload could not be read: ${detail}`),
  empty: () => new AvatarError(400, 'empty', 'The upload is empty: choose an image file.'),
  tooLarge: (limit: number) =>
    new AvatarError(413, 'too-large', `The image is larger than ${formatBytes(limit)}: choose a smaller file or crop it first.`),
  tooManyPixels: (pixels: number, limit: number) =>
    new AvatarError(
      413,
      'too-many-pixels',
      `The image has ${(pixels / 1e6).toFixed(1)} megapixels; at most ${(limit / 1e6).toFixed(0)} are accepted. Choose a smaller image.`,
    ),
  /** `found` completes "The file is ...". */
  unsupportedType: (found: string) =>
    new AvatarError(415, 'unsupported-type', `The file is ${found}. Upload a ${ACCEPTED_TYPES_TEXT} image instead.`),
  undecodable: (type: string) =>
    new AvatarError(422, 'undecodable', `The ${type} file is damaged or incomplete and cannot be read. Try saving it again or choose another image.`),
  /** A HEIC/HEIF the image processor could not decode (damaged, or a variant its decoder does not read). */
  undecodablePhoto: (type: string) =>
    new AvatarError(
      422,
      'undecodable',
      `The ${type} photo could not be decoded: it is damaged or uses a ${type} variant the image processor cannot read. Export it as JPEG (on an iPhone: Settings > Camera > Formats > Most Compatible) and upload that instead.`,
    ),
  unsafeSvg: (reason: string) => new AvatarError(422, 'unsafe-svg', `This SVG cannot be accepted: ${reason}. Export it as PNG and try again.`),
  processorUnavailable: () =>
    new AvatarError(503, 'processor-unavailable', 'The image processor is not available right now; your current avatar was kept. Try again in a minute.'),
  processorTimeout: (timeoutMs: number) =>
    new AvatarError(
      503,
      'processor-timeout',
      `The image processor did not finish within ${+(timeoutMs / 1000).toFixed(1)} s; your current avatar was kept. Try again in a minute, or with a smaller image.`,
    ),
  processorOutput: () =>
    new AvatarError(502, 'processor-output-invalid', 'The image processor returned an unusable result; your current avatar was kept.'),
  storageFull: () =>
    new AvatarError(
      507,
      'storage-full',
      'The avatar server has no disk space left, so the new avatar was not saved; your current avatar was kept. Ask the administrator to free space on the avatar server.',
    ),
  notFound: () => new AvatarError(404, 'not-found', 'No avatar exists at this address.'),
  notOwner: () => new AvatarError(403, 'not-owner', 'This avatar belongs to someone else, so it was not changed.'),
  tooManyUploads: (seconds: number) =>
    new AvatarError(
      429,
      'too-many-uploads',
      `Too many avatar uploads from your network in a short time. Try again in ${seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${Math.max(1, seconds)} seconds`}, or continue without an avatar and add one later in your settings.`,
      Math.max(1, seconds),
    ),
  tooManyPending: () =>
    new AvatarError(
      429,
      'too-many-pending',
      'The avatar server is taking no more avatars from new accounts right now. Continue without an avatar and add one later in your settings.',
      3600,
    ),
} as const;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Maps framework errors (body too large, bad JSON, unknown content type) onto the endpoint's error shape. */
export function toAvatarError(error: FastifyError | Error, maxUploadBytes: number): AvatarError | undefined {
  if (error instanceof AvatarError) return error;
  const { code, statusCode } = error as Partial<FastifyError>;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errors.tooLarge(maxUploadBytes);
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new AvatarError(415, 'unsupported-media-type', 'Send JSON ({"image":"data:..."}) or raw image bytes (Content-Type: application/octet-stream).');
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return errors.empty();
  if (statusCode && statusCode >= 400 && statusCode < 500) {
    return new AvatarError(statusCode, 'malformed', `The request could not be read: ${error.message}`);
  }
  return undefined;
}

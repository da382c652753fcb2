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
  ) {
    super(message);
  }

  toJSON() {
    return { error: { code: this.code, message: this.message } };
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
  unsafeSvg: (reason: string) => new AvatarError(422, 'unsafe-svg', `This SVG cannot be accepted: ${reason}. Export it as PNG and try again.`),
  processorUnavailable: () =>
    new AvatarError(503, 'processor-unavailable', 'The image processor is not available right now; your current avatar was kept. Try again in a minute.'),
  processorOutput: () =>
    new AvatarError(502, 'processor-output-invalid', 'The image processor returned an unusable result; your current avatar was kept.'),
  notFound: () => new AvatarError(404, 'not-found', 'No avatar exists at this address.'),
} as const;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

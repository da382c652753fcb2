import type { CheckedImage } from '../intake/prepare.ts';
import type { SanitizedSvg } from '../intake/svg.ts';

/**
 * Everything that decodes, renders or parses untrusted bytes, as messages a decode worker runs.
 * Each job names its input and its result type; both cross the process boundary by structured clone.
 */
export interface Jobs {
  /** The SVG sanitizer (XML and CSS parsing, complexity budget). */
  'sanitize-svg': { input: { bytes: Buffer }; result: SanitizedSvg };
  /** A BMP, decoded by intake's bounded reader, as a lossless PNG. */
  bmp: { input: { bytes: Buffer; maxPixels: number }; result: { png: Buffer; width: number; height: number } };
  /** The best picture of an ICO: its embedded PNG as is, or its bitmap decoded to a lossless PNG. */
  ico: { input: { bytes: Buffer; maxPixels: number }; result: { embeddedPng: boolean; png: Buffer; width: number; height: number } };
  /** The sharp processor's whole job: a checked image to a square PNG. */
  render: { input: { image: CheckedImage; size: number; maxPixels: number }; result: Buffer };
  /** The strict first-frame decode before imgproxy; false when libvips has no decoder for the codec. */
  'strict-decode': { input: { image: CheckedImage }; result: boolean };
  /** A `?size=` variant of a stored avatar. */
  resize: { input: { png: Buffer; size: number }; result: Buffer };
  /** A local identicon. */
  identicon: { input: { hash: string; size: number }; result: Buffer };
}

export type JobKind = keyof Jobs;

export interface JobMessage<K extends JobKind = JobKind> {
  id: number;
  kind: K;
  /** The input, its large buffers replaced by markers (see bulk-bytes.ts). */
  input: unknown;
  /** Lengths of the bulk buffers that follow the message on fd 4. */
  bulk: number[];
}

/** An AvatarError flattened for the trip back to the server process. */
export interface JobFailure {
  status: number;
  code: string;
  message: string;
  retryAfter?: number;
}

export type JobReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: JobFailure | { unexpected: string } };

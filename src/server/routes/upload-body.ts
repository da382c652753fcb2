import type { FastifyRequest } from 'fastify';
import { decodeDataUri } from '../intake/data-uri.ts';
import { errors } from '../errors.ts';

export interface UploadBody {
  bytes: Buffer;
  previous: string | undefined;
}

/** Reads either the JSON form `{"image":"data:...","previous":"..."}` or a raw image body. */
export function readUploadBody(request: FastifyRequest, maxBytes: number): UploadBody {
  const body = request.body;
  if (Buffer.isBuffer(body)) return { bytes: body, previous: undefined };
  if (typeof body !== 'object' || body === null) throw errors.malformed('send JSON {"image":"data:<type>;base64,..."} or the raw image bytes.');
  const { image, previous } = body as Record<string, unknown>;
  if (typeof image !== 'string') throw errors.malformed('the JSON body needs an "image" field holding a data URI.');
  if (previous !== undefined && previous !== null && typeof previous !== 'string') throw errors.malformed('"previous" must be the URL of the avatar being replaced.');
  return { bytes: decodeDataUri(image, maxBytes).bytes, previous: previous ?? undefined };
}

import type { FastifyRequest } from 'fastify';
import { decodeDataUri } from '../intake/data-uri.ts';
import { errors } from '../errors.ts';

export interface UploadBody {
  bytes: Buffer;
  /** The URL of the avatar authentik names for this owner right now. */
  previous: string | undefined;
  /** Whose avatar this is (parsed by ownership/owner.ts). */
  owner: unknown;
  /** authentik's client address for the user, for the limits on anonymous uploads. */
  client: string | undefined;
}

function optionalString(value: unknown, field: string, meaning: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw errors.malformed(`"${field}" must be ${meaning}.`);
  return value;
}

/**
 * Reads either the JSON form `{"image":"data:...","owner":"...","previous":"...","client":"..."}` or a
 * raw image body with the other fields as query parameters.
 */
export function readUploadBody(request: FastifyRequest, maxBytes: number): UploadBody {
  const body = request.body;
  const fields = (Buffer.isBuffer(body) ? request.query : body) as Record<string, unknown> | null;
  if (typeof fields !== 'object' || fields === null) throw errors.malformed('send JSON {"image":"data:<type>;base64,...","owner":"user:<uuid>"} or the raw image bytes.');
  const previous = optionalString(fields.previous, 'previous', 'the URL of the avatar being replaced');
  const client = optionalString(fields.client, 'client', "the client's IP address");
  if (Buffer.isBuffer(body)) return { bytes: body, previous, owner: fields.owner, client };
  if (typeof fields.image !== 'string') throw errors.malformed('the JSON body needs an "image" field holding a data URI.');
  return { bytes: decodeDataUri(fields.image, maxBytes).bytes, previous, owner: fields.owner, client };
}

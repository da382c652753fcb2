import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../errors.ts';
import { JsonUpload, readJsonUpload } from '../intake/json-upload.ts';

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

const declaredLength = (request: IncomingMessage) => {
  const length = Number(request.headers['content-length']);
  return Number.isSafeInteger(length) && length > 0 ? length : undefined;
};

/** A raw body read into one buffer of its declared length (no list of chunks then a copy of them all). */
async function readRawBody(request: IncomingMessage, limit: number, maxUploadBytes: number): Promise<Buffer> {
  const declared = declaredLength(request);
  if (declared !== undefined && declared > limit) throw errors.tooLarge(maxUploadBytes);
  let body = Buffer.alloc(declared ?? 0);
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    if (length + chunk.length > limit) throw errors.tooLarge(maxUploadBytes);
    if (length + chunk.length > body.length) {
      const grown = Buffer.alloc(Math.min(limit, Math.max(length + chunk.length, body.length * 2, 64 * 1024)));
      body.copy(grown, 0, 0, length);
      body = grown;
    }
    chunk.copy(body, length);
    length += chunk.length;
  }
  return body.subarray(0, length);
}

/**
 * The upload body parsers, for the upload routes' plugin: raw image bytes (`application/octet-stream`
 * or `image/*`; the declared type only selects the parser, it is never trusted) and the JSON form,
 * streamed so that a large data URI is decoded as it arrives. A body that fails is discarded unread.
 */
export function addUploadBodyParsers(app: FastifyInstance, limits: { maxUploadBytes: number; jsonBodyLimit: number }): void {
  const discardRest = (request: IncomingMessage) => (error: unknown) => {
    request.resume();
    throw error;
  };
  for (const contentType of ['application/octet-stream', /^image\//]) {
    app.addContentTypeParser(contentType, (_request: FastifyRequest, payload: IncomingMessage) => readRawBody(payload, limits.maxUploadBytes, limits.maxUploadBytes).catch(discardRest(payload)));
  }
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', (_request: FastifyRequest, payload: IncomingMessage) =>
    readJsonUpload(payload as AsyncIterable<Buffer>, {
      maxBodyBytes: limits.jsonBodyLimit,
      maxImageBytes: limits.maxUploadBytes,
      expectedBodyBytes: declaredLength(payload),
    }).catch(discardRest(payload)),
  );
}

/**
 * Reads either the JSON form `{"image":"data:...","owner":"...","previous":"...","client":"..."}` or a
 * raw image body with the other fields as query parameters.
 */
export function readUploadBody(request: FastifyRequest): UploadBody {
  const body = request.body;
  const fields = (Buffer.isBuffer(body) ? request.query : body instanceof JsonUpload ? body.fields : undefined) as Record<string, unknown> | undefined;
  if (typeof fields !== 'object' || fields === null) throw errors.malformed('send JSON {"image":"data:<type>;base64,...","owner":"user:<uuid>"} or the raw image bytes.');
  const previous = optionalString(fields.previous, 'previous', 'the URL of the avatar being replaced');
  const client = optionalString(fields.client, 'client', "the client's IP address");
  if (Buffer.isBuffer(body)) return { bytes: body, previous, owner: fields.owner, client };
  const image = (body as JsonUpload).image;
  if (!Buffer.isBuffer(image)) throw errors.malformed('the JSON body needs an "image" field holding a data URI.');
  return { bytes: image, previous, owner: fields.owner, client };
}

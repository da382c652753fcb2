import { errors } from '../errors.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes a `data:<type>;base64,<payload>` URI into bytes. The declared type is returned only for
 * logging: the real type is always sniffed from the bytes. The size limit is checked on the encoded
 * length, before anything is decoded.
 */
export function decodeDataUri(uri: string, maxBytes: number): { bytes: Buffer; declaredType: string } {
  if (!uri.startsWith('data:')) throw errors.malformed('the "image" field must be a data URI (data:<type>;base64,...).');
  const comma = uri.indexOf(',');
  if (comma < 0) throw errors.malformed('the data URI has no comma before its payload.');
  const header = uri.slice(5, comma);
  const params = header.split(';');
  if (params.at(-1)?.toLowerCase() !== 'base64') throw errors.malformed('the data URI must be base64-encoded (";base64,").');
  const payload = uri.slice(comma + 1);
  if (payload.length === 0) throw errors.empty();
  if (payload.length % 4 !== 0 || !BASE64.test(payload)) throw errors.malformed('the data URI payload is not valid base64.');
  const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
  if ((payload.length / 4) * 3 - padding > maxBytes) throw errors.tooLarge(maxBytes);
  return { bytes: Buffer.from(payload, 'base64'), declaredType: params[0] || 'text/plain' };
}

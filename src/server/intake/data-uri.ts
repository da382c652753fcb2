import { AvatarError, errors } from '../errors.ts';

/** Longest media type and parameters accepted before the comma. */
const MAX_HEADER_LENGTH = 256;

const Char = {
  Tab: 0x09,
  LineFeed: 0x0a,
  FormFeed: 0x0c,
  CarriageReturn: 0x0d,
  Space: 0x20,
  Plus: 0x2b,
  Slash: 0x2f,
  Equals: 0x3d,
  Minus: 0x2d,
  Underscore: 0x5f,
} as const;

const isAsciiWhitespace = (c: number) => c === Char.Tab || c === Char.LineFeed || c === Char.FormFeed || c === Char.CarriageReturn || c === Char.Space;
const isBase64Char = (c: number) =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === Char.Plus || c === Char.Slash;

/** Strips leading and trailing C0 controls and spaces, as the URL parser does, without a regular expression. */
function trimControls(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= Char.Space) start++;
  while (end > start && text.charCodeAt(end - 1) <= Char.Space) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Percent-decodes `%XX` escapes (the data: URL body is percent-decoded before base64 decoding). */
function percentDecode(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Decodes a `data:<type>;base64,<payload>` URI into bytes, following the WHATWG data: URL and
 * forgiving-base64 rules (ASCII whitespace ignored, padding optional, percent-escapes decoded).
 * The declared type is returned only for logging: the real type is always sniffed from the bytes.
 * The size limit is checked on the count of payload characters, before anything is decoded; every
 * failure is an AvatarError.
 */
export function decodeDataUri(uri: string, maxBytes: number): { bytes: Buffer; declaredType: string } {
  if (typeof uri !== 'string') throw errors.malformed('the "image" field must be a data URI (data:<type>;base64,...).');
  const text = trimControls(uri);
  if (!/^data:/i.test(text.slice(0, 5))) throw errors.malformed('the "image" field must be a data URI (data:<type>;base64,...).');
  const comma = text.indexOf(',', 5);
  if (comma < 0 || comma - 5 > MAX_HEADER_LENGTH) {
    throw errors.malformed('the data URI has no comma between its type and its payload (data:<type>;base64,<payload>).');
  }
  const params = text.slice(5, comma).split(';');
  if (params.length < 2 || params.at(-1)!.trim().toLowerCase() !== 'base64') {
    throw errors.malformed('the data URI must be base64-encoded (data:<type>;base64,...); plain or percent-encoded text is not accepted.');
  }
  const declaredType = params[0]!.trim().toLowerCase() || 'text/plain';

  let payload = text.slice(comma + 1);
  // Limit first: every 4 payload characters are at most 3 bytes, whatever else the payload holds.
  let characters = 0;
  for (let i = 0; i < payload.length; i++) if (!isAsciiWhitespace(payload.charCodeAt(i))) characters++;
  if (Math.floor((characters * 3) / 4) > maxBytes + 2) throw errors.tooLarge(maxBytes);
  if (characters === 0) throw errors.empty();

  if (payload.includes('%')) payload = percentDecode(payload);
  let urlSafe = false;
  let invalid = false;
  const parts: string[] = [];
  let runStart = 0;
  for (let i = 0; i <= payload.length; i++) {
    const c = i < payload.length ? payload.charCodeAt(i) : -1;
    if (c === -1 || isAsciiWhitespace(c)) {
      if (i > runStart) parts.push(payload.slice(runStart, i));
      runStart = i + 1;
    } else if (!isBase64Char(c) && c !== Char.Equals) {
      invalid = true;
      if (c === Char.Minus || c === Char.Underscore) urlSafe = true;
    }
  }
  if (invalid) {
    throw errors.malformed(
      urlSafe
        ? 'the data URI payload uses the URL-safe base64 alphabet (- and _); encode it with standard base64 (+ and /).'
        : 'the data URI payload is not valid base64 (only A-Z, a-z, 0-9, +, / and = padding are allowed).',
    );
  }
  let data = parts.length === 1 ? parts[0]! : parts.join('');
  if (data.length % 4 === 0 && data.endsWith('=')) data = data.slice(0, data.endsWith('==') ? -2 : -1);
  if (data.length % 4 === 1 || data.includes('=')) {
    throw errors.malformed('the data URI payload is not valid base64: its length or "=" padding is wrong, so it was probably cut short.');
  }
  const decodedLength = Math.floor((data.length * 3) / 4);
  if (decodedLength > maxBytes) throw errors.tooLarge(maxBytes);
  if (decodedLength === 0) throw errors.empty();
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length !== decodedLength) throw new AvatarError(400, 'malformed', 'The upload could not be read: the data URI payload is not valid base64.');
  return { bytes, declaredType };
}

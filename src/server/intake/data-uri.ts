import { errors } from '../errors.ts';

/** Longest media type and parameters accepted before the comma. */
const MAX_HEADER_LENGTH = 256;
/** Clean base64 characters gathered before they are decoded into the output in one call. */
const DECODE_BATCH = 64 * 1024;

const Char = {
  Tab: 0x09,
  LineFeed: 0x0a,
  FormFeed: 0x0c,
  CarriageReturn: 0x0d,
  Space: 0x20,
  Percent: 0x25,
  Plus: 0x2b,
  Comma: 0x2c,
  Slash: 0x2f,
  Equals: 0x3d,
  Minus: 0x2d,
  Underscore: 0x5f,
} as const;

const isAsciiWhitespace = (c: number) => c === Char.Tab || c === Char.LineFeed || c === Char.FormFeed || c === Char.CarriageReturn || c === Char.Space;
const isBase64Char = (c: number) =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === Char.Plus || c === Char.Slash;
const hexValue = (c: number) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);

const notDataUri = () => errors.malformed('the "image" field must be a data URI (data:<type>;base64,...).');
const badPadding = () => errors.malformed('the data URI payload is not valid base64: its length or "=" padding is wrong, so it was probably cut short.');
const badCharacter = (urlSafe: boolean) =>
  errors.malformed(
    urlSafe
      ? 'the data URI payload uses the URL-safe base64 alphabet (- and _); encode it with standard base64 (+ and /).'
      : 'the data URI payload is not valid base64 (only A-Z, a-z, 0-9, +, / and = padding are allowed).',
  );

/**
 * Decodes a `data:<type>;base64,<payload>` URI given in pieces (as a streaming JSON parser hands out a
 * long string), so no whole copy of the text is ever held: each piece is decoded into the output
 * buffer as it arrives. Follows the WHATWG data: URL and forgiving-base64 rules (leading and trailing
 * C0 controls and spaces stripped, ASCII whitespace ignored, padding optional, percent-escapes
 * decoded). The size limit is checked on the count of payload characters as they come, before they
 * are decoded. Every failure is an AvatarError, thrown by the `push` or `end` that finds it.
 */
export class DataUriDecoder {
  #head = '';
  #inPayload = false;
  /** Payload characters that are not ASCII whitespace, counted before percent-decoding (the limit). */
  #characters = 0;
  /** C0 controls seen since the last visible character: trailing ones are stripped, inner ones are an error. */
  #heldControls = 0;
  /** A percent-escape in progress: -1 none, else how many hex digits are still missing (2 or 1) and their value. */
  #percentMissing = -1;
  #percentValue = 0;
  #padding = 0;
  /** Clean base64 characters not yet decoded (always fewer than DECODE_BATCH + a run). */
  #pending: string[] = [];
  #pendingLength = 0;
  /** Clean base64 characters seen in all (decoded or pending). */
  #clean = 0;
  #output: Buffer;
  #written = 0;
  #declaredType = '';

  /** `expectedBytes` (for example from the request's Content-Length) sizes the output buffer up front. */
  constructor(
    readonly maxBytes: number,
    expectedBytes = 0,
  ) {
    this.#output = Buffer.alloc(Math.min(Math.max(expectedBytes, 0), maxBytes));
  }

  push(text: string): void {
    let from = 0;
    if (!this.#inPayload) {
      from = this.#readHead(text);
      if (from < 0) return;
    }
    let runStart = from;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (isBase64Char(c) && this.#heldControls === 0 && this.#percentMissing < 0 && this.#padding === 0) continue;
      if (i > runStart) this.#addRun(text, runStart, i);
      runStart = i + 1;
      this.#slowChar(c);
    }
    if (text.length > runStart) this.#addRun(text, runStart, text.length);
  }

  /** The decoded bytes (a view of the output buffer) and the declared type, for logging only: the real type is always sniffed. */
  end(): { bytes: Buffer; declaredType: string } {
    if (!this.#inPayload) {
      const text = trimEnd(this.#head);
      if (!/^data:/i.test(text.slice(0, 5))) throw notDataUri();
      throw errors.malformed('the data URI has no comma between its type and its payload (data:<type>;base64,<payload>).');
    }
    if (this.#characters === 0) throw errors.empty();
    if (this.#percentMissing >= 0) throw badCharacter(false); // a '%' without two hex digits is a literal '%'
    const n = this.#clean;
    if (this.#padding > 0 ? (n + this.#padding) % 4 !== 0 : n % 4 === 1) throw badPadding();
    this.#decodePending(true);
    if (this.#written === 0) throw errors.empty();
    return { bytes: this.#output.subarray(0, this.#written), declaredType: this.#declaredType };
  }

  /** Gathers the part before the comma; returns where the payload starts in `text`, or -1 while still in the head. */
  #readHead(text: string): number {
    let start = 0;
    if (this.#head === '') while (start < text.length && text.charCodeAt(start) <= Char.Space) start++;
    const comma = text.indexOf(',', start);
    const headPart = text.slice(start, comma < 0 ? text.length : comma);
    if (this.#head.length + headPart.length > MAX_HEADER_LENGTH + 5) {
      if (!/^data:/i.test((this.#head + headPart).slice(0, 5))) throw notDataUri();
      throw errors.malformed('the data URI has no comma between its type and its payload (data:<type>;base64,<payload>).');
    }
    this.#head += headPart;
    if (this.#head.length >= 5 && !/^data:/i.test(this.#head.slice(0, 5))) throw notDataUri();
    if (comma < 0) return -1;
    if (!/^data:/i.test(this.#head.slice(0, 5))) throw notDataUri();
    const params = this.#head.slice(5).split(';');
    if (params.length < 2 || params.at(-1)!.trim().toLowerCase() !== 'base64') {
      throw errors.malformed('the data URI must be base64-encoded (data:<type>;base64,...); plain or percent-encoded text is not accepted.');
    }
    this.#declaredType = params[0]!.trim().toLowerCase() || 'text/plain';
    this.#inPayload = true;
    return comma + 1;
  }

  /** A run of plain base64 characters with nothing held before it. */
  #addRun(text: string, start: number, end: number): void {
    this.#count(end - start);
    this.#pending.push(text.slice(start, end));
    this.#pendingLength += end - start;
    this.#clean += end - start;
    if (this.#pendingLength >= DECODE_BATCH) this.#decodePending();
  }

  #count(visible: number): void {
    this.#characters += visible;
    if (Math.floor((this.#characters * 3) / 4) > this.maxBytes + 2) throw errors.tooLarge(this.maxBytes);
  }

  /** Any character of the payload that is not a plain base64 character in a plain run. */
  #slowChar(c: number): void {
    if (c <= Char.Space && !isAsciiWhitespace(c)) {
      this.#heldControls++;
      return;
    }
    if (c > Char.Space) {
      if (this.#heldControls > 0) throw badCharacter(false); // a control character inside the payload
      this.#count(1);
    }
    if (this.#percentMissing >= 0) {
      const digit = hexValue(c);
      if (digit < 0) throw badCharacter(false); // '%' not followed by two hex digits stays a '%'
      this.#percentValue = this.#percentValue * 16 + digit;
      if (--this.#percentMissing > 0) return;
      this.#percentMissing = -1;
      this.#decodedChar(this.#percentValue);
      return;
    }
    if (c === Char.Percent) {
      this.#percentMissing = 2;
      this.#percentValue = 0;
      return;
    }
    this.#decodedChar(c);
  }

  /** A character after percent-decoding, as forgiving-base64 sees it. */
  #decodedChar(c: number): void {
    if (isAsciiWhitespace(c)) return;
    if (c === Char.Equals) {
      if (++this.#padding > 2) throw badPadding();
      return;
    }
    if (!isBase64Char(c)) throw badCharacter(c === Char.Minus || c === Char.Underscore);
    if (this.#padding > 0) throw badPadding(); // '=' only ever ends the payload
    this.#pending.push(String.fromCharCode(c));
    this.#pendingLength++;
    this.#clean++;
  }

  /** Decodes the pending characters into the output: whole 4-character groups, or at the end everything. */
  #decodePending(final = false): void {
    if (this.#pendingLength === 0) return;
    const joined = this.#pending.length === 1 ? this.#pending[0]! : this.#pending.join('');
    const whole = final ? joined.length : joined.length - (joined.length % 4);
    const text = whole === joined.length ? joined : joined.slice(0, whole);
    const rest = whole === joined.length ? '' : joined.slice(whole);
    const bytes = Math.floor((text.length * 3) / 4);
    if (this.#written + bytes > this.maxBytes) throw errors.tooLarge(this.maxBytes);
    if (this.#written + bytes > this.#output.length) {
      const grown = Buffer.alloc(Math.min(this.maxBytes, Math.max(this.#written + bytes, this.#output.length * 2, 4096)));
      this.#output.copy(grown, 0, 0, this.#written);
      this.#output = grown;
    }
    this.#written += this.#output.write(text, this.#written, 'base64');
    this.#pending = rest ? [rest] : [];
    this.#pendingLength = rest.length;
  }
}

function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) <= Char.Space) end--;
  return text.slice(0, end);
}

/** Decodes a whole data URI string at once (see DataUriDecoder). */
export function decodeDataUri(uri: string, maxBytes: number): { bytes: Buffer; declaredType: string } {
  if (typeof uri !== 'string') throw notDataUri();
  const decoder = new DataUriDecoder(maxBytes, Math.ceil((uri.length * 3) / 4));
  decoder.push(uri);
  return decoder.end();
}

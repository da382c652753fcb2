import { StringDecoder } from 'node:string_decoder';
import { getManyValues, isMany, none } from 'stream-chain/defs.js';
import { jsonParser } from 'stream-json/parser.js';
import { errors } from '../errors.ts';
import { DataUriDecoder } from './data-uri.ts';

/** The fields of the JSON upload form besides the image; any other key is skipped unread. */
const TEXT_FIELDS = new Set(['owner', 'previous', 'client']);
/** Longest value kept for one of TEXT_FIELDS, and longest key looked at. */
const MAX_FIELD_LENGTH = 16 * 1024;
const MAX_KEY_LENGTH = 64;
/** Nesting allowed in skipped values (the parser keeps a stack per level). */
const MAX_DEPTH = 32;
/**
 * Each JSON escape in a string is a token of its own, and tokens cost far more than characters: a
 * data URI may be broken by escapes (line-wrapped base64 has two per 78 characters) at most once per
 * ESCAPE_SPACING characters, plus ESCAPES_ALLOWED, or it would cost several times the CPU of its size.
 */
const ESCAPE_SPACING = 16;
const ESCAPES_ALLOWED = 256;

type Token = { name: string; value?: unknown };

/** A JSON upload body as read: the decoded image (if the body had an `"image"` string) and the other fields. */
export class JsonUpload {
  constructor(
    /** The decoded bytes of `"image"`, or what stood there instead of a string (undefined when missing). */
    readonly image: Buffer | { notAString: true } | undefined,
    readonly fields: Readonly<Record<string, unknown>>,
  ) {}
}

const notJson = (why: string) => errors.malformed(`the body is not valid JSON (${why}).`);
const notAnObject = () => errors.malformed('send JSON {"image":"data:<type>;base64,...","owner":"user:<uuid>"} or the raw image bytes.');

/**
 * Reads the JSON upload form `{"image":"data:...","owner":"...","previous":"...","client":"..."}` from
 * the request stream with a streaming JSON parser (stream-json's tokenizer, strings in pieces): the
 * data URI is decoded piece by piece into one buffer of the image's size, so neither the body nor the
 * image's text is ever held whole. The parser is only a tokenizer here; this reader keeps no value it
 * does not need, bounds nesting and field lengths itself, and answers every failure with a 4xx.
 */
export async function readJsonUpload(body: AsyncIterable<Buffer | string>, limits: { maxBodyBytes: number; maxImageBytes: number; expectedBodyBytes?: number }): Promise<JsonUpload> {
  const tokenize = jsonParser({ packKeys: false, packStrings: false, packNumbers: false });
  const text = new StringDecoder('utf8');
  const reader = new TokenReader(limits.maxImageBytes, Math.ceil(((limits.expectedBodyBytes ?? 0) * 3) / 4));
  let received = 0;
  let first = true;
  const feed = (chunk: string | typeof none) => {
    let tokens: unknown;
    try {
      tokens = (tokenize as (input: string | typeof none) => unknown)(chunk);
    } catch (error) {
      throw notJson(String((error as Error).message ?? error).replace(/^Parser /, 'the parser '));
    }
    if (tokens === none) return;
    for (const token of (isMany(tokens) ? getManyValues(tokens) : [tokens]) as Token[]) reader.take(token);
  };
  for await (const chunk of body) {
    received += chunk.length;
    if (received > limits.maxBodyBytes) throw errors.tooLarge(limits.maxImageBytes);
    let piece = typeof chunk === 'string' ? chunk : text.write(chunk);
    if (first && piece.length > 0) {
      first = false;
      if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    }
    if (piece) feed(piece);
  }
  const tail = text.end();
  if (tail) feed(tail);
  if (received === 0 || first) throw errors.empty();
  feed(none);
  return reader.result();
}

/** Follows the token stream of one JSON document, keeping only what the upload form needs. */
class TokenReader {
  #depth = 0;
  #started = false;
  #finished = false;
  /** Inside a key: its text so far (undefined once longer than anything looked for). */
  #key: string | undefined = '';
  #inKey = false;
  /** The key whose value comes next at depth 1. */
  #field: string | undefined;
  /** What the value being read at depth 1 is for. */
  #reading: 'image' | 'text' | 'skip' | undefined;
  #textValue = '';
  #image: DataUriDecoder | undefined;
  #imagePieces = 0;
  #imageCharacters = 0;
  #imageResult: JsonUpload['image'];
  readonly #fields: Record<string, unknown> = {};

  constructor(
    readonly maxImageBytes: number,
    readonly expectedImageBytes: number,
  ) {}

  take(token: Token): void {
    if (!this.#started) {
      if (token.name !== 'startObject') throw notAnObject();
      this.#started = true;
      this.#depth = 1;
      return;
    }
    switch (token.name) {
      case 'startKey':
        this.#inKey = true;
        this.#key = '';
        return;
      case 'endKey':
        this.#inKey = false;
        this.#field = this.#key;
        return;
      case 'stringChunk':
        return this.#chunk(token.value as string);
      case 'startObject':
      case 'startArray':
        if (this.#depth === 1) this.#value(token.name === 'startObject' ? {} : []);
        if (++this.#depth > MAX_DEPTH) throw errors.malformed(`the JSON body is nested more than ${MAX_DEPTH} levels deep.`);
        return;
      case 'endObject':
      case 'endArray':
        if (--this.#depth === 0) this.#finished = true;
        return;
      case 'startString':
        if (this.#depth === 1) this.#startString();
        return;
      case 'endString':
        if (this.#depth === 1) this.#endString();
        return;
      case 'startNumber':
        if (this.#depth === 1) this.#value(0);
        return;
      case 'nullValue':
      case 'trueValue':
      case 'falseValue':
        if (this.#depth === 1) this.#value(token.value);
        return;
      default:
        return; // numberChunk, endNumber: a number's digits are never needed
    }
  }

  result(): JsonUpload {
    if (!this.#started) throw notJson('it holds no value');
    if (!this.#finished) throw notJson('it ends before its closing brace');
    return new JsonUpload(this.#imageResult, this.#fields);
  }

  #chunk(piece: string): void {
    if (this.#inKey) {
      if (this.#key !== undefined) this.#key = this.#key.length + piece.length > MAX_KEY_LENGTH ? undefined : this.#key + piece;
      return;
    }
    if (this.#depth !== 1) return;
    if (this.#reading === 'image') {
      this.#imageCharacters += piece.length;
      if (++this.#imagePieces > ESCAPES_ALLOWED + this.#imageCharacters / ESCAPE_SPACING) {
        throw errors.malformed('the image\'s data URI is broken up by too many escapes or line breaks; send its base64 as one unbroken string.');
      }
      this.#image!.push(piece);
    } else if (this.#reading === 'text') {
      if (this.#textValue.length + piece.length > MAX_FIELD_LENGTH) throw errors.malformed(`"${this.#field}" is longer than ${MAX_FIELD_LENGTH} characters.`);
      this.#textValue += piece;
    }
  }

  #startString(): void {
    const field = this.#field;
    if (field === 'image') {
      if (this.#imageResult !== undefined || this.#image) throw errors.malformed('the JSON body has more than one "image" field.');
      this.#image = new DataUriDecoder(this.maxImageBytes, this.expectedImageBytes);
      this.#reading = 'image';
    } else if (field !== undefined && TEXT_FIELDS.has(field)) {
      this.#textValue = '';
      this.#reading = 'text';
    } else this.#reading = 'skip';
  }

  #endString(): void {
    if (this.#reading === 'image') {
      this.#imageResult = this.#image!.end().bytes;
      this.#image = undefined;
    } else if (this.#reading === 'text') this.#fields[this.#field!] = this.#textValue;
    this.#reading = undefined;
    this.#field = undefined;
  }

  /** A value other than a string at depth 1: kept as a stand-in of the right type, for the error it earns. */
  #value(value: unknown): void {
    const field = this.#field;
    if (field === 'image') {
      if (this.#imageResult !== undefined) throw errors.malformed('the JSON body has more than one "image" field.');
      this.#imageResult = { notAString: true };
    } else if (field !== undefined && TEXT_FIELDS.has(field)) this.#fields[field] = value;
    this.#field = undefined;
  }
}

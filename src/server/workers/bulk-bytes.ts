import type { Readable, Writable } from 'node:stream';

/** Buffers at least this long travel beside the IPC message rather than inside it. */
const BULK_MIN_BYTES = 64 * 1024;

interface BulkMarker {
  $bulk: number;
}

const isMarker = (value: unknown): value is BulkMarker => typeof value === 'object' && value !== null && Object.keys(value).length === 1 && typeof (value as BulkMarker).$bulk === 'number';

/**
 * Takes the large Buffers out of a job's input (shallowly nested objects and arrays), leaving markers.
 * Node's IPC (advanced serialization) copies a message twice in the sending process, which for a 20 MB
 * upload is 40 MB more at the busiest moment; written to a pipe of their own, the bytes are not copied.
 */
export function takeBulk(input: unknown, taken: Buffer[] = []): { input: unknown; bulk: Buffer[] } {
  const walk = (value: unknown): unknown => {
    if (Buffer.isBuffer(value) && value.length >= BULK_MIN_BYTES) {
      taken.push(value);
      return { $bulk: taken.length - 1 } satisfies BulkMarker;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object' && !(value instanceof Uint8Array)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, walk(inner)]));
    return value;
  };
  return { input: walk(input), bulk: taken };
}

/** Writes the bulk buffers of one job, in order; a pipe closed by a killed worker is not an error here. */
export function writeBulk(pipe: Writable, bulk: Buffer[]): void {
  for (const bytes of bulk) pipe.write(bytes);
}

/** Puts the bulk buffers back where their markers are. */
export function restoreBulk(input: unknown, bulk: Buffer[]): unknown {
  if (isMarker(input)) return bulk[input.$bulk];
  if (Array.isArray(input)) return input.map((inner) => restoreBulk(inner, bulk));
  if (input && typeof input === 'object' && !(input instanceof Uint8Array)) return Object.fromEntries(Object.entries(input).map(([key, inner]) => [key, restoreBulk(inner, bulk)]));
  return input;
}

/** The worker's end: reads the bulk buffers of each job, in order, from the pipe, into buffers of their exact size. */
export class BulkReader {
  readonly #held: Buffer[] = [];
  #heldBytes = 0;
  #want: { lengths: number[]; resolve: (buffers: Buffer[]) => void } | undefined;

  constructor(pipe: Readable) {
    pipe.on('data', (chunk: Buffer) => {
      this.#held.push(chunk);
      this.#heldBytes += chunk.length;
      this.#serve();
    });
  }

  read(lengths: number[]): Promise<Buffer[]> {
    if (lengths.length === 0) return Promise.resolve([]);
    return new Promise((resolve) => {
      this.#want = { lengths, resolve };
      this.#serve();
    });
  }

  #serve(): void {
    const want = this.#want;
    if (!want) return;
    const total = want.lengths.reduce((sum, length) => sum + length, 0);
    if (this.#heldBytes < total) return;
    const all = this.#held.length === 1 ? this.#held[0]! : Buffer.concat(this.#held, this.#heldBytes);
    this.#held.length = 0;
    let offset = 0;
    const buffers = want.lengths.map((length) => {
      const part = all.subarray(offset, offset + length);
      offset += length;
      return part;
    });
    if (offset < all.length) this.#held.push(all.subarray(offset));
    this.#heldBytes = all.length - offset;
    this.#want = undefined;
    want.resolve(buffers);
  }
}

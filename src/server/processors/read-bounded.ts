import { errors } from '../errors.ts';

/**
 * Reads a response body, refusing it once it passes `maxBytes`: a processor that streams without end
 * must not be able to fill the endpoint's memory. Stream errors (a dropped connection, the abort
 * signal of the request) propagate to the caller.
 */
export async function readBounded(response: Response, maxBytes: number): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, length);
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel().catch(() => {});
      throw errors.processorOutput();
    }
    chunks.push(value);
  }
}

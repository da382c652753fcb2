import { Socket } from 'node:net';
import sharp from 'sharp';
import { AvatarError } from '../errors.ts';
import { BulkReader, restoreBulk } from './bulk-bytes.ts';
import type { JobMessage, JobReply } from './jobs.ts';
import { runners } from './run-job.ts';

/**
 * The body of one decode worker process: runs one job at a time for the server process and answers
 * over IPC. It may be killed at any moment (deadline, memory cap, shutdown); it keeps no state.
 */

// libvips' operation cache would keep decoded pixels of earlier uploads alive in this process.
sharp.cache(false);

/** Buffers cross IPC as plain Uint8Arrays; make them Buffers again, deeply (inputs are small objects). */
function revive(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, revive(inner)]));
  return value;
}

const bulk = new BulkReader(new Socket({ fd: 4, readable: true, writable: false }));

process.on('message', (message: JobMessage) => {
  const run = runners[message.kind] as (input: unknown) => Promise<unknown>;
  void bulk
    .read(message.bulk ?? [])
    .then((buffers) => run(revive(restoreBulk(message.input, buffers))))
    .then(
      (result) => process.send!({ id: message.id, ok: true, result } satisfies JobReply),
      (error: unknown) => {
        const failure =
          error instanceof AvatarError
            ? { status: error.status, code: error.code, message: error.message, ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}) }
            : { unexpected: String((error as Error)?.message ?? error) };
        process.send!({ id: message.id, ok: false, error: failure } satisfies JobReply);
      },
    );
});

// The server went away (even by SIGKILL): nothing is left to work for.
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });

import { AvatarError } from '../errors.ts';
import { busy } from '../work-queue.ts';
import { takeBulk } from './bulk-bytes.ts';
import { DecodeWorkerProcess, type EndReason } from './decode-worker-process.ts';
import type { JobKind, JobReply, Jobs } from './jobs.ts';
import { workerErrors } from './worker-errors.ts';

export interface WorkerPoolOptions {
  /** Worker processes, at most; each runs one job at a time. */
  size: number;
  /** Longest a job may run before its worker is killed. */
  timeoutMs: number;
  /** Largest resident memory of a worker before it is killed. */
  memoryBytes: number;
  /** Public-route jobs (variants, identicons) allowed to wait; beyond that 503. */
  maxPublicWaiting?: number;
}

/** Uploads go first; public routes never take the last worker, so they cannot starve uploads. */
export type Lane = 'upload' | 'public';

interface Pending {
  lane: Lane;
  kind: JobKind;
  input: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Running extends Pending {
  worker: DecodeWorkerProcess;
  deadline: NodeJS.Timeout;
  memoryWatch: NodeJS.Timeout;
}

const MEMORY_POLL_MS = 25;

function failureOf(reply: Extract<JobReply, { ok: false }>, kind: JobKind): Error {
  const error = reply.error;
  if ('unexpected' in error) return new Error(`decode worker job ${kind} failed: ${error.unexpected}`);
  return new AvatarError(error.status, error.code, error.message, error.retryAfter);
}

/** Buffers may cross IPC as plain Uint8Arrays; results are small objects, so make them Buffers again, deeply. */
function revive(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, revive(inner)]));
  return value;
}

/**
 * The child processes that decode, rasterize and parse untrusted bytes, so the server process never
 * does. Every job gets a deadline and a memory cap; a job over either is killed with its worker
 * (SIGKILL: libvips cannot be interrupted) and answered "too complex"; a worker that crashes costs only
 * its job. Killed workers are replaced on the next job.
 */
export class WorkerPool {
  readonly #workers = new Set<DecodeWorkerProcess>();
  readonly #idle: DecodeWorkerProcess[] = [];
  readonly #waiting: Pending[] = [];
  readonly #running = new Map<number, Running>();
  #nextId = 1;
  /** Public jobs handed to a worker (starting or running). */
  #publicActive = 0;
  #closed = false;
  #killed = 0;

  constructor(readonly options: WorkerPoolOptions) {}

  /** Process ids of the live workers (for tests and metrics). */
  get pids(): number[] {
    return [...this.#workers].flatMap((worker) => (worker.alive && worker.pid ? [worker.pid] : []));
  }

  get running(): number {
    return this.#running.size;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Workers killed for overrunning their deadline or memory cap, or lost to a crash, since start. */
  get killed(): number {
    return this.#killed;
  }

  run<K extends JobKind>(kind: K, input: Jobs[K]['input'], lane: Lane = 'upload'): Promise<Jobs[K]['result']> {
    if (this.#closed) return Promise.reject(workerErrors.shuttingDown());
    if (lane === 'public' && this.#waiting.filter((job) => job.lane === 'public').length >= (this.options.maxPublicWaiting ?? 64)) {
      return Promise.reject(busy());
    }
    return new Promise((resolve, reject) => {
      this.#waiting.push({ lane, kind, input, resolve: resolve as (value: unknown) => void, reject });
      this.#pump();
    });
  }

  /** Starts as many workers as the pool may have, so the first uploads pay no start-up. */
  warm(): void {
    while (!this.#closed && this.#workers.size < this.options.size) this.#idle.push(this.#spawn());
  }

  /** Kills every worker; running and waiting jobs are answered 503. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#waiting.splice(0)) job.reject(workerErrors.shuttingDown());
    const exits = [...this.#workers].map((worker) => new Promise<void>((resolve) => (worker.alive ? worker.child.once('exit', () => resolve()) : resolve())));
    for (const worker of this.#workers) {
      worker.busy(); // so the process waits for the exit it asked for
      worker.kill('shutdown');
    }
    await Promise.all(exits);
  }

  #spawn(): DecodeWorkerProcess {
    const worker = new DecodeWorkerProcess(this.options.memoryBytes);
    this.#workers.add(worker);
    worker.onReply = (reply) => this.#finish(reply.id, reply.ok ? { value: revive(reply.result) } : { error: failureOf(reply, this.#running.get(reply.id)?.kind ?? 'render') });
    worker.onEnd = (reason) => this.#lost(worker, reason);
    return worker;
  }


  #nextJob(): Pending | undefined {
    const upload = this.#waiting.findIndex((job) => job.lane === 'upload');
    if (upload >= 0) return this.#waiting.splice(upload, 1)[0];
    const publicLimit = Math.max(1, this.options.size - 1);
    if (this.#publicActive >= publicLimit) return undefined;
    const index = this.#waiting.findIndex((job) => job.lane === 'public');
    if (index < 0) return undefined;
    this.#publicActive++;
    return this.#waiting.splice(index, 1)[0];
  }

  #pump(): void {
    while (!this.#closed && this.#waiting.length > 0) {
      let worker = this.#idle.pop();
      while (worker && !worker.alive) worker = this.#idle.pop();
      if (!worker && this.#workers.size < this.options.size) worker = this.#spawn();
      if (!worker) return;
      const job = this.#nextJob();
      if (!job) {
        this.#idle.push(worker);
        return;
      }
      void this.#start(worker, job);
    }
  }

  async #start(worker: DecodeWorkerProcess, job: Pending): Promise<void> {
    worker.busy();
    try {
      await worker.ready;
    } catch {
      // It died while starting: the job goes back to the front of the line.
      if (job.lane === 'public') this.#publicActive--;
      if (this.#closed) return job.reject(workerErrors.shuttingDown());
      this.#waiting.unshift(job);
      this.#pump();
      return;
    }
    const id = this.#nextId++;
    const deadline = setTimeout(() => worker.kill('timeout'), this.options.timeoutMs);
    const memoryWatch = setInterval(() => {
      if (worker.rss() > this.options.memoryBytes) worker.kill('memory');
    }, MEMORY_POLL_MS);
    memoryWatch.unref();
    this.#running.set(id, { ...job, worker, deadline, memoryWatch });
    const { input, bulk } = takeBulk(job.input);
    worker.send({ id, kind: job.kind, input, bulk: bulk.map((bytes) => bytes.length) }, bulk);
  }

  #finish(id: number, outcome: { value: unknown } | { error: Error }): void {
    const job = this.#running.get(id);
    if (!job) return;
    this.#running.delete(id);
    if (job.lane === 'public') this.#publicActive--;
    clearTimeout(job.deadline);
    clearInterval(job.memoryWatch);
    if (job.worker.alive && !this.#closed) {
      job.worker.idle();
      this.#idle.push(job.worker);
    }
    if ('error' in outcome) job.reject(outcome.error);
    else job.resolve(outcome.value);
    this.#pump();
  }

  #lost(worker: DecodeWorkerProcess, reason: EndReason): void {
    this.#workers.delete(worker);
    const index = this.#idle.indexOf(worker);
    if (index >= 0) this.#idle.splice(index, 1);
    for (const [id, job] of this.#running) {
      if (job.worker !== worker) continue;
      if (reason !== 'shutdown') this.#killed++;
      const error = reason === 'shutdown' ? workerErrors.shuttingDown() : reason === 'crash' ? workerErrors.crashed() : workerErrors.tooComplex();
      this.#finish(id, { error });
    }
    // A replacement starts now (starting takes a second or more), so the next upload finds it ready.
    if (!this.#closed && reason !== 'shutdown' && this.#workers.size < this.options.size) this.#idle.push(this.#spawn());
    this.#pump();
  }
}

import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { writeBulk } from './bulk-bytes.ts';
import type { JobReply } from './jobs.ts';

const SCRIPT = fileURLToPath(new URL('./decode-worker.ts', import.meta.url));
// Absolute, so the worker starts whatever the current directory.
const TSX = import.meta.resolve('tsx');
const PAGE_SIZE = 4096;

/** Only what node, tsx and libvips need from the server's environment. */
function workerEnvironment(): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'NODE_ENV', 'TSX_TSCONFIG_PATH'].includes(name) || name.startsWith('VIPS_') || name.startsWith('LC_')) kept[name] = value;
  }
  return kept;
}

export type EndReason = 'timeout' | 'memory' | 'crash' | 'shutdown';

/** One forked decode worker: started, fed one job at a time, killed when it overruns. */
export class DecodeWorkerProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  /** Why this worker was killed (or died), once it was. */
  ended: EndReason | undefined;
  onReply: (reply: JobReply) => void = () => {};
  onEnd: (reason: EndReason) => void = () => {};

  constructor(memoryBytes: number) {
    const heapMb = Math.max(64, Math.floor(memoryBytes / (1024 * 1024)));
    this.child = fork(SCRIPT, [], {
      execArgv: ['--import', TSX, `--max-old-space-size=${heapMb}`],
      serialization: 'advanced',
      // fd 4: large job inputs (bulk-bytes.ts), beside the IPC channel.
      stdio: ['ignore', 'inherit', 'inherit', 'ipc', 'pipe'],
      // A decoder exploited by an upload must find no secrets: no token, no imgproxy key, no S3 keys.
      env: workerEnvironment(),
    });
    this.#bulk.on('error', () => {}); // a killed worker's pipe; its job is answered by the exit
    this.idle();
    this.ready = new Promise((resolve, reject) => {
      const onFirst = (message: unknown) => {
        if ((message as { ready?: boolean }).ready) resolve();
      };
      this.child.once('message', onFirst);
      this.child.once('exit', () => reject(new Error('decode worker exited while starting')));
    });
    this.ready.catch(() => {});
    this.child.on('message', (message) => {
      if (typeof (message as JobReply).id === 'number') this.onReply(message as JobReply);
    });
    this.child.once('exit', () => {
      this.ended ??= 'crash';
      this.onEnd(this.ended);
    });
  }

  get #bulk(): Socket {
    return this.child.stdio[4] as Socket;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resident memory of the worker, in bytes (0 where /proc is not available). */
  rss(): number {
    try {
      return Number(readFileSync(`/proc/${this.child.pid}/statm`, 'latin1').split(' ')[1]) * PAGE_SIZE;
    } catch {
      return 0;
    }
  }

  /** Sends a job: the message over IPC, then its bulk buffers (in the order the message lists them) over fd 4. */
  send(message: unknown, bulk: Buffer[] = []): void {
    this.busy();
    this.child.send(message as never);
    writeBulk(this.#bulk, bulk);
  }

  /** A waiting worker must not keep the server process alive on its own. */
  idle(): void {
    this.child.unref();
    (this.child.channel as { unref?: () => void } | undefined)?.unref?.();
    this.#bulk.unref();
  }

  busy(): void {
    this.child.ref();
    (this.child.channel as { ref?: () => void } | undefined)?.ref?.();
    this.#bulk.ref();
  }

  kill(reason: EndReason): void {
    this.ended ??= reason;
    if (this.alive) this.child.kill('SIGKILL');
  }
}

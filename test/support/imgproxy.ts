import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface RunningImgproxy {
  url: string;
  key: string;
  salt: string;
  stop(): Promise<void>;
  /** Ends the process with `signal` (no chance to finish anything with SIGKILL) and waits for it. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

import { stopChild, waitUntilAnswering } from './child-process.ts';

const standin = fileURLToPath(new URL('./imgproxy-standin.ts', import.meta.url));

/**
 * The command that runs imgproxy: the real binary built by test/setup/prerequisites.sh (npm test
 * exports IMGPROXY_BIN), or, where no real imgproxy can be built, the documented stand-in.
 * With REQUIRE_REAL_IMGPROXY=1 a missing binary is an error instead.
 */
export function imgproxyCommand(): { command: string; args: string[]; kind: 'real' | 'stand-in' } {
  const bin = process.env.IMGPROXY_BIN;
  if (bin && existsSync(bin)) return { command: bin, args: [], kind: 'real' };
  if (process.env.REQUIRE_REAL_IMGPROXY === '1') {
    throw new Error(
      `A real imgproxy is required (REQUIRE_REAL_IMGPROXY=1) but IMGPROXY_BIN ${bin ? `points to a missing file (${bin})` : 'is not set'}. ` +
        'Run `bash test/setup/prerequisites.sh` and export the IMGPROXY_BIN it prints.',
    );
  }
  return { command: process.execPath, args: ['--import', 'tsx', standin], kind: 'stand-in' };
}

/**
 * Starts a real imgproxy on loopback, signed, with its allowed sources pinned to `allowedSource`
 * (loopback sources are blocked by default; the pin is what makes them allowed here).
 */
export async function startImgproxy(allowedSource: string, extraEnv: Record<string, string> = {}): Promise<RunningImgproxy> {
  const port = await freePort();
  const key = randomBytes(32).toString('hex');
  const salt = randomBytes(32).toString('hex');
  const { command, args } = imgproxyCommand();
  const child: ChildProcess = spawn(command, args, {
    env: {
      PATH: process.env.PATH,
      IMGPROXY_BIND: `127.0.0.1:${port}`,
      IMGPROXY_KEY: key,
      IMGPROXY_SALT: salt,
      IMGPROXY_ALLOWED_SOURCES: allowedSource.endsWith('/') ? allowedSource : `${allowedSource}/`,
      IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES: 'true',
      IMGPROXY_MAX_SRC_RESOLUTION: '40',
      IMGPROXY_MAX_SRC_FILE_SIZE: String(10 * 1024 * 1024),
      IMGPROXY_LOG_LEVEL: 'error',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${url}/health`, child, 'imgproxy', 20_000);
  return {
    url,
    key,
    salt,
    stop: () => stopChild(child),
    kill: (signal) => stopChild(child, signal),
  };
}

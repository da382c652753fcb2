import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const main = fileURLToPath(new URL('../../src/server/main.ts', import.meta.url));

export interface EndpointProcess {
  readonly url: string;
  readonly pid: number;
  /** Every line the process has written to stdout or stderr, in order. */
  readonly output: string[];
  /** Sends `signal` and waits until the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * The endpoint exactly as an operator runs it (`node --import tsx src/server/main.ts`), configured by
 * `env` alone (which must set PORT), with its logs captured. Resolves once it answers /healthz.
 */
export async function spawnEndpoint(env: Record<string, string>): Promise<EndpointProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: repository,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', (line) => output.push(line));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));

  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the endpoint exited with code ${child.exitCode} at start-up:\n${output.join('\n')}`);
    try {
      await (await fetch(`${url}/healthz`)).body?.cancel();
      break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the endpoint did not answer /healthz within 20 s:\n${output.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid!,
    output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

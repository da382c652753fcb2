import type { ChildProcess } from 'node:child_process';

/** Waits until `url` answers 2xx; fails fast when `child` exits first, and kills it after `timeoutMs`. */
export async function waitUntilAnswering(url: string, child: ChildProcess, what: string, timeoutMs = 30_000, details: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} at start-up${details()}`);
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s${details()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Sends `signal` and waits for the exit. A real imgproxy drains in-flight requests on SIGTERM, and
 * libvips work on a bomb cannot be interrupted: past a grace period, the process is killed.
 */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const grace = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(grace);
      resolve();
    });
    child.kill(signal);
  });
}

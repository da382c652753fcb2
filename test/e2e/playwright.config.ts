import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Each stack is one `npm start`-like server; `endpoint-down` runs the demo against an endpoint the test
 * starts and stops; `s3-replicas` runs the demo against two endpoint replicas on one SeaweedFS bucket
 * behind a round-robin proxy (needs WEED_BIN, see README Testing).
 */
const stacks: { name: string; port: number; testMatch: RegExp; env: Record<string, string>; startupMs?: number }[] = [
  { name: 'sharp', port: 18481, testMatch: /(authentik-pages|authentik-truth|demo-pages|phone)\.spec\.ts/, env: {} },
  { name: 'imgproxy', port: 18482, testMatch: /authentik-pages\.spec\.ts/, env: {} },
  { name: 'endpoint-down', port: 18483, testMatch: /endpoint-down\.spec\.ts/, env: { AVATARS_URL: 'http://127.0.0.1:18484' } },
  { name: 's3-replicas', port: 18485, testMatch: /(authentik-pages|s3-replicas)\.spec\.ts/, env: { REPLICAS_PROXY_PORT: '18486' }, startupMs: 120_000 },
];

/** `E2E_STACKS=s3-replicas` (a comma-separated list) starts and runs only those stacks; all of them by default. */
const chosen = process.env.E2E_STACKS?.split(',').map((name) => name.trim()).filter(Boolean);
if (chosen?.some((name) => !stacks.some((stack) => stack.name === name))) throw new Error(`E2E_STACKS=${process.env.E2E_STACKS}: the stacks are ${stacks.map((stack) => stack.name).join(', ')}`);
const running = chosen ? stacks.filter((stack) => chosen.includes(stack.name)) : stacks;

export default defineConfig({
  testDir: '.',
  outputDir: join(tmpdir(), 'authentik-avatars-e2e'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list']],
  timeout: 60_000,
  use: {
    launchOptions: { executablePath, args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: running.map(({ name, port, testMatch }) => ({ name, testMatch, use: { baseURL: `http://127.0.0.1:${port}` } })),
  webServer: running.map(({ name, port, env, startupMs }) => ({
    command: `node --import tsx test/e2e/serve-stack.ts ${name}`,
    cwd: join(import.meta.dirname, '..', '..'),
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: startupMs ?? 60_000,
    // SIGTERM first, so the replica stack can stop what it started (SeaweedFS and its folder) before the group is killed.
    ...(name === 's3-replicas' ? { gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 15_000 } } : {}),
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      AVATARS_TOKEN: 'end-to-end-token-0123456789',
      DATA_DIR: mkdtempSync(join(tmpdir(), `avatars-e2e-${name}-`)),
      LOG_LEVEL: 'warn',
      ...env,
    },
  })),
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Each stack is one `npm start`-like server; `endpoint-down` runs the demo against an endpoint the test starts and stops. */
const stacks: { name: string; port: number; testMatch: RegExp; env: Record<string, string> }[] = [
  { name: 'sharp', port: 18481, testMatch: /(authentik-pages|authentik-truth|demo-pages|phone)\.spec\.ts/, env: {} },
  { name: 'imgproxy', port: 18482, testMatch: /authentik-pages\.spec\.ts/, env: {} },
  { name: 'endpoint-down', port: 18483, testMatch: /endpoint-down\.spec\.ts/, env: { AVATARS_URL: 'http://127.0.0.1:18484' } },
];

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
  projects: stacks.map(({ name, port, testMatch }) => ({ name, testMatch, use: { baseURL: `http://127.0.0.1:${port}` } })),
  webServer: stacks.map(({ name, port, env }) => ({
    command: `node --import tsx test/e2e/serve-stack.ts ${name}`,
    cwd: join(import.meta.dirname, '..', '..'),
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
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

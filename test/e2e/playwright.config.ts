import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const stacks = [
  { name: 'sharp', port: 18481 },
  { name: 'imgproxy', port: 18482 },
] as const;

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
  },
  projects: stacks.map(({ name, port }) => ({ name, use: { baseURL: `http://127.0.0.1:${port}` } })),
  webServer: stacks.map(({ name, port }) => ({
    command: `npx tsx test/e2e/serve-stack.ts ${name}`,
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
    },
  })),
});

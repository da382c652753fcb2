// The element as a package: `npm pack` of this project, installed into a fresh temporary project,
// bundled there by Vite and used in Debian's Chromium.
//   npx playwright test --config test/cropper/package/playwright.config.ts
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: /\.spec\.ts$/,
  outputDir: join(tmpdir(), 'authentik-avatars-package-test'),
  workers: 1,
  retries: 0,
  reporter: [['list']],
  // Packing and installing the tarball (about 25 s here, longer with a cold npm cache) is part of the test.
  timeout: 120_000,
  use: {
    launchOptions: { executablePath, args: ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] },
    trace: 'retain-on-failure',
  },
});

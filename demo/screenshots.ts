/**
 * Screenshots of the demo for the README (public/screenshots/), taken in Debian's Chromium:
 *   npm run build && npx tsx demo/screenshots.ts
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'public', 'screenshots');
const port = 18499;
const base = `http://127.0.0.1:${port}`;
const photo = resolve(root, '..', 'shared', 'fixtures', 'real', 'astronaut.png');

const server = spawn(process.execPath, ['--import', 'tsx', 'demo/serve.ts'], {
  cwd: root,
  env: { ...process.env, PORT: String(port), DATA_DIR: await mkdtemp(join(tmpdir(), 'screenshots-')), PROCESSOR: 'sharp' },
  stdio: 'ignore',
});
try {
  for (let attempt = 0; ; attempt++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    if (attempt > 100) throw new Error('the demo did not start');
    await new Promise((done) => setTimeout(done, 200));
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const page = await browser.newPage({ viewport: { width: 900, height: 1000 }, deviceScaleFactor: 1 });

  const open = async (path: string) => {
    await page.goto(base + path);
    await page.locator('authentik-avatar-field').first().waitFor();
    await page.waitForTimeout(500); // fallback image and fonts
  };
  const startCrop = async (p: Page) => {
    const field = p.locator('authentik-avatar-field').first();
    await field.getByRole('button', { name: 'Change avatar' }).click();
    await field.locator('avatar-cropper input[type="file"]').first().setInputFiles(photo);
    await field.locator('avatar-cropper [part~="stage"]').first().waitFor();
    await field.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await p.waitForTimeout(600);
  };

  await open('/if/flow/authentik-avatars-user-settings/?v=2024.12');
  await page.screenshot({ path: join(out, 'flow-2024.12.png') });
  await open('/if/flow/authentik-avatars-user-settings/');
  await startCrop(page);
  await page.screenshot({ path: join(out, 'flow-2026-cropping.png') });
  await open('/if/user/#/settings');
  await page.screenshot({ path: join(out, 'user-settings-2026.png') });
  await browser.close();
  console.log(`screenshots written to ${out}`);
} finally {
  server.kill();
}

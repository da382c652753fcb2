/**
 * Screenshots of <avatar-cropper> for the README, light and dark, in headless Debian Chromium:
 *   npx tsx test/cropper/screenshots.ts
 * Builds dist/avatar-cropper.js first, then writes public/screenshots/cropper-{light,dark}.png.
 * Not part of the test suite.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { build } from 'vite';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const photo = join(repo, '../shared/fixtures/real/astronaut.png');
const outDir = join(repo, 'public/screenshots');

await build({ root: repo, mode: 'cropper', logLevel: 'warn' });
const bundle = readFileSync(join(repo, 'dist/avatar-cropper.js'), 'utf8');
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] });
try {
  for (const theme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 440, height: 760 }, deviceScaleFactor: 1, colorScheme: theme });
    await page.setContent(`<!doctype html><html lang="en"><body style="margin:0;padding:24px;font:16px system-ui,sans-serif;
      background:${theme === 'dark' ? '#151515' : '#fff'}"><avatar-cropper round theme="${theme}"></avatar-cropper></body></html>`);
    await page.addScriptTag({ type: 'module', content: bundle });
    await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const element = document.querySelector('avatar-cropper')!;
      await element.load(new File([bytes], 'astronaut.png', { type: 'image/png' }));
      element.shadowRoot!.querySelector<HTMLElement>('[part~="stage"]')!.focus();
    }, readFileSync(photo).toString('base64'));
    // Zoom in a little and move up, towards the face, as a person would.
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const box = (await page.locator('avatar-cropper').boundingBox())!;
    await page.screenshot({
      path: join(outDir, `cropper-${theme}.png`),
      clip: { x: box.x - 12, y: box.y - 12, width: box.width + 24, height: box.height + 24 },
    });
    await page.close();
    console.log(`wrote public/screenshots/cropper-${theme}.png`);
  }
} finally {
  await browser.close();
}

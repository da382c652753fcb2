import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { formatDevLine } from '../../demo/server/dev-log.ts';
import { SETTINGS_FLOW } from './authentik-steps.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const demoPages = ['/', '/plain.html', SETTINGS_FLOW, `${SETTINGS_FLOW}?v=2024.12`, '/if/user/#/settings', '/if/flow/default-enrollment-flow/'];

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const { violations } = await axe.run(document);
    return violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  });
}

for (const scheme of ['light', 'dark'] as const) {
  for (const path of demoPages) {
    test(`axe finds nothing on ${path} in ${scheme} mode`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      // Enrollment's first page is authentik's name and email page; the avatar field comes on the next.
      if (path.startsWith('/if/') && !path.includes('enrollment')) await expect(page.locator('authentik-avatar-field')).toBeVisible();
      else if (path.includes('enrollment')) await expect(page.locator('input[name="username"]')).toBeVisible();
      await expect(page.locator('demo-lang-switch select')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });
  }
}

test('the language switch sets the page language, and the bridge speaks it', async ({ page }) => {
  await page.goto(SETTINGS_FLOW);
  await page.getByLabel('Language').selectOption('de');
  await page.waitForURL(/lang=de/);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
  await expect(page.locator('authentik-avatar-field').getByRole('button', { name: 'Avatar ändern' })).toBeVisible();
});

test('/favicon.ico is an icon, not a 404', async ({ request }) => {
  const response = await request.get('/favicon.ico');
  expect(response.status()).toBe(200);
  expect([...(await response.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]); // ICO header
});

test('development logs: successful requests are left out, failures and messages are one readable line', () => {
  const requests = new Map<string, string>();
  const time = Date.UTC(2026, 11, 1, 21, 0, 5);
  expect(formatDevLine({ level: 30, time, msg: 'incoming request', reqId: 'r1', req: { method: 'GET', url: '/bridge.js' } }, requests)).toBeNull();
  expect(formatDevLine({ level: 30, time, msg: 'request completed', reqId: 'r1', res: { statusCode: 200 }, responseTime: 2 }, requests)).toBeNull();
  formatDevLine({ level: 30, time, msg: 'incoming request', reqId: 'r2', req: { method: 'GET', url: '/nope' } }, requests);
  expect(formatDevLine({ level: 30, time, msg: 'request completed', reqId: 'r2', res: { statusCode: 404 }, responseTime: 1.4 }, requests)).toBe('21:00:05 WARN GET /nope -> 404 (1 ms)');
  expect(formatDevLine({ level: 40, time, msg: 'orphan sweep is off', pid: 1, hostname: 'h' }, requests)).toBe('21:00:05 WARN orphan sweep is off');
  expect(requests.size).toBe(0);
});

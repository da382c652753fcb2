import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { FIXTURES } from '../support/fixtures.ts';
import { alertOf, authentikPages, avatarOfMe, cropPhoto, expectSquarePng, fillEnrollment, nextAvatar, settle, submit } from './authentik-steps.ts';

/**
 * The demo runs against an endpoint this test owns (AVATARS_URL in playwright.config.ts), so the
 * endpoint can be stopped between two saves, on each page with a logged-in user.
 */
const ENDPOINT_PORT = 18484;
const dataDir = mkdtempSync(join(tmpdir(), 'avatars-e2e-down-'));
let endpoint: ChildProcess | undefined;

async function startEndpoint(): Promise<void> {
  // node itself (not npx), so that killing this process really stops the endpoint.
  endpoint = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, PORT: String(ENDPOINT_PORT), AVATARS_TOKEN: 'end-to-end-token-0123456789', DATA_DIR: dataDir, PROCESSOR: 'sharp', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  await expect.poll(async () => (await fetch(`http://127.0.0.1:${ENDPOINT_PORT}/healthz`).catch(() => undefined))?.status, { timeout: 30_000 }).toBe(200);
}

async function stopEndpoint(): Promise<void> {
  if (!endpoint || endpoint.exitCode !== null || endpoint.signalCode !== null) return;
  const exited = new Promise((resolve) => endpoint!.once('exit', resolve));
  endpoint.kill('SIGKILL');
  await exited;
}

test.beforeEach(startEndpoint);
test.afterEach(stopEndpoint);

// A different first photo per page, so every first save really changes the avatar.
const firstPhotos = ['coffee.png', 'hubble_deep_field.jpg', 'retina.jpg'];

for (const [index, authentikPage] of authentikPages.filter((page) => page.loggedIn).entries()) {
  test(`${authentikPage.name}: with the endpoint stopped, saving shows the policy's message and the old avatar stays`, async ({ page, request }) => {
    await page.goto(authentikPage.url);
    let stage = page.locator(authentikPage.stage);
    const before = await avatarOfMe(page);
    await cropPhoto(stage, firstPhotos[index]!);
    await submit(stage);
    const saved = await nextAvatar(page, before);
    await expectSquarePng(request, saved);
    await settle(page, authentikPage);

    await stopEndpoint();
    await page.goto(authentikPage.url);
    stage = page.locator(authentikPage.stage);
    await cropPhoto(stage, 'rocket.jpg');
    await submit(stage);

    await expect(alertOf(stage)).toContainText('The avatar service is unavailable; your current avatar was kept.');
    expect(await avatarOfMe(page)).toBe(saved);

    await startEndpoint();
    await expectSquarePng(request, saved);
  });
}

test('authentik enrollment flow: with the endpoint (and so /bridge.js) stopped, sign-up through authentik\'s plain input stops at the avatar with the policy\'s message', async ({ page }) => {
  const enrollment = authentikPages.find((candidate) => !candidate.loggedIn)!;
  await stopEndpoint();
  await page.goto(enrollment.url);
  const stage = page.locator(enrollment.stage);
  await fillEnrollment(stage, 'offline-person');
  await expect(stage.locator('authentik-avatar-field')).toHaveCount(0); // the bridge comes from the stopped endpoint
  await stage.locator('input[name="attributes.avatar"]').setInputFiles(FIXTURES + 'rocket.jpg');
  await submit(stage);

  await expect(alertOf(stage)).toContainText('The avatar service is unavailable');
  expect(new URL(page.url()).pathname).toBe('/if/flow/default-enrollment-flow/');
  expect(await avatarOfMe(page)).toBe(''); // nobody was enrolled and logged in
});

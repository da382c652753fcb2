import { expect, test } from '@playwright/test';
import { FIXTURES } from '../support/fixtures.ts';
import { pngDimensions } from './png.ts';

/**
 * The whole path in a real Chromium: authentik 2026.x's prompt stage (emulated), the bridge and the
 * cropper, authentik's submit, the real Python policy, the endpoint and its processor.
 */
const photos = [
  ['astronaut.png', 'a square portrait'],
  ['chelsea.png', 'a landscape photo'],
] as const;

for (const [photo, what] of photos) {
  test(`${what} (${photo}) is cropped, saved and shown as a 1024x1024 PNG from a stable URL`, async ({ page, request }) => {
    await page.goto('/authentik-2026-flow.html');
    const stage = page.locator('ak-flow-executor > ak-stage-prompt');
    const cropper = stage.locator('avatar-cropper');
    await expect(cropper).toBeVisible();
    await expect(stage.locator('input[name="attributes.avatar"]')).toBeHidden();

    await cropper.locator('input[type="file"]').setInputFiles(FIXTURES + photo);
    await cropper.getByRole('button', { name: 'Confirm' }).click();

    // The cropped image now sits in authentik's own input, which is what authentik submits.
    const handed = await stage.locator('input[name="attributes.avatar"]').evaluate((input: HTMLInputElement) => ({
      count: input.files?.length ?? 0,
      type: input.files?.[0]?.type,
      size: input.files?.[0]?.size ?? 0,
    }));
    expect(handed.count).toBe(1);
    expect(handed.type).toMatch(/^image\/(webp|png|jpeg)$/);
    expect(handed.size).toBeLessThan(700_000);

    const previous = await page.locator('demo-user-card img').getAttribute('src');
    await stage.getByRole('button', { name: 'Continue' }).click();

    const avatar = page.locator('demo-user-card img');
    await expect(avatar).not.toHaveAttribute('src', previous ?? '');
    await expect(avatar).toHaveAttribute('src', /\/avatars\/[a-f0-9]{32}\.png$/);
    await expect.poll(() => avatar.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1024);

    const response = await request.get((await avatar.getAttribute('src'))!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
    expect(response.headers()['cache-control']).toContain('immutable');
    expect(pngDimensions(await response.body())).toEqual({ width: 1024, height: 1024 });

    // A fresh stage element replaces the old one after the submit, and the bridge enhances it again.
    await expect(page.locator('ak-flow-executor > ak-stage-prompt avatar-cropper')).toBeVisible();
  });
}

test('a damaged file sent without cropping shows the policy message in authentik\'s alert and keeps the avatar', async ({ page }) => {
  await page.goto('/authentik-2026-flow.html');
  const stage = page.locator('ak-flow-executor > ak-stage-prompt');
  await expect(stage.locator('avatar-cropper')).toBeVisible();
  const before = await page.locator('demo-user-card img').getAttribute('src');

  // Bypass the cropper, as a browser without the bridge would: authentik's input takes any file.
  await stage.locator('input[name="attributes.avatar"]').setInputFiles(FIXTURES + 'truncated.jpg');
  await stage.getByRole('button', { name: 'Continue' }).click();

  await expect(page.locator('ak-stage-prompt .pf-c-alert.pf-m-danger')).toContainText('damaged or incomplete');
  await page.reload();
  await expect(page.locator('demo-user-card img')).toHaveAttribute('src', before ?? '');
});

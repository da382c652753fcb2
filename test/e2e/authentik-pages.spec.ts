import { expect, test } from '@playwright/test';
import { FIXTURES } from '../support/fixtures.ts';
import { alertOf, authentikPages, avatarOfMe, cropPhoto, expectSquarePng, fillEnrollment, headerAvatar, nextAvatar, SETTINGS_FLOW, settle, submit } from './authentik-steps.ts';

/**
 * The whole path in a real Chromium on each reproduced authentik page: the bridge finds the avatar
 * prompt, the cropper crops, authentik's own submit sends the file, the real Python policy calls the
 * endpoint, and the avatar authentik then reports is a 1024x1024 PNG at a stable URL.
 */
let enrolled = 0;
const uniqueUsername = (project: string) => `new-${project}-${Date.now()}-${enrolled++}`;

for (const authentikPage of authentikPages) {
  test.describe(authentikPage.name, () => {
    test('a square photo and a landscape photo are each saved and shown as a 1024x1024 PNG from a stable URL', async ({ page, request }, info) => {
      // Enrollment creates a new user each time, so it saves once.
      const photos = authentikPage.loggedIn ? ['astronaut.png', 'chelsea.png'] : ['chelsea.png'];
      for (const photo of photos) {
        await page.goto(authentikPage.url);
        const stage = page.locator(authentikPage.stage);
        const before = authentikPage.loggedIn ? await avatarOfMe(page) : '';
        if (!authentikPage.loggedIn) await fillEnrollment(stage, uniqueUsername(info.project.name));
        await expect(stage.locator('authentik-avatar-field')).toBeVisible();
        await expect(stage.locator('input[name="attributes.avatar"]')).toBeHidden();

        await cropPhoto(stage, photo);
        const handed = await stage.locator('input[name="attributes.avatar"]').evaluate((input: HTMLInputElement) => ({
          count: input.files?.length ?? 0,
          type: input.files?.[0]?.type,
          size: input.files?.[0]?.size ?? 0,
        }));
        expect(handed).toMatchObject({ count: 1, type: 'image/webp' });
        expect(handed.size).toBeLessThan(700_000);
        await submit(stage);

        const avatar = await nextAvatar(page, before);
        await expectSquarePng(request, avatar);
        // What authentik's header shows (after the redirect, or a reload on user settings) is that same image, loaded.
        await settle(page, authentikPage);
        const shown = headerAvatar(page);
        await expect(shown).toHaveAttribute('src', avatar);
        await expect.poll(() => shown.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1024);
      }
    });

    if (authentikPage.loggedIn) {
      test('Remove drives authentik\'s reset checkbox and the preview shows the fallback', async ({ page, request }) => {
        await page.goto(authentikPage.url);
        let stage = page.locator(authentikPage.stage);
        const before = await avatarOfMe(page);
        await cropPhoto(stage, 'astronaut.png');
        await submit(stage);
        const saved = await nextAvatar(page, before);
        await settle(page, authentikPage);
        await page.goto(authentikPage.url);
        stage = page.locator(authentikPage.stage);

        const field = stage.locator('authentik-avatar-field');
        await expect(field.locator('img')).toHaveAttribute('src', saved);
        await field.getByRole('button', { name: 'Remove' }).click();
        await expect(field.getByRole('status')).toContainText('removed');
        await expect(field.locator('img')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
        await expect(stage.locator('input[name="attributes.avatar_reset"]')).toBeChecked();
        await expect(stage.locator('input[name="attributes.avatar_reset"]')).toBeHidden();
        await expect(stage.getByText('Remove my avatar', { exact: true })).toBeHidden();
        await submit(stage);

        const after = await nextAvatar(page, saved);
        expect(after).toMatch(/^data:image\/svg\+xml;base64,/);
        expect((await request.get(saved)).status()).toBe(404);
      });
    }

    test('without the bridge (script blocked), authentik\'s plain input still uploads', async ({ page, request }, info) => {
      await page.route('**/bridge.js', (route) => route.abort());
      await page.goto(authentikPage.url);
      const stage = page.locator(authentikPage.stage);
      const input = stage.locator('input[name="attributes.avatar"]');
      const before = authentikPage.loggedIn ? await avatarOfMe(page) : '';
      if (!authentikPage.loggedIn) await fillEnrollment(stage, uniqueUsername(info.project.name));
      await expect(input).toBeVisible();
      await expect(stage.locator('authentik-avatar-field')).toHaveCount(0);

      await input.setInputFiles(FIXTURES + 'rocket.jpg');
      await submit(stage);
      await expectSquarePng(request, await nextAvatar(page, before));
    });
  });
}

test('a damaged file sent past the cropper shows the policy message in authentik\'s alert and keeps the avatar', async ({ page }) => {
  await page.route('**/bridge.js', (route) => route.abort());
  await page.goto(SETTINGS_FLOW);
  const stage = page.locator(authentikPages[0]!.stage);
  const before = await avatarOfMe(page);

  await stage.locator('input[name="attributes.avatar"]').setInputFiles(FIXTURES + 'truncated.jpg');
  await submit(stage);

  await expect(alertOf(stage)).toContainText('damaged or incomplete');
  expect(await avatarOfMe(page)).toBe(before);
});

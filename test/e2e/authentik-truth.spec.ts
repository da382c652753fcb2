import { expect, test, type Locator, type Page } from '@playwright/test';
import { FIXTURES } from '../support/fixtures.ts';
import { alertOf, authentikPages, avatarOfMe, cropPhoto, expectSquarePng, fillEnrollment, isSettingsPage, nextAvatar, settle, submit } from './authentik-steps.ts';

/**
 * The four problems seen on a real authentik 2026.5 (issue 13) and the lost pending crop (issue 12),
 * each on the replicas that follow the measured DOM.
 */
const loggedIn = authentikPages.filter((page) => page.loggedIn);
const settingsPage = loggedIn.find(isSettingsPage)!;
let people = 0;

/** Saves `photo` as the logged-in user's avatar through the 2026.x flow page and returns its URL. */
async function saveAvatar(page: Page, photo: string): Promise<string> {
  const flowPage = authentikPages[0]!;
  await page.goto(flowPage.url);
  const before = await avatarOfMe(page);
  await cropPhoto(page.locator(flowPage.stage), photo);
  await submit(page.locator(flowPage.stage));
  const saved = await nextAvatar(page, before);
  await settle(page, flowPage);
  return saved;
}

/** A brand-new user without an avatar, logged in (enrollment without a picture). */
async function enrollWithoutAvatar(page: Page): Promise<void> {
  const enrollment = authentikPages.find((candidate) => !candidate.loggedIn)!;
  await page.goto(enrollment.url);
  await fillEnrollment(page.locator(enrollment.stage), `plain-${Date.now()}-${people++}`);
  await submit(page.locator(enrollment.stage));
  await page.waitForURL(/\/if\/user\//);
}

const field = (stage: Locator) => stage.locator('authentik-avatar-field');

test('1. the user settings page runs the settings flow the brand names (our blueprint\'s own), with authentik\'s fields and the avatar', async ({ page }) => {
  const brand = (await (await page.request.get('/api/v3/core/brands/current/')).json()) as { flow_user_settings: string };
  expect(brand.flow_user_settings).toBe('authentik-avatars-user-settings');
  await page.goto(settingsPage.url);
  const stage = page.locator(settingsPage.stage);
  for (const name of ['username', 'name', 'email']) await expect(stage.locator(`ak-form-element-horizontal[name="${name}"] input[name="${name}"]`)).toBeVisible();
  await expect(field(stage)).toBeVisible();
});

for (const authentikPage of loggedIn) {
  test.describe(authentikPage.name, () => {
    test('2. a user without a picture of their own is told so and offered no Remove; after an upload the field says it is theirs and offers Remove', async ({ page, context }) => {
      await context.clearCookies();
      await enrollWithoutAvatar(page);
      expect(await avatarOfMe(page)).toMatch(/^data:image\/svg\+xml/);
      await page.goto(authentikPage.url);
      let stage = page.locator(authentikPage.stage);
      await expect(field(stage).getByRole('status')).toContainText('no avatar of your own');
      await expect(field(stage).getByRole('button', { name: 'Remove' })).toHaveCount(0);

      await saveAvatar(page, 'chelsea.png');
      await page.goto(authentikPage.url);
      stage = page.locator(authentikPage.stage);
      await expect(field(stage).getByRole('status')).toContainText('Your current avatar');
      await expect(field(stage).getByRole('button', { name: 'Remove' })).toBeVisible();
    });

    test('3. "Remove my avatar" is hidden with its text, a click on its label never ticks it, and Continue keeps the avatar', async ({ page, request }) => {
      const saved = await saveAvatar(page, 'coffee.png');
      await page.goto(authentikPage.url);
      const stage = page.locator(authentikPage.stage);
      await expect(field(stage)).toBeVisible();
      const label = stage.locator('label').filter({ hasText: 'Remove my avatar' });
      await expect(label).toBeHidden();
      await expect(stage.getByText('Removes your avatar when you save.')).toBeHidden();
      await label.dispatchEvent('click');
      await expect(stage.locator('input[name="attributes.avatar_reset"]')).not.toBeChecked();
      await submit(stage);
      await settle(page, authentikPage);
      expect(await avatarOfMe(page)).toBe(saved);
      await expectSquarePng(request, saved);
    });

    test('pressing Continue/Save while still cropping saves the framing the user sees (issue 12)', async ({ page, request }) => {
      await saveAvatar(page, 'rocket.jpg'); // so the photo below is a change (the same picture again keeps the URL)
      await page.goto(authentikPage.url);
      const stage = page.locator(authentikPage.stage);
      const before = await avatarOfMe(page);
      await field(stage).getByRole('button', { name: 'Change avatar' }).click();
      await field(stage).locator('avatar-cropper input[type="file"]').setInputFiles(FIXTURES + 'hubble_deep_field.jpg');
      await expect(field(stage).locator('avatar-cropper').getByRole('button', { name: 'Confirm' })).toBeEnabled();
      await submit(stage);
      await expectSquarePng(request, await nextAvatar(page, before));
    });

    test('after Confirm, focus is on the named "Change avatar" button, never <body> (issue 12)', async ({ page }) => {
      await page.goto(authentikPage.url);
      const stage = page.locator(authentikPage.stage);
      await cropPhoto(stage, 'rocket.jpg');
      await expect(field(stage).getByRole('button', { name: 'Change avatar' })).toBeFocused();
      expect(await page.evaluate(() => document.activeElement?.localName)).not.toBe('body');
    });
  });
}

test('4. after Save on user settings the field says plainly that the new avatar was saved, beside authentik\'s toast', async ({ page, request }) => {
  await page.goto(settingsPage.url);
  const stage = page.locator(settingsPage.stage);
  const before = await avatarOfMe(page);
  await cropPhoto(stage, 'astronaut.png');
  await submit(stage);
  const saved = await nextAvatar(page, before);
  await expect(page.locator('main > ak-message-container, body > ak-message-container')).toContainText('Successfully updated details');
  await expect(field(stage).getByRole('status')).toContainText('Saved: this is your new avatar');
  await expect(field(stage).locator('img')).toHaveAttribute('src', saved);
  await expectSquarePng(request, saved);
});

test('authentik\'s own authorization policy refusing a username change fails the save after ours passed: the alert says why and the current avatar still serves', async ({ page, request }) => {
  const current = await saveAvatar(page, 'retina.jpg');
  await page.goto(settingsPage.url);
  const stage = page.locator(settingsPage.stage);
  await stage.locator('input[name="username"]').fill('someone-else');
  await cropPhoto(stage, 'rocket.jpg');
  await submit(stage);
  await expect(alertOf(stage)).toHaveText('Not allowed to change username.');
  expect(await avatarOfMe(page)).toBe(current);
  await expectSquarePng(request, current);
});

import { expect, test } from '@playwright/test';
import { authentikPages, fillEnrollment } from './authentik-steps.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

for (const authentikPage of authentikPages) {
  test(`${authentikPage.name} on a 390x844 touch phone: every control of the avatar field is at least 44 px`, async ({ page }) => {
    await page.goto(authentikPage.url);
    if (!authentikPage.loggedIn) await fillEnrollment(page.locator(authentikPage.stage), `phone-${Date.now()}`);
    const field = page.locator(`${authentikPage.stage} authentik-avatar-field`);
    await expect(field).toBeVisible();
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    const buttons = field.locator('[part="field"] .actions button');
    await expect(buttons.first()).toBeVisible();
    for (const button of await buttons.all()) {
      const box = (await button.boundingBox())!;
      expect(Math.min(box.width, box.height), await button.textContent() ?? '').toBeGreaterThanOrEqual(44);
    }
    const fieldBox = (await field.boundingBox())!;
    expect(fieldBox.x + fieldBox.width).toBeLessThanOrEqual(390); // nothing to scroll sideways
  });
}

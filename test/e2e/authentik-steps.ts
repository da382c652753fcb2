import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { FIXTURES } from '../support/fixtures.ts';
import { pngDimensions } from './png.ts';

export interface AuthentikPage {
  name: string;
  url: string;
  /** The stage element holding authentik's form. */
  stage: string;
  /** Whether a user is logged in (settings) or not (enrollment). */
  loggedIn: boolean;
}

/** The settings flow our blueprint creates and points the default brand at. */
export const SETTINGS_FLOW = '/if/flow/authentik-avatars-user-settings/';

// Playwright's CSS pierces open shadow roots; the chains follow the DOM measured on authentik 2026.5.
export const authentikPages: AuthentikPage[] = [
  { name: 'authentik 2026.x flow page', url: SETTINGS_FLOW, stage: 'ak-drawer#flow-drawer ak-flow-executor#interface-root ak-stage-prompt', loggedIn: true },
  { name: 'authentik 2024.12 flow page', url: `${SETTINGS_FLOW}?v=2024.12`, stage: 'ak-flow-executor[version="2024.12"] ak-stage-prompt', loggedIn: true },
  { name: 'authentik user settings page', url: '/if/user/#/settings', stage: 'ak-interface-user ak-user-settings ak-tabs ak-user-settings-flow-executor ak-user-stage-prompt', loggedIn: true },
  { name: 'authentik enrollment flow', url: '/if/flow/default-enrollment-flow/', stage: 'ak-drawer#flow-drawer ak-flow-executor ak-stage-prompt', loggedIn: false },
];

export const isSettingsPage = (authentikPage: AuthentikPage) => authentikPage.url.startsWith('/if/user/');

/** Picks a real photo in the bridge's cropper and confirms the default square. */
export async function cropPhoto(stage: Locator, photo: string): Promise<void> {
  const field = stage.locator('authentik-avatar-field');
  await field.getByRole('button', { name: 'Change avatar' }).click();
  await field.locator('avatar-cropper input[type="file"]').setInputFiles(FIXTURES + photo);
  await field.locator('avatar-cropper').getByRole('button', { name: 'Confirm' }).click();
  await expect(field.getByRole('status')).toContainText('New avatar');
}

/**
 * The example enrollment flow's two pages as on a real authentik 2026.5 (username and password, then
 * name and email), then on to the avatar page our enrollment blueprint binds after them.
 */
export async function fillEnrollment(stage: Locator, username: string): Promise<void> {
  await stage.locator('input[name="username"]').fill(username);
  await stage.locator('input[name="password"]').fill('a-long-enough-password-1');
  await stage.locator('input[name="password_repeat"]').fill('a-long-enough-password-1');
  await submit(stage);
  await stage.locator('input[name="name"]').fill('New Person');
  await stage.locator('input[name="email"]').fill(`${username}@example.org`);
  await submit(stage);
  await expect(stage.locator('input[name="attributes.avatar"]')).toBeAttached();
}

/** authentik's submit button: "Continue" on flow pages, "Save" on user settings. */
export async function submit(stage: Locator): Promise<void> {
  await stage.getByRole('button', { name: /^(Continue|Save)$/ }).click();
}

/** authentik's red alert: `p.pf-c-alert__title` (2026.x) or `h4.pf-c-alert__title` (2024.12) in the form. */
export const alertOf = (stage: Locator) => stage.locator('.pf-c-alert.pf-m-danger .pf-c-alert__title');

/** The avatar authentik reports for the logged-in user, through its own API (session cookie); '' when nobody is logged in. */
export async function avatarOfMe(page: Page): Promise<string> {
  const response = await page.request.get('/api/v3/core/users/me/');
  if (response.status() === 403) return '';
  expect(response.status()).toBe(200);
  return ((await response.json()) as { user: { avatar: string } }).user.avatar;
}

export async function expectSquarePng(request: APIRequestContext, url: string): Promise<void> {
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/avatars\/[a-f0-9]{32}\.png$/);
  const response = await request.get(url);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
  expect(pngDimensions(await response.body())).toEqual({ width: 1024, height: 1024 });
}

/** Waits until authentik reports a different avatar than `before` and returns it. */
export async function nextAvatar(page: Page, before: string): Promise<string> {
  let avatar = '';
  await expect
    .poll(async () => {
      avatar = await avatarOfMe(page);
      return avatar !== '' && avatar !== before;
    }, { timeout: 20_000 })
    .toBe(true);
  return avatar;
}

/**
 * A completed flow on a flow page redirects to the user interface, as authentik does; on user settings
 * the page stays and authentik's header keeps the old avatar, so open the page again.
 */
export async function settle(page: Page, authentikPage: AuthentikPage): Promise<void> {
  if (authentikPage.url.startsWith('/if/flow/')) await page.waitForURL(/\/if\/user\//);
  else await page.reload();
}

/** The avatar in authentik's header (ak-nav-buttons). */
export const headerAvatar = (page: Page) => page.locator('ak-interface-user ak-nav-buttons img');

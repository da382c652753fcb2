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

export const authentikPages: AuthentikPage[] = [
  { name: 'authentik 2026.x flow page', url: '/if/flow/default-user-settings-flow/', stage: 'ak-flow-executor > ak-stage-prompt', loggedIn: true },
  { name: 'authentik 2024.12 flow page', url: '/if/flow/default-user-settings-flow/?v=2024.12', stage: 'ak-stage-prompt', loggedIn: true },
  { name: 'authentik user settings page', url: '/if/user/#/settings', stage: 'ak-user-stage-prompt', loggedIn: true },
  { name: 'authentik enrollment flow', url: '/if/flow/default-enrollment-flow/', stage: 'ak-flow-executor > ak-stage-prompt', loggedIn: false },
];

/** Picks a real photo in the bridge's cropper and confirms the default square. */
export async function cropPhoto(stage: Locator, photo: string): Promise<void> {
  const field = stage.locator('authentik-avatar-field');
  await field.getByRole('button', { name: 'Change avatar' }).click();
  await field.locator('avatar-cropper input[type="file"]').setInputFiles(FIXTURES + photo);
  await field.locator('avatar-cropper').getByRole('button', { name: 'Confirm' }).click();
  await expect(field.getByRole('status')).toContainText('New avatar');
}

/** Fills what enrollment needs besides the avatar. */
export async function fillEnrollment(stage: Locator, username: string): Promise<void> {
  await stage.locator('input[name="username"]').fill(username);
  await stage.locator('input[name="name"]').fill('New Person');
  await stage.locator('input[name="email"]').fill(`${username}@example.org`);
}

export async function submit(stage: Locator): Promise<void> {
  await stage.getByRole('button', { name: 'Continue' }).click();
}

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

/** A completed flow on a flow page redirects to the user interface, as authentik does; wait for it. */
export async function settle(page: Page, authentikPage: AuthentikPage): Promise<void> {
  if (authentikPage.url.startsWith('/if/flow/')) await page.waitForURL(/\/if\/user\//);
}

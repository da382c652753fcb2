/**
 * Remembers what the last submit asked for, across authentik re-creating the stage, so the next field
 * can say whether it was saved. Also tells authentik to refresh: `ak-refresh` on window is the event
 * authentik's context controllers listen to (web/src/common/constants.ts EVENT_REFRESH). In 2026.x the
 * session (and so the header avatar, ak-nav-buttons) does not subscribe to it, so the field says plainly
 * that the rest of the page shows the new picture after a reload.
 */
let before: string | null = null;

/** A submit with a new or removed avatar, while authentik showed `avatarBefore`. */
export function rememberSubmission(avatarBefore: string): void {
  before = avatarBefore;
}

/** Whether the last remembered submit changed the avatar authentik reports now (asked once). */
export function takeSavedSubmission(avatarNow: string): boolean {
  const last = before;
  before = null;
  if (last === null || last === avatarNow) return false;
  window.dispatchEvent(new CustomEvent('ak-refresh'));
  return true;
}

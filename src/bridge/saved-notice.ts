/**
 * Remembers what the last submit asked for, across authentik re-creating the stage, so the next field
 * can say whether it was saved. Also tells authentik to refresh: `ak-refresh` on window is the event
 * authentik's context controllers listen to (web/src/common/constants.ts EVENT_REFRESH). In 2026.x the
 * session (and so the header avatar, ak-nav-buttons) does not subscribe to it, so the field says plainly
 * that the rest of the page shows the new picture after a reload.
 */
export type Submitted = 'upload' | 'remove';

let pending: { kind: Submitted; before: string } | null = null;

export function rememberSubmission(kind: Submitted, before: string): void {
  pending = { kind, before };
}

/** What the last submit saved, given the avatar authentik reports now; null when nothing changed. */
export function takeSavedSubmission(avatarNow: string): Submitted | null {
  const last = pending;
  pending = null;
  if (!last || last.before === avatarNow) return null;
  window.dispatchEvent(new CustomEvent('ak-refresh'));
  return last.kind;
}

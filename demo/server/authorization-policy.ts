import type { PolicyUser } from './python-policy.ts';

/** The tenant settings authentik's authorization policy reads (`default_user_change_*`). */
export interface ChangeRights {
  name: boolean;
  email: boolean;
  username: boolean;
}

/**
 * authentik's `default-user-settings-authorization` expression policy (blueprints/default/
 * flow-default-user-settings-flow.yaml), which runs beside ours on the settings prompt stage:
 * a change the tenant forbids fails the stage, in authentik's order and words.
 */
export function authorizationMessages(user: PolicyUser, prompt: Record<string, unknown>, rights: ChangeRights): string[] {
  if (!rights.email && prompt.email !== user.email) return ['Not allowed to change email address.'];
  if (!rights.name && prompt.name !== user.name) return ['Not allowed to change name.'];
  if (!rights.username && prompt.username !== user.username) return ['Not allowed to change username.'];
  return [];
}

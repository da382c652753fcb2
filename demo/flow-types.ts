/**
 * The flow executor's JSON, typed with authentik's own client models (`@goauthentik/api`), so a field
 * authentik does not send is a type error. The wire format is snake_case; the models are camelCase
 * and come with authentik's own converters.
 */
// Model by model: the package's index pulls in every API client (2 MB in the demo bundle).
import { AccessDeniedChallengeFromJSON, AccessDeniedChallengeToJSON, type AccessDeniedChallenge } from '@goauthentik/api/dist/esm/models/AccessDeniedChallenge.js';
import { PromptChallengeFromJSON, PromptChallengeToJSON, type PromptChallenge } from '@goauthentik/api/dist/esm/models/PromptChallenge.js';
import { RedirectChallengeFromJSON, RedirectChallengeToJSON, type RedirectChallenge } from '@goauthentik/api/dist/esm/models/RedirectChallenge.js';
import type { StagePrompt } from '@goauthentik/api/dist/esm/models/StagePrompt.js';

export type { ErrorDetail, StagePrompt } from '@goauthentik/api';
export { PromptTypeEnum } from '@goauthentik/api/dist/esm/models/PromptTypeEnum.js';

export type Challenge =
  | (PromptChallenge & { component: 'ak-stage-prompt' })
  | (RedirectChallenge & { component: 'xak-flow-redirect' })
  | (AccessDeniedChallenge & { component: 'ak-stage-access-denied' });

export type PromptField = StagePrompt;

export function challengeToJson(challenge: Challenge): unknown {
  if (challenge.component === 'ak-stage-prompt') return PromptChallengeToJSON(challenge);
  if (challenge.component === 'xak-flow-redirect') return RedirectChallengeToJSON(challenge);
  return AccessDeniedChallengeToJSON(challenge);
}

export function challengeFromJson(json: { component?: unknown }): Challenge {
  if (json.component === 'ak-stage-prompt') return { ...PromptChallengeFromJSON(json), component: 'ak-stage-prompt' };
  if (json.component === 'xak-flow-redirect') return { ...RedirectChallengeFromJSON(json), component: 'xak-flow-redirect' };
  return { ...AccessDeniedChallengeFromJSON(json), component: 'ak-stage-access-denied' };
}

/**
 * The flow executor's JSON, typed with authentik's own client models (`@goauthentik/api`), so a field
 * authentik does not send is a type error. The wire format is snake_case; the models are camelCase
 * and come with authentik's own converters.
 */
import {
  AccessDeniedChallengeFromJSON,
  AccessDeniedChallengeToJSON,
  PromptChallengeFromJSON,
  PromptChallengeToJSON,
  RedirectChallengeFromJSON,
  RedirectChallengeToJSON,
  type AccessDeniedChallenge,
  type PromptChallenge,
  type RedirectChallenge,
  type StagePrompt,
} from '@goauthentik/api';

export type { ErrorDetail, StagePrompt } from '@goauthentik/api';
export { PromptTypeEnum } from '@goauthentik/api';

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

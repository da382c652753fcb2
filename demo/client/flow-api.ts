/** The slice of authentik's flow executor API the prompt stage uses. */
import type { PromptChallengeResponseRequest } from '@goauthentik/api';
import { challengeFromJson, type Challenge } from '../flow-types.ts';

export type { Challenge, PromptField } from '../flow-types.ts';

function csrfToken(): string {
  const cookie = document.cookie.split('; ').find((pair) => pair.startsWith('authentik_csrf='));
  return cookie?.slice('authentik_csrf='.length) ?? '';
}

function executorUrl(slug: string): string {
  return `/api/v3/flows/executor/${slug}/?query=${encodeURIComponent(location.search.slice(1))}`;
}

export async function getChallenge(slug: string): Promise<Challenge> {
  const response = await fetch(executorUrl(slug), { headers: { accept: 'application/json' } });
  return challengeFromJson(await response.json());
}

export async function submitChallenge(slug: string, payload: PromptChallengeResponseRequest): Promise<Challenge> {
  const response = await fetch(executorUrl(slug), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-authentik-CSRF': csrfToken() },
    body: JSON.stringify(payload),
  });
  return challengeFromJson(await response.json());
}

/** What authentik's prompt stage does on submit: FormData of its own form, every Blob read as a data URI. */
export async function formToPayload(form: HTMLFormElement, component: string): Promise<PromptChallengeResponseRequest> {
  const payload: PromptChallengeResponseRequest = { component };
  for (const [key, value] of new FormData(form).entries()) {
    payload[key] =
      value instanceof Blob
        ? await new Promise<string>((resolve, reject) => {
            const reader = new FileReader();
            reader.onload = () => resolve(reader.result as string);
            reader.onerror = () => reject(reader.error);
            reader.readAsDataURL(value);
          })
        : value;
  }
  return payload;
}

import type { PromptChallengeResponseRequest } from '@goauthentik/api';
import { h, shadow } from './dom.ts';
import { formToPayload, type Challenge } from './flow-api.ts';
import { renderActions, renderAlerts, renderField, type Variant } from './prompt-markup.ts';
import { stageStyles } from './stage-styles.ts';

export interface StageHost {
  submit(payload: PromptChallengeResponseRequest): Promise<void>;
}

type PromptChallenge = Extract<Challenge, { component: 'ak-stage-prompt' }>;

/**
 * authentik's prompt stage: an element with its own (delegatesFocus) shadow root holding the form;
 * on 2026.x the form is slotted into `ak-flow-card`. Submitting builds the payload from the form
 * (authentik's listener is on the form, bubbling). A fresh element is created for every challenge.
 */
export class AkStagePrompt extends HTMLElement {
  challenge!: PromptChallenge;
  host!: StageHost;
  protected variant(): Variant {
    const executor = (this.getRootNode() as ShadowRoot).host;
    return executor?.getAttribute('version')?.startsWith('2024') ? 'legacy' : 'flow';
  }

  connectedCallback(): void {
    if (this.shadowRoot) return;
    const variant = this.variant();
    const root = shadow(this, stageStyles, { mode: 'open', delegatesFocus: true });
    const fields = [...this.challenge.fields].sort((a, b) => a.order - b.order).map((field) => renderField(field, variant));
    const form = h('form', { class: 'pf-c-form' }, ...fields, renderAlerts(this.challenge.responseErrors?.non_field_errors ?? [], variant), renderActions(variant)) as HTMLFormElement;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      await this.host.submit(await formToPayload(form, 'ak-stage-prompt'));
    });
    const title = this.challenge.flowInfo?.title ?? '';
    if (variant === 'legacy') root.append(h('header', { class: 'pf-c-login__main-header' }, h('h1', { class: 'pf-c-title pf-m-3xl' }, title)), h('div', { class: 'pf-c-login__main-body' }, form));
    else root.append(h('ak-flow-card', { heading: variant === 'settings' ? undefined : title }, form));
  }
}

/** User settings' stage: `ak-form-element-horizontal` fields and a Save button. */
export class AkUserStagePrompt extends AkStagePrompt {
  protected override variant(): Variant {
    return 'settings';
  }
}

import type { PromptChallengeResponseRequest } from '@goauthentik/api';
import type { AkStagePrompt } from './ak-stage-prompt.ts';
import { h, shadow } from './dom.ts';
import { getChallenge, submitChallenge, type Challenge } from './flow-api.ts';

/**
 * The flow executor of `/if/flow/<slug>/`. Its stage lives in its SHADOW root in both versions:
 * 2026.x `body > ak-drawer#flow-drawer > ak-flow-executor#interface-root.pf-c-login{shadow} >
 * main.pf-c-login__main > ak-stage-prompt` (and `ak-flow-advance` on window after each challenge);
 * 2024.12 (`version="2024.12"`) has no drawer and no `ak-flow-advance`; its stage sits in the
 * executor's shadow root too, with the form directly in the stage's shadow root (no ak-flow-card).
 * Every challenge gets a brand-new stage element; a completed flow redirects the browser.
 */
export class AkFlowExecutor extends HTMLElement {
  get slug(): string {
    return this.getAttribute('slug') ?? '';
  }

  get legacy(): boolean {
    return (this.getAttribute('version') ?? '').startsWith('2024');
  }

  protected stageTag = 'ak-stage-prompt';
  #container!: ParentNode;

  connectedCallback(): void {
    if (this.shadowRoot) return;
    const root = shadow(this, ':host{display:block} main{display:block}');
    this.#container = root.appendChild(h('main', { class: 'pf-c-login__main' }));
    void this.load();
  }

  protected get container(): ParentNode {
    return this.#container;
  }

  async load(): Promise<void> {
    this.render(await getChallenge(this.slug));
  }

  async submit(payload: PromptChallengeResponseRequest): Promise<void> {
    this.container.replaceChildren(h('div', { class: 'pf-c-empty-state' }, 'Loading…'));
    this.render(await submitChallenge(this.slug, payload));
  }

  protected completed(challenge: Extract<Challenge, { component: 'xak-flow-redirect' }>): void {
    window.location.assign(challenge.to);
  }

  render(challenge: Challenge): void {
    if (challenge.component === 'xak-flow-redirect') return this.completed(challenge);
    if (challenge.component !== 'ak-stage-prompt') {
      this.container.replaceChildren(h('p', {}, challenge.errorMessage ?? 'Access denied.'));
      return;
    }
    const stage = document.createElement(this.stageTag) as AkStagePrompt;
    stage.challenge = challenge;
    stage.host = this;
    this.container.replaceChildren(stage);
    if (!this.legacy) window.dispatchEvent(new CustomEvent('ak-flow-advance'));
  }
}

/** 2026.x: the drawer the flow executor is slotted into. */
export class AkDrawer extends HTMLElement {
  connectedCallback(): void {
    if (!this.shadowRoot) shadow(this, ':host{display:block}').append(h('div', { class: 'pf-c-drawer__content' }, h('slot')));
  }
}

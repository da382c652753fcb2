import { getChallenge, submitChallenge, type Challenge } from './flow-api.ts';
import type { AkStagePrompt } from './ak-stage-prompt.ts';

const loading = () => Object.assign(document.createElement('div'), { className: 'pf-c-empty-state', textContent: 'Loading…' });

/**
 * The flow executor of `/if/flow/<slug>/`, in the DOM shape of an authentik version:
 * - `version="2024.12"`: the stage is rendered inside the executor's shadow root;
 * - `version="2026.2"` (default): the stage is rendered into the executor's light DOM, and
 *   `ak-flow-advance` is dispatched on window after each load and submit.
 * Every challenge gets a brand-new stage element; a completed flow redirects the browser.
 */
export class AkFlowExecutor extends HTMLElement {
  get slug(): string {
    return this.getAttribute('slug') ?? 'default-user-settings-flow';
  }

  get legacy(): boolean {
    return (this.getAttribute('version') ?? '2026.2').startsWith('2024');
  }

  get container(): ParentNode {
    return this.legacy ? this.shadowRoot! : this;
  }

  connectedCallback(): void {
    if (this.legacy && !this.shadowRoot) this.attachShadow({ mode: 'open' });
    void this.load();
  }

  async load(): Promise<void> {
    this.render(await getChallenge(this.slug));
  }

  async submit(payload: Record<string, unknown>): Promise<void> {
    this.container.replaceChildren(loading());
    this.render(await submitChallenge(this.slug, payload));
  }

  protected stageTag = 'ak-stage-prompt';

  protected completed(challenge: Extract<Challenge, { component: 'xak-flow-redirect' }>): void {
    window.location.assign(challenge.to);
  }

  render(challenge: Challenge): void {
    if (challenge.component === 'xak-flow-redirect') return this.completed(challenge);
    if (challenge.component !== 'ak-stage-prompt') {
      this.container.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Access denied.' }));
      return;
    }
    const stage = document.createElement(this.stageTag) as AkStagePrompt;
    stage.challenge = challenge;
    stage.host = this;
    this.container.replaceChildren(stage);
    if (!this.legacy) window.dispatchEvent(new CustomEvent('ak-flow-advance'));
  }
}

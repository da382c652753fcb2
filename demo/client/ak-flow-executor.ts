import { getChallenge, submitChallenge, type Challenge } from './flow-api.ts';
import { AkStagePrompt } from './ak-stage-prompt.ts';

/**
 * The flow executor, in the DOM shape of a given authentik version:
 * - `version="2024.12"`: the stage is rendered inside the executor's shadow root;
 * - `version="2026.2"` (default): the stage is rendered into the executor's light DOM and
 *   `ak-flow-advance` is dispatched on window after each load and submit.
 * Every challenge gets a brand-new stage element.
 */
export class AkFlowExecutor extends HTMLElement {
  get slug(): string {
    return this.getAttribute('slug') ?? 'default-user-settings-flow';
  }

  get legacy(): boolean {
    return (this.getAttribute('version') ?? '2026.2').startsWith('2024');
  }

  connectedCallback(): void {
    if (this.legacy && !this.shadowRoot) this.attachShadow({ mode: 'open' });
    void this.load();
  }

  async load(): Promise<void> {
    this.render(await getChallenge(this.slug));
  }

  async submit(payload: Record<string, unknown>): Promise<void> {
    const container = this.legacy ? this.shadowRoot! : this;
    container.replaceChildren(Object.assign(document.createElement('div'), { className: 'pf-c-empty-state', textContent: 'Loading…' }));
    const next = await submitChallenge(this.slug, payload);
    if (next.component === 'xak-flow-redirect') {
      this.dispatchEvent(new CustomEvent('demo-flow-completed', { bubbles: true, composed: true }));
      return this.load();
    }
    this.render(next);
  }

  render(challenge: Challenge): void {
    if (challenge.component !== 'ak-stage-prompt') return;
    const stage = document.createElement('ak-stage-prompt') as AkStagePrompt;
    stage.challenge = challenge;
    stage.host = this;
    (this.legacy ? this.shadowRoot! : this).replaceChildren(stage);
    if (!this.legacy) window.dispatchEvent(new CustomEvent('ak-flow-advance'));
  }
}

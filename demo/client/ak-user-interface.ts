import { AkFlowExecutor } from './ak-flow-executor.ts';
import { AkStagePrompt } from './ak-stage-prompt.ts';
import { stageStyles } from './stage-styles.ts';

/** `/if/user/#/settings`: the settings flow runs inside the user interface, several shadow roots deep. */
export class AkUserSettingsFlowExecutor extends AkFlowExecutor {
  override get legacy(): boolean {
    return true; // always renders into its own shadow root
  }

  protected override stageTag = 'ak-user-stage-prompt';

  /** Completing the settings flow shows a success alert and starts the flow again with a fresh stage. */
  protected override completed(): void {
    this.dispatchEvent(new CustomEvent('demo-flow-completed', { bubbles: true, composed: true }));
    void this.load().then(() => {
      const alert = Object.assign(document.createElement('div'), { className: 'pf-c-alert pf-m-success', textContent: 'Successfully updated details' });
      alert.setAttribute('role', 'status');
      this.shadowRoot!.prepend(alert);
    });
  }
}

export class AkUserStagePrompt extends AkStagePrompt {}

export class AkUserSettings extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    this.attachShadow({ mode: 'open' }).innerHTML = `<style>${stageStyles}</style>
      <section class="pf-c-card"><h2 class="pf-c-title">Settings</h2>
      <ak-user-settings-flow-executor slug="default-user-settings-flow"></ak-user-settings-flow-executor></section>`;
  }
}

export class AkInterfaceUser extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    this.attachShadow({ mode: 'open' }).innerHTML = `<style>:host{display:block} header{display:flex;gap:1rem;align-items:center;margin-bottom:1rem}</style>
      <header><demo-user-card></demo-user-card><span>User interface</span></header>
      <ak-user-settings></ak-user-settings>`;
  }
}

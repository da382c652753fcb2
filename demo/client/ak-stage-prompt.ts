import { formToPayload, type Challenge, type PromptField } from './flow-api.ts';
import { stageStyles } from './stage-styles.ts';

export interface StageHost {
  submit(payload: Record<string, unknown>): Promise<void>;
}

type PromptChallenge = Extract<Challenge, { component: 'ak-stage-prompt' }>;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function renderField(field: PromptField): string {
  const id = `field-${field.field_key}`;
  const name = escape(field.field_key);
  const help = field.sub_text ? `<p class="pf-c-form__helper-text">${escape(field.sub_text)}</p>` : '';
  if (field.type === 'checkbox') {
    return `<div class="pf-c-form__group"><div class="pf-c-check">
      <input type="checkbox" class="pf-c-check__input" id="${id}" name="${name}">
      <label class="pf-c-check__label" for="${id}">${escape(field.label)}</label></div>${help}</div>`;
  }
  const type = field.type === 'file' ? 'file' : field.type === 'email' ? 'email' : 'text';
  const value = type !== 'file' && field.initial_value ? ` value="${escape(field.initial_value)}"` : '';
  return `<div class="pf-c-form__group">
    <label class="pf-c-form__label" for="${id}"><span class="pf-c-form__label-text">${escape(field.label)}</span></label>
    <input type="${type}" id="${id}" name="${name}" class="pf-c-form-control" placeholder="${escape(field.placeholder)}"${value}${field.required ? ' required' : ''}>
    ${help}</div>`;
}

/**
 * authentik's prompt stage: an element with its own (delegatesFocus) shadow root holding a <form>.
 * A fresh element is created for every challenge, like authentik does.
 */
export class AkStagePrompt extends HTMLElement {
  challenge!: PromptChallenge;
  host!: StageHost;

  connectedCallback(): void {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open', delegatesFocus: true });
    const errors = this.challenge.response_errors?.non_field_errors ?? [];
    const alerts = errors
      .map((error) => `<div class="pf-c-form__alert"><div class="pf-c-alert pf-m-inline pf-m-danger"><h4 class="pf-c-alert__title">${escape(error.string)}</h4></div></div>`)
      .join('');
    const fields = [...this.challenge.fields].sort((a, b) => a.order - b.order).map(renderField).join('');
    root.innerHTML = `<style>${stageStyles}</style>
      <header class="pf-c-login__main-header"><h1 class="pf-c-title pf-m-3xl">${escape(this.challenge.flow_info?.title ?? '')}</h1></header>
      <div class="pf-c-login__main-body"><form class="pf-c-form">${fields}${alerts}
        <div class="pf-c-form__group pf-m-action"><button type="submit" class="pf-c-button pf-m-primary pf-m-block">Continue</button></div>
      </form></div>`;
    const form = root.querySelector('form')!;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      await this.host.submit(await formToPayload(form, 'ak-stage-prompt'));
    });
  }
}

import { PromptTypeEnum, type ErrorDetail, type PromptField } from '../flow-types.ts';
import { h } from './dom.ts';

/**
 * The prompt stage's form markup as each authentik page renders it (web/src/flow/stages/prompt/
 * PromptStage.ts and web/src/user/user-settings/details/stages/prompt/PromptStage.ts at 2026.5 and
 * 2024.12, and the measured DOM in shared/notes/authentik.md):
 * - `flow` (2026.x flow page): fields in `div.pf-c-form__group`, input `#field-<key>`;
 * - `legacy` (2024.12 flow page): fields in `ak-form-element.pf-c-form__group`, input without id;
 * - `settings` (user settings): fields in `ak-form-element-horizontal[name]`, label and input slotted.
 * Checkboxes: `div.pf-c-check > input#<key> + label[for=<key>] + p` on flow pages; on user settings
 * the input has no id and its label's `for` points at nothing.
 */
export type Variant = 'flow' | 'legacy' | 'settings';

const inputTypes: Partial<Record<string, string>> = { [PromptTypeEnum.File]: 'file', [PromptTypeEnum.Email]: 'email', [PromptTypeEnum.Password]: 'password' };
const inputType = (type: string) => inputTypes[type] ?? 'text';

function input(field: PromptField, variant: Variant): HTMLElement {
  if (field.type === PromptTypeEnum.Checkbox) {
    return h('input', { type: 'checkbox', class: 'pf-c-check__input', name: field.fieldKey, style: 'vertical-align: bottom', required: field.required });
  }
  const type = inputType(field.type);
  return h('input', {
    type,
    id: variant === 'legacy' ? undefined : `field-${field.fieldKey}`,
    name: field.fieldKey,
    class: 'pf-c-form-control',
    placeholder: field.placeholder,
    autocomplete: 'off',
    value: type !== 'file' ? field.initialValue || undefined : undefined,
    required: field.required,
  });
}

const helper = (field: PromptField) => (field.subText ? h('p', { class: 'pf-c-form__helper-text' }, field.subText) : null);

export function renderField(field: PromptField, variant: Variant): HTMLElement {
  if (variant === 'settings') {
    return h(
      'ak-form-element-horizontal',
      { name: field.fieldKey, required: field.required },
      h('label', { slot: 'label', class: 'pf-c-form__group-label', for: `field-${field.fieldKey}` }, field.label),
      input(field, variant),
      helper(field),
    );
  }
  if (field.type === PromptTypeEnum.Checkbox) {
    return h(
      'div',
      { class: 'pf-c-check' },
      h('input', { type: 'checkbox', class: 'pf-c-check__input', id: field.fieldKey, name: field.fieldKey, required: field.required }),
      h('label', { class: 'pf-c-check__label', for: field.fieldKey }, field.label),
      h('p', { class: 'pf-c-form__helper-text' }, field.subText),
    );
  }
  if (variant === 'legacy') return h('ak-form-element', { label: field.label, class: 'pf-c-form__group', required: field.required }, input(field, variant), helper(field));
  return h('div', { class: 'pf-c-form__group' }, h('label', { class: 'pf-c-form__label', for: `field-${field.fieldKey}` }, h('span', { class: 'pf-c-form__label-text' }, field.label)), input(field, variant), helper(field));
}

/** Non-field errors: `p.pf-c-alert__title` in a `role=alert` box (2026.x), `h4.pf-c-alert__title` (2024.12). */
export function renderAlerts(errors: ErrorDetail[], variant: Variant): HTMLElement | null {
  if (!errors.length) return null;
  const title = variant === 'legacy' ? 'h4' : 'p';
  return h('div', { class: 'pf-c-form__alert' }, ...errors.map((error) => h('div', { class: 'pf-c-alert pf-m-inline pf-m-danger', role: variant === 'legacy' ? undefined : 'alert' }, h(title, { class: 'pf-c-alert__title' }, error.string))));
}

export function renderActions(variant: Variant): HTMLElement {
  if (variant === 'settings') {
    return h('div', { class: 'pf-c-form__group pf-m-action' }, h('div', { class: 'pf-c-form__actions' }, h('button', { name: 'continue', type: 'submit', class: 'pf-c-button pf-m-primary' }, 'Save')));
  }
  return h('fieldset', { class: 'pf-c-form__group pf-m-action' }, h('legend', { class: 'sr-only' }, 'Form actions'), h('button', { name: 'continue', type: 'submit', class: 'pf-c-button pf-m-primary pf-m-block' }, 'Continue'));
}

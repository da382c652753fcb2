import type { AuthentikAvatarField } from './avatar-field.ts';
import type { BridgeConfig } from './config.ts';

const enhanced = new WeakSet<HTMLInputElement>();

/** The element to hide for a prompt: its PatternFly form group, or the input itself. */
const groupOf = (input: HTMLElement) => input.closest<HTMLElement>('.pf-c-form__group') ?? input;

/**
 * Puts the avatar field in front of one authentik avatar input. The input (and the reset checkbox)
 * stay in the form, hidden, and stay the source of truth: the field only ever writes into them.
 */
export function enhanceInput(input: HTMLInputElement, config: BridgeConfig): void {
  if (enhanced.has(input)) return;
  enhanced.add(input);

  const reset = input.form?.querySelector<HTMLInputElement>(`input[type="checkbox"][name="${CSS.escape(config.resetField)}"]`) ?? null;
  const field = document.createElement('authentik-avatar-field') as AuthentikAvatarField;
  field.config = config;
  field.input = input;
  field.reset = reset;

  input.insertAdjacentElement('beforebegin', field);
  input.style.display = 'none';
  input.dataset.avatarsEnhanced = '';
  if (reset && groupOf(reset) !== groupOf(input)) groupOf(reset).style.display = 'none';
}

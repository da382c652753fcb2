import type { AuthentikAvatarField } from './avatar-field.ts';
import type { BridgeConfig } from './config.ts';

const enhanced = new WeakSet<HTMLInputElement>();

/**
 * The theme authentik forces on its interface, if any (`data-theme` on the root element in recent
 * versions, the `pf-theme-dark` class in older ones); otherwise the field follows prefers-color-scheme.
 */
function authentikTheme(): 'light' | 'dark' | '' {
  const root = document.documentElement;
  const theme = root.dataset.theme;
  if (theme === 'light' || theme === 'dark') return theme;
  return root.classList.contains('pf-theme-dark') ? 'dark' : '';
}

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
  const theme = authentikTheme();
  if (theme) field.setAttribute('theme', theme);

  input.insertAdjacentElement('beforebegin', field);
  input.style.display = 'none';
  input.dataset.avatarsEnhanced = '';
  if (reset && groupOf(reset) !== groupOf(input)) groupOf(reset).style.display = 'none';
}

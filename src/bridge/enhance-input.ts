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

/**
 * The element holding a prompt's input, label and helper text, per authentik's markup: the
 * `ak-form-element-horizontal` of user settings, the `div.pf-c-check` of a flow page's checkbox, the
 * `.pf-c-form__group` (or 2024.x `ak-form-element`) of other prompts; else the input itself.
 */
const groupOf = (input: HTMLElement) => input.closest<HTMLElement>('ak-form-element-horizontal, ak-form-element, .pf-c-check, .pf-c-form__group') ?? input;

/** The bridge alone drives the reset checkbox: hidden with its label and text, and no click can tick it. */
function takeOverReset(reset: HTMLInputElement): void {
  const group = groupOf(reset);
  group.hidden = true;
  group.style.display = 'none';
  group.inert = true;
  reset.tabIndex = -1;
  // A click on a <label for> (or a script's click()) would toggle it; setting .checked does not click.
  reset.addEventListener('click', (event) => event.preventDefault(), true);
}

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

  // On user settings the input is slotted into ak-form-element-horizontal: the field takes its slot.
  if (input.slot) field.slot = input.slot;
  input.insertAdjacentElement('beforebegin', field);
  input.style.display = 'none';
  input.dataset.avatarsEnhanced = '';
  if (reset && groupOf(reset) !== groupOf(input)) takeOverReset(reset);
}

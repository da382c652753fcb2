import type { BridgeConfig } from './config.ts';

interface CropperElement extends HTMLElement {
  size: number;
}

const enhanced = new WeakSet<HTMLInputElement>();

/** Puts a file into authentik's own input, so authentik's submit sends it. Setting .files fires no event. */
function placeFile(input: HTMLInputElement, file: File | null): void {
  const transfer = new DataTransfer();
  if (file) transfer.items.add(file);
  input.files = transfer.files;
}

function resetCheckbox(input: HTMLInputElement, config: BridgeConfig): HTMLInputElement | null {
  return input.form?.querySelector<HTMLInputElement>(`input[type="checkbox"][name="${CSS.escape(config.resetField)}"]`) ?? null;
}

/**
 * Puts the cropper in front of one authentik avatar input. The input stays in the form and stays the
 * source of truth: the cropper only ever writes its result into it.
 */
export function enhanceInput(input: HTMLInputElement, config: BridgeConfig): void {
  if (enhanced.has(input)) return;
  enhanced.add(input);

  const cropper = document.createElement('avatar-cropper') as CropperElement;
  cropper.size = config.size;
  cropper.setAttribute('part', 'avatar-cropper');
  cropper.addEventListener('avatar-change', (event) => {
    placeFile(input, (event as CustomEvent<{ file: File }>).detail.file);
    const reset = resetCheckbox(input, config);
    if (reset) reset.checked = false;
  });
  cropper.addEventListener('avatar-clear', () => placeFile(input, null));

  input.insertAdjacentElement('beforebegin', cropper);
  input.style.display = 'none';
  input.dataset.avatarsEnhanced = '';
}

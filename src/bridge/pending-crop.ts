import type { AvatarCropper } from '../cropper/index.ts';

type Confirmable = AvatarCropper & { confirm?: () => Promise<File | null> };

/**
 * Confirms the framing the user sees, so a submit while cropping saves what they framed. Uses the
 * element's `confirm()` where it has one; otherwise presses its Confirm button and waits for the
 * outcome. Resolves to the file, or null when the crop could not be confirmed.
 */
export function confirmPendingCrop(cropper: Confirmable): Promise<File | null> {
  if (typeof cropper.confirm === 'function') return cropper.confirm().catch(() => null);
  const button = cropper.shadowRoot?.querySelector<HTMLButtonElement>('[part~="confirm-button"]');
  if (!button || button.disabled) return Promise.resolve(null);
  return new Promise((resolve) => {
    const settle = (file: File | null) => {
      cropper.removeEventListener('avatar-change', changed);
      cropper.removeEventListener('avatar-error', failed);
      resolve(file);
    };
    const changed = (event: CustomEvent<{ file: File }>) => settle(event.detail.file);
    const failed = () => settle(null);
    cropper.addEventListener('avatar-change', changed);
    cropper.addEventListener('avatar-error', failed);
    button.click();
  });
}

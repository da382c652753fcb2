import type { AvatarCropper } from '../cropper/index.ts';

/**
 * Confirms the framing the user sees, so a submit while cropping saves what they framed. Resolves to
 * the file, or null when the crop could not be confirmed (the cropper then shows its own error).
 */
export function confirmPendingCrop(cropper: AvatarCropper): Promise<File | null> {
  return cropper.confirm().catch(() => null);
}

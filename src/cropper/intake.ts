import { acceptsType } from './accepts-type.ts';
import { type DecodedImage, decodeImage } from './decode-image.ts';
import { type AvatarCropperError, toAvatarCropperError } from './errors.ts';

export interface IntakeSettings {
  accept: string;
  uploadable: string;
  maxBytes: number;
  maxPixels: number;
  /** The result's byte budget: an original offered uncropped must fit it too. */
  budget: number;
}

/** A chosen, dropped or pasted image: decoded for cropping, or refused (with an uncropped offer where that can work). */
export type Intake = { image: DecodedImage } | { error: AvatarCropperError; offer: File | null };

export async function takeImage(blob: Blob, settings: IntakeSettings): Promise<Intake> {
  const fileName = blob instanceof File ? blob.name : '';
  try {
    const { accept, maxBytes, maxPixels } = settings;
    return { image: await decodeImage(blob, { accept, fileName, maxBytes, maxPixels }) };
  } catch (thrown) {
    const error = toAvatarCropperError(thrown, 'decode-failed');
    const { code, type } = error;
    // Only a valid file this browser cannot decode (HEIC): the server decodes it. A damaged one it refuses too.
    const uploadable = code === 'unsupported-format' && type && acceptsType(settings.uploadable, type) && blob.size <= settings.budget;
    return { error, offer: uploadable ? new File([blob], fileName || 'avatar', { type }) : null };
  }
}

/** "Take a photo": `auto` on touch screens (coarse pointers), `never`, anything else always. */
export function showsCamera(setting: string): boolean {
  return setting !== 'never' && (setting !== 'auto' || matchMedia('(pointer: coarse)').matches);
}

/** Opens the file picker of the element's hidden input; with `camera`, the front camera. */
export function openChooser(input: HTMLInputElement | null, accept: string, camera: boolean): void {
  if (!input) return;
  input.accept = camera ? 'image/*' : accept;
  if (camera) input.setAttribute('capture', 'user');
  else input.removeAttribute('capture');
  input.click();
}

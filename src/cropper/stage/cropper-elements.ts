import CropperCanvas from '@cropper/element-canvas';
import CropperImage from '@cropper/element-image';
import CropperSelection from '@cropper/element-selection';

export { CropperCanvas, CropperImage, CropperSelection };

/**
 * The cropperjs 2 elements the stage is built from, each imported on its own (the `cropperjs`
 * package defines all eight when imported); `$define` skips a tag that a page has defined already.
 * No cropper-handle: cropper-canvas takes the `action` attribute of any element pressed, and the
 * handle's own look would be replaced anyway (it costs 0.4 KB of gzip).
 */
export function defineCropperElements(): void {
  for (const element of [CropperCanvas, CropperImage, CropperSelection]) element.$define();
}

import CropperCanvas from '@cropper/element-canvas';
import CropperHandle from '@cropper/element-handle';
import CropperImage from '@cropper/element-image';
import CropperSelection from '@cropper/element-selection';

export { CropperCanvas, CropperHandle, CropperImage, CropperSelection };

/**
 * The cropperjs 2 elements the stage is built from, each imported on its own (the `cropperjs`
 * package defines all eight when imported). `$define` skips a tag that a page has defined already.
 */
export function defineCropperElements(): void {
  for (const element of [CropperCanvas, CropperImage, CropperSelection, CropperHandle]) element.$define();
}

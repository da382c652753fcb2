import CropperCanvas from '@cropper/element-canvas';
import CropperImage from '@cropper/element-image';
import CropperSelection from '@cropper/element-selection';

export type { CropperCanvas, CropperImage, CropperSelection };

/**
 * Defines only the cropperjs 2 elements this component uses; importing `cropperjs` itself would
 * define all of them. Handles are plain elements with an `action` attribute (all the canvas
 * reads) and the dimming outside the selection is a box-shadow, so cropper-handle and
 * cropper-shade are not needed. Safe to call repeatedly; names already defined are left alone.
 */
export function defineCropperElements(): void {
  CropperCanvas.$define();
  CropperImage.$define();
  CropperSelection.$define();
}

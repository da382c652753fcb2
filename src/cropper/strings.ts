import type { AvatarErrorCode } from './errors.ts';

/**
 * Every piece of text the element shows or announces, in one table so that
 * other languages can be added by providing another object of this shape.
 */
export interface Strings {
  chooseImage: string;
  dropHint: string;
  preparing: string;
  saving: string;
  cropArea: string;
  imageToCrop: string;
  cropAreaHelp: string;
  zoom: string;
  confirm: string;
  cancel: string;
  preview: string;
  change: string;
  remove: string;
  retry: string;
  required: string;
  errors: Record<AvatarErrorCode, string>;
}

export const en: Strings = {
  chooseImage: 'Choose an image',
  dropHint: 'or drop or paste one here',
  preparing: 'Preparing the image…',
  saving: 'Saving…',
  cropArea: 'Crop area',
  imageToCrop: 'The image being cropped',
  cropAreaHelp:
    'Drag the square or use the arrow keys to move it (hold Shift for bigger steps). ' +
    'Press + or − to zoom, Enter to confirm and Escape to cancel.',
  zoom: 'Zoom',
  confirm: 'Confirm',
  cancel: 'Cancel',
  preview: 'New avatar preview',
  change: 'Change',
  remove: 'Remove',
  retry: 'Choose another image',
  required: 'Please choose an avatar image.',
  errors: {
    'not-an-image': 'This file is not an image.',
    'type-not-allowed': 'This kind of image is not allowed here.',
    'too-large': 'This image is too large. Please choose a smaller one.',
    'decode-failed': 'This image could not be read. It may be damaged or incomplete.',
    'unsupported-format': 'This browser cannot read this image format (for example HEIC). Please choose a JPEG or PNG.',
    'encode-failed': 'The cropped image could not be saved.',
  },
};

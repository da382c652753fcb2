import { AvatarCropperProperties } from './avatar-cropper-properties.ts';

/** `<avatar-cropper>` as a form control: its form, name and validity, as on native controls. */
export class AvatarCropperForm extends AvatarCropperProperties {
  static formAssociated = true;

  protected readonly internals = this.attachInternals();

  /** The form field name (attribute `name`); the File is submitted under it. */
  get name(): string {
    return this.getAttribute('name') ?? '';
  }

  set name(value: string) {
    this.setAttribute('name', value);
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }
}

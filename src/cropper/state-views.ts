import { html, nothing, type TemplateResult } from 'lit';
import type { AvatarCropperState } from './avatar-cropper.ts';
import { type CroppingView, renderCropping } from './cropping-view.ts';
import type { IntakeController } from './intake-controller.ts';
import { format } from './locales/index.ts';
import type { Strings } from './strings.ts';

const PERSON_ICON =
  'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 4a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7Zm0 14a8 8 0 0 1-6.2-2.9C7 15.4 9.4 14.5 12 14.5s5 .9 6.2 2.6A8 8 0 0 1 12 20Z';

/** The templates of every state but cropping (see cropping-view.ts); `data-autofocus` marks where focus goes. */
export function renderLoading(t: Strings): TemplateResult {
  return html`<div part="status" class="status" role="status" tabindex="-1" data-autofocus>
    <span class="spinner" aria-hidden="true"></span>${t.preparing}
  </div>`;
}

export interface EmptyView {
  t: Strings;
  disabled: boolean;
  camera: boolean;
  choose(): void;
  openCamera(): void;
}

export function renderEmpty({ t, disabled, camera, choose, openCamera }: EmptyView): TemplateResult {
  return html`<div part="dropzone" class="dropzone">
    <svg part="icon" class="icon" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d=${PERSON_ICON} /></svg>
    <div class="actions">
      <button type="button" part="button primary-button choose-button" class="primary" data-autofocus ?disabled=${disabled} @click=${choose}>
        ${t.chooseImage}
      </button>
      ${camera
        ? html`<button type="button" part="button camera-button" class="secondary" ?disabled=${disabled} @click=${openCamera}>${t.takePhoto}</button>`
        : nothing}
    </div>
    <p part="hint" class="hint">${t.dropHint}</p>
  </div>`;
}

export interface DoneView {
  t: Strings;
  disabled: boolean;
  /** The original is uploaded as it is: say so instead of showing a preview. */
  uncroppedName: string | null;
  dataUri: string;
  change(): void;
  remove(): void;
}

export function renderDone({ t, disabled, uncroppedName, dataUri, change, remove }: DoneView): TemplateResult {
  return html`<div part="result" class="result">
    ${uncroppedName !== null
      ? html`<p part="message">${format(t.uploaded, uncroppedName)}</p>`
      : html`<img part="preview" class="preview" src=${dataUri} alt=${t.preview} />`}
    <div part="actions" class="actions">
      <button type="button" part="button change-button" class="secondary" data-autofocus ?disabled=${disabled} @click=${change}>${t.change}</button>
      <button type="button" part="button remove-button" class="danger" ?disabled=${disabled} @click=${remove}>${t.remove}</button>
    </div>
  </div>`;
}

export interface ErrorView {
  t: Strings;
  disabled: boolean;
  message: string;
  /** Offer "Upload it uncropped". */
  offer: boolean;
  retry(): void;
  upload(): void;
}

export function renderError({ t, disabled, message, offer, retry, upload }: ErrorView): TemplateResult {
  return html`<div part="error" class="error" role="alert">
    <p part="message">${message}</p>
    <div part="actions" class="actions">
      <button type="button" part="button primary-button retry-button" class="primary" data-autofocus ?disabled=${disabled} @click=${retry}>${t.retry}</button>
      ${offer
        ? html`<button type="button" part="button upload-button" class="secondary" ?disabled=${disabled} @click=${upload}>${t.upload}</button>`
        : nothing}
    </div>
  </div>`;
}

export interface StateView {
  t: Strings;
  disabled: boolean;
  camera: boolean;
  intake: IntakeController;
  /** The error message. */
  error: string;
  uncroppedName: string | null;
  dataUri: string;
  remove(): void;
  retry(): void;
  cropping(): CroppingView;
}

/** The template of `state`. */
export function renderState(state: AvatarCropperState, view: StateView): TemplateResult {
  const { t, disabled, intake } = view;
  switch (state) {
    case 'loading':
      return renderLoading(t);
    case 'cropping':
      return renderCropping(view.cropping());
    case 'done':
      return renderDone({ t, disabled, uncroppedName: view.uncroppedName, dataUri: view.dataUri, change: intake.choose, remove: view.remove });
    case 'error':
      return renderError({ t, disabled, message: view.error, offer: intake.offer, retry: view.retry, upload: intake.uploadOriginal });
    default:
      return renderEmpty({ t, disabled, camera: view.camera, choose: intake.choose, openCamera: intake.openCamera });
  }
}

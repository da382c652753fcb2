import { css } from 'lit';

/**
 * Colours and sizes are custom properties (`--avatar-cropper-*`) so pages can theme the element;
 * the defaults are neutral, with a PatternFly-like blue primary button.
 */
export const styles = css`
  :host {
    --_primary: var(--avatar-cropper-primary, #0066cc);
    --_primary-hover: var(--avatar-cropper-primary-hover, #004080);
    --_on-primary: var(--avatar-cropper-on-primary, #ffffff);
    --_text: var(--avatar-cropper-text, #151515);
    --_muted: var(--avatar-cropper-muted, #6a6e73);
    --_surface: var(--avatar-cropper-surface, #ffffff);
    --_surface-alt: var(--avatar-cropper-surface-alt, #f0f0f0);
    --_border: var(--avatar-cropper-border, #d2d2d2);
    --_danger: var(--avatar-cropper-danger, #c9190b);
    --_focus: var(--avatar-cropper-focus, #0066cc);
    --_stage: var(--avatar-cropper-stage, #1f1f1f);
    --_radius: var(--avatar-cropper-radius, 3px);
    --_preview-size: var(--avatar-cropper-preview-size, 160px);
    --_preview-radius: var(--avatar-cropper-preview-radius, 4px);

    display: block;
    box-sizing: border-box;
    max-inline-size: 100%;
    color: var(--_text);
    font: inherit;
    font-size: var(--avatar-cropper-font-size, 0.875rem);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  .container {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
  }

  /* Buttons */
  button {
    font: inherit;
    min-block-size: 2.25rem;
    padding: 0.375rem 1rem;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    cursor: pointer;
    background: none;
    color: var(--_primary);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button:focus-visible,
  input:focus-visible,
  .stage:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .primary:hover:not(:disabled) {
    background: var(--_primary-hover);
  }
  .secondary {
    border-color: var(--_primary);
  }
  .secondary:hover:not(:disabled) {
    border-width: 1px;
    box-shadow: inset 0 0 0 1px var(--_primary);
  }
  .danger {
    color: var(--_danger);
  }
  .danger:hover:not(:disabled) {
    text-decoration: underline;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
  }

  /* Empty: drop zone */
  .dropzone {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.5rem;
    padding: 2rem 1rem;
    border: 2px dashed var(--_border);
    border-radius: calc(var(--_radius) * 2);
    background: var(--_surface);
    text-align: center;
  }
  :host([dragging]) .dropzone,
  :host([dragging]) .result,
  :host([dragging]) .stage {
    border-color: var(--_primary);
    background-color: var(--_surface-alt);
  }
  .icon {
    inline-size: 3rem;
    block-size: 3rem;
    color: var(--_muted);
  }
  .hint {
    margin: 0;
    color: var(--_muted);
  }

  /* Loading */
  .status {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-block-size: 8rem;
    color: var(--_muted);
    outline: none;
  }
  .spinner {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    border: 2px solid var(--_border);
    border-block-start-color: var(--_primary);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s;
    }
  }

  /* Cropping */
  .stage {
    position: relative;
    inline-size: 100%;
    aspect-ratio: 1;
    max-block-size: var(--avatar-cropper-stage-max-height, 24rem);
    border: 2px solid transparent;
    border-radius: var(--_radius);
    background: var(--_stage);
    overflow: hidden;
  }
  cropper-canvas {
    inline-size: 100%;
    block-size: 100%;
    min-inline-size: 0;
    min-block-size: 0;
  }
  /* Dims everything outside the selection (the canvas clips the shadow). */
  cropper-selection {
    box-shadow: 0 0 0 100vmax var(--avatar-cropper-shade, rgb(0 0 0 / 0.55));
  }
  .guide {
    position: absolute;
    inset: 0;
    border-radius: 50%;
    box-shadow: 0 0 0 1px rgb(255 255 255 / 0.7);
    pointer-events: none;
  }
  /* Drag handles: the cropper canvas acts on any element's action attribute. */
  .handle {
    position: absolute;
    touch-action: none;
  }
  .handle[action='move'] {
    inset: 0;
    cursor: move;
  }
  .handle[action$='-resize'] {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: -0.75rem;
  }
  .handle[action$='-resize']::after {
    content: '';
    position: absolute;
    inset: 0.4375rem;
    background: var(--avatar-cropper-selection, #ffffff);
    box-shadow: 0 0 0 1px rgb(0 0 0 / 0.4);
  }
  .handle[action^='n'] {
    top: 0;
  }
  .handle[action^='s'] {
    bottom: 0;
  }
  .handle[action$='w-resize'] {
    left: 0;
  }
  .handle[action$='e-resize'] {
    right: 0;
  }
  .handle[action='nw-resize'],
  .handle[action='se-resize'] {
    cursor: nwse-resize;
  }
  .handle[action='ne-resize'],
  .handle[action='sw-resize'] {
    cursor: nesw-resize;
  }
  .zoom {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .zoom input {
    flex: 1;
    accent-color: var(--_primary);
  }

  /* Done */
  .result {
    display: flex;
    align-items: center;
    gap: 1rem;
    flex-wrap: wrap;
    padding: 0.75rem;
    border: 2px solid transparent;
    border-radius: calc(var(--_radius) * 2);
  }
  .preview {
    display: block;
    inline-size: var(--_preview-size);
    block-size: var(--_preview-size);
    border-radius: var(--_preview-radius);
    border: 1px solid var(--_border);
    background: var(--_surface-alt);
    object-fit: cover;
  }
  .result .actions {
    flex-direction: column;
    align-items: stretch;
  }

  /* Error */
  .error {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.75rem;
    padding: 1rem;
    border-inline-start: 3px solid var(--_danger);
    background: var(--_surface-alt);
  }
  .error p {
    margin: 0;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

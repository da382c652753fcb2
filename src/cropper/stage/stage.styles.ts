import { css } from 'lit';

/**
 * The crop stage on cropperjs's elements, the previews and the zoom slider. Rules here on
 * cropper-* hosts beat the elements' own `:host` styles.
 */
export const stageStyles = css`
  .stage {
    position: relative;
    inline-size: 100%;
    aspect-ratio: 1;
    max-block-size: var(--avatar-cropper-stage-max-height, 24rem);
    border: 2px solid transparent;
    border-radius: var(--_radius);
    background: var(--avatar-cropper-stage, light-dark(#1f1f1f, #0f1012));
    overflow: hidden;
    touch-action: none;
    user-select: none;
    -webkit-user-select: none;
  }
  /* Half a handle of room on every side: a square on the image's edge keeps whole handles. The
     stage, not the canvas, clips the image and the shade. */
  cropper-canvas {
    position: absolute;
    inset: calc(var(--_handle) / 2);
    min-inline-size: 0;
    min-block-size: 0;
    overflow: visible;
  }
  cropper-image {
    left: 0;
    top: 0;
    transform-origin: 50% 50%;
  }
  /* The shadow dims everything outside the square (round with \`round\`); the stage clips it. */
  cropper-selection {
    box-shadow: 0 0 0 100vmax var(--avatar-cropper-shade, rgb(0 0 0 / 0.55));
    outline: 1px solid var(--_selection);
  }
  :host([round]) cropper-selection,
  :host([round]) .previews canvas,
  :host([round]) .preview {
    border-radius: 50%;
  }
  /* The handles are plain elements: cropper-canvas reads the \`action\` of whatever is pressed
     (the square itself has action="move"). */
  cropper-selection {
    cursor: move;
  }
  .handle {
    position: absolute;
    inline-size: var(--_handle);
    block-size: var(--_handle);
  }
  .handle::after {
    content: '';
    position: absolute;
    inset: calc(var(--_handle) / 2 - var(--_handle-mark) / 2);
    background: var(--_selection);
    box-shadow: 0 0 0 1px rgb(0 0 0 / 0.4);
    pointer-events: none;
  }
  [action^='n'].handle {
    top: calc(var(--_handle) / -2);
  }
  [action^='s'].handle {
    bottom: calc(var(--_handle) / -2);
  }
  [action^='nw'].handle,
  [action^='sw'].handle {
    left: calc(var(--_handle) / -2);
  }
  [action^='ne'].handle,
  [action^='se'].handle {
    right: calc(var(--_handle) / -2);
  }
  [action='nw-resize'].handle,
  [action='se-resize'].handle {
    cursor: nwse-resize;
  }
  [action='ne-resize'].handle,
  [action='sw-resize'].handle {
    cursor: nesw-resize;
  }

  .previews {
    display: flex;
    align-items: flex-end;
    gap: 0.5rem;
  }
  .previews canvas {
    inline-size: 128px;
    block-size: 128px;
    background: var(--_surface-alt);
    outline: 1px solid var(--_border);
  }
  .previews .small {
    inline-size: 32px;
    block-size: 32px;
  }
  .zoom {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .zoom input {
    flex: 1;
    min-block-size: 1.5rem;
    accent-color: var(--_primary);
  }

  @media (pointer: coarse) {
    :host {
      --_handle: 2.75rem;
      --_handle-mark: 0.875rem;
    }
    .zoom input {
      min-block-size: 2.75rem;
    }
  }
  /* High contrast (Windows): the shade is a box-shadow, which forced colours drop; keep it, and draw
     the square and its handles in the system's highlight colour. */
  @media (forced-colors: active) {
    cropper-selection,
    .handle::after {
      forced-color-adjust: none;
    }
    cropper-selection {
      outline: 2px solid Highlight;
    }
    .handle::after {
      background: Highlight;
      box-shadow: 0 0 0 1px Canvas;
    }
  }
`;

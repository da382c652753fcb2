import { css } from 'lit';
import { stageStyles } from './stage/stage.styles.ts';

/**
 * Colours and sizes are custom properties (`--avatar-cropper-*`, listed on the class) so pages can
 * theme the element. Each default is a light-dark() pair: `color-scheme` picks one, from
 * prefers-color-scheme or the `theme` attribute. PatternFly-like values, to sit well in authentik.
 */
export const styles = [
  css`
  :host {
    --_primary: var(--avatar-cropper-primary, light-dark(#0066cc, #73bcf7));
    --_primary-hover: var(--avatar-cropper-primary-hover, light-dark(#004080, #bee1f4));
    --_on-primary: var(--avatar-cropper-on-primary, light-dark(#fff, #151515));
    --_text: var(--avatar-cropper-text, light-dark(#151515, #e0e0e0));
    --_muted: var(--avatar-cropper-muted, light-dark(#6a6e73, #aaabac));
    --_surface: var(--avatar-cropper-surface, light-dark(#fff, #1b1d21));
    --_surface-alt: var(--avatar-cropper-surface-alt, light-dark(#f0f0f0, #26292d));
    --_border: var(--avatar-cropper-border, light-dark(#d2d2d2, #57585a));
    --_danger: var(--avatar-cropper-danger, light-dark(#c9190b, #fe7c6e));
    --_focus: var(--avatar-cropper-focus, var(--_primary));
    --_selection: var(--avatar-cropper-selection, #fff);
    --_radius: var(--avatar-cropper-radius, 3px);
    --_handle: 1.5rem;
    --_handle-mark: 0.625rem;
    color-scheme: light dark;
    display: block;
    box-sizing: border-box;
    max-inline-size: 100%;
    color: var(--_text);
    font: inherit;
    font-size: var(--avatar-cropper-font-size, 0.875rem);
    line-height: 1.5;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: inherit;
  }
  .container {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
  }
  p {
    margin: 0;
  }

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
  :focus-visible {
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
  .secondary,
  .tool {
    border-color: var(--_primary);
  }
  .secondary:hover:not(:disabled),
  .tool:hover:not(:disabled) {
    box-shadow: inset 0 0 0 1px var(--_primary);
  }
  .danger {
    color: var(--_danger);
  }
  .danger:hover:not(:disabled) {
    text-decoration: underline;
  }
  .actions,
  .tools,
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    align-items: center;
    gap: 0.5rem;
  }
  .toolbar {
    justify-content: space-between;
  }
  .tool {
    inline-size: 2.25rem;
    padding: 0;
  }
  .tool svg {
    display: block;
    margin: auto;
    inline-size: 1.25rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .rotate-right svg {
    transform: scaleX(-1);
  }

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
    color: var(--_muted);
  }

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
      animation: none;
      border-style: dotted;
    }
  }

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
    inline-size: var(--avatar-cropper-preview-size, 160px);
    block-size: var(--avatar-cropper-preview-size, 160px);
    border-radius: var(--avatar-cropper-preview-radius, 4px);
    border: 1px solid var(--_border);
    background: var(--_surface-alt);
  }
  .result .actions {
    flex-direction: column;
    align-items: stretch;
  }

  .error {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.75rem;
    padding: 1rem;
    border-inline-start: 3px solid var(--_danger);
    background: var(--_surface-alt);
  }
  .error .actions {
    justify-content: flex-start;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  /* Fingers: every target at least 44 px (WCAG 2.5.5). */
  @media (pointer: coarse) {
    button {
      min-block-size: 2.75rem;
    }
    .tool {
      inline-size: 2.75rem;
    }
  }
`,
  stageStyles,
];

/** Just enough PatternFly for the emulated stages to look and lay out like authentik's, light and dark (variables from demo.css). */
export const stageStyles = `
:host { display: block; font-family: "RedHatText", "Overpass", system-ui, sans-serif; color: var(--ak-fg, #151515); }
.pf-c-title { font-size: 1.5rem; margin: 0 0 1rem; }
.pf-c-form { display: grid; gap: 1rem; }
.pf-c-form__group { display: grid; gap: .25rem; border: 0; padding: 0; margin: 0; }
.pf-c-form__label, .pf-c-form__group-label { font-weight: 600; font-size: .875rem; }
.pf-c-form-control { font: inherit; padding: .375rem .5rem; border: 1px solid var(--ak-border, #8a8d90); background: var(--ak-input-bg, #fff); color: inherit; }
.pf-c-form__helper-text { font-size: .875rem; color: var(--ak-muted, #4f5255); margin: 0; }
.pf-c-check { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.pf-c-button { font: inherit; min-height: 2.25rem; padding: .375rem 1rem; border: 0; border-radius: 3px; cursor: pointer; }
.pf-c-button.pf-m-primary { background: #0066cc; color: #fff; }
.pf-c-button.pf-m-block { width: 100%; }
.pf-c-alert { border-top: 2px solid #c9190b; padding: .75rem 1rem; background: var(--ak-danger-bg, #faeae8); }
.pf-c-alert__title { margin: 0; font-size: .875rem; color: var(--ak-danger-fg, #7d1007); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

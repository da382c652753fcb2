/** Just enough PatternFly for the emulated stages to look and lay out like authentik's. */
export const stageStyles = `
:host { display: block; font-family: "RedHatText", "Overpass", system-ui, sans-serif; color: var(--ak-fg, #151515); }
.pf-c-login__main-header { margin-bottom: 1rem; }
.pf-c-title { font-size: 1.5rem; margin: 0; }
.pf-c-form { display: grid; gap: 1rem; }
.pf-c-form__group { display: grid; gap: .25rem; }
.pf-c-form__label { font-weight: 600; font-size: .875rem; }
.pf-c-form-control { font: inherit; padding: .375rem .5rem; border: 1px solid #8a8d90; border-bottom-color: #6a6e73; background: var(--ak-input-bg, #fff); color: inherit; }
.pf-c-form__helper-text { font-size: .875rem; color: #6a6e73; }
.pf-c-check { display: flex; gap: .5rem; align-items: center; }
.pf-c-button { font: inherit; padding: .375rem 1rem; border: 0; border-radius: 3px; cursor: pointer; }
.pf-c-button.pf-m-primary { background: #06c; color: #fff; }
.pf-c-button.pf-m-block { width: 100%; }
.pf-c-alert { border-top: 2px solid; padding: .75rem 1rem; background: #faeae8; }
.pf-c-alert.pf-m-danger { border-color: #c9190b; }
.pf-c-alert.pf-m-success { border-color: #3e8635; background: #f3faf2; margin-bottom: 1rem; }
.pf-c-card { display: block; }
.pf-c-alert__title { margin: 0; font-size: .875rem; color: #7d1007; }
`;

import { h, shadow } from './dom.ts';

/** 2026.x: `ak-flow-card` shows the flow's title and slots the stage's form. */
export class AkFlowCard extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    const heading = this.getAttribute('heading');
    shadow(this, ':host{display:block} h1{font-size:1.5rem;margin:0 0 1rem}').append(
      heading ? h('header', { class: 'pf-c-login__main-header' }, h('h1', { class: 'pf-c-title pf-m-3xl' }, heading)) : '',
      h('div', { class: 'pf-c-login__main-body' }, h('slot')),
    );
  }
}

/** 2024.12 flow pages: `ak-form-element` renders its label and slots the input. */
export class AkFormElement extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    shadow(this, ':host{display:grid;gap:.25rem} label{font-weight:600;font-size:.875rem}').append(
      h('label', { class: 'pf-c-form__label' }, this.getAttribute('label') ?? ''),
      h('slot'),
    );
  }
}

/** User settings: `ak-form-element-horizontal` slots its label (`slot=label`) and input; its group lives in its shadow root. */
export class AkFormElementHorizontal extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    shadow(this, ':host{display:block} .pf-c-form__group{display:grid;grid-template-columns:10rem 1fr;gap:.5rem 1rem;align-items:start} @media (max-width:40rem){.pf-c-form__group{grid-template-columns:1fr}}').append(
      h('div', { class: 'pf-c-form__group' }, h('div', { class: 'pf-c-form__group-label' }, h('slot', { name: 'label' })), h('div', { class: 'pf-c-form__group-control' }, h('slot'))),
    );
  }
}

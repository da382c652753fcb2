import { AkFlowExecutor } from './ak-flow-executor.ts';
import { h, shadow } from './dom.ts';
import { stageStyles } from './stage-styles.ts';

/**
 * `/if/user/#/settings` as measured on 2026.5: `ak-interface-user{shadow} > ... > ak-router-outlet >
 * ak-user-settings{shadow} > ak-tabs{shadow} > div#page-details[slot] > ak-user-settings-flow-executor
 * {shadow} > div.pf-c-card > div.pf-c-card__body > ak-user-stage-prompt`. The executor runs the brand's
 * settings flow; when it completes it starts again with a fresh stage and a "Successfully updated
 * details" toast. The header avatar (ak-nav-buttons) keeps what it loaded: authentik does not refresh it.
 */
export class AkUserSettingsFlowExecutor extends AkFlowExecutor {
  override get legacy(): boolean {
    return true; // the stage goes straight into this element's own shadow root (inside the card below)
  }

  protected override stageTag = 'ak-user-stage-prompt';
  #body: HTMLElement | null = null;

  override connectedCallback(): void {
    if (this.shadowRoot) return;
    this.#body = h('div', { class: 'pf-c-card__body' });
    shadow(this, ':host{display:block}').append(h('div', { class: 'pf-c-card' }, this.#body));
    void fetch('/api/v3/core/brands/current/')
      .then((response) => response.json() as Promise<{ flow_user_settings?: string }>)
      .then((brand) => {
        this.setAttribute('slug', brand.flow_user_settings ?? '');
        return this.load();
      });
  }

  protected override get container(): ParentNode {
    return this.#body!;
  }

  protected override completed(): void {
    void this.load().then(() => this.dispatchEvent(new CustomEvent('demo-toast', { detail: 'Successfully updated details', bubbles: true, composed: true })));
  }
}

export class AkTabs extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    shadow(this, ':host{display:block} [role=tablist]{display:flex;gap:1rem;border-bottom:1px solid var(--ak-border);margin-bottom:1rem} button{font:inherit;background:none;border:0;border-bottom:3px solid #0066cc;color:inherit;padding:.5rem 0}').append(
      h('div', { role: 'tablist' }, h('button', { role: 'tab', 'aria-selected': 'true', type: 'button' }, 'Details')),
      h('div', { role: 'tabpanel' }, h('slot', { name: 'page-details' })),
    );
  }
}

export class AkUserSettings extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    shadow(this, stageStyles).append(
      h('h1', { class: 'pf-c-title' }, 'User Settings'),
      h('ak-tabs', {}, h('div', { id: 'page-details', slot: 'page-details' }, h('ak-user-settings-flow-executor'))),
    );
  }
}

/** The header's avatar, from users/me once, like authentik's ak-nav-buttons. */
export class AkNavButtons extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    const root = shadow(this, ':host{display:flex;align-items:center;gap:.5rem} img{width:2.25rem;height:2.25rem;border-radius:50%;object-fit:cover}');
    void fetch('/api/v3/core/users/me/').then(async (response) => {
      if (!response.ok) return;
      const { user } = (await response.json()) as { user: { username: string; avatar: string } };
      root.append(h('div', { class: 'pf-c-avatar', 'aria-hidden': 'true' }, h('img', { src: user.avatar, alt: 'Avatar image' })), h('span', {}, user.username));
    });
  }
}

export class AkInterfaceUser extends HTMLElement {
  connectedCallback(): void {
    if (this.shadowRoot) return;
    const root = shadow(this, `:host{display:block} header{display:flex;justify-content:space-between;align-items:center;margin-bottom:1rem}`);
    root.append(
      h('header', { class: 'pf-c-page__header' }, h('span', {}, 'authentik'), h('ak-nav-buttons')),
      h('ak-router-outlet', {}, h('ak-user-settings')),
    );
    this.addEventListener('demo-toast', (event) => {
      const container = this.ownerDocument.querySelector<AkMessageContainer>('ak-message-container');
      container?.show((event as CustomEvent<string>).detail);
    });
  }
}

/**
 * authentik's toasts: like `if/user.html` (2024.12 and 2026.x), the container is a light-DOM sibling
 * of `ak-interface-user` in the page, not inside the interface's shadow root.
 */
export class AkMessageContainer extends HTMLElement {
  #toasts = h('ul', { class: 'pf-c-alert-group pf-m-toast' });

  connectedCallback(): void {
    if (this.shadowRoot) return;
    this.setAttribute('role', 'status');
    const root = shadow(this, `:host{display:block} .pf-m-toast{list-style:none;margin:0 0 1rem;padding:0}
      .pf-c-alert{border-top:2px solid #3e8635;background:var(--ak-success-bg);padding:.75rem 1rem}
      .pf-c-alert__title{margin:0;font-size:.875rem;color:var(--ak-success-fg)}`);
    root.append(this.#toasts);
  }

  show(text: string): void {
    this.#toasts.replaceChildren(h('li', { class: 'pf-c-alert-group__item' }, h('div', { class: 'pf-c-alert pf-m-success' }, h('p', { class: 'pf-c-alert__title' }, text))));
  }
}

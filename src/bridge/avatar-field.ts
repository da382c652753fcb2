import { css, html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import type { AvatarCropper } from '../cropper/index.ts';
import { currentUser, type CurrentUser } from './authentik-user.ts';
import type { BridgeConfig } from './config.ts';
import { fallbackCandidates, type Person } from './fallback-avatar.ts';
import { isOwnAvatar } from './own-avatar.ts';
import { confirmPendingCrop } from './pending-crop.ts';
import { rememberSubmission, takeSavedSubmission } from './saved-notice.ts';
import { stringsFor, type BridgeStrings } from './strings.ts';

type Mode = 'current' | 'editing' | 'pending' | 'removed';

/** Puts a file into authentik's own input, so authentik's submit sends it. Setting .files fires no event. */
function placeFile(input: HTMLInputElement, file: File | null): void {
  const transfer = new DataTransfer();
  if (file) transfer.items.add(file);
  input.files = transfer.files;
}

/**
 * The avatar control shown in place of authentik's File prompt: the avatar others see now, Change
 * (the cropper), Remove (drives authentik's reset checkbox) and Undo. authentik's input and checkbox
 * stay in the form as the source of truth; this element only writes into them.
 */
export class AuthentikAvatarField extends LitElement {
  static override properties: PropertyDeclarations = {
    _mode: { state: true },
    _preview: { state: true },
    _user: { state: true },
    _own: { state: true },
    _saved: { state: true },
  };

  static override styles = css`
    :host { display: block; color-scheme: light dark; --_fg: light-dark(#151515, #e0e0e0); --_muted: light-dark(#6a6e73, #aaabac); --_border: light-dark(#d2d2d2, #444548); --_primary: light-dark(#06c, #73bcf7); color: var(--_fg); }
    :host([theme='light']) { color-scheme: light; }
    :host([theme='dark']) { color-scheme: dark; }
    .field { display: flex; gap: 1rem; align-items: center; }
    img { width: 96px; height: 96px; border-radius: 50%; object-fit: cover; background: var(--_border); flex: none; }
    p { margin: 0 0 .5rem; font-size: .875rem; color: var(--_muted); }
    .actions { display: flex; flex-wrap: wrap; gap: .5rem; }
    button { font: inherit; min-height: 36px; padding: .375rem 1rem; border-radius: 3px; cursor: pointer; border: 1px solid var(--_primary); background: transparent; color: var(--_primary); }
    button:focus-visible { outline: 2px solid var(--_primary); outline-offset: 2px; }
    button.link { border-color: transparent; }
    @media (pointer: coarse) { button { min-height: 44px; min-width: 44px; } }
    avatar-cropper { margin-top: 1rem; }
    [hidden] { display: none !important; }
  `;

  config!: BridgeConfig;
  input!: HTMLInputElement;
  reset: HTMLInputElement | null = null;

  declare private _mode: Mode;
  declare private _preview: string;
  declare private _user: CurrentUser | null;
  /** Whether what authentik shows now is the user's own picture (not a fallback): only then Remove. */
  declare private _own: boolean;
  /** Whether the last submit on this page changed the avatar (authentik did not reload the page). */
  declare private _saved: boolean;
  #candidates: string[] = [];
  #form: HTMLFormElement | null = null;
  #confirming = false;
  #strings: BridgeStrings = stringsFor('en');

  constructor() {
    super();
    this._mode = 'current';
    this._preview = '';
    this._user = null;
    this._own = false;
    this._saved = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#strings = stringsFor(this.config.lang);
    // Capture phase on the form's root: runs before authentik's own submit listener on the form.
    this.#form = this.input.form;
    this.#form?.getRootNode().addEventListener('submit', this.#beforeSubmit, true);
    void this.#showCurrent();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#form?.getRootNode().removeEventListener('submit', this.#beforeSubmit, true);
    this.#form = null;
  }

  /** A submit while cropping saves the framing the user sees: confirm it first, then submit again. */
  #beforeSubmit = (event: Event): void => {
    const form = this.#form;
    if (!form || event.target !== form) return;
    const cropper = this.#cropper;
    if (this.#confirming || (this._mode === 'editing' && cropper?.state === 'cropping')) {
      event.preventDefault();
      event.stopImmediatePropagation();
      if (this.#confirming || !cropper) return; // a second press while confirming submits once
      this.#confirming = true;
      const submitter = (event as SubmitEvent).submitter;
      void confirmPendingCrop(cropper).then((file) => {
        this.#confirming = false;
        // Not confirmed: the cropper shows its own error; nothing is submitted without the user.
        if (file && this._mode === 'pending') form.requestSubmit(submitter && submitter.isConnected ? submitter : null);
        else cropper.focus();
      });
      return;
    }
    if (this._mode === 'pending' || this._mode === 'removed') rememberSubmission(this._user?.avatar ?? '');
  };

  get #cropper(): AvatarCropper | null {
    return this.renderRoot.querySelector('avatar-cropper');
  }

  /** Enrollment has no user yet: the person is whoever the form describes. */
  #person(): Person {
    if (this._user) return this._user;
    const value = (name: string) => this.input.form?.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.value ?? '';
    return { username: value('username'), name: value('name'), email: value('email') };
  }

  async #showFallback(): Promise<void> {
    this.#candidates = await fallbackCandidates(this.config.fallback, this.#person());
    this._preview = this.#candidates.shift() ?? '';
  }

  async #showCurrent(): Promise<void> {
    const user = await currentUser();
    this._user = user;
    if (!user) return this.#showFallback();
    this._preview = user.avatar;
    this._own = isOwnAvatar(user.avatar, this.config.avatarBase, await fallbackCandidates(this.config.fallback, user));
    this._saved = takeSavedSubmission(user.avatar);
  }

  /** A fallback that does not exist (gravatar's 404) gives way to the next mode, as in authentik. */
  #nextCandidate(): void {
    const next = this.#candidates.shift();
    if (next) this._preview = next;
  }

  #change(): void {
    this._mode = 'editing';
    this._saved = false;
    void this.updateComplete.then(() => this.#cropper?.focus());
  }

  #cropped(event: CustomEvent<{ file: File; dataUri: string }>): void {
    placeFile(this.input, event.detail.file);
    if (this.reset) this.reset.checked = false;
    this._preview = event.detail.dataUri;
    this._mode = 'pending';
    // The cropper (and its focused Confirm button) is hidden now: focus must not fall to <body>.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('button[data-action="change"]')?.focus());
  }

  /** Drops any cropped file from authentik's input and sets its reset checkbox. */
  #discardCrop(resetChecked: boolean): void {
    placeFile(this.input, null);
    this.#cropper?.clear();
    if (this.reset) this.reset.checked = resetChecked;
  }

  #remove(): void {
    this._saved = false;
    this.#discardCrop(true);
    this._mode = 'removed';
    void this.#showFallback();
  }

  #undo(): void {
    this.#discardCrop(false);
    this._mode = 'current';
    void this.#showCurrent();
  }

  #status(): string {
    const s = this.#strings;
    if (this._mode === 'pending') return s.pending;
    if (this._mode === 'removed') return s.removed;
    if (this._saved) return s.saved;
    return this._own ? s.current : s.none;
  }

  override render() {
    const s = this.#strings;
    const editing = this._mode === 'editing';
    // Remove only ever removes an own picture; dropping a new crop is Undo.
    const canRemove = this.reset !== null && this._own && (this._mode === 'current' || this._mode === 'pending');
    return html`
      <div class="field" part="field">
        ${this._preview ? html`<img part="avatar" src=${this._preview} alt=${s.avatarOf} @error=${this.#nextCandidate} />` : html`<img part="avatar" alt=${s.avatarOf} />`}
        <div>
          <p role="status" aria-live="polite">${this.#status()}</p>
          <div class="actions">
            ${editing ? html`<button type="button" class="link" @click=${this.#undo}>${s.close}</button>` : html`<button type="button" data-action="change" @click=${this.#change}>${s.change}</button>`}
            ${canRemove && !editing ? html`<button type="button" @click=${this.#remove}>${s.remove}</button>` : nothing}
            ${this._mode === 'pending' || this._mode === 'removed' ? html`<button type="button" class="link" @click=${this.#undo}>${s.undo}</button>` : nothing}
          </div>
        </div>
      </div>
      <avatar-cropper ?hidden=${!editing} round lang=${this.config.lang} theme=${this.getAttribute('theme') ?? nothing} .size=${this.config.size} @avatar-change=${this.#cropped}></avatar-cropper>
    `;
  }
}

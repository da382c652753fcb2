/** The bridge's settings, read from data attributes on its own <script> tag. */
export interface BridgeConfig {
  /** Field key of authentik's File prompt (`data-avatar-field`). */
  avatarField: string;
  /** Field key of authentik's Checkbox prompt that removes the avatar (`data-reset-field`). */
  resetField: string;
  /**
   * What authentik shows when the avatar attribute is empty: the rest of the admin's `avatars`
   * setting after `attributes.avatar`, e.g. `initials`, `gravatar,initials` or
   * `https://avatars.example.org/identicon/%(mail_hash)s.png` (`data-fallback`).
   */
  fallback: string[];
  /** Pixel size of the cropped image handed to authentik (`data-size`). */
  size: number;
  /** Language of the bridge's own text; default: the page's `lang` (`data-lang`). */
  lang: string;
  /**
   * Where this endpoint serves avatars (`<public URL>/avatars/`): an avatar under it is the user's own
   * upload. From `data-avatars-url` (the endpoint's public URL), else from where the bridge was loaded.
   */
  avatarBase: string;
}

export const defaults: BridgeConfig = {
  avatarField: 'attributes.avatar',
  resetField: 'attributes.avatar_reset',
  fallback: ['initials'],
  size: 1024,
  lang: '',
  avatarBase: '/avatars/',
};

/** `<endpoint>/avatars/`, from the endpoint's public URL or else the URL the bridge was loaded from. */
export function avatarBaseOf(publicUrl: string | undefined, scriptUrl: string): string {
  if (!publicUrl) return new URL('avatars/', scriptUrl).href; // resolving drops the file name
  return new URL('avatars/', new URL(publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`, location.href)).href;
}

export function readConfig(script: HTMLScriptElement | null): BridgeConfig {
  const data: DOMStringMap = script?.dataset ?? {};
  const size = Number(data.size);
  return {
    avatarField: data.avatarField || defaults.avatarField,
    resetField: data.resetField || defaults.resetField,
    // Like authentik's setting: comma-separated, and no whitespace stripping is needed here either.
    fallback: data.fallback ? data.fallback.split(',').map((mode) => mode.trim()).filter(Boolean) : defaults.fallback,
    size: Number.isInteger(size) && size >= 64 && size <= 4096 ? size : defaults.size,
    lang: data.lang || document.documentElement.lang || navigator.language,
    avatarBase: avatarBaseOf(data.avatarsUrl, script?.src || location.href),
  };
}

/** The bridge's settings, read from data attributes on its own <script> tag. */
export interface BridgeConfig {
  /** Field key of authentik's File prompt. */
  avatarField: string;
  /** Field key of authentik's Checkbox prompt that removes the avatar. */
  resetField: string;
  /** Pixel size of the cropped image handed to authentik. */
  size: number;
}

export const defaults: BridgeConfig = {
  avatarField: 'attributes.avatar',
  resetField: 'attributes.avatar_reset',
  size: 1024,
};

export function readConfig(script: HTMLScriptElement | null): BridgeConfig {
  const data: DOMStringMap = script?.dataset ?? {};
  const size = Number(data.size);
  return {
    avatarField: data.avatarField || defaults.avatarField,
    resetField: data.resetField || defaults.resetField,
    size: Number.isInteger(size) && size >= 64 ? size : defaults.size,
  };
}

import '../cropper/index.ts';
import { AuthentikAvatarField } from './avatar-field.ts';
import { readConfig } from './config.ts';
import { deepQueryAll } from './deep-query.ts';
import { enhanceInput } from './enhance-input.ts';
import { watch } from './watch.ts';

/**
 * The authentik bridge: finds authentik's avatar File prompt wherever it is rendered and puts the
 * cropper in front of it. If anything here fails, authentik's own input keeps working untouched.
 */
if (!customElements.get('authentik-avatar-field')) customElements.define('authentik-avatar-field', AuthentikAvatarField);

// Module scripts have no document.currentScript: find our own tag by its resolved URL.
const ownScript = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].find((script) => script.src === import.meta.url) ?? null;
const config = readConfig(ownScript);
const selector = `input[type="file"][name="${CSS.escape(config.avatarField)}"]`;

function scan(): void {
  for (const input of deepQueryAll<HTMLInputElement>(document, selector)) {
    try {
      enhanceInput(input, config);
    } catch (error) {
      console.warn('authentik-avatars: left the avatar field as it was', error);
    }
  }
}

watch(scan);

import { h } from './dom.ts';

/** The languages the bridge and the cropper speak. */
const languages: Record<string, string> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', it: 'Italiano', nl: 'Nederlands', 'pt-BR': 'Português (Brasil)', 'zh-Hans': '中文（简体）', ja: '日本語' };

/** The page's language from `?lang=` (authentik sets `lang` from the user's locale). Runs before the bridge reads it. */
export function applyPageLanguage(): void {
  const wanted = new URLSearchParams(location.search).get('lang');
  if (wanted && Object.hasOwn(languages, wanted)) document.documentElement.lang = wanted;
}

/** A labelled language menu; choosing reloads the page in that language. */
export class DemoLangSwitch extends HTMLElement {
  connectedCallback(): void {
    if (this.firstChild) return;
    const select = h('select', { id: 'demo-lang' }, ...Object.entries(languages).map(([tag, name]) => h('option', { value: tag, lang: tag, selected: document.documentElement.lang === tag }, name))) as HTMLSelectElement;
    select.addEventListener('change', () => {
      const url = new URL(location.href);
      url.searchParams.set('lang', select.value);
      location.assign(url);
    });
    this.append(h('label', { for: 'demo-lang' }, 'Language'), select);
  }
}

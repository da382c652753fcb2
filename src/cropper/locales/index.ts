import type { Strings } from '../strings.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';
import { ja } from './ja.ts';
import { nl } from './nl.ts';
import { ptBR } from './pt-BR.ts';
import { zhHans } from './zh-Hans.ts';

/** Every table, by BCP 47 tag. */
export const locales: Record<string, Strings> = { en, de, fr, es, it, nl, 'pt-BR': ptBR, 'zh-Hans': zhHans, ja };

/**
 * The table for a language tag, matched by its primary subtag: every `pt-*` gets pt-BR, every
 * `zh-*` (also zh-TW) gets zh-Hans, anything unknown English.
 */
export function localeOf(lang: string): string {
  const primary = lang.toLowerCase().split('-')[0];
  return Object.keys(locales).find((tag) => tag.toLowerCase().split('-')[0] === primary) ?? 'en';
}

/** The `lang` of the nearest element that has one, looking past shadow roots to their hosts; else the browser's. */
export function nearestLang(element: Element): string {
  for (let node: Element | undefined = element; node; node = (node.getRootNode() as ShadowRoot).host) {
    const lang = node.closest('[lang]')?.getAttribute('lang');
    if (lang) return lang;
  }
  return navigator.language;
}

/** Fills `{0}`, `{1}`… */
export function format(template: string, ...values: string[]): string {
  return template.replace(/\{(\d)\}/g, (_, index: string) => values[+index] ?? '');
}

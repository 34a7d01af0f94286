// What both pages share: the language, the API base, translated texts and a tiny element builder.
import type { Locale } from '#domain/ticket.js';
import { STRINGS, type Strings } from './i18n.js';

const STORAGE_KEY = 'router-locale';

export function meta(name: string): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';
}

/** The API base URL from the page (empty: same origin as the page). */
export const apiBase = (): string => meta('api-base').replace(/\/+$/, '');

export function initialLocale(): Locale {
  const fromQuery = new URLSearchParams(location.search).get('lang');
  if (fromQuery === 'en' || fromQuery === 'es') return fromQuery;
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'es') return stored;
  } catch {
    // Storage can be blocked; Spanish it is.
  }
  return 'es';
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Nothing to remember with.
  }
}

/** Fills every `[data-i18n="key"]` element with its text and sets the page language. */
export function applyTexts(locale: Locale, titleKey: 'documentTitle' | 'statusDocumentTitle'): Strings {
  const t = STRINGS[locale];
  document.documentElement.lang = locale;
  document.title = t[titleKey];
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = (t as unknown as Record<string, unknown>)[el.dataset.i18n ?? ''];
    if (typeof value === 'string') el.textContent = value;
  }
  const toggle = document.getElementById('lang-switch');
  if (toggle) {
    toggle.textContent = t.switchTo;
    toggle.setAttribute('aria-label', t.switchToLabel);
    toggle.setAttribute('lang', locale === 'es' ? 'en' : 'es');
  }
  return t;
}

type Child = Node | string | null | undefined | false;

/** `h('p', { class: 'x' }, 'text', h('a', { href }))`: text is always inserted as text, never as HTML. */
export function h(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

// The staff console's page shell: Spanish first with English (`?lang=en`), readable at 360 px, keyboard and
// screen-reader friendly (landmarks, a skip link, labelled controls), and a strict Content-Security-Policy: no script
// at all, and the one inline stylesheet allowed by its hash. Every value is escaped by the callers with `e`.
import { createHash } from 'node:crypto';
import type { Locale } from '#domain/ticket.js';
import { escapeHtml as e } from '../../notify/layout.js';
import type { HttpResult } from '../kit.js';
import { PAGE_SECURITY_HEADERS } from '../web.js';

export { e };

const CSS = `
:root{color-scheme:light}
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2733;background:#f7f9fb;overflow-wrap:anywhere}
a{color:#0b4f8a}a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #f2a900;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
header{background:#0b4f8a;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
header a,header button{color:#fff}header nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
header form{margin:0}header button{background:none;border:1px solid #fff;border-radius:4px;padding:.25rem .75rem;font:inherit;cursor:pointer}
.who{margin-left:auto;font-size:.9rem}
main{max-width:64rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin-top:1.5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select,textarea{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #5f6b78;border-radius:4px;background:#fff}
button,.button{font:inherit;font-weight:700;padding:.6rem 1rem;border:0;border-radius:4px;background:#0b4f8a;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
.secondary{background:#fff;color:#0b4f8a;border:1px solid #0b4f8a}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:0 .75rem;align-items:end}
.filters button{margin-top:.75rem}
.check{font-weight:400;display:flex;gap:.5rem;align-items:center}.check input{width:auto}
.error{color:#a4161a;font-weight:600}.note{background:#eef3f8;padding:.75rem;border-radius:6px}
.overdue{color:#a4161a;font-weight:700}.soon{color:#8a4b00;font-weight:700}
table{border-collapse:collapse;width:100%;background:#fff}caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #d5dce3;vertical-align:top}th{background:#eef3f8}
.actions{display:grid;gap:1rem}.actions details{background:#fff;border:1px solid #d5dce3;border-radius:6px;padding:.5rem .75rem}
.actions summary{font-weight:700;cursor:pointer}
ol.history{padding-left:1.25rem}ol.history li{margin-bottom:.5rem}
figure{margin:1rem 0;max-width:40rem}.chart{width:100%;height:auto;background:#fff}
th{overflow-wrap:normal;hyphens:auto}
@media (max-width:40rem){
 table.cards thead{position:absolute;left:-999px}
 table.cards tr{display:block;border-bottom:2px solid #d5dce3;padding:.5rem 0}
 table.cards td{display:grid;grid-template-columns:9rem 1fr;border:0;padding:.15rem .5rem}
 table.cards td::before{content:attr(data-label);font-weight:600}
 dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}
}
`;

const CSS_HASH = createHash('sha256').update(CSS).digest('base64');

/** The staff pages' policy: nothing but the inline stylesheet above, forms posting to the API itself. */
export const STAFF_CSP = `default-src 'none'; style-src 'sha256-${CSS_HASH}'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

const NAV = {
  es: {
    skip: 'Ir al contenido',
    nav: 'Consola de soporte',
    queue: 'Colas',
    search: 'Buscar',
    report: 'Informe PQRSA',
    signOut: 'Cerrar sesión',
    other: 'English',
    signedInAs: 'Sesión de',
  },
  en: {
    skip: 'Skip to content',
    nav: 'Support console',
    queue: 'Queues',
    search: 'Search',
    report: 'PQRSA report',
    signOut: 'Sign out',
    other: 'Español',
    signedInAs: 'Signed in as',
  },
} as const;

export interface StaffPage {
  readonly status?: number;
  readonly title: string;
  readonly locale: Locale;
  /** HTML fragments, already escaped. */
  readonly body: readonly string[];
  /** The signed-in session: the page shows the navigation, who is signed in and the sign-out button. */
  readonly session?: { readonly email: string; readonly csrf: string };
  /** The page's own path and query (without `lang`): the language switch links to it. */
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Set-Cookie values (API Gateway's `cookies`). */
  readonly cookies?: readonly string[];
}

/** `path` with `lang=<locale>` set (Spanish is the default and needs none). */
export function withLang(path: string, locale: Locale): string {
  const url = new URL(path, 'http://x');
  if (locale === 'es') url.searchParams.delete('lang');
  else url.searchParams.set('lang', locale);
  return `${url.pathname}${url.search}`;
}

/** A ticket's page in the console (its actions post to `<path>/<action>`). */
export const ticketPath = (id: string): string => `/staff/tickets/${encodeURIComponent(id)}`;

/** A form's hidden `lang` field: English pages keep their language across a GET form; Spanish is the default. */
export const langField = (locale: Locale): string =>
  locale === 'es' ? '' : `<input type="hidden" name="lang" value="${locale}">`;

/** 303 See Other to `location` (never cached), with any cookies to set. */
export function seeOther(location: string, cookies: readonly string[] = []): HttpResult {
  return {
    statusCode: 303,
    headers: { location, 'cache-control': 'no-store' },
    ...(cookies.length ? { cookies: [...cookies] } : {}),
    body: '',
  };
}

export function staffPage(page: StaffPage): HttpResult {
  const t = NAV[page.locale];
  const other: Locale = page.locale === 'es' ? 'en' : 'es';
  const l = (path: string) => e(withLang(path, page.locale));
  const nav = page.session
    ? `<nav aria-label="${e(t.nav)}"><ul><li><a href="${l('/staff')}">${e(t.queue)}</a></li><li><a href="${l('/staff/search')}">${e(t.search)}</a></li><li><a href="${l('/staff/reports/pqrsa')}">${e(t.report)}</a></li></ul></nav>` +
      `<span class="who">${e(t.signedInAs)} ${e(page.session.email)}</span>` +
      `<form method="post" action="${l('/staff/sign-out')}"><input type="hidden" name="csrf" value="${e(page.session.csrf)}"><button type="submit">${e(t.signOut)}</button></form>`
    : `<span>${e(t.nav)}</span>`;
  const langLink = `<a href="${e(withLang(page.path ?? '/staff', other))}" lang="${other}" hreflang="${other}">${e(t.other)}</a>`;
  const html = `<!doctype html><html lang="${page.locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${e(page.title)} · Certicámara</title><style>${CSS}</style></head><body>
<a class="skip" href="#main">${e(t.skip)}</a><header>${nav}${langLink}</header>
<main id="main" tabindex="-1"><h1>${e(page.title)}</h1>${page.body.join('')}</main></body></html>`;
  return {
    statusCode: page.status ?? 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': STAFF_CSP,
      ...PAGE_SECURITY_HEADERS,
      ...page.headers,
    },
    ...(page.cookies?.length ? { cookies: [...page.cookies] } : {}),
    body: html,
  };
}

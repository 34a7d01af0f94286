// What the console's queue, search and report pages share: the signed-in page shell, the one "not found" page (an
// unknown radicado and another queue's ticket read the same), short message pages, and the request's language.
import type { Locale } from '#domain/ticket.js';
import type { HttpEvent, HttpResult } from '../kit.js';
import { CONSOLE_TEXT } from './console-text.js';
import type { ConsoleAuth } from './deps.js';
import { e, staffPage } from './layout.js';

/** `?lang=en` for English; Spanish otherwise. */
export function consoleLocale(event: HttpEvent): Locale {
  return event.queryStringParameters?.lang === 'en' ? 'en' : 'es';
}

export interface ConsoleView {
  readonly auth: ConsoleAuth;
  readonly locale: Locale;
  /** The page's own path and query, without `lang`. */
  readonly path: string;
}

/** A console page for the signed-in person: navigation, who they are, sign-out. */
export function consolePage(
  view: ConsoleView,
  title: string,
  body: readonly string[],
  status = 200,
): HttpResult {
  const { session } = view.auth;
  return staffPage({
    status,
    title,
    locale: view.locale,
    body,
    session: { email: session.email, csrf: session.csrf },
    path: view.path,
  });
}

/** A page that says one thing (an error, most often) with the given status. */
export function messagePage(view: ConsoleView, status: number, title: string, text: string): HttpResult {
  return consolePage(view, title, [`<p class="note">${e(text)}</p>`], status);
}

/** 404: an unknown radicado, a ticket of a queue the person does not act for, or no such page. */
export function notFoundPage(view: ConsoleView): HttpResult {
  const t = CONSOLE_TEXT[view.locale];
  return messagePage({ ...view, path: '/staff' }, 404, t.notFoundTitle, t.notFound);
}

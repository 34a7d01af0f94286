// The staff console's router (the sign-in pages are wired in front of it): every page needs a signed-in session,
// without one a page sends the browser to sign in (and back), the CSV download answers 401. State-changing posts are
// forms only, at most 16 KB, carrying the session's CSRF token. Anything unknown is the one "not found" page.
import { parseRadicado } from '#domain/radicado.js';
import { type ConsoleAction, isConsoleAction } from '#domain/staff/actions.js';
import type { Locale } from '#domain/ticket.js';
import { HttpError, type HttpEvent, type HttpResult, readFormBody } from '../kit.js';
import { consoleLocale, messagePage, notFoundPage } from './console-kit.js';
import { CONSOLE_TEXT } from './console-text.js';
import type { ConsoleAuth, ConsoleDeps } from './deps.js';
import { seeOther, ticketPath, withLang } from './layout.js';
import { queuePage } from './queue-page.js';
import { reportCsvFile, reportPage } from './report-page.js';
import { searchPage } from './search-page.js';
import { csrfOk } from './session.js';
import { ticketAction, ticketPage } from './ticket-page.js';

export const MAX_FORM_BYTES = 16_384;

const TICKET = /^\/staff\/tickets\/([^/]+)$/;
const TICKET_ACTION = /^\/staff\/tickets\/([^/]+)\/([a-z-]+)$/;
const CSV_PATH = '/staff/reports/pqrsa.csv';

export function consoleHandler(deps: ConsoleDeps): (event: HttpEvent) => Promise<HttpResult> {
  return async (event) => {
    const method = event.requestContext.http.method.toUpperCase();
    const path = event.rawPath.length > 1 ? event.rawPath.replace(/\/+$/, '') : event.rawPath;
    const locale = consoleLocale(event);
    const auth = await deps.authenticate(event);
    if (!auth) return signInFirst(event, path, locale);
    const view = { auth, locale };
    const query = event.queryStringParameters ?? {};
    if (method === 'GET') {
      if (path === '/staff') return queuePage(deps, view, query);
      if (path === '/staff/search') return searchPage(deps, view, query.q);
      if (path === '/staff/reports/pqrsa') return reportPage(deps, view, query.year);
      if (path === CSV_PATH) return reportCsvFile(deps, view, query.month);
      const id = radicadoIn(TICKET.exec(path)?.[1]);
      if (id) return ticketPage(deps, auth, id, locale, query.done);
    }
    if (method === 'POST') {
      const match = TICKET_ACTION.exec(path);
      const id = radicadoIn(match?.[1]);
      const action = match?.[2];
      if (id && action && isConsoleAction(action)) return post(deps, event, auth, id, action);
    }
    return notFoundPage({ ...view, path: '/staff' });
  };
}

/** A path segment that is a well-formed radicado, decoded; undefined for anything else. */
function radicadoIn(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  return parseRadicado(id) ? id : undefined;
}

/**
 * Without a session: pages go to the sign-in page, which brings the person back to `next` (the page, or for a post
 * the ticket it was about: a form cannot be replayed); the CSV, fetched by a download, answers 401.
 */
function signInFirst(event: HttpEvent, path: string, locale: Locale): HttpResult {
  if (path === CSV_PATH) {
    return {
      statusCode: 401,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      body:
        locale === 'es' ? 'Inicie sesión en la consola de soporte.\n' : 'Sign in to the support console.\n',
    };
  }
  const isPost = event.requestContext.http.method.toUpperCase() === 'POST';
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const back = isPost ? path.replace(/\/[^/]+$/, '') : `${path}${query}`;
  // Only a path of the console itself is kept (never `//host`): the sign-in page checks it again.
  const next = back.startsWith('/staff') && !back.startsWith('//') ? back : '/staff';
  const target = withLang(`/staff/sign-in?${new URLSearchParams({ next })}`, locale);
  return seeOther(target);
}

async function post(
  deps: ConsoleDeps,
  event: HttpEvent,
  auth: ConsoleAuth,
  id: string,
  action: ConsoleAction,
): Promise<HttpResult> {
  const queryLocale = consoleLocale(event);
  const view = { auth, locale: queryLocale, path: ticketPath(id) };
  const t = CONSOLE_TEXT[queryLocale];
  let form: URLSearchParams;
  try {
    form = readFormBody(event, MAX_FORM_BYTES);
  } catch (error) {
    const code = error instanceof HttpError ? error.errorCode : undefined;
    if (code === 'payload_too_large') return messagePage(view, 413, t.tooLargeTitle, t.tooLarge);
    return messagePage(view, code === 'unsupported_media_type' ? 415 : 400, t.badFormTitle, t.badForm);
  }
  const locale: Locale = event.queryStringParameters?.lang
    ? queryLocale
    : form.get('lang') === 'en'
      ? 'en'
      : 'es';
  if (!csrfOk(auth.session, form.get('csrf'))) {
    const text = CONSOLE_TEXT[locale];
    return messagePage({ ...view, locale }, 403, text.forbiddenTitle, text.forbidden);
  }
  return ticketAction(deps, auth, id, action, form, locale);
}

// The staff console's sign-in routes: ask for a link (GET/POST /staff/sign-in), confirm it (GET shows a page, since
// mail scanners open links; POST starts the session), and sign out. Before a session exists, a random value in a
// short-lived cookie and in each form (double submit) keeps another site from posting these forms for a browser.
import { randomBytes } from 'node:crypto';
import { ValidationError } from '#domain/errors.js';
import type { StaffDirectory } from '#domain/inbound/directory.js';
import { fieldMessage } from '#domain/intake/messages.js';
import type { Clock, LookupQueue, SignInLinks, StaffSessions } from '#domain/ports.js';
import { requestSignIn, safeStaffPath } from '#domain/staff/sign-in.js';
import type { Locale } from '#domain/ticket.js';
import { logger } from '../../logger.js';
import {
  errorResult,
  type HttpEvent,
  type HttpResult,
  json,
  mediaType,
  readFormBody,
  readJsonBody,
} from '../kit.js';
import { consoleLocale } from './console-kit.js';
import { e, seeOther, staffPage, withLang } from './layout.js';
import {
  authenticator,
  clearedSessionCookie,
  consoleCookie,
  cookieValue,
  csrfOk,
  sameSecret,
  sessionCookie,
  sessionToken,
} from './session.js';
import { SIGN_IN_TEXT } from './sign-in-text.js';

export interface SignInDeps {
  readonly lookups: Pick<LookupQueue, 'enqueueLookup'>;
  readonly directory: Pick<StaffDirectory, 'member'>;
  readonly links: SignInLinks;
  readonly sessions: StaffSessions;
  readonly clock: Clock;
  /** Whether the origin is https: cookies are then Secure and `__Host-` prefixed. */
  readonly secureCookies: boolean;
}

/** The pre-session cookie: `<csrf>` or `<csrf>.<base64url(next)>`, for an hour. */
const preName = (secure: boolean) => (secure ? '__Host-staff-signin' : 'staff-signin');
const FORM_MAX_BYTES = 8192;

interface Request {
  readonly event: HttpEvent;
  readonly locale: Locale;
  readonly pre: { readonly csrf: string; readonly next: string | undefined } | undefined;
}

/** The five routes' handlers; undefined for any other path (the console's own). */
export function signInHandlers(deps: SignInDeps): (event: HttpEvent) => Promise<HttpResult | undefined> {
  const authenticate = authenticator(deps);
  const routes: Record<string, (r: Request) => Promise<HttpResult>> = {
    'GET /staff/sign-in': async (r) =>
      form(r, deps, safeStaffPath(r.event.queryStringParameters?.next) ?? r.pre?.next),
    'POST /staff/sign-in': (r) => askForLink(r, deps),
    'GET /staff/sign-in/confirm': async (r) => confirmPage(r, deps),
    'POST /staff/sign-in/confirm': (r) => confirm(r, deps),
    'POST /staff/sign-out': async (r) => {
      const auth = await authenticate(r.event);
      if (auth && !csrfOk(auth.session, readFormBody(r.event, FORM_MAX_BYTES).get('csrf')))
        return problem(r, 403, 'formTitle', 'form');
      const token = sessionToken(r.event, deps.secureCookies);
      if (token) await deps.sessions.end(token);
      return seeOther(withLang('/staff/sign-in', r.locale), [clearedSessionCookie(deps.secureCookies)]);
    },
  };
  return async (event) => {
    const route = routes[`${event.requestContext.http.method} ${event.rawPath.replace(/\/+$/, '')}`];
    if (!route) return undefined;
    return route({ event, locale: consoleLocale(event), pre: preSession(event, deps.secureCookies) });
  };
}

function preSession(event: HttpEvent, secure: boolean): Request['pre'] {
  const [csrf, next] = (cookieValue(event, preName(secure)) ?? '').split('.');
  if (!csrf || !/^[A-Za-z0-9_-]{43}$/.test(csrf)) return undefined;
  return { csrf, next: safeStaffPath(next && Buffer.from(next, 'base64url').toString('utf8')) };
}

/** The pre-session value to put in a form, with the cookie that holds it (kept when the request had one). */
function preCookie(r: Request, secure: boolean, next = r.pre?.next): { csrf: string; cookie: string } {
  const csrf = r.pre?.csrf ?? randomBytes(32).toString('base64url');
  const value = next ? `${csrf}.${Buffer.from(next).toString('base64url')}` : csrf;
  return { csrf, cookie: consoleCookie(preName(secure), value, secure, 3600) };
}

function form(r: Request, deps: SignInDeps, next?: string, error?: string, status = 200): HttpResult {
  const t = SIGN_IN_TEXT[r.locale];
  const { csrf, cookie } = preCookie(r, deps.secureCookies, next);
  const invalid = error ? ` aria-invalid="true" aria-describedby="email-error"` : '';
  return staffPage({
    status,
    title: t.title,
    locale: r.locale,
    path: '/staff/sign-in',
    cookies: [cookie],
    body: [
      `<p>${e(t.intro)}</p>`,
      `<form method="post" action="${e(withLang('/staff/sign-in', r.locale))}" novalidate>`,
      `<input type="hidden" name="csrf" value="${e(csrf)}">`,
      `<label for="email">${e(t.email)}</label>`,
      error ? `<p class="error" id="email-error">${e(error)}</p>` : '',
      `<input id="email" name="email" type="email" autocomplete="email" required${invalid}>`,
      `<p><button type="submit">${e(t.send)}</button></p></form>`,
    ],
  });
}

/** The same 202 for every well-formed address, in the directory or not; mail goes only to a member.
 * A JSON request needs no form token: another site cannot send one without the browser asking first (CORS).
 */
async function askForLink(r: Request, deps: SignInDeps): Promise<HttpResult> {
  const isJson = mediaType(r.event) === 'application/json';
  const fields = isJson ? undefined : readFormBody(r.event, FORM_MAX_BYTES);
  if (fields && !(r.pre && sameSecret(fields.get('csrf'), r.pre.csrf)))
    return problem(r, 403, 'formTitle', 'form');
  const body = fields ? { ...emailOf(fields), locale: r.locale } : readJsonBody(r.event);
  try {
    const outcome = await requestSignIn(deps, body);
    // The outcome only: never the address.
    logger.info('staff sign-in requested', { outcome });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    if (isJson) return errorResult(error, r.locale, r.event.requestContext.requestId);
    const issue = error.fields.find((f) => f.path === 'email') ?? error.fields[0];
    return form(r, deps, r.pre?.next, issue && fieldMessage(issue, r.locale), 400);
  }
  if (isJson) return json(202, { status: 'accepted' });
  const t = SIGN_IN_TEXT[r.locale];
  return staffPage({
    status: 202,
    title: t.sentTitle,
    locale: r.locale,
    path: '/staff/sign-in',
    body: [
      `<p>${e(t.sent)}</p>`,
      `<p><a href="${e(withLang('/staff/sign-in', r.locale))}">${e(t.again)}</a></p>`,
    ],
  });
}

/** The link's page: a scanner that opens it signs nobody in; a person confirms with the button. */
function confirmPage(r: Request, deps: SignInDeps): HttpResult {
  const token = r.event.queryStringParameters?.token ?? '';
  const checked = deps.links.verify(token, deps.clock.now());
  if (!checked.ok) return linkProblem(r, checked.reason);
  const t = SIGN_IN_TEXT[r.locale];
  const { csrf, cookie } = preCookie(r, deps.secureCookies);
  return staffPage({
    title: t.confirmTitle,
    locale: r.locale,
    path: '/staff/sign-in',
    cookies: [cookie],
    headers: { 'referrer-policy': 'no-referrer' },
    body: [
      `<p>${e(t.confirm(checked.claims.email))}</p>`,
      `<form method="post" action="${e(withLang('/staff/sign-in/confirm', r.locale))}">`,
      `<input type="hidden" name="token" value="${e(token)}"><input type="hidden" name="csrf" value="${e(csrf)}">`,
      `<p><button type="submit">${e(t.confirmButton)}</button></p></form>`,
    ],
  });
}

async function confirm(r: Request, deps: SignInDeps): Promise<HttpResult> {
  const fields = readFormBody(r.event, FORM_MAX_BYTES);
  if (!(r.pre && sameSecret(fields.get('csrf'), r.pre.csrf))) return problem(r, 403, 'formTitle', 'form');
  const at = deps.clock.now();
  const checked = deps.links.verify(fields.get('token') ?? '', at);
  if (!checked.ok) return linkProblem(r, checked.reason);
  const { email, nonce, expiresAt } = checked.claims;
  // Signed when the address was a member; it may have left the directory since.
  if (!deps.directory.member(email)) return problem(r, 403, 'notStaffTitle', 'notStaff');
  const started = await deps.sessions.start(email, at, { id: nonce, expiresAt });
  if (started === 'link-used') return linkProblem(r, 'used');
  const next = safeStaffPath(fields.get('next')) ?? r.pre.next ?? '/staff';
  return seeOther(next, [
    sessionCookie(started.token, deps.secureCookies),
    consoleCookie(preName(deps.secureCookies), '', deps.secureCookies, 0),
  ]);
}

function linkProblem(r: Request, reason: 'invalid' | 'expired' | 'used'): HttpResult {
  if (reason === 'expired') return problem(r, 410, 'expiredTitle', 'expired');
  return reason === 'used'
    ? problem(r, 409, 'usedTitle', 'used')
    : problem(r, 400, 'invalidTitle', 'invalid');
}

type TextKey = {
  [K in keyof (typeof SIGN_IN_TEXT)['es']]: (typeof SIGN_IN_TEXT)['es'][K] extends string ? K : never;
}[keyof (typeof SIGN_IN_TEXT)['es']];

/** A refusal page with the way back to the sign-in form. */
function problem(r: Request, status: number, title: TextKey, text: TextKey): HttpResult {
  const t = SIGN_IN_TEXT[r.locale];
  return staffPage({
    status,
    title: t[title],
    locale: r.locale,
    path: '/staff/sign-in',
    body: [
      `<p>${e(t[text])}</p>`,
      `<p><a href="${e(withLang('/staff/sign-in', r.locale))}">${e(t.back)}</a></p>`,
    ],
  });
}

/** The form's `email`, absent when not sent (so validation names it as required). */
function emailOf(fields: URLSearchParams): { email?: string } {
  const email = fields.get('email');
  return email === null ? {} : { email };
}

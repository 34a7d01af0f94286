// The staff console's session check, behind one function (ConsoleDeps.authenticate): the cookie's opaque token,
// the session it stands for, and who its address is in the staff directory now. A Cognito authorizer could replace
// it without the pages knowing.
import type { StaffDirectory } from '#domain/inbound/directory.js';
import type { Clock, StaffSession, StaffSessions } from '#domain/ports.js';
import { sameText } from '../../adapters/hmac-tokens.js';
import { type HttpEvent, header } from '../kit.js';
import type { ConsoleAuth } from './deps.js';

/**
 * The session cookie's name: `__Host-` wherever the origin is https (the browser then insists on Secure, Path=/ and
 * no Domain); plain on the twin's http://localhost, where a Secure cookie would be dropped.
 */
export const sessionCookieName = (secure: boolean): string => (secure ? '__Host-staff' : 'staff');

/** A cookie of the console: HttpOnly, SameSite=Lax, Path=/, Secure when the origin is https. */
export function consoleCookie(name: string, value: string, secure: boolean, maxAgeSeconds?: number): string {
  const age = maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`;
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}${age}`;
}

/** No Max-Age: the cookie lasts the browser session, and the server enforces the idle and absolute timeouts. */
export function sessionCookie(token: string, secure: boolean): string {
  return consoleCookie(sessionCookieName(secure), token, secure);
}

export function clearedSessionCookie(secure: boolean): string {
  return consoleCookie(sessionCookieName(secure), '', secure, 0);
}

/** A cookie's value from API Gateway's `cookies` (or a Cookie header, as a proxy in front may pass it). */
export function cookieValue(event: HttpEvent, name: string): string | undefined {
  const pairs = event.cookies ?? (header(event, 'cookie') ?? '').split(';');
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** The session token a request carries, if any. */
export function sessionToken(event: HttpEvent, secure: boolean): string | undefined {
  return cookieValue(event, sessionCookieName(secure)) || undefined;
}

/** Two secrets compared in constant time (for equal lengths): a guess learns nothing from the timing. */
export function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  return sameText(given, expected);
}

/** Whether a state-changing form carried the session's CSRF token. */
export function csrfOk(session: Pick<StaffSession, 'csrf'>, submitted: string | null): boolean {
  return sameSecret(submitted, session.csrf);
}

export interface AuthenticatorDeps {
  readonly sessions: StaffSessions;
  readonly directory: Pick<StaffDirectory, 'member'>;
  readonly clock: Clock;
  readonly secureCookies: boolean;
}

/**
 * The signed-in session of a request and who its address is; undefined without a live session, or when the address
 * has left the directory since it signed in (its session then grants nothing).
 */
export function authenticator(
  deps: AuthenticatorDeps,
): (event: HttpEvent) => Promise<ConsoleAuth | undefined> {
  return async (event) => {
    const token = sessionToken(event, deps.secureCookies);
    if (!token) return undefined;
    const session = await deps.sessions.check(token, deps.clock.now());
    const identity = session && deps.directory.member(session.email);
    return session && identity ? { session, identity } : undefined;
  };
}

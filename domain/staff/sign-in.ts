// Passwordless sign-in to the staff console: an address of the staff directory asks for a link, receives it by mail
// (single use, 15 minutes, at most 3 an hour) and opens a session with idle and absolute timeouts. The answer to the
// request never says whether the address is staff: only a directory member's request is queued for mail.
import * as z from 'zod/mini';
import { ValidationError } from '../errors.js';
import type { StaffDirectory } from '../inbound/directory.js';
import { addressField, LOCALES, toFieldIssues } from '../intake/submission.js';
import type { Clock, LookupQueue, StaffSession } from '../ports.js';
import type { Instant } from '../time/instant.js';

/** Sign-in links: how long one works, and how many an address may ask for in an hour (its own counter). */
export const SIGN_IN = { linkTtlMs: 15 * 60_000, perAddress: 3, windowMs: 3_600_000 } as const;

/**
 * A session ends after 30 minutes without a request, or 12 hours after it started, whichever comes first; its last
 * request is written down at most once a minute, so a busy page costs one write a minute, not one per request.
 */
export const SESSION = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000, refreshMs: 60_000 } as const;

/** When a session stops working if nothing more happens: the idle limit, or the absolute one if sooner. */
export function sessionEndsAt(session: Pick<StaffSession, 'startedAt' | 'lastSeenAt'>): Instant {
  return Math.min(session.lastSeenAt + SESSION.idleMs, session.startedAt + SESSION.absoluteMs);
}

export function sessionLive(session: Pick<StaffSession, 'startedAt' | 'lastSeenAt'>, at: Instant): boolean {
  return at < sessionEndsAt(session);
}

/** Whether a request at `at` should move the session's last-seen time forward (once a minute at most). */
export function sessionNeedsRefresh(session: Pick<StaffSession, 'lastSeenAt'>, at: Instant): boolean {
  return at - session.lastSeenAt >= SESSION.refreshMs;
}

/**
 * `next` when it is a console path to come back to after signing in (`/staff` or below it, with its query), else
 * undefined: never another origin (`//host`, `/\host`), never a path outside the console.
 */
export function safeStaffPath(next: string | null | undefined): string | undefined {
  if (!next || next.length > 512) return undefined;
  return /^\/staff(?:[/?][A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*)?$/.test(next) && !next.includes('//')
    ? next
    : undefined;
}

const signInSchema = z.strictObject({
  email: addressField,
  locale: z.exactOptional(z.enum(LOCALES, { message: 'invalid_value' })),
});

export interface SignInRequestDeps {
  readonly lookups: Pick<LookupQueue, 'enqueueLookup'>;
  readonly directory: Pick<StaffDirectory, 'member'>;
  readonly clock: Clock;
}

/**
 * Validates `{ email, locale? }` and queues a sign-in link for a directory member (a person or a role mailbox);
 * anyone else is answered the same by the caller and sent nothing. Over the hourly limit, the request is dropped.
 */
export async function requestSignIn(
  deps: SignInRequestDeps,
  body: unknown,
): Promise<'queued' | 'rate-limited' | 'not-staff'> {
  const parsed = signInSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldIssues(parsed.error.issues, body));
  const email = parsed.data.email.toLowerCase();
  if (!deps.directory.member(email)) return 'not-staff';
  return deps.lookups.enqueueLookup({
    email,
    locale: parsed.data.locale ?? 'es',
    kind: 'staff-sign-in',
    at: deps.clock.now(),
  });
}

// "I lost my link": a requester asks for the status links of their open tickets by e-mail address; or, exercising
// the right to know what is held about them (Ley 1581 de 2012 art. 8 a), for a copy of every ticket of theirs that
// still holds their data (`kind: "export"`). The answer never says whether the address has tickets; the mail goes
// to the address itself (which is what verifies it), at most a few times an hour. A staff member's request for a
// console sign-in link (domain/staff/sign-in.ts) travels the same way, as its own kind.
import * as z from 'zod/mini';
import { ValidationError } from '../errors.js';
import { asDeliveryError, type DeliveryOutcome, failurePlan, noOutcomes } from '../notify/deliver.js';
import type {
  Clock,
  LookupQueue,
  MailComposer,
  Mailer,
  MailMessage,
  SignInLinks,
  TicketRepository,
} from '../ports.js';
import { SIGN_IN } from '../staff/sign-in.js';
import type { Locale } from '../ticket.js';
import { addressField, LOCALES, toFieldIssues } from './submission.js';

export const LOOKUP_LIMIT = { perAddress: 3, windowMs: 3_600_000 } as const;

/** `links`: the status links of the open tickets; `export`: a copy of every ticket that holds the address's data. */
export const REQUESTER_LOOKUP_KINDS = ['links', 'export'] as const;
/** Every kind the queue carries: a requester's, and `staff-sign-in` (never asked for through the public lookup). */
export const LOOKUP_KINDS = [...REQUESTER_LOOKUP_KINDS, 'staff-sign-in'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

const lookupSchema = z.strictObject({
  email: addressField,
  locale: z.exactOptional(z.enum(LOCALES, { message: 'invalid_value' })),
  kind: z.exactOptional(z.enum(REQUESTER_LOOKUP_KINDS, { message: 'invalid_value' })),
});

export interface LookupRequest {
  readonly id: string;
  readonly email: string;
  readonly locale: Locale;
  readonly kind: LookupKind;
  readonly requestedAt: number;
  /** Attempts made before this one, and of those, how many met a setup error of the mail service. */
  readonly attempts: number;
  readonly setupWaits: number;
}

/** Validates and queues the request; rate-limited requests are dropped silently (the caller answers 202 anyway). */
export async function requestStatusLinks(
  deps: { readonly lookups: LookupQueue; readonly clock: Clock },
  body: unknown,
): Promise<'queued' | 'rate-limited'> {
  const parsed = lookupSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldIssues(parsed.error.issues, body));
  return deps.lookups.enqueueLookup({
    email: parsed.data.email.toLowerCase(),
    locale: parsed.data.locale ?? 'es',
    kind: parsed.data.kind ?? 'links',
    at: deps.clock.now(),
  });
}

export interface LookupDeliveryDeps {
  readonly lookups: LookupQueue;
  readonly tickets: Pick<TicketRepository, 'listOpenByRequester' | 'listByRequester'>;
  /** The catalog's products: where the requester's open tickets are looked for. */
  readonly products: readonly string[];
  readonly mailer: Mailer;
  readonly composer: MailComposer;
  readonly clock: Clock;
  /** Signs staff sign-in links (issued when the mail is sent); without it a sign-in request cannot be delivered. */
  readonly signInLinks?: SignInLinks;
  /** Where the sign-in confirmation page is served (`<publicBaseUrl>/staff/sign-in/confirm`). */
  readonly publicBaseUrl?: string;
}

/**
 * Mails the status links of the address's open tickets (nothing when it has none), through the same policy as every
 * notification: claimed first (so two senders never both send), a failure retried with backoff by the redrive, or
 * parked (the request keeps the error) after a permanent failure, a defect or too many attempts.
 */
export async function deliverLookup(
  deps: LookupDeliveryDeps,
  id: string,
): Promise<DeliveryOutcome | 'nothing-to-send'> {
  const request = await deps.lookups.claimLookup(id, deps.clock.now());
  if (!request) return 'skipped';
  const message = await lookupMail(deps, request);
  if (!message) {
    await deps.lookups.completeLookup(id, deps.clock.now(), 'nothing-to-send');
    return 'nothing-to-send';
  }
  try {
    await deps.mailer.send(message);
  } catch (error) {
    const plan = failurePlan(
      asDeliveryError(error),
      request.attempts + 1,
      deps.clock.now(),
      request.setupWaits,
    );
    await deps.lookups.failLookup(id, plan.failed);
    return plan.outcome;
  }
  await deps.lookups.completeLookup(id, deps.clock.now(), 'sent');
  return 'sent';
}

/** The mail a lookup asks for, or none when the address has no ticket to tell about. */
async function lookupMail(
  deps: LookupDeliveryDeps,
  request: LookupRequest,
): Promise<MailMessage | undefined> {
  if (request.kind === 'staff-sign-in') return signInMail(deps, request);
  if (request.kind === 'export') {
    const records = await deps.tickets.listByRequester(request.email, deps.products);
    return records.length > 0 ? deps.composer.export(request, records) : undefined;
  }
  const open = await deps.tickets.listOpenByRequester(request.email, deps.products);
  return open.length > 0 ? deps.composer.lookup(request, open) : undefined;
}

/**
 * A sign-in link valid 15 minutes from this attempt (a retried mail carries a fresh one). Missing wiring is a
 * defect: the attempt fails loudly rather than completing with nothing sent.
 */
function signInMail(deps: LookupDeliveryDeps, request: LookupRequest): MailMessage {
  if (!deps.signInLinks || deps.publicBaseUrl === undefined)
    throw new Error('staff sign-in links are not configured');
  const token = deps.signInLinks.issue(request.email, deps.clock.now() + SIGN_IN.linkTtlMs);
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  return deps.composer.signIn(request, `${base}/staff/sign-in/confirm?token=${encodeURIComponent(token)}`);
}

/** Lookups whose retry is due (or whose sender died holding them), delivered in turn; counts the outcomes. */
export async function redriveLookups(
  deps: LookupDeliveryDeps,
  limit = 100,
): Promise<Record<DeliveryOutcome | 'nothing-to-send', number>> {
  const counts = { ...noOutcomes(), 'nothing-to-send': 0 };
  for (const id of await deps.lookups.listDueLookups(deps.clock.now(), limit))
    counts[await deliverLookup(deps, id)]++;
  return counts;
}

// "I lost my link": a requester asks for the status links of their open tickets by e-mail address; or, exercising
// the right to know what is held about them (Ley 1581 de 2012 art. 8 a), for a copy of every ticket of theirs that
// still holds their data (`kind: "export"`). The answer never says whether the address has tickets; the mail goes
// to the address itself (which is what verifies it), at most a few times an hour.
import * as z from 'zod/mini';
import { ValidationError } from '../errors.js';
import { asDeliveryError, type DeliveryOutcome, failurePlan, noOutcomes } from '../notify/deliver.js';
import type { Clock, LookupQueue, MailComposer, Mailer, MailMessage, TicketRepository } from '../ports.js';
import type { Locale } from '../ticket.js';
import { LIMITS, LOCALES, toFieldIssues, wellFormed } from './submission.js';

export const LOOKUP_LIMIT = { perAddress: 3, windowMs: 3_600_000 } as const;

/** `links`: the status links of the open tickets; `export`: a copy of every ticket that holds the address's data. */
export const LOOKUP_KINDS = ['links', 'export'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

const lookupSchema = z.strictObject({
  email: z.pipe(
    z
      .string({ message: 'invalid_type' })
      .check(wellFormed(), z.trim(), z.maxLength(LIMITS.email.max, { message: 'too_long' })),
    z.email({ message: 'invalid_email' }),
  ),
  locale: z.exactOptional(z.enum(LOCALES, { message: 'invalid_value' })),
  kind: z.exactOptional(z.enum(LOOKUP_KINDS, { message: 'invalid_value' })),
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
  if (request.kind === 'export') {
    const records = await deps.tickets.listByRequester(request.email, deps.products);
    return records.length > 0 ? deps.composer.export(request, records) : undefined;
  }
  const open = await deps.tickets.listOpenByRequester(request.email, deps.products);
  return open.length > 0 ? deps.composer.lookup(request, open) : undefined;
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

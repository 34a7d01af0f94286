// The intake use case: validate a submission, route it, and record it once, however often it is retried.

import type { Product } from '../catalog.js';
import {
  ConflictError,
  NoticeMismatchError,
  PolicyVersionError,
  RejectedError,
  UnauthorizedError,
  UnprocessableError,
} from '../errors.js';
import { dueAtOf, type EscalationPolicy } from '../escalation/policy.js';
import { notificationsForNewTicket } from '../notifications.js';
import type {
  ApiKeys,
  Clock,
  FormTokens,
  IdempotencyCheck,
  IdempotencyRequest,
  TicketRepository,
} from '../ports.js';
import type { Router } from '../routing/decide.js';
import type { RequestVocabulary } from '../routing/request.js';
import type { Consent, Locale, Ticket, TicketDraft } from '../ticket.js';
import { bogotaYear } from '../time/instant.js';
import { parseSubmission, type Submission } from './submission.js';

export interface IntakeDeps {
  /** Reads a submission's product, type and priority. */
  readonly vocabulary: RequestVocabulary;
  /** Decides where the request goes. */
  readonly router: Router;
  /** Gives the new ticket the deadlines its sweeper watches. */
  readonly policy: EscalationPolicy;
  /** The catalog's products, for the radicado prefix. */
  readonly products: readonly Pick<Product, 'id' | 'radicadoPrefix'>[];
  readonly tickets: TicketRepository;
  readonly clock: Clock;
  /** Checks the web form's serving token; submissions from the form are refused without it. */
  readonly formTokens?: FormTokens;
  /** Keys of trusted integrations, which submit without the form. */
  readonly apiKeys?: ApiKeys;
  /** The personal-data policy version in force: consent must name it (Ley 1581: informed, for that notice). */
  readonly policyVersion: string;
  /** The notice in force (data/privacy-notice.ts), which each consent records. */
  readonly notice: IntakeNotice;
}

/** The policy's URL and the SHA-256 of the notice's exact text in each language, as configured. */
export interface IntakeNotice {
  readonly policyUrl: string;
  readonly hashes: Readonly<Record<Locale, string>>;
}

export interface SubmitOutcome {
  readonly ticket: Ticket;
  /** True when an earlier submission with the same Idempotency-Key and body already created this ticket. */
  readonly replayed: boolean;
}

/** How a submission proves where it comes from: a trusted integration's API key, or else the web form's token. */
export interface Proof {
  readonly apiKey?: string;
}

/**
 * Proof of origin first (a public API must not be a relay for anyone's script), then validation (so bad input never
 * touches an Idempotency-Key), then the key is looked up, and the ticket and the key are recorded in one
 * transaction. Two submissions with one key never both create: the transaction's condition on the key lets one
 * through, and the other answers with its ticket (or 422 for another body). A refused one writes nothing.
 */
export async function submitRequest(
  deps: IntakeDeps,
  body: unknown,
  idempotency?: IdempotencyRequest,
  proof: Proof = {},
): Promise<SubmitOutcome> {
  const byKey = await checkApiKey(deps, proof.apiKey);
  if (!byKey && !hasFormBlock(body)) throw new UnauthorizedError('proof_required');
  const submission = parseSubmission(body, deps.vocabulary);
  if (submission.consent.policyVersion !== deps.policyVersion)
    throw new PolicyVersionError(deps.policyVersion);
  const noticeHash = deps.notice.hashes[submission.locale];
  const sent = submission.consent.noticeHash;
  if (sent !== undefined && sent !== noticeHash)
    throw new NoticeMismatchError(deps.policyVersion, noticeHash);
  const at = deps.clock.now();
  if (!byKey && submission.form) rejectBots(submission.form, deps.formTokens, at);
  if (idempotency) {
    const earlier = await replayOf(deps, await deps.tickets.checkIdempotencyKey(idempotency, at));
    if (earlier) return earlier;
  }
  const consent: Consent = {
    accepted: true,
    policyVersion: deps.policyVersion,
    acceptedAt: at,
    policyUrl: deps.notice.policyUrl,
    noticeHash,
    noticeLocale: submission.locale,
    channel: byKey ? 'api' : 'web-form',
  };
  const draft = draftTicket(deps, submission, consent, at);
  const formToken = !byKey && submission.form ? deps.formTokens?.use(submission.form.token) : undefined;
  const outcome = await deps.tickets.create({
    draft,
    register: { prefix: radicadoPrefix(deps.products, submission.request.product), year: bogotaYear(at) },
    history: { at, event: 'received', by: 'requester', note: 'Solicitud recibida y radicada.' },
    notifications: notificationsForNewTicket(draft),
    ...(idempotency ? { idempotency } : {}),
    ...(formToken ? { formToken } : {}),
  });
  if (outcome.state === 'created') return { ticket: outcome.ticket, replayed: false };
  // The served form made a ticket already: a script replaying one token gets no second one.
  if (outcome.state === 'form-token-used') throw new RejectedError('form token used');
  const replay = await replayOf(deps, outcome);
  if (replay) return replay;
  throw new ConflictError(
    'a request with this Idempotency-Key is still being processed',
    1,
    'idempotency_key_in_flight',
  );
}

/** The answer an Idempotency-Key already has: its ticket replayed, 422 for another body, or none yet. */
async function replayOf(deps: IntakeDeps, check: IdempotencyCheck): Promise<SubmitOutcome | undefined> {
  if (check.state === 'mismatch') {
    throw new UnprocessableError(
      'this Idempotency-Key was used with a different request body',
      'idempotency_key_reused',
    );
  }
  if (check.state !== 'completed') return undefined;
  const record = await deps.tickets.get(check.ticketId);
  return record ? { ticket: record.ticket, replayed: true } : undefined;
}

/** True for a key in force; throws for a key that is not (an absent key is no proof, and no error yet). */
async function checkApiKey(deps: IntakeDeps, key: string | undefined): Promise<boolean> {
  if (key === undefined) return false;
  if (deps.apiKeys && (await deps.apiKeys.verify(key))) return true;
  throw new UnauthorizedError('invalid_api_key');
}

function hasFormBlock(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'form' in body;
}

/** The web form's bot checks: an empty honeypot, and a serving token at least a few seconds old. */
function rejectBots(form: NonNullable<Submission['form']>, tokens: FormTokens | undefined, at: number): void {
  if (form.website.trim() !== '') throw new RejectedError('honeypot');
  const verdict = tokens ? tokens.check(form.token, at) : 'invalid';
  if (verdict !== 'ok') throw new RejectedError(`form token ${verdict}`);
}

/** A new ticket's draft: routed at `at`, with its first watch; the consent as recorded. */
export function draftTicket(
  deps: Pick<IntakeDeps, 'router' | 'policy'>,
  submission: Pick<Submission, 'request' | 'subject' | 'description' | 'requester' | 'locale'>,
  consent: Consent,
  at: number,
): TicketDraft {
  const routing = deps.router.decide(submission.request, at);
  const watch = deps.policy.initialWatch(routing);
  return {
    product: routing.product,
    type: routing.type,
    priority: routing.priority,
    queue: routing.queue,
    status: 'received',
    escalationLevel: routing.escalationLevel,
    subject: submission.subject,
    description: submission.description,
    requester: submission.requester,
    consent,
    locale: submission.locale,
    receivedAt: at,
    routing,
    watch,
    dueAt: dueAtOf('received', watch),
    requesterEscalations: [],
    version: 0,
  };
}

export function radicadoPrefix(products: IntakeDeps['products'], productId: string): string {
  const product = products.find((p) => p.id === productId);
  if (!product) throw new Error(`unknown product ${productId}`);
  return product.radicadoPrefix;
}

// Staff act from their e-mail (acknowledge, resolve, extend, ask to complete, confirm a supresión) through signed
// single-use links, and the requester escalates or completes from the status page. Each is one conditional
// transition: nothing changes unless it all applies (a supresión first erases the other tickets, each atomically and
// idempotently, then answers the reclamo: suppression.ts).
import * as z from 'zod/mini';
import { type FieldIssue, NotFoundError, ValidationError } from '../errors.js';
import { LIMITS, toFieldIssues, trimmedText } from '../intake/submission.js';
import type { AccessTokens, ActionClaims, ActionLinks, Clock, TicketRepository } from '../ports.js';
import { staffActor, type Ticket, type TicketRecord } from '../ticket.js';
import { COMPLETION_TEXT, completeByRequester, moreTimeForRequester, requestInfo } from './completion.js';
import { ActionRefused, type EscalationPolicy, type Transition } from './policy.js';
import { assertSuppressible, type SuppressionRepository, suppress, suppressionPlan } from './suppression.js';

export interface ActionDeps {
  readonly tickets: Pick<TicketRepository, 'get' | 'applyTransition' | 'linkUsed'> & SuppressionRepository;
  readonly policy: EscalationPolicy;
  readonly links: ActionLinks;
  readonly clock: Clock;
  /** The products whose tickets a supresión looks through. */
  readonly products: readonly string[];
}

/** Why a link cannot be used; the page says so and changes nothing. */
export type LinkProblem = 'invalid' | 'expired' | 'used' | 'not-found';
export type { ActionClaims };

export type LinkCheck =
  | { readonly ok: true; readonly claims: ActionClaims; readonly ticket: Ticket }
  | { readonly ok: false; readonly problem: LinkProblem };

/** Reads a link for its confirmation page: what it would do, to which ticket. Changes nothing. */
export async function inspectLink(deps: ActionDeps, token: string): Promise<LinkCheck> {
  const verdict = deps.links.verify(token, deps.clock.now());
  if (!verdict.ok) return { ok: false, problem: verdict.reason };
  if (await deps.tickets.linkUsed(verdict.claims.nonce)) return { ok: false, problem: 'used' };
  const record = await deps.tickets.get(verdict.claims.ticketId);
  if (!record) return { ok: false, problem: 'not-found' };
  return { ok: true, claims: verdict.claims, ticket: record.ticket };
}

/** The reasons an extension gives the requester: required, at least 10 characters, at most 2000. */
export const EXTENSION_REASONS = { min: 10, max: 2000 } as const;

const trimmed = (max: number) => trimmedText({ max });

const actionForm = z.object({
  name: z.optional(trimmed(LIMITS.name.max)),
  note: z.optional(trimmed(LIMITS.description.max)),
  /** An extension's reasons (10 to 2000 characters) and new due date (`YYYY-MM-DD`, a legal business day). */
  reasons: z.optional(trimmed(EXTENSION_REASONS.max)),
  dueDate: z.optional(trimmed(10)),
  /** A supresión: the closed tickets a legal or contractual duty keeps, and why. */
  keep: z.optional(z.array(trimmed(40))),
  keepReason: z.optional(trimmed(EXTENSION_REASONS.max)),
});

/** What the form needs for its action: a resolution note; an extension's reasons and new date. */
export type ActionForm = {
  readonly name?: string;
  readonly note?: string;
  readonly reasons?: string;
  readonly dueDate?: string;
  readonly keep?: readonly string[];
  readonly keepReason?: string;
};

export type ActionOutcome =
  | { readonly ok: true; readonly claims: ActionClaims; readonly ticket: Ticket }
  | { readonly ok: false; readonly problem: LinkProblem; readonly claims?: ActionClaims }
  | {
      readonly ok: false;
      readonly problem: 'refused';
      readonly refusal: ActionRefused;
      readonly claims: ActionClaims;
    }
  | {
      /** The link is good but the form is not: shown again with the problems, nothing changed. */
      readonly ok: false;
      readonly problem: 'form';
      readonly issues: readonly FieldIssue[];
      readonly claims: ActionClaims;
      readonly ticket: Ticket;
    };

/**
 * Performs a link's action (its confirmation page's POST). `by` in the audit trail is the address the link was
 * mailed to, with the responder's name when given. Resolving needs a note for the requester; a form that breaks
 * that comes back as `problem: 'form'` with the link's claims and ticket, so the page can be shown again.
 */
export async function performLinkAction(
  deps: ActionDeps,
  token: string,
  form: ActionForm,
): Promise<ActionOutcome> {
  const link = await inspectLink(deps, token);
  if (!link.ok) return link;
  const { claims, ticket } = link;
  const checked = checkedForm(claims.action, form);
  if (!checked.ok) return { ok: false, problem: 'form', issues: checked.issues, claims, ticket };
  const by = staffActor(claims.to, claims.level, checked.form.name);
  let transition: Transition;
  try {
    transition = await planAction(deps, claims.action, ticket, deps.clock.now(), by, checked.form);
  } catch (error) {
    if (error instanceof ActionRefused) return { ok: false, problem: 'refused', refusal: error, claims };
    throw error;
  }
  const applied = await deps.tickets.applyTransition(transition, ticket.version, {
    id: claims.nonce,
    expiresAt: claims.expiresAt,
  });
  if (applied === 'link-used') return { ok: false, problem: 'used', claims };
  if (applied === 'stale') {
    return {
      ok: false,
      problem: 'refused',
      refusal: new ActionRefused('stale', 'La solicitud cambió mientras tanto; abra el enlace de nuevo.'),
      claims,
    };
  }
  return { ok: true, claims, ticket: transition.ticket };
}

/** A staff action a form carries, as the e-mail links name them. */
export type StaffAction = ActionClaims['action'];

/** An action form's fields once read: trimmed, each one present (empty when not given). */
export type CheckedForm = Required<ActionForm>;

/** The form read for `action`: its fields trimmed and checked, or the problems (the field and why). */
export function checkedForm(
  action: StaffAction,
  form: ActionForm,
): { readonly ok: true; readonly form: CheckedForm } | { readonly ok: false; readonly issues: FieldIssue[] } {
  const parsed = actionForm.safeParse(form);
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error.issues, form) };
  const { note = '', reasons = '', dueDate = '', name = '', keep = [], keepReason = '' } = parsed.data;
  const issues = formIssues(action, { note, reasons, dueDate, keep, keepReason });
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, form: { note, reasons, dueDate, name, keep, keepReason } };
}

/**
 * The transition a staff action makes at `now`, by `by`, with a checked form: the same for a mail link and the staff
 * console. Throws ActionRefused (nothing changes) when the ticket's state does not allow it.
 */
export function planAction(
  deps: Pick<ActionDeps, 'tickets' | 'policy' | 'products'>,
  action: StaffAction,
  ticket: Ticket,
  now: number,
  by: string,
  form: CheckedForm,
): Promise<Transition> | Transition {
  switch (action) {
    case 'acknowledge':
      return deps.policy.acknowledge(ticket, now, by);
    case 'resolve':
      return deps.policy.resolve(ticket, now, by, form.note);
    case 'request-info':
      return requestInfo(deps.policy.completion, ticket, now, by, form.note);
    case 'erase':
      return suppression(deps, ticket, now, by, form);
    case 'extend':
      return deps.policy.extend(ticket, now, by, form);
  }
}

/** A confirmed supresión: the other closed tickets erased but those kept, then the reclamo answered and closed. */
async function suppression(
  deps: Pick<ActionDeps, 'tickets' | 'policy' | 'products'>,
  ticket: Ticket,
  now: number,
  by: string,
  form: { readonly note: string; readonly keep: readonly string[]; readonly keepReason: string },
): Promise<Transition> {
  assertSuppressible(ticket);
  const plan = await suppressionPlan(deps.tickets, ticket, deps.products);
  const entry = await suppress(deps.tickets, plan, form, ticket, now, by);
  const resolved = deps.policy.resolve(ticket, now, by, form.note);
  return { ...resolved, history: [entry, ...resolved.history] };
}

/** What the form lacks for its action (the field and why); empty when it has what the action needs. */
export function formIssues(action: StaffAction, form: Omit<CheckedForm, 'name'>): FieldIssue[] {
  if ((action === 'resolve' || action === 'erase') && form.note.length < 10) {
    return [
      {
        path: 'note',
        message: 'the resolution note for the requester needs at least 10 characters',
        code: 'too_short',
      },
    ];
  }
  if (action === 'erase' && form.keep.length > 0 && form.keepReason.length < 10) {
    return [
      {
        path: 'keepReason',
        message: 'the legal or contractual duty that keeps a ticket needs at least 10 characters',
        code: form.keepReason.length === 0 ? 'required' : 'too_short',
        params: { min: 10 },
      },
    ];
  }
  if (action === 'request-info' && form.note.length < COMPLETION_TEXT.min) {
    return [
      {
        path: 'note',
        message: `what the requester must complete needs at least ${COMPLETION_TEXT.min} characters`,
        code: form.note.length === 0 ? 'required' : 'too_short',
        params: { min: COMPLETION_TEXT.min },
      },
    ];
  }
  if (action !== 'extend') return [];
  const issues: FieldIssue[] = [];
  if (form.reasons.length < EXTENSION_REASONS.min) {
    issues.push({
      path: 'reasons',
      message: `the reasons for the extension need at least ${EXTENSION_REASONS.min} characters`,
      code: form.reasons.length === 0 ? 'required' : 'too_short',
      params: { min: EXTENSION_REASONS.min },
    });
  }
  if (form.dueDate === '')
    issues.push({ path: 'dueDate', message: 'the new due date is required', code: 'required' });
  return issues;
}

export interface RequesterEscalationDeps {
  readonly tickets: Pick<TicketRepository, 'get' | 'applyTransition'>;
  readonly policy: EscalationPolicy;
  readonly tokens: AccessTokens;
  readonly clock: Clock;
}

/** An escalation's reason, the requester's or staff's: 10 to 1000 characters. */
export const ESCALATION_REASON = { min: 10, max: 1000 } as const;

/** The `reason` field of an escalation, as both the status page and the staff console check it. */
export const escalationReason = trimmedText(ESCALATION_REASON, 'required');

const escalationBody = z.strictObject({
  reason: escalationReason,
  locale: z.optional(z.enum(['es', 'en'], { message: 'invalid_value' })),
});

/**
 * The requester asks to escalate from the status page (after the first-response deadline, once per level). Returns
 * the ticket as it now stands, with its history, without reading it again.
 */
export function escalateAsRequester(
  deps: RequesterEscalationDeps,
  ticketId: string,
  token: string | undefined,
  body: unknown,
): Promise<TicketRecord> {
  return actAsRequester(deps, ticketId, token, body, escalationBody, (ticket, { reason }, now) =>
    deps.policy.escalateByRequester(ticket, now, reason),
  );
}

/**
 * One requester action on their ticket: the token checked (a wrong one answers like an unknown ticket), the body
 * validated, the transition applied on the version read. Returns the ticket as it now stands, with its history.
 */
async function actAsRequester<T>(
  deps: RequesterEscalationDeps,
  ticketId: string,
  token: string | undefined,
  body: unknown,
  schema: z.ZodMiniType<T>,
  plan: (ticket: Ticket, data: T, now: number) => Transition,
): Promise<TicketRecord> {
  const record = token && deps.tokens.verify(ticketId, token) ? await deps.tickets.get(ticketId) : undefined;
  if (!record) throw new NotFoundError('ticket');
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldIssues(parsed.error.issues, body));
  const transition = plan(record.ticket, parsed.data, deps.clock.now());
  const applied = await deps.tickets.applyTransition(transition, record.ticket.version);
  if (applied !== 'applied') {
    throw new ActionRefused('stale', 'La solicitud cambió mientras tanto; vuelva a cargar la página.');
  }
  return { ticket: transition.ticket, history: [...record.history, ...transition.history] };
}

const completionBody = z.strictObject({
  /** What the requester adds to complete the request (10 to 2000 characters). */
  answer: z.optional(trimmedText(COMPLETION_TEXT, 'invalid_type')),
  /** `true`: the requester asks, once, for more time to complete it. */
  moreTime: z.optional(z.literal(true, { message: 'invalid_value' })),
  locale: z.optional(z.enum(['es', 'en'], { message: 'invalid_value' })),
});

/**
 * The requester completes the request the company asked them to complete (`answer`), which resumes the legal term,
 * or asks once for more time (`moreTime: true`): exactly one of the two. Returns the ticket as it now stands.
 */
export function completeAsRequester(
  deps: RequesterEscalationDeps,
  ticketId: string,
  token: string | undefined,
  body: unknown,
): Promise<TicketRecord> {
  return actAsRequester(deps, ticketId, token, body, completionBody, (ticket, { answer, moreTime }, now) => {
    if ((answer === undefined) === (moreTime === undefined)) {
      throw new ValidationError([
        {
          path: 'answer',
          message: `give either answer (${COMPLETION_TEXT.min} to ${COMPLETION_TEXT.max} characters) or moreTime: true`,
          code: 'required',
        },
      ]);
    }
    const { completion } = deps.policy;
    return answer === undefined
      ? moreTimeForRequester(completion, ticket, now)
      : completeByRequester(completion, ticket, now, answer);
  });
}

// The staff console's actions on a ticket: the same planning and conditional transaction as the e-mail links
// (domain/escalation/actions.ts), with the signed-in person in the audit trail, plus a reply to the requester (or an
// internal note) and an escalation one level up now. A ticket of a queue the person does not act for answers like an
// unknown radicado, so the console never tells that one exists.
import * as z from 'zod/mini';
import { type FieldIssue, NotFoundError } from '../errors.js';
import { type ActionDeps, checkedForm, escalationReason, planAction } from '../escalation/actions.js';
import { ActionRefused, type Transition } from '../escalation/policy.js';
import { staffCommand, staffReply } from '../inbound/conversation.js';
import { levelFor, type StaffIdentity } from '../inbound/directory.js';
import { LIMITS, toFieldIssues, trimmedText } from '../intake/submission.js';
import { staffActor, type Ticket } from '../ticket.js';

export const CONSOLE_ACTIONS = [
  'acknowledge',
  'reply',
  'extend',
  'request-info',
  'resolve',
  'escalate',
] as const;
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];

export function isConsoleAction(value: string): value is ConsoleAction {
  return (CONSOLE_ACTIONS as readonly string[]).includes(value);
}

export type ConsoleActionDeps = Pick<ActionDeps, 'tickets' | 'policy' | 'clock' | 'products'>;

/** What the console's forms send; each action reads its own fields. */
export interface ConsoleForm {
  /** A resolution's note for the requester, or what a request for information asks. */
  readonly note?: string;
  /** An extension's reasons and new due date (`YYYY-MM-DD`). */
  readonly reasons?: string;
  readonly dueDate?: string;
  /** A reply's text; `internal` makes it a note staff alone see. */
  readonly text?: string;
  readonly internal?: boolean;
  /** Why staff escalate. */
  readonly reason?: string;
}

export type ConsoleOutcome =
  | { readonly ok: true; readonly ticket: Ticket }
  | { readonly ok: false; readonly problem: 'refused'; readonly refusal: ActionRefused }
  /** The form breaks a rule: shown again with the problems, nothing changed. */
  | { readonly ok: false; readonly problem: 'form'; readonly issues: readonly FieldIssue[] };

/**
 * Performs a console action on `ticketId` as `identity`: the form checked, the transition planned as the mail links
 * plan it, then applied on the version read. NotFoundError for an unknown ticket and for one of a queue the person
 * does not act for alike; a ticket changed meanwhile is a refusal (`stale`) the page shows.
 */
export async function performConsoleAction(
  deps: ConsoleActionDeps,
  identity: StaffIdentity,
  ticketId: string,
  action: ConsoleAction,
  form: ConsoleForm,
): Promise<ConsoleOutcome> {
  const record = await deps.tickets.get(ticketId);
  const level = record && levelFor(identity, record.ticket);
  if (!record || level === undefined) throw new NotFoundError('ticket');
  const { ticket } = record;
  // An anonymised ticket stays as it is: no reply or note would write text (or queue a mail) it no longer holds.
  if (ticket.erasedAt !== undefined) {
    const refusal = new ActionRefused(
      'data_erased',
      'Los datos personales de esta solicitud fueron suprimidos; ya no admite acciones.',
    );
    return { ok: false, problem: 'refused', refusal };
  }
  const by = staffActor(identity.email, level, identity.name);
  let transition: Transition;
  try {
    const planned = await plan(deps, action, ticket, by, form);
    if ('issues' in planned) return { ok: false, problem: 'form', issues: planned.issues };
    transition = planned;
  } catch (error) {
    if (error instanceof ActionRefused) return { ok: false, problem: 'refused', refusal: error };
    throw error;
  }
  const applied = await deps.tickets.applyTransition(transition, ticket.version);
  if (applied !== 'applied') {
    const refusal = new ActionRefused(
      'stale',
      'La solicitud cambió mientras tanto; vuelva a cargar la página.',
    );
    return { ok: false, problem: 'refused', refusal };
  }
  return { ok: true, ticket: transition.ticket };
}

const replyForm = z.object({ text: trimmedText({ max: LIMITS.description.max }) });

const escalationForm = z.object({ reason: escalationReason });

type Planned = Transition | { readonly issues: readonly FieldIssue[] };

/** The transition of `action`, or the form's problems; throws ActionRefused when the ticket does not allow it. */
async function plan(
  deps: ConsoleActionDeps,
  action: ConsoleAction,
  ticket: Ticket,
  by: string,
  form: ConsoleForm,
): Promise<Planned> {
  const now = deps.clock.now();
  if (action === 'reply') {
    const parsed = replyForm.safeParse({ text: form.text ?? '' });
    if (!parsed.success) return { issues: toFieldIssues(parsed.error.issues, form) };
    if (parsed.data.text === '')
      return { issues: [{ path: 'text', code: 'required', message: 'is required' }] };
    // The checkbox, not a leading `#nota` or `#resolver`, says what a console reply is: a mail command typed into a
    // public reply is refused rather than read, so nothing is sent or closed by surprise.
    if (!form.internal && staffCommand(parsed.data.text).command !== 'reply') {
      return {
        issues: [
          {
            path: 'text',
            code: 'not_allowed',
            message:
              'a reply may not start with #nota or #resolver: tick the internal note, or use the resolve form',
          },
        ],
      };
    }
    const body = form.internal ? `#nota ${parsed.data.text}` : parsed.data.text;
    return staffReply(deps.policy, ticket, now, by, body);
  }
  if (action === 'escalate') {
    const parsed = escalationForm.safeParse({ reason: form.reason ?? '' });
    if (!parsed.success) return { issues: toFieldIssues(parsed.error.issues, form) };
    return deps.policy.escalateByStaff(ticket, now, by, parsed.data.reason);
  }
  const checked = checkedForm(action, {
    note: form.note ?? '',
    reasons: form.reasons ?? '',
    dueDate: form.dueDate ?? '',
  });
  if (!checked.ok) return { issues: checked.issues };
  return planAction(deps, action, ticket, now, by, checked.form);
}

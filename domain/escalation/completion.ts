// The incomplete request: petición incompleta (Ley 1755 de 2015 art. 17) and reclamo incompleto (Ley 1581 de 2012
// art. 15). Within some business days of filing, staff may ask the requester, once, to complete the request; the
// legal term is suspended from then, with the business days it had left, and resumes with them when the requester
// answers (counted from the day after the answer, at least one). The requester has one calendar month (two for a
// habeas-data reclamo) and may ask once for as much again; with no answer the request is withdrawn (desistida) with a
// reasoned notice, and may be filed again. docs/legal.md gives the readings chosen.
import { DateTime } from 'luxon';
import type { TypeTerm } from '../catalog.js';
import { type InfoRequest, pendingInfoRequest, type Ticket, type Watch } from '../ticket.js';
import type { BusinessDays } from '../time/business-days.js';
import { BOGOTA, type Instant } from '../time/instant.js';
import { formatForPeople } from '../time/readable.js';
import { legalDueAtOf } from './extension.js';
import { ActionRefused } from './refusal.js';
import { type Transition, transitionFor, unwatched } from './transition.js';

/** What the rules read: the legal calendar, a type's term, and how reminders are planned for a term. */
export interface CompletionTerms {
  readonly businessDays: BusinessDays;
  readonly typeTerm: (type: string) => TypeTerm | undefined;
  readonly reminders: (product: string, legalDueAt: Instant, after: Instant) => Watch['reminders'];
}

/** What staff may ask and what the requester may answer: 10 to 2000 characters. */
export const COMPLETION_TEXT = { min: 10, max: 2000 } as const;

export { pendingInfoRequest } from '../ticket.js';

/** The law an incomplete request of this type is handled under. */
export function completionBasis(term: TypeTerm | undefined): string {
  return term?.basis.kind === 'law' &&
    term.basis.law === 'Ley 1581 de 2012' &&
    term.basis.article === 'art. 15'
    ? 'Ley 1581 de 2012, art. 15'
    : 'Ley 1755 de 2015, art. 17';
}

/** What asking for information now would give: until when staff may ask, the days left, the requester's deadline. */
export interface InfoRequestBounds {
  readonly askBy: Instant;
  readonly businessDaysLeft: number;
  readonly answerDueAt: Instant;
}

/**
 * Whether staff may ask the requester to complete the request at `now`; throws ActionRefused (nothing changes) when
 * not: closed, no legal term, asked already (once), past the days allowed after filing, or the term already over.
 */
export function infoRequestBounds(ticket: Ticket, now: Instant, terms: CompletionTerms): InfoRequestBounds {
  const term = terms.typeTerm(ticket.type);
  const due = legalDueAtOf(ticket);
  if (ticket.status === 'resolved')
    throw new ActionRefused('already_resolved', 'La solicitud ya está resuelta.');
  if (!term || due === null) {
    throw new ActionRefused(
      'not_applicable',
      'Solo una PQRSA con término legal puede quedar en espera de que el solicitante la complete.',
    );
  }
  if (ticket.infoRequest !== undefined) {
    throw new ActionRefused(
      'already_requested',
      'Ya se pidió una vez al solicitante que completara la solicitud; la ley prevé un solo requerimiento.',
    );
  }
  const days = term.completion.askWithinBusinessDays;
  const askBy = terms.businessDays.termDueAt(ticket.receivedAt, {
    businessDays: days,
    countFrom: 'next-business-day',
  });
  if (now > askBy) {
    throw new ActionRefused(
      'too_late',
      `Solo puede pedirse dentro de los ${days} días hábiles siguientes a la radicación (hasta el ${formatForPeople(askBy, 'es', ticket.receivedAt)}).`,
    );
  }
  if (now >= due) {
    throw new ActionRefused(
      'term_passed',
      `El término legal ya venció (el ${formatForPeople(due, 'es', ticket.receivedAt)}).`,
    );
  }
  return {
    askBy,
    businessDaysLeft: terms.businessDays.countBetween(now, due),
    answerDueAt: monthsLater(now, term.completion.answerMonths),
  };
}

/** Whether staff may still ask the requester to complete the request (the staff mail offers the link only then). */
export function mayRequestInfo(ticket: Ticket, now: Instant, terms: CompletionTerms): boolean {
  try {
    infoRequestBounds(ticket, now, terms);
    return true;
  } catch (error) {
    if (error instanceof ActionRefused) return false;
    throw error;
  }
}

const ASKED_MARK = ' Se pidió: ';

/** The `info-requested` audit line's note: the suspension, then what staff asked (the requester's mail reads it). */
export function infoRequestNote(bounds: InfoRequestBounds, what: string, reference: Instant): string {
  return `Término legal suspendido con ${bounds.businessDaysLeft} días hábiles por correr, hasta que el solicitante complete la solicitud (a más tardar el ${formatForPeople(bounds.answerDueAt, 'es', reference)}).${ASKED_MARK}${what}`;
}

/** What an `info-requested` audit line says staff asked for. */
export function infoRequested(note: string | undefined): string {
  const at = note?.indexOf(ASKED_MARK) ?? -1;
  return note !== undefined && at >= 0 ? note.slice(at + ASKED_MARK.length) : (note ?? '');
}

/** Staff ask the requester to complete the request: the legal term stops, the requester is mailed what is missing. */
export function requestInfo(
  terms: CompletionTerms,
  ticket: Ticket,
  now: Instant,
  by: string,
  what: string,
): Transition {
  const bounds = infoRequestBounds(ticket, now, terms);
  const { businessDaysLeft, answerDueAt } = bounds;
  return transitionFor(
    {
      ...ticket,
      status: 'acknowledged',
      acknowledgedAt: ticket.acknowledgedAt ?? now,
      infoRequest: { at: now, businessDaysLeft, answerDueAt },
    },
    {
      watch: { ...unwatched(), requesterDueAt: answerDueAt },
      history: [
        { at: now, event: 'info-requested', by, note: infoRequestNote(bounds, what, ticket.receivedAt) },
      ],
      notifications: [{ id: 'info-request-requester', kind: 'info-request' }],
    },
  );
}

/** The requester asks for more time to complete the request: once, before their deadline, by the same period. */
export function moreTimeForRequester(terms: CompletionTerms, ticket: Ticket, now: Instant): Transition {
  const request = waitingFor(ticket, now);
  if (request.moreTimeAt !== undefined) {
    throw new ActionRefused('already_more_time', 'Ya pidió una vez más tiempo para completar la solicitud.');
  }
  const months = terms.typeTerm(ticket.type)?.completion.answerMonths ?? 1;
  const answerDueAt = monthsLater(request.answerDueAt, months);
  return transitionFor(
    { ...ticket, infoRequest: { ...request, moreTimeAt: now, answerDueAt } },
    {
      watch: { ...ticket.watch, requesterDueAt: answerDueAt },
      history: [
        {
          at: now,
          event: 'info-time-extended',
          by: 'requester',
          note: `El solicitante pidió más tiempo para completar la solicitud (nuevo plazo: ${formatForPeople(answerDueAt, 'es', ticket.receivedAt)}).`,
        },
      ],
    },
  );
}

/**
 * The requester completes the request: the legal term resumes with the business days it had left, counted from the
 * day after the answer (at least one), its reminders planned again; staff are told.
 */
export function completeByRequester(
  terms: CompletionTerms,
  ticket: Ticket,
  now: Instant,
  answer: string,
): Transition {
  const request = waitingFor(ticket, now);
  const resumedDueAt = terms.businessDays.termDueAt(now, {
    businessDays: Math.max(1, request.businessDaysLeft),
    countFrom: 'next-business-day',
  });
  return transitionFor(
    { ...ticket, infoRequest: { ...request, answeredAt: now, resumedDueAt } },
    {
      watch: {
        responseDueAt: null,
        resolutionDueAt: resumedDueAt,
        reminders: terms.reminders(ticket.product, resumedDueAt, now),
      },
      history: [{ at: now, event: 'info-provided', by: 'requester', note: answer }],
      notifications: [{ id: 'info-provided-staff', kind: 'info-provided' }],
    },
  );
}

/** The requester's deadline passed unanswered: the request is withdrawn, with a reasoned notice to the requester. */
export function withdraw(terms: CompletionTerms, ticket: Ticket, now: Instant): Transition {
  const request = ticket.infoRequest;
  const deadline = request ? formatForPeople(request.answerDueAt, 'es', ticket.receivedAt) : '';
  return transitionFor(
    { ...ticket, status: 'resolved', resolvedAt: now, closedAs: 'withdrawn' },
    {
      watch: unwatched(),
      history: [
        {
          at: now,
          event: 'withdrawn',
          by: 'sweeper',
          note: `Solicitud desistida (${completionBasis(terms.typeTerm(ticket.type))}): el solicitante no la completó en el plazo (vencido el ${deadline}). Puede presentarla de nuevo.`,
        },
      ],
      notifications: [{ id: 'withdrawn-requester', kind: 'withdrawal' }],
    },
  );
}

/** The pending request for information the requester may still answer at `now`; throws ActionRefused if none. */
function waitingFor(ticket: Ticket, now: Instant): InfoRequest {
  if (ticket.status === 'resolved')
    throw new ActionRefused('already_resolved', 'La solicitud ya está resuelta.');
  const request = pendingInfoRequest(ticket);
  if (!request) {
    throw new ActionRefused('not_waiting', 'La solicitud no está a la espera de que usted la complete.');
  }
  if (now > request.answerDueAt) {
    throw new ActionRefused('answer_period_over', 'El plazo para completar la solicitud ya venció.');
  }
  return request;
}

/** The end (23:59:59.999, Bogotá) of the day `months` calendar months after `at`. */
export function monthsLater(at: Instant, months: number): Instant {
  return DateTime.fromMillis(at, { zone: BOGOTA }).plus({ months }).endOf('day').toMillis();
}

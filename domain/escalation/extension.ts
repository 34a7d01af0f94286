// The extension (prórroga) of a PQRSA's legal term, Ley 1755 de 2015 art. 14 parágrafo (and Ley 1581 arts. 14–15 for
// habeas data): before the term ends, once, with the reasons and a new date no later than the type's maximum (the
// initial term's end plus `maxExtensionBusinessDays` legal business days, on the legal calendar, never desk hours).
// The routing decision keeps the initial term; the ticket's `extension` holds the new one.
import type { TypeTerm } from '../catalog.js';
import { pendingInfoRequest, type Ticket } from '../ticket.js';
import type { BusinessDays } from '../time/business-days.js';
import { type Instant, parseInstant } from '../time/instant.js';
import { formatForPeople } from '../time/readable.js';
import { ActionRefused } from './refusal.js';

type Terms = Pick<Ticket, 'routing' | 'extension' | 'infoRequest'>;

/**
 * The legal term now in force: the latest of the initial term, the term resumed after the requester completed the
 * request (completion.ts) and the extended one; null for support tickets. While the term is suspended, the one it had.
 */
export function legalDueAtOf(ticket: Terms): Instant | null {
  const { extension, infoRequest } = ticket;
  const resumed = infoRequest?.resumedDueAt;
  if (extension && (resumed === undefined || extension.at > (infoRequest?.answeredAt ?? 0)))
    return extension.dueAt;
  return resumed ?? ticket.routing.legalDueAt;
}

/** The resolution deadline now in force (for a PQRSA, its legal term, extended or resumed or not). */
export function resolutionDueAtOf(ticket: Terms): Instant {
  return legalDueAtOf(ticket) ?? ticket.routing.resolutionDueAt;
}

const REASONS_MARK = ' Razones: ';

/** The `extended` audit line's note: the new date, then the reasons (the requester's mail reads them back). */
export function extensionNote(
  previousDueAt: Instant,
  dueAt: Instant,
  reasons: string,
  reference: Instant,
): string {
  return `Término legal prorrogado hasta ${formatForPeople(dueAt, 'es', reference)} (vencía ${formatForPeople(previousDueAt, 'es', reference)}).${REASONS_MARK}${reasons}`;
}

/** The reasons an `extended` audit line records. */
export function extensionReasons(note: string | undefined): string {
  const at = note?.indexOf(REASONS_MARK) ?? -1;
  return note !== undefined && at >= 0 ? note.slice(at + REASONS_MARK.length) : (note ?? '');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What an extension may be granted: the term in force and the latest date it may move to. */
export interface ExtensionBounds {
  readonly current: Instant;
  readonly max: Instant;
}

/** The legal calendar and the type's term an extension is counted on. */
export interface ExtensionCalendar {
  readonly businessDays: BusinessDays;
  readonly term: TypeTerm | undefined;
}

/**
 * Whether the term of `ticket` may be extended at `now`, and how far; throws ActionRefused (nothing changes) when it
 * may not: closed, not extendable, extended already (once only), or the term already over.
 */
export function extensionBounds(ticket: Ticket, now: Instant, calendar: ExtensionCalendar): ExtensionBounds {
  const current = legalDueAtOf(ticket);
  const { term, businessDays } = calendar;
  if (ticket.status === 'resolved')
    throw new ActionRefused('already_resolved', 'La solicitud ya está resuelta.');
  if (current === null || ticket.routing.legalDueAt === null || !term || term.maxExtensionBusinessDays <= 0) {
    throw new ActionRefused('not_extendable', 'El término de este tipo de solicitud no admite prórroga.');
  }
  if (pendingInfoRequest(ticket)) {
    throw new ActionRefused(
      'suspended',
      'El término está suspendido mientras el solicitante completa la solicitud: se prorroga, si hace falta, cuando se reanude.',
    );
  }
  if (ticket.extension !== undefined) {
    throw new ActionRefused(
      'already_extended',
      `El término ya fue prorrogado una vez (hasta ${formatForPeople(current, 'es', ticket.receivedAt)}); la ley admite una sola prórroga.`,
    );
  }
  if (now >= current) {
    throw new ActionRefused(
      'term_passed',
      `El término legal venció el ${formatForPeople(current, 'es', ticket.receivedAt)}: la prórroga debe avisarse antes de que venza.`,
    );
  }
  // From the start of the initial term's last day (a business day; once resumed after a completion, the resumed
  // term's), counted on from the business day after it.
  const initial = ticket.infoRequest?.resumedDueAt ?? ticket.routing.legalDueAt;
  const lastDay = businessDays.businessDayBefore(initial, 0);
  const max = businessDays.termDueAt(lastDay, {
    businessDays: term.maxExtensionBusinessDays,
    countFrom: 'next-business-day',
  });
  return { current, max };
}

/**
 * When an extension to the legal business day `dueDate` (`YYYY-MM-DD`, Bogotá) would end the term: after the term
 * in force, no later than the maximum. Throws ActionRefused (nothing changes) when it may not be granted.
 */
export function extendedDueAt(
  ticket: Ticket,
  now: Instant,
  dueDate: string,
  calendar: ExtensionCalendar,
): Instant {
  const { current, max } = extensionBounds(ticket, now, calendar);
  const { businessDays } = calendar;
  const dayStart = ISO_DATE.test(dueDate) ? parseInstant(`${dueDate}T00:00`) : undefined;
  if (dayStart === undefined) throw dueDateRefused('no es una fecha válida (AAAA-MM-DD).');
  if (businessDays.receiptDay(dayStart) !== dayStart) throw dueDateRefused('debe ser un día hábil.');
  const dueAt = businessDays.termDueAt(dayStart, { businessDays: 1, countFrom: 'receipt-day' });
  if (dueAt <= current) {
    throw dueDateRefused(
      `debe ser posterior al término actual (${formatForPeople(current, 'es', ticket.receivedAt)}).`,
    );
  }
  if (dueAt > max) {
    const days = calendar.term?.maxExtensionBusinessDays ?? 0;
    throw dueDateRefused(
      `no puede pasar de ${formatForPeople(max, 'es', ticket.receivedAt)} (el término inicial más ${days} días hábiles).`,
    );
  }
  return dueAt;
}

function dueDateRefused(why: string): ActionRefused {
  return new ActionRefused('due_date', `La nueva fecha de vencimiento (campo «Nueva fecha») ${why}`);
}

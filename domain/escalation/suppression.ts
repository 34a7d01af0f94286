// Erasure on request (supresión, Ley 1581 de 2012 arts. 8 e) and 15; Decreto 1377 de 2013 art. 9): a habeas-data
// reclamo asking that the requester's data be deleted is answered, once staff confirm it, by erasing their personal
// data from every closed ticket of theirs, except those staff keep for a legal or contractual duty (with the reason).
// Open tickets keep their data while they are handled; the reclamo itself is kept as the record that the request was
// answered, and follows the retention period like any ticket. What was erased is recorded by radicado, never by data.
import type { TicketRepository } from '../ports.js';
import { HABEAS_DATA_CLAIM } from '../terms.js';
import type { HistoryEntry, Ticket, TicketRecord } from '../ticket.js';
import type { Instant } from '../time/instant.js';
import { ActionRefused } from './refusal.js';

/** What staff decide on the confirmation page: which closed tickets a legal duty keeps, and why. */
export interface SuppressionChoice {
  readonly keep: readonly string[];
  readonly keepReason: string;
}

/** The requester's other tickets, as the confirmation page lists them. */
export interface SuppressionPlan {
  /** Closed tickets whose personal data would be erased (unless kept). */
  readonly closed: readonly string[];
  /** Open tickets, which keep their data while they are handled. */
  readonly open: readonly string[];
}

export type SuppressionRepository = Pick<TicketRepository, 'listByRequester' | 'erasePersonalData'>;

/** Whether `ticket` can be answered with a supresión; throws ActionRefused (nothing changes) if not. */
export function assertSuppressible(ticket: Ticket): void {
  if (ticket.status === 'resolved')
    throw new ActionRefused('already_resolved', 'La solicitud ya está resuelta.');
  if (ticket.type !== HABEAS_DATA_CLAIM) {
    throw new ActionRefused(
      'not_applicable',
      'La supresión de datos se confirma solo sobre un reclamo de datos personales (Ley 1581 art. 15).',
    );
  }
}

/** The requester's other tickets that still hold their data, closed and open (radicados, newest first). */
export async function suppressionPlan(
  tickets: SuppressionRepository,
  ticket: Ticket,
  products: readonly string[],
): Promise<SuppressionPlan> {
  const others = (await tickets.listByRequester(ticket.requester.email, products)).filter(
    (r: TicketRecord) => r.ticket.id !== ticket.id && r.ticket.erasedAt === undefined,
  );
  return {
    closed: others.filter((r) => r.ticket.status === 'resolved').map((r) => r.ticket.id),
    open: others.filter((r) => r.ticket.status !== 'resolved').map((r) => r.ticket.id),
  };
}

/** The audit line an erased ticket gets: why, by which reclamo, and nothing of the data. */
export function erasedOnRequestEntry(at: Instant, claimId: string): HistoryEntry {
  return {
    at,
    event: 'personal-data-erased',
    by: 'system',
    note: `Datos personales suprimidos (nombre, correo, teléfono, documento, asunto, descripción y textos escritos por personas) a solicitud del titular, reclamo ${claimId} (Ley 1581 de 2012, art. 15). La solicitud queda anonimizada para estadísticas.`,
  };
}

/**
 * Erases the requester's data from their closed tickets but those kept; returns the audit line the reclamo records:
 * what was erased, what a legal duty keeps (and why), what stays open — by radicado only.
 */
export async function suppress(
  tickets: SuppressionRepository,
  plan: SuppressionPlan,
  choice: SuppressionChoice,
  claim: Ticket,
  at: Instant,
  by: string,
): Promise<HistoryEntry> {
  const kept = plan.closed.filter((id) => choice.keep.includes(id));
  const erased: string[] = [];
  for (const id of plan.closed.filter((c) => !kept.includes(c))) {
    if (await tickets.erasePersonalData(id, erasedOnRequestEntry(at, claim.id))) erased.push(id);
  }
  const list = (ids: readonly string[]) => (ids.length > 0 ? ids.join(', ') : 'ninguna');
  const parts = [
    `Supresión confirmada (Ley 1581 de 2012, art. 15): datos personales suprimidos de ${erased.length} solicitudes cerradas (${list(erased)}).`,
    ...(kept.length > 0
      ? [`Conservadas por un deber legal o contractual: ${list(kept)}. Razón: ${choice.keepReason}`]
      : []),
    ...(plan.open.length > 0
      ? [`Abiertas, conservan sus datos mientras se atienden: ${list(plan.open)}.`]
      : []),
    'Este reclamo se conserva como constancia de la respuesta, hasta su plazo de conservación.',
  ];
  return { at, event: 'data-suppressed', by, note: parts.join(' ') };
}

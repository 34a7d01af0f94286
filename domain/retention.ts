// How long a closed ticket keeps its requester's personal data (Ley 1581 de 2012, Decreto 1377 de 2013 art. 11: data
// is kept only as long as its purpose and a legal duty require). After the retention period, counted in Bogotá
// calendar years from the day it closed, the requester's name, address, phone, document, subject, description and
// every free text written by people are erased; the ticket stays, anonymised, for statistics (product, type,
// priority, routing, dates). docs/legal.md says why the default is ten years.
import { DateTime } from 'luxon';
import type { TicketRepository } from './ports.js';
import type { HistoryEntry } from './ticket.js';
import { BOGOTA, type Instant } from './time/instant.js';

/** Ley 962 de 2005 art. 28: commercial papers, correspondence included, are kept ten years. */
export const DEFAULT_RETENTION_YEARS = 10;

export interface RetentionDeps {
  readonly tickets: Pick<TicketRepository, 'listClosedBefore' | 'erasePersonalData'>;
  readonly products: readonly string[];
  readonly clock: { now(): Instant };
  /** Years after closing that a ticket keeps its personal data. */
  readonly retentionYears: number;
}

/** The latest closing time whose retention period has run out at `now`. */
export function retentionCutoff(now: Instant, years: number): Instant {
  return DateTime.fromMillis(now, { zone: BOGOTA }).minus({ years }).toMillis();
}

/** The audit line of an erasure: what was erased and why, without the data. */
export function erasedEntry(at: Instant, years: number): HistoryEntry {
  return {
    at,
    event: 'personal-data-erased',
    by: 'system',
    note: `Datos personales suprimidos (nombre, correo, teléfono, documento, asunto, descripción y textos escritos por personas): venció el plazo de conservación de ${years} años desde el cierre. La solicitud queda anonimizada para estadísticas.`,
  };
}

/** Erases the personal data of every ticket closed longer ago than the retention period; returns how many. */
export async function eraseExpired(deps: RetentionDeps, batch = 100): Promise<number> {
  const now = deps.clock.now();
  const cutoff = retentionCutoff(now, deps.retentionYears);
  let erased = 0;
  for (const product of deps.products) {
    for (const id of await deps.tickets.listClosedBefore(product, cutoff, batch)) {
      if (await deps.tickets.erasePersonalData(id, erasedEntry(now, deps.retentionYears))) erased++;
    }
  }
  return erased;
}

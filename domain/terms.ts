// How a PQRSA type's term is named to people: its basis (law and article, by analogy, or company policy) in Spanish
// and English. The routing reasons, the form, and the mails and status page take the words from here.

import type { TermBasis, TypeTerm } from './catalog.js';
import type { Locale, Ticket } from './ticket.js';

const WORDS = {
  es: { analogy: 'aplicado por analogía', policy: 'política de la empresa' },
  en: { analogy: 'applied by analogy', policy: 'company policy' },
} as const satisfies Record<Locale, { analogy: string; policy: string }>;

/** `Ley 1755 de 2015, art. 14, num. 1`; `…, aplicado por analogía`; `política de la empresa` (or in English). */
export function termBasisText(basis: TermBasis, locale: Locale): string {
  if (basis.kind === 'company-policy') return WORDS[locale].policy;
  const cited = `${basis.law}, ${basis.article}`;
  return basis.kind === 'analogy' ? `${cited}, ${WORDS[locale].analogy}` : cited;
}

/** Whether the term is set by law (directly or by analogy) rather than by the company's own policy. */
export function isLegalTerm(term: TypeTerm): boolean {
  return term.basis.kind !== 'company-policy';
}

/** The habeas-data reclamo (Ley 1581 art. 15), the one type whose record carries a mark while it is open. */
export const HABEAS_DATA_CLAIM = 'datos-reclamo';

/**
 * Ley 1581 art. 15: from a reclamo's receipt (within the 2 business days the law allows) until it is decided, the
 * requester's record shows "reclamo en trámite": the status page, the lookup mail and the export say so.
 */
export function claimInProgress(ticket: Pick<Ticket, 'type' | 'status'>): boolean {
  return ticket.type === HABEAS_DATA_CLAIM && ticket.status !== 'resolved';
}

// What the staff console's pages need: the ticket repository, the staff indexes, the rules, the legal calendar, and
// the session check behind one function (functions/http/staff/session.ts in this stack; a Cognito authorizer could
// stand in for it).
import type { DownloadLinks } from '#domain/attachments.js';
import type { EscalationPolicy } from '#domain/escalation/policy.js';
import type { SuppressionRepository } from '#domain/escalation/suppression.js';
import type { StaffIdentity } from '#domain/inbound/directory.js';
import type { Clock, StaffQueries, StaffSession, TicketRepository } from '#domain/ports.js';
import type { BusinessDays } from '#domain/time/business-days.js';
import type { HttpEvent } from '../kit.js';

/** A signed-in request: the session (its CSRF token) and who the address is in the staff directory. */
export interface ConsoleAuth {
  readonly session: StaffSession;
  readonly identity: StaffIdentity;
}

export interface ConsoleDeps {
  readonly tickets: Pick<TicketRepository, 'get' | 'applyTransition' | 'linkUsed'> & SuppressionRepository;
  readonly queries: StaffQueries;
  readonly policy: EscalationPolicy;
  /** The legal business-day calendar (Colombian holidays): PQRSA terms and the report's business days. */
  readonly businessDays: BusinessDays;
  /** The catalog's products. */
  readonly products: readonly string[];
  readonly clock: Clock;
  /** The signed-in session of a request, or undefined (the console then sends it to the sign-in page). */
  readonly authenticate: (event: HttpEvent) => Promise<ConsoleAuth | undefined>;
  /** Signed download links for a ticket's attachments; without it the page lists their names only. */
  readonly downloads?: DownloadLinks;
}

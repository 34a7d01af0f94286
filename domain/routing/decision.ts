// The routing decision: the contract every other part (handlers, records, mail, the form) builds on.
import type { Destination, EscalationLevel, PhoneContact, Priority, Queue } from '../catalog.js';
import { formatInstant, type Instant } from '../time/instant.js';

export interface EscalationContact {
  readonly level: EscalationLevel;
  readonly name: string;
  readonly emails: readonly string[];
  readonly phones: readonly PhoneContact[];
}

/** What the requester should do right now for the fastest attention. */
export interface ContactNow {
  readonly channel: 'p1-line' | 'phone' | 'email' | 'chat';
  /** As displayed on the support page. */
  readonly value: string;
  /** E.164, for `tel:` links (phone channels only). */
  readonly tel?: string;
  /** IVR path to follow after dialling, e.g. `["2", "2"]`. */
  readonly options?: readonly string[];
}

export interface RoutingDecision<T = Instant> {
  readonly product: string;
  readonly type: string;
  readonly priority: Priority;
  readonly receivedAt: T;
  readonly queue: Queue;
  readonly destination: Destination;
  /** The address that receives the ticket: the queue's mailbox (the support mailbox also for P1-line routes). */
  readonly mailbox: string;
  readonly escalationLevel: EscalationLevel;
  readonly escalation: EscalationContact;
  /** Is the queue's schedule open at `receivedAt`? */
  readonly openNow: boolean;
  /** The queue's next opening; null exactly when `openNow`. */
  readonly nextOpenAt: T | null;
  readonly contactNow: ContactNow;
  readonly firstResponseDueAt: T;
  readonly resolutionDueAt: T;
  /** PQRSA legal term (Ley 1755 de 2015); null for support requests. */
  readonly legalDueAt: T | null;
  /** Why, in Spanish, one line per rule applied. */
  readonly reasons: readonly string[];
}

/** The decision with every instant as ISO-8601 in Bogotá time (`-05:00`, milliseconds included). */
export type RoutingDecisionJson = RoutingDecision<string>;

export function decisionToJson(decision: RoutingDecision): RoutingDecisionJson {
  return {
    ...decision,
    receivedAt: formatInstant(decision.receivedAt),
    nextOpenAt: decision.nextOpenAt === null ? null : formatInstant(decision.nextOpenAt),
    firstResponseDueAt: formatInstant(decision.firstResponseDueAt),
    resolutionDueAt: formatInstant(decision.resolutionDueAt),
    legalDueAt: decision.legalDueAt === null ? null : formatInstant(decision.legalDueAt),
  };
}

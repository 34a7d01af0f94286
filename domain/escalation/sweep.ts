// The SLA sweeper: finds open tickets whose next deadline has passed (an index keyed by due time, so its reads grow
// with overdue tickets, not with all tickets) and applies one lifecycle step to each, conditional on the ticket's
// version: two sweeps running at once never apply the same step twice.
import type { Clock, TicketRepository } from '../ports.js';
import type { EscalationPolicy } from './policy.js';

export interface SweepDeps {
  readonly tickets: Pick<TicketRepository, 'listDue' | 'applyTransition'>;
  readonly policy: EscalationPolicy;
  readonly products: readonly string[];
  readonly clock: Clock;
}

export interface SweepReport {
  /** Overdue tickets read from the index. */
  readonly examined: number;
  readonly escalated: number;
  readonly reminded: number;
  /** Steps that changed only what is watched (a deadline passed at the top level, stale reminders). */
  readonly updated: number;
  /** Tickets another writer changed first (another sweep, staff, the requester): left for the next sweep. */
  readonly stale: number;
  /** Escalations by the level reached (`"2"`, `"3"`). */
  readonly escalatedTo: Readonly<Record<string, number>>;
}

/**
 * One sweep at the clock's current time. A ticket that needs several steps (the sweeper was down for hours) takes
 * one per pass; passes repeat while they make progress, up to `maxPasses`.
 */
export async function sweepOverdue(
  deps: SweepDeps,
  options: { readonly batch?: number; readonly maxPasses?: number } = {},
): Promise<SweepReport> {
  const batch = options.batch ?? 100;
  const now = deps.clock.now();
  const escalatedTo: Record<string, number> = {};
  const report = { examined: 0, escalated: 0, reminded: 0, updated: 0, stale: 0, escalatedTo };
  for (const product of deps.products) {
    for (let pass = 0; pass < (options.maxPasses ?? 10); pass++) {
      const due = await deps.tickets.listDue(product, now, batch);
      report.examined += due.length;
      let progressed = 0;
      for (const ticket of due) {
        const step = deps.policy.sweepStep(ticket, now);
        if (!step) continue;
        const outcome = await deps.tickets.applyTransition(step, ticket.version);
        if (outcome !== 'applied') {
          report.stale++;
          continue;
        }
        progressed++;
        const event = step.history[0]?.event;
        if (event === 'escalated') {
          report.escalated++;
          const level = String(step.ticket.escalationLevel);
          escalatedTo[level] = (escalatedTo[level] ?? 0) + 1;
        } else if (event === 'reminded') report.reminded++;
        else report.updated++;
      }
      if (due.length === 0 || progressed === 0) break;
    }
  }
  return report;
}

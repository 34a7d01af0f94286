// A lifecycle step as data: the new ticket, its audit lines and the notifications to send, which a repository
// applies atomically, conditional on the ticket's version.
import type { EscalationLevel } from '../catalog.js';
import type { PlannedNotification } from '../notifications.js';
import type { HistoryEntry, Ticket, Watch } from '../ticket.js';
import type { Instant } from '../time/instant.js';

export interface Transition {
  readonly ticket: Ticket;
  readonly history: readonly HistoryEntry[];
  readonly notifications: readonly PlannedNotification[];
}

/** What a step changes: the watch, the level (unless it stays), and what it records and sends (nothing unless said). */
export interface Change {
  readonly watch: Watch;
  readonly level?: EscalationLevel;
  readonly history?: readonly HistoryEntry[];
  readonly notifications?: readonly PlannedNotification[];
}

/** The transition making `change` to `ticket`: its level and watch, the due time they give, the next version. */
export function transitionFor(ticket: Ticket, change: Change): Transition {
  const { watch } = change;
  return {
    ticket: {
      ...ticket,
      escalationLevel: change.level ?? ticket.escalationLevel,
      watch,
      dueAt: dueAtOf(ticket.status, watch),
      version: ticket.version + 1,
    },
    history: change.history ?? [],
    notifications: change.notifications ?? [],
  };
}

/** A watch with nothing left on it. */
export function unwatched(): Watch {
  return { responseDueAt: null, resolutionDueAt: null, reminders: [] };
}

/** The earliest deadline still watched; null when the ticket is closed or nothing is left. */
export function dueAtOf(status: Ticket['status'], watch: Watch): Instant | null {
  if (status === 'resolved') return null;
  const candidates = [
    status === 'received' ? watch.responseDueAt : null,
    watch.resolutionDueAt,
    watch.reminders[0]?.at ?? null,
    watch.requesterDueAt ?? null,
  ].filter((t): t is Instant => t !== null);
  return candidates.length === 0 ? null : Math.min(...candidates);
}

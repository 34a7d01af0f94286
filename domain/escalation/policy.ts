// The escalation lifecycle as pure functions: what the sweeper does with an overdue ticket, and what acknowledging,
// resolving and a requester's escalation change. Each returns a Transition (the new ticket, its audit lines and
// the notifications to send) that a repository applies atomically, conditional on the ticket's version.
//
// The ladder, per ticket:
// - First response: unacknowledged past its deadline, a ticket climbs one level, and the new level gets the
//   priority's first-response window (on the SLA clock: 7×24 for P1, the desk's hours otherwise) before it climbs
//   again. Support climbs to level 3; a PQRSA to level 2 (level 3 is for the legal term).
// - Resolution: unresolved past its deadline, a support ticket climbs one level, with the same window per level.
//   A PQRSA whose legal term passes unanswered goes straight to level 3.
// - PQRSA reminders: the PQRSA mailbox (level 2 in Cc) is reminded some business days before the legal term.
// - Reaching level 3 also pages the on-call staff.
import type { EscalationLevel } from '../catalog.js';
import { DomainError } from '../errors.js';
import type { PlannedNotification } from '../notifications.js';
import type { RoutingDecision } from '../routing/decision.js';
import type { RoutingEngine } from '../routing/engine.js';
import type { HistoryEntry, Ticket, Watch } from '../ticket.js';
import type { Instant } from '../time/instant.js';
import { AlwaysOpenTimetable, type Timetable } from '../time/timetable.js';

export const TOP_LEVEL: EscalationLevel = 3;
const ALWAYS_OPEN = new AlwaysOpenTimetable('7x24', '7 días 24 horas');

export interface Transition {
  readonly ticket: Ticket;
  readonly history: readonly HistoryEntry[];
  readonly notifications: readonly PlannedNotification[];
}

/** Why an action cannot be taken now; `code` is stable for clients, the message is for people (Spanish). */
export class ActionRefused extends DomainError {
  readonly code = 'action_refused';
  constructor(
    readonly reason:
      | 'already_acknowledged'
      | 'already_resolved'
      | 'not_yet'
      | 'already_escalated'
      | 'top_level'
      | 'stale',
    message: string,
    readonly availableAt?: Instant,
  ) {
    super(message);
    this.name = 'ActionRefused';
  }
}

export class EscalationPolicy {
  constructor(private readonly engine: RoutingEngine) {}

  /** What a new ticket's sweeper watches. */
  initialWatch(routing: RoutingDecision): Watch {
    const reminders =
      routing.legalDueAt === null
        ? []
        : this.engine.catalog.pqrsa.legalTerm.remindBusinessDaysBefore
            .map((days) => ({ at: this.reminderAt(routing, days), businessDaysBefore: days }))
            .filter((r) => r.at > routing.receivedAt)
            .sort((a, b) => a.at - b.at);
    return {
      responseDueAt: routing.firstResponseDueAt,
      resolutionDueAt: routing.resolutionDueAt,
      reminders,
    };
  }

  /** The next step for a ticket the sweeper found due at `now`; undefined when nothing is due. */
  sweepStep(ticket: Ticket, now: Instant): Transition | undefined {
    if (ticket.status === 'resolved' || ticket.dueAt === null || ticket.dueAt > now) return undefined;
    const { watch } = ticket;
    const legalPassed =
      ticket.queue === 'pqrsa' && watch.resolutionDueAt !== null && watch.resolutionDueAt <= now;

    const reminder = watch.reminders[0];
    if (reminder && reminder.at <= now && !legalPassed) {
      const days = reminder.businessDaysBefore;
      return this.apply(ticket, { ...watch, reminders: watch.reminders.slice(1) }, ticket.escalationLevel, {
        history: [
          {
            at: now,
            event: 'reminded',
            by: 'sweeper',
            note: `Faltan ${days} día(s) hábil(es) para el término legal sin respuesta: recordatorio al buzón PQRSA y al nivel 2.`,
          },
        ],
        notifications: [{ id: `reminder-${days}`, kind: 'reminder', businessDaysLeft: days }],
      });
    }

    if (legalPassed && ticket.escalationLevel === TOP_LEVEL) {
      // Already at the top (the requester escalated it there): the term's passing is recorded, nobody new to tell.
      return this.apply(ticket, { responseDueAt: null, resolutionDueAt: null, reminders: [] }, TOP_LEVEL, {
        history: [
          {
            at: now,
            event: 'escalated',
            by: 'sweeper',
            note: 'Venció el término legal de la PQRSA sin respuesta; ya estaba en el nivel 3.',
          },
        ],
        notifications: [],
      });
    }
    if (legalPassed) {
      return this.raise(
        ticket,
        now,
        TOP_LEVEL,
        'sweeper',
        'Venció el término legal de la PQRSA sin respuesta.',
        {
          responseDueAt: null,
          resolutionDueAt: null,
          reminders: [],
        },
      );
    }

    if (ticket.status === 'received' && watch.responseDueAt !== null && watch.responseDueAt <= now) {
      return this.missed(
        ticket,
        now,
        deadlineLevelCap(ticket),
        'responseDueAt',
        'Venció el plazo de primera respuesta sin acuse de recibo.',
      );
    }
    if (ticket.queue === 'support' && watch.resolutionDueAt !== null && watch.resolutionDueAt <= now) {
      return this.missed(ticket, now, TOP_LEVEL, 'resolutionDueAt', 'Venció el plazo de solución.');
    }
    // Only stale reminders (the legal term already passed) or nothing: drop them so the ticket leaves the index.
    return this.apply(
      ticket,
      { ...watch, reminders: watch.reminders.filter((r) => r.at > now) },
      ticket.escalationLevel,
      {
        history: [],
        notifications: [],
      },
    );
  }

  /** A missed deadline: up one level, or, at the top (`maxLevel`), stop watching that deadline. */
  private missed(
    ticket: Ticket,
    now: Instant,
    maxLevel: EscalationLevel,
    deadline: 'responseDueAt' | 'resolutionDueAt',
    why: string,
  ): Transition {
    if (ticket.escalationLevel >= maxLevel) {
      return this.apply(ticket, { ...ticket.watch, [deadline]: null }, ticket.escalationLevel, {
        history: [],
        notifications: [],
      });
    }
    return this.raise(ticket, now, (ticket.escalationLevel + 1) as EscalationLevel, 'sweeper', why);
  }

  /** Staff acknowledge: the first-response clock stops. */
  acknowledge(ticket: Ticket, now: Instant, by: string): Transition {
    if (ticket.status === 'resolved') throw resolvedAlready();
    if (ticket.status === 'acknowledged') {
      throw new ActionRefused('already_acknowledged', 'La solicitud ya tenía acuse de recibo.');
    }
    return this.apply(
      { ...ticket, status: 'acknowledged', acknowledgedAt: now },
      { ...ticket.watch, responseDueAt: null },
      ticket.escalationLevel,
      {
        history: [
          {
            at: now,
            event: 'acknowledged',
            by,
            note: `Acuse de recibo en el nivel ${ticket.escalationLevel}.`,
          },
        ],
        notifications: [],
      },
    );
  }

  /** Staff resolve: the ticket closes and the requester receives the resolution with the note. */
  resolve(ticket: Ticket, now: Instant, by: string, note: string): Transition {
    if (ticket.status === 'resolved') throw resolvedAlready();
    return {
      ticket: {
        ...ticket,
        status: 'resolved',
        resolvedAt: now,
        ...(ticket.acknowledgedAt === undefined ? { acknowledgedAt: now } : {}),
        watch: { responseDueAt: null, resolutionDueAt: null, reminders: [] },
        dueAt: null,
        version: ticket.version + 1,
      },
      history: [{ at: now, event: 'resolved', by, note }],
      notifications: [{ id: 'resolved-requester', kind: 'resolution' }],
    };
  }

  /** Whether the requester may escalate now, and if not, why (and from when). */
  requesterMayEscalate(
    ticket: Ticket,
    now: Instant,
  ): { allowed: true } | { allowed: false; refusal: ActionRefused } {
    if (ticket.status === 'resolved') return { allowed: false, refusal: resolvedAlready() };
    if (ticket.escalationLevel >= TOP_LEVEL) {
      return {
        allowed: false,
        refusal: new ActionRefused('top_level', 'La solicitud ya está en el nivel más alto de escalamiento.'),
      };
    }
    // After the first-response deadline, and after the current level's own deadline: the level a requester (or
    // the sweeper) raised the ticket to gets its window before the requester can go higher.
    const levelDue = ticket.status === 'received' ? ticket.watch.responseDueAt : ticket.watch.resolutionDueAt;
    const from = Math.max(ticket.routing.firstResponseDueAt, levelDue ?? 0);
    if (now < from) {
      return {
        allowed: false,
        refusal: new ActionRefused(
          'not_yet',
          'Podrá escalar cuando venza el plazo de primera respuesta.',
          from,
        ),
      };
    }
    if (ticket.requesterEscalations.includes(ticket.escalationLevel)) {
      return {
        allowed: false,
        refusal: new ActionRefused('already_escalated', 'Ya pidió escalar la solicitud en este nivel.'),
      };
    }
    return { allowed: true };
  }

  /**
   * The requester asks to escalate: after the first-response deadline and the current level's own deadline (while
   * acknowledged, the resolution deadline), once per level.
   */
  escalateByRequester(ticket: Ticket, now: Instant, reason: string): Transition {
    const verdict = this.requesterMayEscalate(ticket, now);
    if (!verdict.allowed) throw verdict.refusal;
    return this.raise(
      { ...ticket, requesterEscalations: [...ticket.requesterEscalations, ticket.escalationLevel] },
      now,
      (ticket.escalationLevel + 1) as EscalationLevel,
      'requester',
      `El solicitante pidió escalar: ${reason}`,
    );
  }

  /** Raises a ticket to `level`: the new level gets a fresh window, is notified, and level 3 pages on-call staff. */
  private raise(
    ticket: Ticket,
    now: Instant,
    level: EscalationLevel,
    by: string,
    why: string,
    watch?: Watch,
  ): Transition {
    const window = level < deadlineLevelCap(ticket) ? this.levelWindow(ticket, now) : null;
    const current = ticket.watch;
    const next: Watch = watch ?? {
      responseDueAt: ticket.status === 'received' ? window : null,
      resolutionDueAt:
        current.resolutionDueAt !== null && current.resolutionDueAt > now
          ? current.resolutionDueAt
          : ticket.queue === 'pqrsa'
            ? current.resolutionDueAt
            : window,
      reminders: current.reminders,
    };
    const name = this.engine.desk(ticket.product, ticket.queue).escalation[level - 1]?.name ?? '';
    return this.apply(ticket, next, level, {
      history: [
        {
          at: now,
          event: 'escalated',
          by,
          note: `${why} Escalada del nivel ${ticket.escalationLevel} al nivel ${level} (${name}).`,
        },
      ],
      notifications: [
        { id: `escalated-${level}`, kind: 'escalation', level },
        ...(level === TOP_LEVEL ? [{ id: `escalated-${level}-page`, kind: 'page' as const, level }] : []),
      ],
    });
  }

  private apply(
    ticket: Ticket,
    watch: Watch,
    level: EscalationLevel,
    effects: Omit<Transition, 'ticket'>,
  ): Transition {
    return {
      ticket: {
        ...ticket,
        escalationLevel: level,
        watch,
        dueAt: dueAtOf(ticket.status, watch),
        version: ticket.version + 1,
      },
      ...effects,
    };
  }

  /** How long a level has to act before the ticket climbs again: the priority's first-response time. */
  private levelWindow(ticket: Ticket, now: Instant): Instant {
    const sla = this.engine.catalog.sla[ticket.priority];
    return this.slaClock(ticket, sla.clock).addOpenMinutes(now, sla.firstResponseMinutes);
  }

  private slaClock(ticket: Ticket, clock: 'always' | 'queue'): Timetable {
    const desk = this.engine.desk(ticket.product, ticket.queue);
    return ticket.queue === 'support' && clock === 'always' ? ALWAYS_OPEN : desk.timetable;
  }

  /** A reminder lands at the PQRSA desk's opening on the business day `days` business days before the term. */
  private reminderAt(routing: RoutingDecision, days: number): Instant {
    const legal = routing.legalDueAt as Instant;
    const day = this.engine.businessDays.businessDayBefore(legal, days);
    return this.engine.desk(routing.product, 'pqrsa').timetable.openingAtOrAfter(day);
  }
}

/** How high missed SLA deadlines take a ticket: level 3 for support, 2 for a PQRSA (3 is for its legal term). */
function deadlineLevelCap(ticket: Ticket): EscalationLevel {
  return ticket.queue === 'pqrsa' ? 2 : TOP_LEVEL;
}

/** The earliest deadline still watched; null when the ticket is closed or nothing is left. */
export function dueAtOf(status: Ticket['status'], watch: Watch): Instant | null {
  if (status === 'resolved') return null;
  const candidates = [
    status === 'received' ? watch.responseDueAt : null,
    watch.resolutionDueAt,
    watch.reminders[0]?.at ?? null,
  ].filter((t): t is Instant => t !== null);
  return candidates.length === 0 ? null : Math.min(...candidates);
}

function resolvedAlready(): ActionRefused {
  return new ActionRefused('already_resolved', 'La solicitud ya está resuelta.');
}

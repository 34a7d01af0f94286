// The escalation lifecycle as pure functions: what the sweeper does with an overdue ticket, and what acknowledging,
// resolving and a requester's escalation change. Each returns a Transition (transition.ts) that a repository applies
// atomically, conditional on the ticket's version.
//
// The ladder, per ticket:
// - First response: unacknowledged past its deadline, a ticket climbs one level, and the new level gets the
//   priority's first-response window (on the SLA clock: 7×24 for P1, the desk's hours otherwise) before it climbs
//   again. Support climbs to level 3; a PQRSA to level 2 (level 3 is for the legal term).
// - Resolution: unresolved past its deadline, a support ticket climbs one level, with the same window per level.
//   A PQRSA whose legal term passes unanswered goes straight to level 3.
// - PQRSA reminders: the PQRSA mailbox (level 2 in Cc) is reminded some business days before the legal term.
// - Reaching level 3 also pages the on-call staff.
import type { EscalationLevel, LegalTermPolicy, Priority, SlaTarget, TypeTerm } from '../catalog.js';
import { slaClock } from '../routing/compile.js';
import type { RoutingDecision } from '../routing/decision.js';
import type { Desks } from '../routing/desks.js';
import type { Ticket, Watch } from '../ticket.js';
import type { BusinessDays } from '../time/business-days.js';
import type { Instant } from '../time/instant.js';
import { type CompletionTerms, pendingInfoRequest, withdraw } from './completion.js';
import {
  type ExtensionBounds,
  type ExtensionCalendar,
  extendedDueAt,
  extensionBounds,
  extensionNote,
  legalDueAtOf,
} from './extension.js';
import { ActionRefused } from './refusal.js';
import { type Reminder, remind, remindersBefore } from './reminders.js';
import { type Transition, transitionFor, unwatched } from './transition.js';

export { ActionRefused } from './refusal.js';
export { dueAtOf, type Transition } from './transition.js';

export const TOP_LEVEL: EscalationLevel = 3;

/** What the escalation rules read from the compiled catalog. */
export interface EscalationTerms {
  /** Each product queue's hours (the SLA clock) and ladder (the level names in the history). */
  readonly desks: Desks;
  /** The SLA targets: a new level's window is its priority's first-response time. */
  readonly sla: Readonly<Record<Priority, SlaTarget>>;
  /** When PQRSA reminders go out. */
  readonly legalTerm: Pick<LegalTermPolicy, 'remindBusinessDaysBefore'>;
  readonly businessDays: BusinessDays;
  /** A request type's term (PQRSA types; undefined for support types): how far it may be extended. */
  readonly typeTerm: (type: string) => TypeTerm | undefined;
}

/** A missed SLA deadline and how high missing it may take the ticket. */
interface Missed {
  readonly deadline: 'responseDueAt' | 'resolutionDueAt';
  readonly maxLevel: EscalationLevel;
  readonly why: string;
}

/** What the sweeper finds due first on a ticket. */
type Due =
  | { readonly kind: 'legal-term' }
  | { readonly kind: 'reminder'; readonly reminder: Reminder }
  | ({ readonly kind: 'missed' } & Missed)
  /** The requester did not complete the request in time: it is withdrawn. */
  | { readonly kind: 'withdraw' }
  /** Nothing in the watch is due (the ticket's `dueAt` disagreed with it): only its due time is rewritten. */
  | { readonly kind: 'reindex' };

export class EscalationPolicy {
  /** What the incomplete-request rules (completion.ts: requestInfo, completeByRequester, …) are applied with. */
  readonly completion: CompletionTerms;

  constructor(private readonly terms: EscalationTerms) {
    this.completion = {
      businessDays: terms.businessDays,
      typeTerm: terms.typeTerm,
      reminders: (product, dueAt, after) => this.reminders(product, dueAt, after),
    };
  }

  /** What a new ticket's sweeper watches. */
  initialWatch(routing: RoutingDecision): Watch {
    return {
      responseDueAt: routing.firstResponseDueAt,
      resolutionDueAt: routing.resolutionDueAt,
      reminders:
        routing.legalDueAt === null
          ? []
          : this.reminders(routing.product, routing.legalDueAt, routing.receivedAt),
    };
  }

  /** The next step for a ticket the sweeper found due at `now`; undefined when nothing is due. */
  sweepStep(ticket: Ticket, now: Instant): Transition | undefined {
    const due = nextDue(ticket, now);
    return due === undefined ? undefined : this.planDue(ticket, now, due);
  }

  /** Staff acknowledge: the first-response clock stops, and the requester is told who handles the request. */
  acknowledge(ticket: Ticket, now: Instant, by: string): Transition {
    if (ticket.status === 'resolved') throw resolvedAlready();
    if (ticket.status === 'acknowledged') {
      throw new ActionRefused('already_acknowledged', 'La solicitud ya tenía acuse de recibo.');
    }
    return transitionFor(
      { ...ticket, status: 'acknowledged', acknowledgedAt: now },
      {
        watch: { ...ticket.watch, responseDueAt: null },
        history: [
          {
            at: now,
            event: 'acknowledged',
            by,
            note: `Acuse de recibo en el nivel ${ticket.escalationLevel}.`,
          },
        ],
        notifications: [{ id: 'acknowledged-requester', kind: 'handling', level: ticket.escalationLevel }],
      },
    );
  }

  /** Staff resolve: the ticket closes and the requester receives the resolution with the note. */
  resolve(ticket: Ticket, now: Instant, by: string, note: string): Transition {
    if (ticket.status === 'resolved') throw resolvedAlready();
    return transitionFor(
      {
        ...ticket,
        status: 'resolved',
        resolvedAt: now,
        answeredAt: ticket.answeredAt ?? now,
        ...(ticket.acknowledgedAt === undefined ? { acknowledgedAt: now } : {}),
      },
      {
        watch: unwatched(),
        history: [{ at: now, event: 'resolved', by, note }],
        // A reopened ticket's next resolution is a new notification: its first one's id is taken in the outbox.
        notifications: [
          {
            id: ticket.answeredAt === undefined ? 'resolved-requester' : `resolved-requester-${now}`,
            kind: 'resolution',
          },
        ],
      },
    );
  }

  /**
   * Staff extend a PQRSA's legal term (prórroga) to the legal business day `dueDate`, with their reasons: the watch
   * and the reminders follow the new date, and the requester is told the reasons and the date. Refused (ActionRefused,
   * nothing changes) after the term, a second time, or past the type's maximum (extension.ts).
   */
  extend(
    ticket: Ticket,
    now: Instant,
    by: string,
    request: { dueDate: string; reasons: string },
  ): Transition {
    const dueAt = extendedDueAt(ticket, now, request.dueDate, this.extensionCalendar(ticket));
    const previousDueAt = legalDueAtOf(ticket) as Instant;
    return transitionFor(
      { ...ticket, extension: { at: now, previousDueAt, dueAt } },
      {
        watch: {
          ...ticket.watch,
          resolutionDueAt: dueAt,
          reminders: this.reminders(ticket.product, dueAt, now),
        },
        history: [
          {
            at: now,
            event: 'extended',
            by,
            note: extensionNote(previousDueAt, dueAt, request.reasons, ticket.receivedAt),
          },
        ],
        notifications: [{ id: 'extended-requester', kind: 'extension' }],
      },
    );
  }

  /** Whether the term may be extended now and how far (the confirmation page's form); throws ActionRefused if not. */
  extensionBounds(ticket: Ticket, now: Instant): ExtensionBounds {
    return extensionBounds(ticket, now, this.extensionCalendar(ticket));
  }

  private extensionCalendar(ticket: Ticket): ExtensionCalendar {
    return { businessDays: this.terms.businessDays, term: this.terms.typeTerm(ticket.type) };
  }

  /** Whether the requester may escalate now, and if not, why (and from when). */
  requesterMayEscalate(
    ticket: Ticket,
    now: Instant,
  ): { allowed: true } | { allowed: false; refusal: ActionRefused } {
    if (ticket.status === 'resolved') return { allowed: false, refusal: resolvedAlready() };
    if (pendingInfoRequest(ticket)) {
      return {
        allowed: false,
        refusal: new ActionRefused(
          'suspended',
          'La solicitud espera que usted la complete: el término está suspendido hasta entonces.',
        ),
      };
    }
    if (ticket.escalationLevel >= TOP_LEVEL) return { allowed: false, refusal: atTheTop() };
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

  /**
   * Staff escalate one level now, with their reason: the same entry, notifications and new window as the sweeper's
   * escalation to that level (level 3 pages on-call staff). Refused when closed or at level 3. A PQRSA's missed
   * response deadlines stop at level 2 (its level 3 is for the legal term passing), but a person may take it to the
   * Coordinador de Soporte with a reason, as the requester may.
   */
  escalateByStaff(ticket: Ticket, now: Instant, by: string, reason: string): Transition {
    if (ticket.status === 'resolved') throw resolvedAlready();
    if (ticket.escalationLevel >= TOP_LEVEL) throw atTheTop();
    const level = (ticket.escalationLevel + 1) as EscalationLevel;
    return this.raise(ticket, now, level, by, `Escalada por el personal: ${reason}`);
  }

  /** The sweeper's step for what is due. */
  private planDue(ticket: Ticket, now: Instant, due: Due): Transition {
    switch (due.kind) {
      case 'legal-term':
        return this.legalTermPassed(ticket, now);
      case 'reminder':
        return remind(ticket, now, due.reminder);
      case 'withdraw':
        return withdraw(this.completion, ticket, now);
      case 'missed':
        return this.missed(ticket, now, due);
      case 'reindex':
        return transitionFor(ticket, {
          watch: { ...ticket.watch, reminders: ticket.watch.reminders.filter((r) => r.at > now) },
        });
    }
  }

  /** A PQRSA's legal term passed unanswered: straight to level 3, and nothing is watched any more. */
  private legalTermPassed(ticket: Ticket, now: Instant): Transition {
    const why = 'Venció el término legal de la PQRSA sin respuesta.';
    if (ticket.escalationLevel < TOP_LEVEL)
      return this.raise(ticket, now, TOP_LEVEL, 'sweeper', why, unwatched());
    // Already at the top (the requester escalated it there): the term's passing is recorded, nobody new to tell.
    return transitionFor(ticket, {
      watch: unwatched(),
      history: [
        {
          at: now,
          event: 'escalated',
          by: 'sweeper',
          note: 'Venció el término legal de la PQRSA sin respuesta; ya estaba en el nivel 3.',
        },
      ],
    });
  }

  /** A missed deadline: up one level, or, at the top (`maxLevel`), stop watching that deadline. */
  private missed(ticket: Ticket, now: Instant, { deadline, maxLevel, why }: Missed): Transition {
    return ticket.escalationLevel >= maxLevel
      ? transitionFor(ticket, { watch: { ...ticket.watch, [deadline]: null } })
      : this.raise(ticket, now, (ticket.escalationLevel + 1) as EscalationLevel, 'sweeper', why);
  }

  /** Raises a ticket to `level`: the new level gets a fresh window, is notified, and level 3 pages on-call staff. */
  private raise(
    ticket: Ticket,
    now: Instant,
    level: EscalationLevel,
    by: string,
    why: string,
    watch: Watch = this.watchOnceRaised(ticket, now, level),
  ): Transition {
    const name = this.terms.desks.desk(ticket.product, ticket.queue).escalation[level - 1]?.name ?? '';
    return transitionFor(ticket, {
      level,
      watch,
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

  /**
   * The watch at the new level: below the ticket's cap, the level gets its window for what is still open (the
   * first response, or a support resolution already missed); a resolution deadline still ahead, or a PQRSA's legal
   * term, stays as it is.
   */
  private watchOnceRaised(ticket: Ticket, now: Instant, level: EscalationLevel): Watch {
    const window = level < deadlineLevelCap(ticket) ? this.levelWindow(ticket, now) : null;
    const { watch } = ticket;
    return {
      ...watch,
      responseDueAt: ticket.status === 'received' ? window : null,
      resolutionDueAt:
        (watch.resolutionDueAt !== null && watch.resolutionDueAt > now) || ticket.queue === 'pqrsa'
          ? watch.resolutionDueAt
          : window,
    };
  }

  /**
   * How long a level has to act before the ticket climbs again: the priority's first-response time (also a reopened
   * ticket's new resolution target).
   */
  levelWindow(ticket: Ticket, now: Instant): Instant {
    const sla = this.terms.sla[ticket.priority];
    const desk = this.terms.desks.desk(ticket.product, ticket.queue);
    return slaClock(desk, sla).addOpenMinutes(now, sla.firstResponseMinutes);
  }

  private reminders(product: string, legalDueAt: Instant, after: Instant): Watch['reminders'] {
    return remindersBefore(this.terms, product, legalDueAt, after);
  }
}

/** What is due first on a ticket at `now`; undefined when it is closed or its earliest deadline is still ahead. */
function nextDue(ticket: Ticket, now: Instant): Due | undefined {
  if (ticket.status === 'resolved' || ticket.dueAt === null || ticket.dueAt > now) return undefined;
  const { watch } = ticket;
  const passed = (at: Instant | null | undefined) => at !== null && at !== undefined && at <= now;
  if (pendingInfoRequest(ticket) && passed(watch.requesterDueAt)) return { kind: 'withdraw' };
  // A PQRSA's passed legal term comes first: its reminders are moot.
  if (ticket.queue === 'pqrsa' && passed(watch.resolutionDueAt)) return { kind: 'legal-term' };
  const reminder = watch.reminders[0];
  if (reminder && reminder.at <= now) return { kind: 'reminder', reminder };
  if (ticket.status === 'received' && passed(watch.responseDueAt)) {
    const why = 'Venció el plazo de primera respuesta sin acuse de recibo.';
    return { kind: 'missed', deadline: 'responseDueAt', maxLevel: deadlineLevelCap(ticket), why };
  }
  if (ticket.queue === 'support' && passed(watch.resolutionDueAt)) {
    return {
      kind: 'missed',
      deadline: 'resolutionDueAt',
      maxLevel: TOP_LEVEL,
      why: 'Venció el plazo de solución.',
    };
  }
  return { kind: 'reindex' };
}

/** How high missed SLA deadlines take a ticket: level 3 for support, 2 for a PQRSA (3 is for its legal term). */
function deadlineLevelCap(ticket: Ticket): EscalationLevel {
  return ticket.queue === 'pqrsa' ? 2 : TOP_LEVEL;
}

function resolvedAlready(): ActionRefused {
  return new ActionRefused('already_resolved', 'La solicitud ya está resuelta.');
}

function atTheTop(): ActionRefused {
  return new ActionRefused('top_level', 'La solicitud ya está en el nivel más alto de escalamiento.');
}

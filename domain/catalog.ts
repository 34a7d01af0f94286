// The support catalog as the domain sees it: products, channels, schedules, escalation levels,
// SLA targets, legal terms and the routing decision table. data/ fills it in and validates it.

export const QUEUES = ['support', 'pqrsa'] as const;
export type Queue = (typeof QUEUES)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNEL_KINDS = [
  'phone',
  'mobile',
  'p1-line',
  'email',
  'chat',
  'pqrsa-email',
  'pqrsa-phone',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const DESTINATIONS = ['support-mailbox', 'pqrsa-mailbox', 'p1-line'] as const;
export type Destination = (typeof DESTINATIONS)[number];

export const ESCALATION_LEVELS = [1, 2, 3] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Localized {
  readonly es: string;
  readonly en: string;
}

/**
 * A phone number as it is shown and dialled: `display` in today's dialable national form (`601 744 2727` for a
 * Bogotá landline, `318 717 4937` for a mobile), `tel` in E.164 for `tel:` links, IVR path and extensions apart.
 */
export interface PhoneContact {
  readonly display: string;
  readonly tel: string;
  readonly options?: readonly string[];
  readonly ext?: readonly string[];
}

/**
 * A phone of the catalog: the contact, plus `asPublished`, the seed row's text as written (e.g. `(571) 744 27 27`,
 * Bogotá's prefix before 2021), kept to trace the number to its source and never shown.
 */
export interface CatalogPhone extends PhoneContact {
  readonly asPublished: string;
}

export type ChannelContact =
  | ({ readonly type: 'phone' } & CatalogPhone)
  | { readonly type: 'email'; readonly email: string }
  | { readonly type: 'url'; readonly url: string };

/** Half-open local time range `[from, to)`, `HH:mm`; `to` may be `24:00`. */
export type HourRange = readonly [from: string, to: string];

export interface ScheduleException {
  readonly date: string; // ISO date, Bogotá
  readonly hours: readonly HourRange[]; // empty = closed all day
  readonly note: string;
}

export type Schedule =
  | { readonly id: string; readonly label: string; readonly kind: '7x24' }
  | {
      readonly id: string;
      readonly label: string;
      readonly kind: 'weekly';
      readonly hours: Readonly<Partial<Record<Weekday, readonly HourRange[]>>>;
      /** Colombian public holidays (and the calendar's extra closed dates) close this schedule. */
      readonly closedOnHolidays: boolean;
      /** Dates whose hours replace the weekly hours (and holiday closure) for that day. */
      readonly exceptions: readonly ScheduleException[];
    };

export interface Channel {
  readonly id: string;
  readonly kind: ChannelKind;
  readonly label: string;
  /** Request types this channel serves; `priorities` narrows it (the P1 line serves priority-1 incidents). */
  readonly serves: { readonly types: readonly string[]; readonly priorities?: readonly Priority[] };
  readonly schedule: string;
  readonly contact: ChannelContact;
  readonly note?: string;
}

export interface EscalationStep {
  readonly level: EscalationLevel;
  readonly name: string;
  readonly emails: readonly string[];
  readonly phones: readonly CatalogPhone[];
  /** Schedule id when the seed gives hours for this level (only level 1 does). */
  readonly schedule?: string;
}

export interface Product {
  readonly id: string;
  readonly name: string;
  readonly shortName: string;
  /** Prefix of the radicado (reference number), e.g. `CF` in `CF-2026-000042`. */
  readonly radicadoPrefix: string;
  readonly source: string;
  readonly channels: readonly Channel[];
  readonly escalation: readonly [EscalationStep, EscalationStep, EscalationStep];
}

/** Where a PQRSA term is counted from: the legal receipt day itself (day 1), or the business day after it. */
export const TERM_STARTS = ['receipt-day', 'next-business-day'] as const;
export type TermStart = (typeof TERM_STARTS)[number];

/**
 * Where a term comes from: a law and article, that article applied by analogy (a rule written for authorities, such
 * as the consulta of Ley 1755 art. 14 num. 2), or the company's own policy (no law sets the term).
 */
export type TermBasis =
  | { readonly kind: 'law' | 'analogy'; readonly law: string; readonly article: string }
  | { readonly kind: 'company-policy' };

/** The term of a PQRSA type, counted in legal business days (see {@link LegalTermPolicy}). */
export interface TypeTerm {
  readonly basis: TermBasis;
  readonly businessDays: number;
  readonly countFrom: TermStart;
  /** Business days the term may be extended by, at most (prórroga: Ley 1755 art. 14 par.; Ley 1581 arts. 14–15). */
  readonly maxExtensionBusinessDays: number;
  /** When the request is incomplete, how the requester is asked to complete it (Ley 1755 art. 17; Ley 1581 art. 15). */
  readonly completion: CompletionTerm;
}

/**
 * An incomplete request (Ley 1755 art. 17; Ley 1581 art. 15): the company may ask the requester to complete it within
 * `askWithinBusinessDays` legal business days of filing (counted from the day after); the term is suspended until the
 * answer; the requester has `answerMonths` calendar months (extendable once, on request, by as many), or the request
 * is withdrawn.
 */
export interface CompletionTerm {
  readonly askWithinBusinessDays: number;
  readonly answerMonths: number;
}

export interface RequestTypeDef {
  readonly id: string;
  readonly queue: Queue;
  readonly label: Localized;
  /** One plain line saying what the type is for (shown on the form). */
  readonly description: Localized;
  /** Other spellings accepted on input besides the id and labels (compared without case or accents). */
  readonly aliases: readonly string[];
  /** The term to answer (PQRSA types only). */
  readonly term?: TypeTerm;
}

export interface SlaTarget {
  readonly firstResponseMinutes: number;
  readonly resolutionMinutes: number;
  /** `always`: the 7×24 clock; `queue`: the schedule of the queue the request is in. */
  readonly clock: 'always' | 'queue';
}

export interface RuleCondition {
  readonly queue?: Queue;
  readonly types?: readonly string[];
  readonly priorities?: readonly Priority[];
  /** Whether the product's support schedule is open at the moment of receipt. */
  readonly supportOpen?: boolean;
}

export interface RoutingRule {
  readonly id: string;
  readonly when: RuleCondition;
  readonly route: { readonly destination: Destination; readonly escalationLevel: EscalationLevel };
  /**
   * Why, in Spanish. Placeholders: {product}, {mailbox}, {level}, {levelName}, {p1Line}.
   */
  readonly reason: string;
}

/**
 * The legal calendar of PQRSA terms, apart from any desk's hours: business days are these weekdays minus the
 * Colombian public holidays. Company closures (`calendar.extraClosedDates`) and schedule exceptions never move it.
 */
export interface LegalTermPolicy {
  /** Weekdays that are legal business days (public holidays excluded). */
  readonly businessWeekdays: readonly Weekday[];
  /** Local time at which a term falls due on its last business day. */
  readonly dueTime: string;
  /**
   * A published daily cut-off (`HH:mm`): a request received at or after it counts as received the next business
   * day. None by default: a request is received the day it enters the system, whatever the hour (Ley 527 art. 24).
   */
  readonly dailyCutOff?: string;
  /**
   * Reminders to the PQRSA mailbox and level 2 while a PQRSA is unresolved: this many business days before the
   * legal due date, at the PQRSA desk's opening that day (descending, e.g. [5, 1]).
   */
  readonly remindBusinessDaysBefore: readonly number[];
}

export interface Catalog {
  readonly timeZone: 'America/Bogota';
  readonly calendar: {
    /**
     * Dates closed for every schedule that closes on holidays, beyond the Colombian public holidays. They move desks
     * and SLA clocks, never a legal term.
     */
    readonly extraClosedDates: readonly { readonly date: string; readonly note: string }[];
  };
  readonly schedules: readonly Schedule[];
  readonly requestTypes: readonly RequestTypeDef[];
  readonly products: readonly Product[];
  readonly rules: readonly RoutingRule[];
  readonly sla: Readonly<Record<Priority, SlaTarget>>;
  readonly pqrsa: {
    readonly defaultPriority: Priority;
    readonly name: string;
    readonly legalTerm: LegalTermPolicy;
  };
}

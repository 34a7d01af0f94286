// The staff console's queue view: which product queues a person sees, the filters a queue page takes from its query,
// and the rows it lists, soonest deadline first. Pure: the entries come from the queue index, `now` from the clock.
import * as z from 'zod/mini';
import { ESCALATION_LEVELS, type EscalationLevel, type Priority, QUEUES, type Queue } from '../catalog.js';
import { ValidationError } from '../errors.js';
import type { QueueRef, StaffIdentity } from '../inbound/directory.js';
import { toFieldIssues } from '../intake/submission.js';
import type { QueueEntry } from '../ports.js';
import type { TicketStatus } from '../ticket.js';
import type { BusinessDays } from '../time/business-days.js';
import type { Instant } from '../time/instant.js';

/** How far ahead `termWithin` may look, in legal business days (the longest PQRSA term is 30). */
export const TERM_WITHIN_MAX = 30;

export interface QueueFilters {
  readonly product?: string;
  readonly queue?: Queue;
  readonly type?: string;
  readonly level?: EscalationLevel;
  /** Only tickets whose next deadline has passed. */
  readonly overdue?: true;
  /** Only PQRSA whose running legal term falls due within this many business days (0: today), or has passed. */
  readonly termWithin?: number;
}

const LEVEL_TEXTS = ESCALATION_LEVELS.map(String) as [string, ...string[]];

const filterSchema = z.object({
  product: z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, { message: 'invalid_value' }))),
  queue: z.optional(z.enum(QUEUES, { message: 'invalid_value' })),
  type: z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,60}$/, { message: 'invalid_value' }))),
  level: z.optional(
    z.pipe(
      z.enum(LEVEL_TEXTS, { message: 'invalid_value' }),
      z.transform((text) => Number(text) as EscalationLevel),
    ),
  ),
  overdue: z.optional(
    z.pipe(
      z.literal('1', { message: 'invalid_value' }),
      z.transform(() => true as const),
    ),
  ),
  termWithin: z.optional(
    z.pipe(
      z.pipe(z.string().check(z.regex(/^\d{1,2}$/, { message: 'invalid_value' })), z.transform(Number)),
      z.number().check(z.maximum(TERM_WITHIN_MAX, { message: 'invalid_value' })),
    ),
  ),
});

/** The filter fields a queue page's query may carry (anything else, such as `lang`, is not a filter). */
export const FILTER_FIELDS = ['product', 'queue', 'type', 'level', 'overdue', 'termWithin'] as const;

/**
 * A queue page's filters from its query string. An empty value (a select left at "all") is no filter; a bad one is a
 * ValidationError naming the field and, for a closed set, what is allowed.
 */
export function parseQueueFilters(query: Readonly<Record<string, string | undefined>>): QueueFilters {
  const given: Record<string, string> = {};
  for (const field of FILTER_FIELDS) {
    const value = query[field]?.trim();
    if (value) given[field] = value;
  }
  const parsed = filterSchema.safeParse(given);
  if (!parsed.success) {
    throw new ValidationError(
      toFieldIssues(parsed.error.issues, given).map((issue) =>
        issue.path === 'termWithin'
          ? { ...issue, message: `must be a whole number of business days from 0 to ${TERM_WITHIN_MAX}` }
          : issue.path === 'overdue'
            ? { ...issue, allowed: ['1'] }
            : issue,
      ),
    );
  }
  const { product, queue, type, level, overdue, termWithin } = parsed.data;
  return {
    ...(product === undefined ? {} : { product }),
    ...(queue === undefined ? {} : { queue }),
    ...(type === undefined ? {} : { type }),
    ...(level === undefined ? {} : { level }),
    ...(overdue === undefined ? {} : { overdue }),
    ...(termWithin === undefined ? {} : { termWithin }),
  };
}

/**
 * The product queues a queue page reads: those the person acts for that the filters leave in. A filter naming a
 * queue they do not act for leaves none (the page then lists nothing, as for an empty queue).
 */
export function queuesToRead(identity: StaffIdentity, filters: QueueFilters): readonly QueueRef[] {
  return identity.queues
    .filter(
      (q) =>
        (filters.product === undefined || q.product === filters.product) &&
        (filters.queue === undefined || q.queue === filters.queue),
    )
    .map(({ product, queue }) => ({ product, queue }));
}

/** Where a PQRSA's legal term stands; null for a support ticket. */
export type LegalTermState =
  | {
      readonly state: 'running';
      readonly dueAt: Instant;
      /** Legal business days left after today's until the day it falls due (0: due today). */
      readonly businessDaysLeft: number;
    }
  /** The term has passed without a final answer. */
  | {
      readonly state: 'overdue';
      readonly dueAt: Instant;
      /** Legal business days begun since it fell due (0: it fell due today). */
      readonly businessDaysLate: number;
    }
  /** Staff asked the requester to complete the request: the term does not run until they answer. */
  | { readonly state: 'suspended' }
  /** A final answer was given in time or not; the term no longer runs (the ticket was reopened since). */
  | { readonly state: 'answered'; readonly at: Instant };

export interface QueueRow {
  /** The radicado. */
  readonly id: string;
  readonly product: string;
  readonly queue: Queue;
  readonly type: string;
  readonly priority: Priority;
  readonly subject: string;
  readonly status: TicketStatus;
  readonly level: EscalationLevel;
  readonly dueAt: Instant | null;
  /** Time left until `dueAt` (negative: overdue by that much); null when nothing is left to watch. */
  readonly timeLeftMs: number | null;
  readonly legalTerm: LegalTermState | null;
}

/** One product queue's entries as the queue index listed them. */
export interface QueueListing {
  readonly ref: QueueRef;
  readonly entries: readonly QueueEntry[];
}

/**
 * The rows of a queue page: the entries of the queues the person acts for that pass the filters, by next deadline
 * (those with nothing left to watch last, then by radicado). An entry of a queue they do not act for is left out even
 * when it was handed in.
 */
export function queueRows(
  identity: StaffIdentity,
  entriesByQueue: readonly QueueListing[],
  filters: QueueFilters,
  now: Instant,
  businessDays: BusinessDays,
): readonly QueueRow[] {
  const allowed = new Set(queuesToRead(identity, filters).map((q) => `${q.product}#${q.queue}`));
  const rows: QueueRow[] = [];
  for (const { entries } of entriesByQueue) {
    for (const entry of entries) {
      const { summary } = entry;
      if (!allowed.has(`${summary.product}#${summary.queue}`)) continue;
      const row = rowOf(entry, now, businessDays);
      if (passes(row, filters)) rows.push(row);
    }
  }
  return rows.sort(
    (a, b) =>
      (a.dueAt ?? Number.POSITIVE_INFINITY) - (b.dueAt ?? Number.POSITIVE_INFINITY) || (a.id < b.id ? -1 : 1),
  );
}

function rowOf(entry: QueueEntry, now: Instant, businessDays: BusinessDays): QueueRow {
  const { summary } = entry;
  return {
    id: entry.id,
    product: summary.product,
    queue: summary.queue,
    type: summary.type,
    priority: summary.priority,
    subject: summary.subject,
    status: entry.status,
    level: entry.escalationLevel,
    dueAt: entry.dueAt,
    timeLeftMs: entry.dueAt === null ? null : entry.dueAt - now,
    legalTerm: legalTermOf(entry, now, businessDays),
  };
}

function legalTermOf(entry: QueueEntry, now: Instant, businessDays: BusinessDays): LegalTermState | null {
  const { summary } = entry;
  if (summary.termDueAt === null) return null;
  if (summary.answeredAt !== undefined) return { state: 'answered', at: summary.answeredAt };
  if (summary.suspended) return { state: 'suspended' };
  const dueAt = summary.termDueAt;
  if (dueAt < now)
    return { state: 'overdue', dueAt, businessDaysLate: businessDays.countBetween(dueAt, now) };
  return { state: 'running', dueAt, businessDaysLeft: businessDays.countBetween(now, dueAt) };
}

function passes(row: QueueRow, filters: QueueFilters): boolean {
  if (filters.type !== undefined && row.type !== filters.type) return false;
  if (filters.level !== undefined && row.level !== filters.level) return false;
  if (filters.overdue && !(row.timeLeftMs !== null && row.timeLeftMs < 0)) return false;
  if (filters.termWithin !== undefined) {
    const term = row.legalTerm;
    if (term?.state === 'overdue') return true;
    if (term?.state !== 'running' || term.businessDaysLeft > filters.termWithin) return false;
  }
  return true;
}

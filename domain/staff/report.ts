// The PQRSA compliance report (issue 18): per Bogotá month of receipt, product and type, how many requests were
// answered within the legal term, answered late, withdrawn, or are still open (within term or overdue), and the
// median business days to answer. Pure: the console reads the month's entries through StaffQueries and passes `now`.
import type { QueueEntry } from '../ports.js';
import type { BusinessDays } from '../time/business-days.js';
import { bogotaMonth, type Instant } from '../time/instant.js';
import type { TicketSummary } from './summary.js';

/** The five outcomes a ticket has at a given moment: exactly one each, so they add up to `received`. */
export const OUTCOMES = ['answeredInTerm', 'answeredLate', 'withdrawn', 'openInTerm', 'openOverdue'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The counts of a month, product or whole report; `extended` overlaps the outcomes (an extended request is also one of them). */
export type ReportCounts = { readonly received: number; readonly extended: number } & {
  readonly [K in Outcome]: number;
};

export interface MonthTotal extends ReportCounts {
  /** `YYYY-MM`, the Bogotá month of receipt. */
  readonly month: string;
}

export interface ReportRow extends MonthTotal {
  readonly product: string;
  readonly type: string;
  /** Median business days from receipt to the first final answer, one decimal at most; null when none answered. */
  readonly medianBusinessDays: number | null;
}

/** A report month as it is written (`YYYY-MM`), with the year and the month number as groups 1 and 2. */
export const REPORT_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` of the Bogotá month an instant falls in: the report's month (and the byMonth index's) of a receipt. */
export function reportMonthOf(at: Instant): string {
  const month = bogotaMonth(at);
  return `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/**
 * Where a ticket stands at `now`. Answered means the first final answer (kept when the ticket is reopened, so a
 * reopened ticket counts by that answer), compared with the term in force (extended or resumed). A suspended term
 * (the requester was asked to complete the request) does not run, so such a ticket is open within term whatever the
 * date; a ticket without a legal term is never late.
 */
export function outcomeOf(summary: TicketSummary, now: Instant): Outcome {
  const due = summary.termDueAt;
  if (summary.answeredAt !== undefined) {
    return due === null || summary.answeredAt <= due ? 'answeredInTerm' : 'answeredLate';
  }
  if (summary.withdrawn) return 'withdrawn';
  return summary.suspended || due === null || now <= due ? 'openInTerm' : 'openOverdue';
}

function emptyCounts(): { -readonly [K in keyof ReportCounts]: number } {
  return {
    received: 0,
    extended: 0,
    answeredInTerm: 0,
    answeredLate: 0,
    withdrawn: 0,
    openInTerm: 0,
    openOverdue: 0,
  };
}

function addCounts(into: { -readonly [K in keyof ReportCounts]: number }, from: ReportCounts): void {
  for (const key of Object.keys(into) as (keyof ReportCounts)[]) into[key] += from[key];
}

/** The middle value (mean of the two middle ones for an even count), rounded to one decimal; null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const value =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(value * 10) / 10;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One row per month of receipt, product and type that received anything, sorted by month, product and type. */
export function pqrsaReport(
  entries: readonly QueueEntry[],
  now: Instant,
  businessDays: Pick<BusinessDays, 'countBetween'>,
): ReportRow[] {
  const groups = new Map<
    string,
    { key: readonly [string, string, string]; counts: ReturnType<typeof emptyCounts>; days: number[] }
  >();
  for (const { summary } of entries) {
    const key = [reportMonthOf(summary.receivedAt), summary.product, summary.type] as const;
    const id = JSON.stringify(key);
    let group = groups.get(id);
    if (!group) {
      group = { key, counts: emptyCounts(), days: [] };
      groups.set(id, group);
    }
    group.counts.received++;
    group.counts[outcomeOf(summary, now)]++;
    if (summary.extended) group.counts.extended++;
    if (summary.answeredAt !== undefined) {
      group.days.push(businessDays.countBetween(summary.receivedAt, summary.answeredAt));
    }
  }
  return [...groups.values()]
    .map(({ key: [month, product, type], counts, days }) => ({
      month,
      product,
      type,
      ...counts,
      medianBusinessDays: median(days),
    }))
    .sort((a, b) => byText(a.month, b.month) || byText(a.product, b.product) || byText(a.type, b.type));
}

/**
 * The rows' counts summed over products and types, one total per month in ascending order: every month of the rows,
 * and every month of `months` too (with zeros when nothing was received), so a year's chart shows all its months.
 */
export function monthTotals(rows: readonly ReportRow[], months: readonly string[] = []): MonthTotal[] {
  const totals = new Map<string, ReturnType<typeof emptyCounts>>();
  for (const month of months) totals.set(month, emptyCounts());
  for (const row of rows) {
    let total = totals.get(row.month);
    if (!total) {
      total = emptyCounts();
      totals.set(row.month, total);
    }
    addCounts(total, row);
  }
  return [...totals.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([month, counts]) => ({ month, ...counts }));
}

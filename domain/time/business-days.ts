// Legal business days (días hábiles) for PQRSA terms: listed weekdays that are not Colombian public holidays, each
// with the instant a term ending on it falls due (e.g. 17:00 Bogotá). A desk's hours and company closures are no
// part of it: compile.ts builds it over the public holidays alone (docs/legal.md).
import type { LegalTermPolicy, TypeTerm, Weekday } from '../catalog.js';
import { ClosedDates } from './calendar.js';
import { daysOfBogotaMonth, type Instant } from './instant.js';
import { MonthWindow } from './month-window.js';
import { upperBound } from './sorted.js';

export type LegalCalendarPolicy = Pick<LegalTermPolicy, 'businessWeekdays' | 'dueTime' | 'dailyCutOff'>;

export class BusinessDays extends MonthWindow {
  private readonly weekdays: ReadonlySet<Weekday>;
  private readonly dueTime: string;
  private readonly cutOff: string;
  private readonly daysByMonth = new Map<number, readonly Instant[]>();
  /** Start (00:00) of each business day in the window, ascending. */
  private dayStarts = new Float64Array(0);
  /** The instant a term ending on that business day falls due. */
  private dueInstants = new Float64Array(0);
  /** Until when a request counts as received that day: the daily cut-off, else the next day's 00:00. */
  private receiptEnds = new Float64Array(0);
  private count = 0;

  /** `closedDates` should hold the public holidays only: a company closure does not suspend a legal term. */
  constructor(
    policy: LegalCalendarPolicy,
    private readonly closedDates: ClosedDates = new ClosedDates(),
  ) {
    super('business days');
    this.weekdays = new Set(policy.businessWeekdays);
    this.dueTime = policy.dueTime;
    this.cutOff = policy.dailyCutOff ?? '24:00';
  }

  /**
   * When a term falls due for a request received at `receivedAt`. The legal receipt day is the day of receipt when
   * that is a business day (and the request came before any daily cut-off), else the next business day; the term's
   * `businessDays` are counted from that day itself (`receipt-day`) or from the business day after it.
   */
  termDueAt(receivedAt: Instant, term: Pick<TypeTerm, 'businessDays' | 'countFrom'>): Instant {
    const offset = term.countFrom === 'receipt-day' ? term.businessDays - 1 : term.businessDays;
    for (;;) {
      const last = this.receiptIndex(receivedAt) + offset;
      if (last < this.count) return this.dueInstants[last] as number;
      this.growForward(receivedAt);
    }
  }

  /** The start (00:00) of the legal receipt day of a request received at `receivedAt` (see {@link termDueAt}). */
  receiptDay(receivedAt: Instant): Instant {
    for (;;) {
      const index = this.receiptIndex(receivedAt);
      if (index < this.count) return this.dayStarts[index] as number;
      this.growForward(receivedAt);
    }
  }

  /** Index of the legal receipt day; `count` when it lies past the window. */
  private receiptIndex(receivedAt: Instant): number {
    this.ensure(receivedAt);
    const day = upperBound(this.dayStarts, this.count, receivedAt) - 1;
    return day >= 0 && receivedAt < (this.receiptEnds[day] as number) ? day : day + 1;
  }

  /**
   * The start (00:00) of the business day `days` business days before the one holding `at` (or, when `at` is not
   * on a business day, before the last business day preceding it).
   */
  businessDayBefore(at: Instant, days: number): Instant {
    this.ensure(at);
    for (let back = 1; ; back++) {
      const index = upperBound(this.dayStarts, this.count, at) - 1 - days;
      if (index >= 0) return this.dayStarts[index] as number;
      this.ensure(at - back * 31 * 86_400_000);
    }
  }

  /** Business days whose start lies in `(from, to]`: how many business days a term from `from` to `to` spans. */
  countBetween(from: Instant, to: Instant): number {
    this.ensure(from);
    this.ensure(to);
    return Math.max(
      0,
      upperBound(this.dayStarts, this.count, to) - upperBound(this.dayStarts, this.count, from),
    );
  }

  protected rebuild(fromMonth: number, toMonth: number): void {
    const flat: Instant[] = [];
    for (let month = fromMonth; month <= toMonth; month++) flat.push(...this.daysOf(month));
    this.count = flat.length / 3;
    this.dayStarts = new Float64Array(this.count);
    this.dueInstants = new Float64Array(this.count);
    this.receiptEnds = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) {
      this.dayStarts[i] = flat[3 * i] as number;
      this.dueInstants[i] = flat[3 * i + 1] as number;
      this.receiptEnds[i] = flat[3 * i + 2] as number;
    }
  }

  /** Flat [dayStart, dueAt, receiptEnd, …] of one Bogotá month's business days. */
  private daysOf(month: number): readonly Instant[] {
    const cached = this.daysByMonth.get(month);
    if (cached) return cached;
    const out: Instant[] = [];
    for (const day of daysOfBogotaMonth(month)) {
      if (this.weekdays.has(day.weekday) && !this.closedDates.isClosed(day.date)) {
        out.push(day.start, day.at(this.dueTime), day.at(this.cutOff));
      }
    }
    this.daysByMonth.set(month, out);
    return out;
  }
}

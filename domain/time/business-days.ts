// Business days (días hábiles) for legal terms: listed weekdays that are neither a Colombian public holiday nor an
// extra closed date, each with the instant its term falls due (e.g. 17:00 Bogotá).
import type { Weekday } from '../catalog.js';
import type { ClosedDates } from './calendar.js';
import { daysOfBogotaMonth, type Instant } from './instant.js';
import { MonthWindow } from './month-window.js';
import { upperBound } from './sorted.js';

export class BusinessDays extends MonthWindow {
  private readonly weekdays: ReadonlySet<Weekday>;
  private readonly daysByMonth = new Map<number, readonly Instant[]>();
  /** Start (00:00) of each business day in the window, ascending. */
  private dayStarts = new Float64Array(0);
  /** The instant a term ending on that business day falls due. */
  private dueInstants = new Float64Array(0);
  private count = 0;

  constructor(
    weekdays: readonly Weekday[],
    private readonly dueTime: string,
    private readonly closedDates: ClosedDates,
  ) {
    super('business days');
    this.weekdays = new Set(weekdays);
  }

  /**
   * When a term of `days` business days falls due, counted from the business day after the one holding `receivedAt`
   * (or, when `receivedAt` is not on a business day, from the next business day).
   */
  termDueAt(receivedAt: Instant, days: number): Instant {
    this.ensure(receivedAt);
    for (;;) {
      const last = upperBound(this.dayStarts, this.count, receivedAt) + days - 1;
      if (last < this.count) return this.dueInstants[last] as number;
      this.growForward(receivedAt);
    }
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
    this.count = flat.length / 2;
    this.dayStarts = new Float64Array(this.count);
    this.dueInstants = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) {
      this.dayStarts[i] = flat[2 * i] as number;
      this.dueInstants[i] = flat[2 * i + 1] as number;
    }
  }

  /** Flat [dayStart, dueAt, …] of one Bogotá month's business days. */
  private daysOf(month: number): readonly Instant[] {
    const cached = this.daysByMonth.get(month);
    if (cached) return cached;
    const out: Instant[] = [];
    for (const day of daysOfBogotaMonth(month)) {
      if (this.weekdays.has(day.weekday) && !this.closedDates.isClosed(day.date)) {
        out.push(day.start, day.at(this.dueTime));
      }
    }
    this.daysByMonth.set(month, out);
    return out;
  }
}

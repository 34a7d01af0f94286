// A lazily grown, contiguous window of Bogotá calendar months over which a calendar structure is precomputed.
// Queries inside the window cost two comparisons; a query outside it grows the window (luxon work per month,
// cached), so the hot path never touches luxon and a cold start builds only the months it needs.
import { bogotaMonth, formatInstant, type Instant, startOfBogotaMonth } from './instant.js';

/** How far ahead a search may grow the window before it concludes the calendar has no open time. */
const MAX_LOOKAHEAD_MONTHS = 48;
/** The holiday calendar is defined for these years (the `colombian-holidays` range). */
const MONTH_LIMITS = { from: 1583 * 12, to: 4099 * 12 + 11 } as const;
/** A first query builds its own month and this many after it, where most deadlines land. */
const INITIAL_MONTHS_AHEAD = 1;

export abstract class MonthWindow {
  protected fromMonth = 0;
  protected toMonth = -1;
  private coverStart = Number.POSITIVE_INFINITY;
  private coverEnd = Number.NEGATIVE_INFINITY;

  constructor(protected readonly name: string) {}

  /** Rebuilds the precomputed arrays so they cover the whole months `[fromMonth, toMonth]` (see bogotaMonth). */
  protected abstract rebuild(fromMonth: number, toMonth: number): void;

  /** Makes sure `at` falls inside the window. */
  protected ensure(at: Instant): void {
    if (at >= this.coverStart && at < this.coverEnd) return;
    const month = bogotaMonth(at);
    if (this.toMonth < this.fromMonth) this.cover(month, month + INITIAL_MONTHS_AHEAD);
    else this.cover(Math.min(this.fromMonth, month), Math.max(this.toMonth, month));
  }

  /** Grows the window by a month at its end, for a search from `searchFrom` that ran past it. */
  protected growForward(searchFrom: Instant): void {
    if (this.toMonth + 1 - bogotaMonth(searchFrom) > MAX_LOOKAHEAD_MONTHS) {
      throw new RangeError(
        `${this.name}: no open time within ${MAX_LOOKAHEAD_MONTHS} months after ${formatInstant(searchFrom)}`,
      );
    }
    this.cover(this.fromMonth, this.toMonth + 1);
  }

  private cover(fromMonth: number, toMonth: number): void {
    if (fromMonth < MONTH_LIMITS.from || toMonth > MONTH_LIMITS.to) {
      throw new RangeError(
        `${this.name}: ${(fromMonth / 12) | 0}–${(toMonth / 12) | 0} is outside the holiday calendar`,
      );
    }
    this.rebuild(fromMonth, toMonth);
    this.fromMonth = fromMonth;
    this.toMonth = toMonth;
    this.coverStart = startOfBogotaMonth(fromMonth);
    this.coverEnd = startOfBogotaMonth(toMonth + 1);
  }
}

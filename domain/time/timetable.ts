// A schedule compiled into open intervals: is it open, when does it next open, and what instant lies N minutes of
// open time later. Weekly schedules become sorted half-open intervals with prefix sums of open time, so every
// question is a binary search, however far the answer lies.
import type { HourRange, Schedule, Weekday } from '../catalog.js';
import type { ClosedDates } from './calendar.js';
import { daysOfBogotaMonth, type Instant, MINUTE_MS } from './instant.js';
import { MonthWindow } from './month-window.js';
import { lowerBound, upperBound } from './sorted.js';

export interface Timetable {
  readonly scheduleId: string;
  /** The schedule as published, e.g. `Lunes a viernes: 7 a.m. a 5 p.m.`. */
  readonly label: string;
  readonly alwaysOpen: boolean;
  /** Open at `at`? Intervals are half-open: open at the opening minute, closed at the closing minute. */
  isOpen(at: Instant): boolean;
  /** `at` itself when open, otherwise the next opening. */
  openingAtOrAfter(at: Instant): Instant;
  /**
   * The instant reached after `minutes` of open time counted from `at`, skipping closed time. A result that lands
   * exactly on a closing minute stays there rather than rolling to the next opening.
   */
  addOpenMinutes(at: Instant, minutes: number): Instant;
  /** Milliseconds of open time in `[from, to)`. */
  openMillisBetween(from: Instant, to: Instant): number;
}

export function compileTimetable(schedule: Schedule, closedDates: ClosedDates): Timetable {
  return schedule.kind === '7x24'
    ? new AlwaysOpenTimetable(schedule.id, schedule.label)
    : new IntervalTimetable(schedule, closedDates);
}

export class AlwaysOpenTimetable implements Timetable {
  readonly alwaysOpen = true;
  constructor(
    readonly scheduleId: string,
    readonly label: string,
  ) {}
  isOpen(): boolean {
    return true;
  }
  openingAtOrAfter(at: Instant): Instant {
    return at;
  }
  addOpenMinutes(at: Instant, minutes: number): Instant {
    return at + minutes * MINUTE_MS;
  }
  openMillisBetween(from: Instant, to: Instant): number {
    return Math.max(0, to - from);
  }
}

type WeeklySchedule = Extract<Schedule, { kind: 'weekly' }>;

export class IntervalTimetable extends MonthWindow implements Timetable {
  readonly alwaysOpen = false;
  readonly scheduleId: string;
  readonly label: string;
  private readonly exceptions: ReadonlyMap<string, readonly HourRange[]>;
  private readonly intervalsByMonth = new Map<number, readonly Instant[]>();
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  /** cum[i] = open milliseconds before interval i; cum[count] = all open time in the window. */
  private cum = new Float64Array(1);
  private count = 0;

  constructor(
    private readonly schedule: WeeklySchedule,
    private readonly closedDates: ClosedDates,
  ) {
    super(`schedule ${schedule.id}`);
    this.scheduleId = schedule.id;
    this.label = schedule.label;
    this.exceptions = new Map(schedule.exceptions.map((e) => [e.date, e.hours]));
  }

  isOpen(at: Instant): boolean {
    this.ensure(at);
    const i = upperBound(this.starts, this.count, at) - 1;
    return i >= 0 && at < (this.ends[i] as number);
  }

  openingAtOrAfter(at: Instant): Instant {
    this.ensure(at);
    for (;;) {
      const next = upperBound(this.starts, this.count, at);
      const i = next - 1;
      if (i >= 0 && at < (this.ends[i] as number)) return at;
      if (next < this.count) return this.starts[next] as number;
      this.growForward(at);
    }
  }

  addOpenMinutes(at: Instant, minutes: number): Instant {
    if (minutes <= 0) return at;
    this.ensure(at);
    const amount = minutes * MINUTE_MS;
    for (;;) {
      const target = this.openBefore(at) + amount;
      const total = this.cum[this.count] as number;
      if (target <= total) {
        // The interval j where cum[j] < target <= cum[j + 1]: landing on its end keeps the closing minute.
        const j = lowerBound(this.cum, this.count + 1, target) - 1;
        return (this.starts[j] as number) + (target - (this.cum[j] as number));
      }
      this.growForward(at);
    }
  }

  openMillisBetween(from: Instant, to: Instant): number {
    if (to <= from) return 0;
    this.ensure(from);
    this.ensure(to);
    return this.openBefore(to) - this.openBefore(from);
  }

  /** Open milliseconds in the window before `at` (the window must cover `at`). */
  private openBefore(at: Instant): number {
    const i = upperBound(this.starts, this.count, at) - 1;
    if (i < 0) return 0;
    const start = this.starts[i] as number;
    return (this.cum[i] as number) + Math.min(at, this.ends[i] as number) - start;
  }

  protected rebuild(fromMonth: number, toMonth: number): void {
    const flat: Instant[] = [];
    for (let month = fromMonth; month <= toMonth; month++) {
      for (const instant of this.intervalsOf(month)) flat.push(instant);
    }
    const starts: number[] = [];
    const ends: number[] = [];
    for (let k = 0; k < flat.length; k += 2) {
      const start = flat[k] as number;
      const end = flat[k + 1] as number;
      const last = ends.length - 1;
      // Touching intervals (a 24:00 close followed by a 00:00 opening) are one stretch of open time.
      if (last >= 0 && start <= (ends[last] as number)) ends[last] = Math.max(ends[last] as number, end);
      else {
        starts.push(start);
        ends.push(end);
      }
    }
    this.count = starts.length;
    this.starts = Float64Array.from(starts);
    this.ends = Float64Array.from(ends);
    this.cum = new Float64Array(this.count + 1);
    for (let i = 0; i < this.count; i++) {
      this.cum[i + 1] = (this.cum[i] as number) + (ends[i] as number) - (starts[i] as number);
    }
  }

  /** Flat [start, end, start, end, …] open intervals of one Bogotá month, in order. */
  private intervalsOf(month: number): readonly Instant[] {
    const cached = this.intervalsByMonth.get(month);
    if (cached) return cached;
    const out: Instant[] = [];
    for (const day of daysOfBogotaMonth(month)) {
      for (const [from, to] of this.hoursOn(day.date, day.weekday)) out.push(day.at(from), day.at(to));
    }
    this.intervalsByMonth.set(month, out);
    return out;
  }

  private hoursOn(date: string, weekday: Weekday): readonly HourRange[] {
    const exception = this.exceptions.get(date);
    if (exception) return exception;
    if (this.schedule.closedOnHolidays && this.closedDates.isClosed(date)) return [];
    return this.schedule.hours[weekday] ?? [];
  }
}

// Instants are epoch milliseconds inside the domain (cheap to compare and add); luxon parses and formats them
// in the Bogotá zone at the edges.
import { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday } from '../catalog.js';

/** Epoch milliseconds. */
export type Instant = number;

export const BOGOTA = 'America/Bogota';

export const MINUTE_MS = 60_000;

/** Instants the router accepts as a time of receipt: the Colombian holiday rules are stable in this span. */
export const SUPPORTED_YEARS = { from: 2000, to: 2100 } as const;

/**
 * Parses any ISO-8601 date or date-time. Without an offset it is Bogotá local time; `Z` and offsets are honoured.
 * Returns undefined when the text is not ISO-8601 or the instant is outside {@link SUPPORTED_YEARS}.
 */
export function parseInstant(text: string): Instant | undefined {
  const parsed = DateTime.fromISO(text.trim(), { zone: BOGOTA });
  if (!parsed.isValid) return undefined;
  const year = parsed.setZone(BOGOTA).year;
  if (year < SUPPORTED_YEARS.from || year > SUPPORTED_YEARS.to) return undefined;
  return parsed.toMillis();
}

/** ISO-8601 in Bogotá time with milliseconds, e.g. `2026-11-21T15:00:00.000-05:00`. */
export function formatInstant(at: Instant): string {
  const iso = DateTime.fromMillis(at, { zone: BOGOTA }).toISO();
  if (iso === null) throw new RangeError(`cannot format instant ${at}`);
  return iso;
}

/** The Bogotá clock hour an instant falls in, e.g. `2026-11-23T10` (a window for per-hour limits). */
export function bogotaHour(at: Instant): string {
  return DateTime.fromMillis(at, { zone: BOGOTA }).toFormat("yyyy-LL-dd'T'HH");
}

/** The Bogotá calendar year an instant falls in (the year of a radicado). */
export function bogotaYear(at: Instant): number {
  return DateTime.fromMillis(at, { zone: BOGOTA }).year;
}

/** Months since year 0 (`year * 12 + month - 1`) of the Bogotá calendar month an instant falls in. */
export function bogotaMonth(at: Instant): number {
  const local = DateTime.fromMillis(at, { zone: BOGOTA });
  return local.year * 12 + local.month - 1;
}

/** The first instant of a Bogotá calendar month (see {@link bogotaMonth}). */
export function startOfBogotaMonth(month: number): Instant {
  return DateTime.fromObject(
    { year: Math.floor(month / 12), month: (month % 12) + 1, day: 1 },
    { zone: BOGOTA },
  ).toMillis();
}

export interface LocalDay {
  /** ISO date, e.g. `2026-11-23`. */
  readonly date: string;
  readonly weekday: Weekday;
  /** The instant of 00:00 that day. */
  readonly start: Instant;
  /** The instant of a local time that day, `HH:mm`; `24:00` is the next day's 00:00. */
  at(hhmm: string): Instant;
}

/**
 * Each day of a Bogotá calendar month, in order. Building calendars walks many days, so luxon is asked once per day
 * (for midnight and its UTC offset); within a day whose offset does not change, local times are midnight plus the
 * elapsed wall-clock time, and a day with an offset change falls back to luxon for each time.
 */
export function* daysOfBogotaMonth(month: number): Generator<LocalDay> {
  let day = DateTime.fromMillis(startOfBogotaMonth(month), { zone: BOGOTA });
  const monthOfYear = day.month;
  while (day.month === monthOfYear) {
    const next = day.plus({ days: 1 });
    const current = day;
    const steady = current.offset === next.offset;
    yield {
      date: current.toISODate() as string,
      weekday: WEEKDAYS[current.weekday - 1] as Weekday,
      start: current.toMillis(),
      at(hhmm: string): Instant {
        if (hhmm === '24:00') return next.toMillis();
        const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
        if (steady) return current.toMillis() + (hour * 60 + minute) * MINUTE_MS;
        return current.set({ hour, minute }).toMillis();
      },
    };
    day = next;
  }
}

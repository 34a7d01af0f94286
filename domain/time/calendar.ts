// Which Bogotá dates are closed: the Colombian public holidays (Ley 51 de 1983 Monday moves and the Easter-based
// dates, from `colombian-holidays`) plus any extra closed dates the catalog lists.
import { getHolidaysForYear } from 'colombian-holidays';

export interface ClosedDate {
  readonly date: string;
  readonly note: string;
}

export class ClosedDates {
  private readonly holidaysByYear = new Map<number, ReadonlyMap<string, string>>();
  private readonly extra: ReadonlyMap<string, string>;

  constructor(extraClosedDates: readonly ClosedDate[] = []) {
    this.extra = new Map(extraClosedDates.map((d) => [d.date, d.note]));
  }

  /** The holiday's Spanish name when `isoDate` (YYYY-MM-DD) is a Colombian public holiday. */
  holidayName(isoDate: string): string | undefined {
    return this.holidaysOf(Number(isoDate.slice(0, 4))).get(isoDate);
  }

  /** Closed for every schedule that closes on holidays: a public holiday or an extra closed date. */
  isClosed(isoDate: string): boolean {
    return this.holidayName(isoDate) !== undefined || this.extra.has(isoDate);
  }

  private holidaysOf(year: number): ReadonlyMap<string, string> {
    let holidays = this.holidaysByYear.get(year);
    if (!holidays) {
      holidays = new Map(getHolidaysForYear(year).map((h) => [h.celebrationDate, h.name.es]));
      this.holidaysByYear.set(year, holidays);
    }
    return holidays;
  }
}

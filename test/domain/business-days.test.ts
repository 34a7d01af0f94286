import { describe, expect, it } from 'vitest';
import { BusinessDays } from '#domain/time/business-days.js';
import { ClosedDates } from '#domain/time/calendar.js';
import { bogota, engine, iso } from '../helpers.js';

const days = engine.businessDays;

describe('legal term in business days (Ley 1755 de 2015, art. 14)', () => {
  it('counts from the business day after receipt and falls due at 17:00 (the worked example)', () => {
    // Received Wednesday 18 March 2026; 23 March (San José) and 2–3 April (Holy Week) are holidays.
    expect(iso(days.termDueAt(bogota('2026-03-18T10:00'), 15))).toBe('2026-04-13T17:00:00.000-05:00');
  });

  it.each([
    ['2026-11-20T10:00', 1, '2026-11-23T17:00:00.000-05:00', 'Friday → Monday'],
    ['2026-11-21T10:00', 1, '2026-11-23T17:00:00.000-05:00', 'a Saturday counts from Monday'],
    ['2026-11-13T10:00', 1, '2026-11-17T17:00:00.000-05:00', 'Friday before holiday Monday → Tuesday'],
    ['2026-11-16T10:00', 1, '2026-11-17T17:00:00.000-05:00', 'received on a holiday Monday → Tuesday'],
    ['2026-11-23T00:00', 1, '2026-11-24T17:00:00.000-05:00', 'midnight opening a business day is that day'],
    [
      '2026-12-18T10:00',
      15,
      '2027-01-13T17:00:00.000-05:00',
      'over Navidad, Año Nuevo and Reyes (11 Jan 2027)',
    ],
  ])('%s + %i business days = %s (%s)', (at, n, expected) => {
    expect(iso(days.termDueAt(bogota(at), n))).toBe(expected);
  });

  it('counts the business days a term spans', () => {
    const received = bogota('2026-03-18T10:00');
    expect(days.countBetween(received, days.termDueAt(received, 15))).toBe(15);
    expect(days.countBetween(bogota('2026-11-20T10:00'), bogota('2026-11-23T08:00'))).toBe(1);
  });

  it('skips extra closed dates of the calendar and honours the configured due time', () => {
    const custom = new BusinessDays(
      ['mon', 'tue', 'wed', 'thu', 'fri'],
      '18:30',
      new ClosedDates([{ date: '2026-11-24', note: 'cierre' }]),
    );
    expect(iso(custom.termDueAt(bogota('2026-11-23T10:00'), 1))).toBe('2026-11-25T18:30:00.000-05:00');
  });
});

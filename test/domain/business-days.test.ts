import { describe, expect, it } from 'vitest';
import { catalog } from '#data/index.js';
import { RoutingEngine } from '#domain/routing/engine.js';
import { BusinessDays } from '#domain/time/business-days.js';
import { ClosedDates } from '#domain/time/calendar.js';
import { bogota, engine, iso } from '../helpers.js';

const days = engine.businessDays;
const fromNextDay = (businessDays: number) => ({ businessDays, countFrom: 'next-business-day' }) as const;

describe('legal term in business days (Ley 1755 de 2015, art. 14)', () => {
  it('counts from the business day after receipt and falls due at 17:00 (the worked example)', () => {
    // Received Wednesday 18 March 2026; 23 March (San José) and 2–3 April (Holy Week) are holidays.
    expect(iso(days.termDueAt(bogota('2026-03-18T10:00'), fromNextDay(15)))).toBe(
      '2026-04-13T17:00:00.000-05:00',
    );
  });

  it.each([
    ['2026-11-20T10:00', 1, '2026-11-23T17:00:00.000-05:00', 'Friday → Monday'],
    ['2026-11-21T10:00', 1, '2026-11-24T17:00:00.000-05:00', 'a Saturday is received Monday → Tuesday'],
    ['2026-11-13T10:00', 1, '2026-11-17T17:00:00.000-05:00', 'Friday before holiday Monday → Tuesday'],
    ['2026-11-13T23:00', 1, '2026-11-17T17:00:00.000-05:00', 'Friday night is still Friday'],
    [
      '2026-11-16T10:00',
      1,
      '2026-11-18T17:00:00.000-05:00',
      'a holiday Monday is received Tuesday → Wednesday',
    ],
    ['2026-11-23T00:00', 1, '2026-11-24T17:00:00.000-05:00', 'midnight opening a business day is that day'],
    [
      '2026-12-18T10:00',
      15,
      '2027-01-13T17:00:00.000-05:00',
      'over Navidad, Año Nuevo and Reyes (11 Jan 2027)',
    ],
  ])('%s + %i business days = %s (%s)', (at, n, expected) => {
    expect(iso(days.termDueAt(bogota(at), fromNextDay(n)))).toBe(expected);
  });

  it('counts the business days a term spans', () => {
    const received = bogota('2026-03-18T10:00');
    expect(days.countBetween(received, days.termDueAt(received, fromNextDay(15)))).toBe(15);
    expect(days.countBetween(bogota('2026-11-20T10:00'), bogota('2026-11-23T08:00'))).toBe(1);
  });

  it('counts the receipt day itself for a receipt-day term (Ley 1581 art. 14)', () => {
    const term = { businessDays: 1, countFrom: 'receipt-day' } as const;
    expect(iso(days.termDueAt(bogota('2026-11-23T10:00'), term))).toBe('2026-11-23T17:00:00.000-05:00');
    expect(iso(days.termDueAt(bogota('2026-11-23T20:00'), term))).toBe('2026-11-23T17:00:00.000-05:00');
    expect(iso(days.termDueAt(bogota('2026-11-21T10:00'), term))).toBe('2026-11-23T17:00:00.000-05:00');
  });

  it('honours the configured weekdays and due time, and skips the closed dates it is given', () => {
    const custom = new BusinessDays(
      { businessWeekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], dueTime: '18:30' },
      new ClosedDates([{ date: '2026-11-24', note: 'cierre' }]),
    );
    expect(iso(custom.termDueAt(bogota('2026-11-23T10:00'), fromNextDay(1)))).toBe(
      '2026-11-25T18:30:00.000-05:00',
    );
    expect(iso(custom.termDueAt(bogota('2026-11-20T10:00'), fromNextDay(1)))).toBe(
      '2026-11-21T18:30:00.000-05:00',
    );
  });

  it('is the legal calendar: the catalog’s company closures are not in it', () => {
    const closedCatalog = {
      ...catalog,
      calendar: { extraClosedDates: [{ date: '2026-11-24', note: 'cierre de la empresa' }] },
    };
    const legal = new RoutingEngine(closedCatalog).businessDays;
    expect(iso(legal.termDueAt(bogota('2026-11-23T10:00'), fromNextDay(1)))).toBe(
      '2026-11-24T17:00:00.000-05:00',
    );
  });
});

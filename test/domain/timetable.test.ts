import { describe, expect, it } from 'vitest';
import type { Schedule } from '#domain/catalog.js';
import { ClosedDates } from '#domain/time/calendar.js';
import { MINUTE_MS } from '#domain/time/instant.js';
import { compileTimetable } from '#domain/time/timetable.js';
import { bogota, engine, iso } from '../helpers.js';

const certifactura = engine.desk('certifactura', 'support').timetable;
const pqrsa = engine.desk('certifactura', 'pqrsa').timetable;
const biometria = engine.desk('biometria', 'support').timetable;

describe('Certifactura support hours (L–V 7–19, sábado 8–13, festivos cerrado)', () => {
  it.each([
    ['2026-11-23T06:59:59.999', false, 'a millisecond before Monday opens'],
    ['2026-11-23T07:00', true, 'exactly 07:00 opens'],
    ['2026-11-23T18:59:59.999', true, 'the last millisecond before 19:00'],
    ['2026-11-23T19:00', false, 'closed at 19:00:00 sharp'],
    ['2026-11-21T07:59', false, 'Saturday before 08:00'],
    ['2026-11-21T08:00', true, 'Saturday 08:00'],
    ['2026-11-21T12:59:59.999', true, 'Saturday just before 13:00'],
    ['2026-11-21T13:00', false, 'Saturday closes at 13:00'],
    ['2026-11-22T10:00', false, 'Sunday'],
    ['2026-11-16T10:00', false, 'Monday 16 Nov 2026, Independencia de Cartagena (moved to Monday)'],
    ['2026-11-02T10:00', false, 'Monday 2 Nov 2026, Todos los Santos (moved to Monday)'],
    ['2026-04-02T10:00', false, 'Jueves Santo 2026'],
    ['2026-04-03T10:00', false, 'Viernes Santo 2026'],
    ['2026-04-04T10:00', true, 'Sábado Santo is not a holiday'],
    ['2026-12-25T10:00', false, 'Navidad'],
    ['2027-01-01T10:00', false, 'Año Nuevo'],
  ])('%s → open %s (%s)', (at, open) => {
    expect(certifactura.isOpen(bogota(at))).toBe(open);
  });

  it('reads Z instants in Bogotá time near midnight', () => {
    // 04:30Z on Tuesday is 23:30 on Monday in Bogotá: closed, opens Tuesday 07:00.
    expect(certifactura.isOpen(bogota('2026-11-24T04:30:00Z'))).toBe(false);
    expect(iso(certifactura.openingAtOrAfter(bogota('2026-11-24T04:30:00Z')))).toBe(
      '2026-11-24T07:00:00.000-05:00',
    );
    // 23:59Z on Monday is 18:59 Bogotá: still open.
    expect(certifactura.isOpen(bogota('2026-11-23T23:59:00Z'))).toBe(true);
    expect(certifactura.isOpen(bogota('2026-11-24T00:00:00Z'))).toBe(false);
  });

  it.each([
    ['2026-11-23T10:00', '2026-11-23T10:00:00.000-05:00', 'open: the instant itself'],
    ['2026-11-23T19:00', '2026-11-24T07:00:00.000-05:00', 'after closing: next morning'],
    ['2026-11-21T13:00', '2026-11-23T07:00:00.000-05:00', 'Saturday close: Monday'],
    ['2026-11-13T19:00', '2026-11-14T08:00:00.000-05:00', 'Friday evening: Saturday 08:00'],
    ['2026-11-15T09:00', '2026-11-17T07:00:00.000-05:00', 'Sunday before holiday Monday: Tuesday'],
    ['2026-04-01T19:30', '2026-04-04T08:00:00.000-05:00', 'Holy Wednesday night: Holy Saturday'],
    ['2026-12-31T19:00', '2027-01-02T08:00:00.000-05:00', 'year end: Saturday 2 Jan (1 Jan is a holiday)'],
  ])('opening at or after %s is %s (%s)', (at, expected) => {
    expect(iso(certifactura.openingAtOrAfter(bogota(at)))).toBe(expected);
  });

  it.each([
    ['2026-11-21T12:00', 60, '2026-11-21T13:00:00.000-05:00', 'lands on the Saturday close and stays there'],
    ['2026-11-21T12:00', 61, '2026-11-23T07:01:00.000-05:00', 'one minute more rolls to Monday'],
    ['2026-11-20T17:00', 120, '2026-11-20T19:00:00.000-05:00', 'lands exactly on 19:00'],
    ['2026-11-20T18:00', 120, '2026-11-21T09:00:00.000-05:00', 'Friday evening into Saturday morning'],
    ['2026-11-22T10:00', 30, '2026-11-23T07:30:00.000-05:00', 'counted from the next opening when closed'],
    ['2026-11-13T18:00', 720, '2026-11-17T13:00:00.000-05:00', 'Friday 18:00 over a holiday Monday'],
    ['2026-12-31T18:00', 120, '2027-01-02T09:00:00.000-05:00', 'over the year end and Año Nuevo'],
  ])('%s + %i open minutes = %s (%s)', (at, minutes, expected) => {
    expect(iso(certifactura.addOpenMinutes(bogota(at), minutes))).toBe(expected);
  });

  it('measures open time between two instants', () => {
    const friday18 = bogota('2026-11-13T18:00');
    expect(certifactura.openMillisBetween(friday18, bogota('2026-11-17T13:00'))).toBe(720 * MINUTE_MS);
    expect(certifactura.openMillisBetween(bogota('2026-11-22T00:00'), bogota('2026-11-22T23:59'))).toBe(0);
  });

  it('answers far from the first query, in either direction', () => {
    expect(certifactura.isOpen(bogota('2031-03-03T10:00'))).toBe(true); // a Monday
    expect(certifactura.isOpen(bogota('2001-01-01T10:00'))).toBe(false); // Año Nuevo
    expect(iso(certifactura.openingAtOrAfter(bogota('2001-01-01T10:00')))).toBe(
      '2001-01-02T07:00:00.000-05:00',
    );
  });
});

describe('PQRSA hours (L–V 7–17)', () => {
  it('closes at 17:00 and on Saturdays', () => {
    expect(pqrsa.isOpen(bogota('2026-11-23T16:59'))).toBe(true);
    expect(pqrsa.isOpen(bogota('2026-11-23T17:00'))).toBe(false);
    expect(pqrsa.isOpen(bogota('2026-11-21T10:00'))).toBe(false);
  });
});

describe('7×24 (biometría support)', () => {
  it('is open on holidays and at night, and adds plain minutes', () => {
    expect(biometria.alwaysOpen).toBe(true);
    expect(biometria.isOpen(bogota('2026-12-25T03:00'))).toBe(true);
    expect(iso(biometria.addOpenMinutes(bogota('2026-12-24T23:45'), 30))).toBe(
      '2026-12-25T00:15:00.000-05:00',
    );
  });
});

describe('schedule data: exceptions and extra closed dates', () => {
  const weekly: Schedule = {
    id: 'test',
    label: 'L–V 8–12 y 14–18',
    kind: 'weekly',
    hours: {
      mon: [
        ['08:00', '12:00'],
        ['14:00', '18:00'],
      ],
      tue: [['08:00', '12:00']],
      wed: [['08:00', '24:00']],
      thu: [['00:00', '06:00']],
    },
    closedOnHolidays: true,
    exceptions: [
      { date: '2026-11-16', hours: [['09:00', '11:00']], note: 'festivo con horario especial' },
      { date: '2026-11-24', hours: [], note: 'cierre por inventario' },
    ],
  };
  const timetable = compileTimetable(
    weekly,
    new ClosedDates([{ date: '2026-11-25', note: 'día de la empresa' }]),
  );

  it('honours a split day', () => {
    expect(timetable.isOpen(bogota('2026-11-23T12:30'))).toBe(false);
    expect(iso(timetable.openingAtOrAfter(bogota('2026-11-23T12:30')))).toBe('2026-11-23T14:00:00.000-05:00');
    expect(iso(timetable.addOpenMinutes(bogota('2026-11-23T11:00'), 90))).toBe(
      '2026-11-23T14:30:00.000-05:00',
    );
  });

  it('opens a holiday with special hours and closes an exception day', () => {
    expect(timetable.isOpen(bogota('2026-11-16T10:00'))).toBe(true); // holiday Monday, exception hours
    expect(timetable.isOpen(bogota('2026-11-16T15:00'))).toBe(false);
    expect(timetable.isOpen(bogota('2026-11-24T09:00'))).toBe(false); // Tuesday closed by exception
  });

  it('closes the extra closed dates of the calendar', () => {
    expect(timetable.isOpen(bogota('2026-11-25T09:00'))).toBe(false);
    expect(timetable.isOpen(bogota('2026-12-02T09:00'))).toBe(true); // the next Wednesday
  });

  it('treats a 24:00 close followed by a 00:00 opening as one stretch', () => {
    // Wednesday 23:00 + 2 h crosses midnight into Thursday without a closing minute.
    expect(iso(timetable.addOpenMinutes(bogota('2026-12-02T23:00'), 120))).toBe(
      '2026-12-03T01:00:00.000-05:00',
    );
    expect(timetable.isOpen(bogota('2026-12-03T00:00'))).toBe(true);
  });

  it('fails loudly, not forever, when the open time needed lies years away', () => {
    const rare = compileTimetable({ ...weekly, hours: { mon: [['08:00', '09:00']] } }, new ClosedDates());
    // One hour a week: ten years of minutes cannot be found within the search horizon.
    expect(() => rare.addOpenMinutes(bogota('2026-01-05T08:00'), 60 * 24 * 365 * 10)).toThrow(/no open time/);
  });
});

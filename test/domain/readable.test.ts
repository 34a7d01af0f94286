import { describe, expect, it } from 'vitest';
import { formatForPeople } from '#domain/time/readable.js';
import { bogota } from '../helpers.js';

describe('Bogotá time for people', () => {
  it.each([
    ['2026-11-17T11:00', 'es', 'martes 17 de noviembre, 11:00 a. m.'],
    ['2026-11-17T23:05', 'es', 'martes 17 de noviembre, 11:05 p. m.'],
    ['2026-11-17T00:30', 'es', 'martes 17 de noviembre, 12:30 a. m.'],
    ['2026-11-17T11:00', 'en', 'Tuesday, November 17, 11:00 AM'],
    ['2026-11-18T04:59:00Z', 'es', 'martes 17 de noviembre, 11:59 p. m.'],
  ] as const)('%s (%s) → %s', (at, locale, expected) => {
    expect(formatForPeople(bogota(at), locale)).toBe(expected);
  });

  it('shows the year only when it differs from the reference', () => {
    expect(formatForPeople(bogota('2027-01-13T17:00'), 'es', bogota('2026-12-18T10:00'))).toBe(
      'miércoles 13 de enero de 2027, 5:00 p. m.',
    );
    expect(formatForPeople(bogota('2027-01-13T17:00'), 'en', bogota('2026-12-18T10:00'))).toBe(
      'Wednesday, January 13, 2027, 5:00 PM',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { plural } from '#domain/plural.js';
import type { Locale } from '#domain/ticket.js';
import { MESSAGES, type Messages } from '#functions/i18n/messages.js';

/** Every leaf of a table as `path: kind` (a function's kind includes how many arguments it takes). */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}: function/${value.length}`];
  if (typeof value !== 'object' || value === null) return [`${path}: ${typeof value}`];
  return Object.entries(value).flatMap(([key, v]) => shape(v, path ? `${path}.${key}` : key));
}

describe('the server message catalog', () => {
  it('has every key in both locales, with the same kind of value', () => {
    expect(Object.keys(MESSAGES).sort()).toEqual(['en', 'es']);
    expect(shape(MESSAGES.en)).toEqual(shape(MESSAGES.es));
    expect(shape(MESSAGES.es).length).toBeGreaterThan(60);
    for (const locale of ['es', 'en'] as const) {
      const strings = shape(MESSAGES[locale]).filter((leaf) => leaf.endsWith(': string'));
      expect(strings.length).toBeGreaterThan(30);
    }
  });

  it('does not compile a locale table that lacks a key or a catalog that lacks a locale', () => {
    const { statuses: _dropped, ...withoutStatuses } = MESSAGES.en;
    // @ts-expect-error: a table without `statuses` is not a `Messages`
    const incomplete: Messages = withoutStatuses;
    // @ts-expect-error: every locale needs its table
    const english: Readonly<Record<Locale, Messages>> = { en: MESSAGES.en };
    expect(incomplete).not.toHaveProperty('statuses');
    expect(english).not.toHaveProperty('es');
  });

  it('chooses plural forms by the locale rules: 0 and 2+ take the plural, 1 the singular', () => {
    const { es, en } = MESSAGES;
    expect([0, 1, 2, 15].map(es.duration.days)).toEqual(['0 días', '1 día', '2 días', '15 días']);
    expect([0, 1, 2].map(es.duration.hours)).toEqual(['0 horas', '1 hora', '2 horas']);
    expect([0, 1, 2].map(en.duration.days)).toEqual(['0 days', '1 day', '2 days']);
    expect([0, 1, 2].map(en.duration.hours)).toEqual(['0 hours', '1 hour', '2 hours']);
    expect([0, 1, 3].map(es.staff.tags.reminder)).toEqual([
      'RECORDATORIO: faltan 0 días hábiles',
      'RECORDATORIO: falta 1 día hábil',
      'RECORDATORIO: faltan 3 días hábiles',
    ]);
    expect([0, 1, 3].map(en.staff.tags.reminder)).toEqual([
      'REMINDER: 0 business days left',
      'REMINDER: 1 business day left',
      'REMINDER: 3 business days left',
    ]);
    expect(es.staff.alerts.reminder(1, 'mañana')).toMatch(/^Falta 1 día hábil para el término legal/);
    expect(es.staff.alerts.reminder(2, 'mañana')).toMatch(/^Faltan 2 días hábiles para el término legal/);
    expect(en.staff.alerts.reminder(1, 'tomorrow')).toMatch(/^1 business day is left before/);
    expect(en.staff.alerts.reminder(2, 'tomorrow')).toMatch(/^2 business days are left before/);
    expect([0, 1, 2].map((n) => es.requester.lookup.intro(n).split('. ').at(-1))).toEqual([
      'Son 0:',
      'Es 1:',
      'Son 2:',
    ]);
    expect([0, 1, 2].map((n) => en.requester.lookup.intro(n).split('. ').at(-1))).toEqual([
      'There are 0:',
      'There is 1:',
      'There are 2:',
    ]);
  });

  it('falls back to the other form for categories a phrase lacks, and reads an unknown count as ?', () => {
    const forms = { one: '# día', other: '# días' };
    // Spanish puts a million in the `many` category ("1 millón de días").
    expect(new Intl.PluralRules('es').select(1_000_000)).toBe('many');
    expect(plural('es', 1_000_000, forms)).toBe('1000000 días');
    expect(plural('es', 1_000_000, { ...forms, many: '# de días' })).toBe('1000000 de días');
    expect(plural('es', undefined, forms)).toBe('? días');
    expect(plural('en', 1.5, { one: '# day', other: '# days' })).toBe('1.5 days');
  });
});

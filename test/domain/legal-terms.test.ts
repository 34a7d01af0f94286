// The golden table of PQRSA terms (docs/legal.md): every type, received across Holy Week, December, a Monday holiday,
// after hours and on a weekend, falls due on the date worked out by hand below; company closures and schedule
// exceptions change none of them.
import { describe, expect, it } from 'vitest';
import { catalog } from '#data/index.js';
import type { Catalog, TypeTerm } from '#domain/catalog.js';
import { RoutingEngine } from '#domain/routing/engine.js';
import { BusinessDays } from '#domain/time/business-days.js';
import { bogota, clone, engine, iso } from '../helpers.js';

/** Which term each type has: [business days, counted from]; the golden columns below are these four terms. */
const TERM_OF_TYPE = {
  peticion: 'd15',
  'peticion-documentos': 'd10',
  consulta: 'd30',
  queja: 'd15',
  reclamo: 'd15',
  sugerencia: 'd15',
  apelacion: 'd15',
  'datos-consulta': 'r10',
  'datos-reclamo': 'd15',
} as const;
type Column = (typeof TERM_OF_TYPE)[keyof typeof TERM_OF_TYPE];

// Holidays in play: 2026 — 2 and 3 Apr (Holy Week), 16 Nov (Monday), 8 and 25 Dec; 2027 — 1 and 11 Jan, 25 and
// 26 Mar (Holy Week). dN: N business days from the business day after the legal receipt day; r10: 10 business days
// counting the receipt day itself (Ley 1581 art. 14). All fall due at 17:00 Bogotá.
const GOLDEN: readonly (readonly [receivedAt: string, why: string, due: Readonly<Record<Column, string>>])[] =
  [
    [
      '2026-04-01T10:00',
      'Wednesday of Holy Week: day 1 is Monday 6 April',
      { d10: '2026-04-17', d15: '2026-04-24', d30: '2026-05-19', r10: '2026-04-16' },
    ],
    [
      '2026-04-02T09:00',
      'Jueves Santo, a holiday: received Monday 6 April',
      { d10: '2026-04-20', d15: '2026-04-27', d30: '2026-05-20', r10: '2026-04-17' },
    ],
    [
      '2027-03-23T15:00',
      'Tuesday of Holy Week 2027 (25–26 March are holidays)',
      { d10: '2027-04-08', d15: '2027-04-15', d30: '2027-05-06', r10: '2027-04-07' },
    ],
    [
      '2027-03-26T11:00',
      'Viernes Santo 2027: received Monday 29 March',
      { d10: '2027-04-12', d15: '2027-04-19', d30: '2027-05-11', r10: '2027-04-09' },
    ],
    [
      '2026-12-07T16:00',
      'the Monday before 8 December',
      { d10: '2026-12-22', d15: '2026-12-30', d30: '2027-01-22', r10: '2026-12-21' },
    ],
    [
      '2026-12-24T10:00',
      'Nochebuena, across 25 December, 1 and 11 January',
      { d10: '2027-01-12', d15: '2027-01-19', d30: '2027-02-09', r10: '2027-01-08' },
    ],
    [
      '2026-12-31T18:00',
      'New Year’s Eve after hours: still received that day',
      { d10: '2027-01-18', d15: '2027-01-25', d30: '2027-02-15', r10: '2027-01-15' },
    ],
    [
      '2026-11-13T18:00',
      'Friday after hours before the holiday Monday 16 November (the issue’s queja example)',
      { d10: '2026-11-30', d15: '2026-12-07', d30: '2026-12-30', r10: '2026-11-27' },
    ],
    [
      '2026-11-16T10:00',
      'on the holiday Monday itself: received Tuesday 17',
      { d10: '2026-12-01', d15: '2026-12-09', d30: '2026-12-31', r10: '2026-11-30' },
    ],
    [
      '2026-11-18T10:00',
      'a plain Wednesday (the acceptance line)',
      { d10: '2026-12-02', d15: '2026-12-10', d30: '2027-01-04', r10: '2026-12-01' },
    ],
    [
      '2026-11-18T22:30',
      'the same Wednesday after hours: the same terms',
      { d10: '2026-12-02', d15: '2026-12-10', d30: '2027-01-04', r10: '2026-12-01' },
    ],
    [
      '2026-11-21T10:00',
      'Saturday: received Monday 23',
      { d10: '2026-12-07', d15: '2026-12-15', d30: '2027-01-07', r10: '2026-12-04' },
    ],
    [
      '2026-11-22T23:59',
      'Sunday night: received Monday 23',
      { d10: '2026-12-07', d15: '2026-12-15', d30: '2027-01-07', r10: '2026-12-04' },
    ],
  ];

const ROWS = GOLDEN.flatMap(([at, why, due]) =>
  Object.entries(TERM_OF_TYPE).map(
    ([type, column]) => [type, at, `${due[column]}T17:00:00.000-05:00`, why] as const,
  ),
);

const legalDue = (routing: RoutingEngine, type: string, at: string) =>
  routing.route({ product: 'certifactura', type }, bogota(at)).legalDueAt;

describe('each type carries its term as data', () => {
  const term = (id: string) => catalog.requestTypes.find((t) => t.id === id)?.term;
  it.each<[string, Partial<TypeTerm>]>([
    ['peticion', { businessDays: 15, countFrom: 'next-business-day', maxExtensionBusinessDays: 15 }],
    [
      'peticion-documentos',
      { businessDays: 10, countFrom: 'next-business-day', maxExtensionBusinessDays: 10 },
    ],
    ['consulta', { businessDays: 30, countFrom: 'next-business-day', maxExtensionBusinessDays: 30 }],
    ['queja', { businessDays: 15, countFrom: 'next-business-day', maxExtensionBusinessDays: 15 }],
    ['reclamo', { businessDays: 15, countFrom: 'next-business-day', maxExtensionBusinessDays: 15 }],
    ['sugerencia', { basis: { kind: 'company-policy' }, businessDays: 15 }],
    ['apelacion', { basis: { kind: 'company-policy' }, businessDays: 15 }],
    ['datos-consulta', { businessDays: 10, countFrom: 'receipt-day', maxExtensionBusinessDays: 5 }],
    ['datos-reclamo', { businessDays: 15, countFrom: 'next-business-day', maxExtensionBusinessDays: 8 }],
  ])('%s: %j', (id, expected) => {
    expect(term(id)).toMatchObject(expected);
  });

  it('names the law and article, the analogy, or company policy', () => {
    expect(term('peticion-documentos')?.basis).toEqual({
      kind: 'law',
      law: 'Ley 1755 de 2015',
      article: 'art. 14, num. 1',
    });
    expect(term('consulta')?.basis).toMatchObject({ kind: 'analogy', article: 'art. 14, num. 2' });
    expect(term('datos-consulta')?.basis).toMatchObject({ law: 'Ley 1581 de 2012', article: 'art. 14' });
    expect(term('datos-reclamo')?.basis).toMatchObject({ law: 'Ley 1581 de 2012', article: 'art. 15' });
    const pqrsa = catalog.requestTypes.filter((t) => t.queue === 'pqrsa').map((t) => t.id);
    expect(pqrsa.sort()).toEqual(Object.keys(TERM_OF_TYPE).sort());
  });
});

describe('golden table: every PQRSA type, across holidays, after hours and weekends', () => {
  it.each(ROWS)('%s received %s is due %s (%s)', (type, at, due) => {
    expect(iso(legalDue(engine, type, at) ?? 0)).toBe(due);
  });

  it('the reason names the basis, the counting start and the extension', () => {
    const reasons = (type: string) =>
      engine.route({ product: 'biometria', type }, bogota('2026-11-18T10:00')).reasons;
    expect(reasons('peticion-documentos')).toContain(
      'Término legal (petición de documentos o información): 10 días hábiles (Ley 1755 de 2015, art. 14, num. 1), ' +
        'contados desde el día hábil siguiente al de recibo; vence a las 17:00 del último día; prorrogable hasta ' +
        '10 días hábiles más.',
    );
    expect(reasons('consulta').join('\n')).toMatch(
      /Ley 1755 de 2015, art\. 14, num\. 2, aplicado por analogía/,
    );
    expect(reasons('sugerencia').join('\n')).toMatch(
      /Término de la empresa \(sugerencia\): 15 días hábiles \(política de la empresa\)/,
    );
    expect(reasons('datos-consulta').join('\n')).toMatch(
      /\(Ley 1581 de 2012, art\. 14\), contados desde el mismo día de recibo;.*prorrogable hasta 5 días hábiles más/,
    );
  });
});

describe('company closures and schedule exceptions never move a legal term', () => {
  const closures = clone(catalog) as { -readonly [K in keyof Catalog]: Catalog[K] };
  const closedDays = [
    '2026-04-01',
    '2026-04-06',
    '2026-11-17',
    '2026-11-18',
    '2026-11-23',
    '2026-12-07',
    '2026-12-24',
    '2026-12-31',
    '2027-01-04',
    '2027-03-29',
  ];
  closures.calendar = {
    extraClosedDates: closedDays.map((date) => ({ date, note: 'cierre de la empresa' })),
  };
  closures.schedules = closures.schedules.map((s) =>
    s.kind === 'weekly' && s.id === 'pqrsa'
      ? { ...s, exceptions: [{ date: '2026-11-19', hours: [], note: 'inventario' }] }
      : s,
  );
  const closed = new RoutingEngine(closures);

  it('the closures do close the PQRSA desk', () => {
    const d = closed.route({ product: 'certifactura', type: 'queja' }, bogota('2026-11-18T10:00'));
    expect(d.openNow).toBe(false);
    // 18 and 19 (exception) closed, 20 open: the desk's next opening and first response move with it.
    expect(iso(d.nextOpenAt ?? 0)).toBe('2026-11-20T07:00:00.000-05:00');
    expect(iso(d.firstResponseDueAt)).toBe('2026-11-20T11:00:00.000-05:00');
  });

  it.each(ROWS)('%s received %s is still due %s (%s)', (type, at, due) => {
    expect(iso(legalDue(closed, type, at) ?? 0)).toBe(due);
  });

  it('the issue’s example: a petición of 23 December with 24 and 31 December closed is due 18 January', () => {
    expect(iso(legalDue(closed, 'peticion', '2026-12-23T10:00') ?? 0)).toBe('2027-01-18T17:00:00.000-05:00');
  });
});

describe('a configured daily cut-off', () => {
  const term = { businessDays: 10, countFrom: 'next-business-day' } as const;
  const withCutOff = new BusinessDays({
    businessWeekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    dueTime: '17:00',
    dailyCutOff: '17:00',
  });

  it('counts a request from the cut-off on as received the next business day', () => {
    expect(iso(withCutOff.termDueAt(bogota('2026-11-18T16:59'), term))).toBe('2026-12-02T17:00:00.000-05:00');
    expect(iso(withCutOff.termDueAt(bogota('2026-11-18T17:00'), term))).toBe('2026-12-03T17:00:00.000-05:00');
    expect(iso(withCutOff.receiptDay(bogota('2026-11-18T17:00')))).toBe('2026-11-19T00:00:00.000-05:00');
  });

  it('none by default: the day of receipt is the Bogotá date, whatever the hour', () => {
    expect(catalog.pqrsa.legalTerm.dailyCutOff).toBeUndefined();
    expect(iso(engine.businessDays.receiptDay(bogota('2026-11-18T23:59')))).toBe(
      '2026-11-18T00:00:00.000-05:00',
    );
  });
});

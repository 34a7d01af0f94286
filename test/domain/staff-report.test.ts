// The PQRSA compliance report: hand-computed rows over the real legal calendar, the CSV file, and properties over
// random tickets (the outcomes add up; the CSV parses back to the rows).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QueueEntry } from '#domain/ports.js';
import { csvField, REPORT_CSV_HEADER, reportCsv } from '#domain/staff/csv.js';
import {
  median,
  monthTotals,
  OUTCOMES,
  pqrsaReport,
  type ReportRow,
  reportMonthOf,
} from '#domain/staff/report.js';
import type { TicketSummary } from '#domain/staff/summary.js';
import type { Instant } from '#domain/time/instant.js';
import { bogota, engine } from '../helpers.js';

const days = engine.businessDays;

type Facts = Pick<TicketSummary, 'product' | 'type' | 'receivedAt' | 'termDueAt'> &
  Partial<Pick<TicketSummary, 'answeredAt' | 'suspended' | 'extended' | 'withdrawn'>>;

let serial = 0;
function entry(facts: Facts, status: QueueEntry['status'] = 'received'): QueueEntry {
  serial++;
  return {
    id: `PQR-2026-${String(serial).padStart(6, '0')}`,
    status,
    escalationLevel: 1,
    dueAt: status === 'resolved' ? null : facts.termDueAt,
    summary: { queue: 'pqrsa', priority: 'P3', subject: 'Asunto', ...facts },
  };
}

const peticion = (
  receivedAt: string,
  termDueAt: string,
  more: Partial<Facts> = {},
  status: QueueEntry['status'] = 'received',
) =>
  entry(
    {
      product: 'certifactura',
      type: 'peticion',
      receivedAt: bogota(receivedAt),
      termDueAt: bogota(termDueAt),
      ...more,
    },
    status,
  );

// 23 March 2026 (San José) and 2–3 April (Holy Week) are holidays.
const now = bogota('2026-04-20T12:00');
const fixture: QueueEntry[] = [
  // Answered in two business days (19 and 20 March).
  peticion('2026-03-18T10:00', '2026-04-13T17:00', { answeredAt: bogota('2026-03-20T15:00') }),
  // Reopened after its answer (status back to received): counts by that first answer, 19, 20 and 24 March.
  peticion('2026-03-18T11:00', '2026-04-13T17:00', { answeredAt: bogota('2026-03-24T09:00') }),
  // Extended to 14 April and still answered late, on 15 April: 3–31 March (20 days) and 1, 6–10, 13–15 April (9).
  peticion('2026-03-02T09:00', '2026-04-14T17:00', {
    extended: true,
    answeredAt: bogota('2026-04-15T10:00'),
  }),
  // Suspended while the requester completes the request: its term does not run, so it is open within term.
  peticion('2026-03-05T10:00', '2026-03-26T17:00', { suspended: true }),
  // Withdrawn (desistida).
  peticion('2026-03-06T10:00', '2026-03-27T17:00', { withdrawn: true }, 'resolved'),
  // Open past its term.
  peticion('2026-03-09T10:00', '2026-03-31T17:00'),
  // 23:30 on 31 March in Bogotá is 04:30 UTC on 1 April: still March's.
  peticion('2026-03-31T23:30', '2026-04-22T17:00'),
  // Ten minutes into April in Bogotá: April's.
  peticion('2026-04-01T00:10', '2026-04-23T17:00'),
  // Another product: two answers (2 and 3 business days) give a median of 2.5.
  entry({
    product: 'biometria',
    type: 'queja',
    receivedAt: bogota('2026-03-18T10:00'),
    termDueAt: bogota('2026-04-13T17:00'),
    answeredAt: bogota('2026-03-20T15:00'),
  }),
  entry({
    product: 'biometria',
    type: 'queja',
    receivedAt: bogota('2026-03-18T10:00'),
    termDueAt: bogota('2026-04-13T17:00'),
    answeredAt: bogota('2026-03-24T09:00'),
  }),
  // Nothing answered: no median. Without a legal term it is never overdue.
  entry({ product: 'biometria', type: 'reclamo', receivedAt: bogota('2026-03-10T10:00'), termDueAt: null }),
];

const zero = { answeredInTerm: 0, answeredLate: 0, extended: 0, withdrawn: 0, openInTerm: 0, openOverdue: 0 };

const expectedRows: ReportRow[] = [
  {
    month: '2026-03',
    product: 'biometria',
    type: 'queja',
    ...zero,
    received: 2,
    answeredInTerm: 2,
    medianBusinessDays: 2.5,
  },
  {
    month: '2026-03',
    product: 'biometria',
    type: 'reclamo',
    ...zero,
    received: 1,
    openInTerm: 1,
    medianBusinessDays: null,
  },
  {
    month: '2026-03',
    product: 'certifactura',
    type: 'peticion',
    received: 7,
    answeredInTerm: 2,
    answeredLate: 1,
    extended: 1,
    withdrawn: 1,
    openInTerm: 2,
    openOverdue: 1,
    medianBusinessDays: 3,
  },
  {
    month: '2026-04',
    product: 'certifactura',
    type: 'peticion',
    ...zero,
    received: 1,
    openInTerm: 1,
    medianBusinessDays: null,
  },
];

describe('PQRSA report rows', () => {
  it('counts each ticket once per Bogotá month, product and type, sorted (hand-computed)', () => {
    expect(pqrsaReport([...fixture].reverse(), now, days)).toEqual(expectedRows);
  });

  it('counts business days to answer on the legal calendar (holidays skipped)', () => {
    expect(days.countBetween(bogota('2026-03-02T09:00'), bogota('2026-04-15T10:00'))).toBe(29);
    expect(days.countBetween(bogota('2026-03-18T11:00'), bogota('2026-03-24T09:00'))).toBe(3);
  });

  it('answers on the due instant itself are in term; a second later is late', () => {
    const due = bogota('2026-04-13T17:00');
    const [onTime] = pqrsaReport(
      [peticion('2026-03-18T10:00', '2026-04-13T17:00', { answeredAt: due })],
      now,
      days,
    );
    const [late] = pqrsaReport(
      [peticion('2026-03-18T10:00', '2026-04-13T17:00', { answeredAt: due + 1000 })],
      now,
      days,
    );
    expect([onTime?.answeredInTerm, late?.answeredLate]).toEqual([1, 1]);
  });

  it('an open ticket is overdue only once now passes its term', () => {
    const ticket = [peticion('2026-03-09T10:00', '2026-03-31T17:00')];
    expect(pqrsaReport(ticket, bogota('2026-03-31T17:00'), days)[0]?.openInTerm).toBe(1);
    expect(pqrsaReport(ticket, bogota('2026-03-31T17:01'), days)[0]?.openOverdue).toBe(1);
  });

  it('an answered withdrawn ticket counts by its answer', () => {
    const ticket = [
      peticion('2026-03-09T10:00', '2026-03-31T17:00', {
        withdrawn: true,
        answeredAt: bogota('2026-03-10T10:00'),
      }),
    ];
    expect(pqrsaReport(ticket, now, days)[0]).toMatchObject({ withdrawn: 0, answeredInTerm: 1 });
  });

  it('names the month of receipt as YYYY-MM in Bogotá', () => {
    expect(reportMonthOf(Date.parse('2026-01-01T04:59:59Z'))).toBe('2025-12');
    expect(reportMonthOf(Date.parse('2026-01-01T05:00:00Z'))).toBe('2026-01');
  });

  it('takes the median of the middle value, or the mean of the two middle ones, to one decimal', () => {
    expect([median([]), median([4]), median([9, 1, 4]), median([1, 2]), median([1, 2, 2, 3, 3, 4])]).toEqual([
      null,
      4,
      4,
      1.5,
      2.5,
    ]);
  });
});

describe('monthly totals', () => {
  it('sums products and types per month, in order, with listed months that received nothing', () => {
    const totals = monthTotals(pqrsaReport(fixture, now, days), ['2026-05', '2026-02']);
    expect(totals.map((t) => [t.month, t.received, t.answeredInTerm, t.openInTerm, t.extended])).toEqual([
      ['2026-02', 0, 0, 0, 0],
      ['2026-03', 10, 4, 3, 1],
      ['2026-04', 1, 0, 1, 0],
      ['2026-05', 0, 0, 0, 0],
    ]);
    expect(Object.keys(totals[0] ?? {})).not.toContain('medianBusinessDays');
  });
});

/** A small RFC 4180 reader: quoted fields (doubled quotes, commas and line breaks inside), CRLF after each record. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else if (text[i + 1] === ',' || text[i + 1] === '\r') quoted = false;
      else throw new Error(`text after a closing quote at ${i}`);
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i++;
    } else if (c === '"' || c === '\r' || c === '\n') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else field += c;
  }
  if (quoted || field !== '' || record.length > 0) throw new Error('last record unterminated');
  return records;
}

const guard = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function fieldsOf(row: ReportRow): string[] {
  return [
    guard(row.month),
    guard(row.product),
    guard(row.type),
    ...[
      row.received,
      row.answeredInTerm,
      row.answeredLate,
      row.extended,
      row.withdrawn,
      row.openInTerm,
      row.openOverdue,
    ].map(String),
    row.medianBusinessDays === null ? '' : String(row.medianBusinessDays),
  ];
}

describe('report CSV', () => {
  it('is UTF-8 with a BOM, the header, one CRLF line per row, the median as 3, 2.5 or empty', () => {
    expect(reportCsv(expectedRows)).toBe(
      '\uFEFFmonth,product,type,received,answered_in_term,answered_late,extended,withdrawn,open_in_term,open_overdue,median_business_days\r\n' +
        '2026-03,biometria,queja,2,2,0,0,0,0,0,2.5\r\n' +
        '2026-03,biometria,reclamo,1,0,0,0,0,1,0,\r\n' +
        '2026-03,certifactura,peticion,7,2,1,1,1,2,1,3\r\n' +
        '2026-04,certifactura,peticion,1,0,0,0,0,1,0,\r\n',
    );
    expect(reportCsv([])).toBe(`\uFEFF${REPORT_CSV_HEADER.join(',')}\r\n`);
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rinside', '"cr\rinside"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['+1', '"\'+1"'],
    ['-2+3', '"\'-2+3"'],
    ['@SUM(A1)', '"\'@SUM(A1)"'],
    ['\tcmd', '"\'\tcmd"'],
    ['\rcmd', '"\'\rcmd"'],
    ['a=b', 'a=b'],
  ])('quotes %j as %s', (text, expected) => {
    expect(csvField(text)).toBe(expected);
  });

  it('leaves numbers unguarded and null empty', () => {
    expect([csvField(-1, 'number'), csvField(2.5, 'number'), csvField(null, 'number')]).toEqual([
      '-1',
      '2.5',
      '',
    ]);
  });
});

const from = bogota('2025-01-01T00:00');
const to = bogota('2027-12-31T23:59');
const DAY = 86_400_000;
const instant = fc.integer({ min: from, max: to });
const text = fc.oneof(
  fc.constantFrom('certifactura', 'biometria', 'peticion', 'queja'),
  fc.string({
    unit: fc.constantFrom('a', 'ñ', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', ' '),
    maxLength: 6,
  }),
);
const facts: fc.Arbitrary<Facts> = fc
  .record({
    product: text,
    type: text,
    receivedAt: instant,
    term: fc.option(fc.integer({ min: 0, max: 60 * DAY })),
    answer: fc.option(fc.integer({ min: 0, max: 90 * DAY })),
    suspended: fc.boolean(),
    extended: fc.boolean(),
    withdrawn: fc.boolean(),
  })
  .map(({ product, type, receivedAt, term, answer, suspended, extended, withdrawn }) => ({
    product,
    type,
    receivedAt,
    termDueAt: term === null ? null : receivedAt + term,
    ...(answer === null ? {} : { answeredAt: receivedAt + answer }),
    ...(suspended ? { suspended: true as const } : {}),
    ...(extended ? { extended: true as const } : {}),
    ...(withdrawn ? { withdrawn: true as const } : {}),
  }));

describe('report properties', () => {
  it('every ticket is exactly one of the five outcomes; the CSV parses back to the rows', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 40 }), instant, (all, at: Instant) => {
        const rows = pqrsaReport(
          all.map((f) => entry(f)),
          at,
          days,
        );
        for (const row of rows) {
          expect(OUTCOMES.reduce((sum, outcome) => sum + row[outcome], 0)).toBe(row.received);
          expect(row.extended).toBeLessThanOrEqual(row.received);
          expect(row.medianBusinessDays === null).toBe(row.answeredInTerm + row.answeredLate === 0);
        }
        expect(rows.reduce((sum, row) => sum + row.received, 0)).toBe(all.length);
        const csv = reportCsv(rows);
        expect(csv.startsWith('\uFEFF')).toBe(true);
        const records = parseCsv(csv.slice(1));
        expect(records).toHaveLength(rows.length + 1);
        expect(records[0]).toEqual([...REPORT_CSV_HEADER]);
        expect(records.slice(1)).toEqual(rows.map(fieldsOf));
      }),
      { numRuns: 200 },
    );
  });
});

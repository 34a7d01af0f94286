// The PQRSA report as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads the accents), commas,
// CRLF line ends and RFC 4180 quoting, one line per report row after the header.
import type { ReportRow } from './report.js';

export const REPORT_CSV_HEADER = [
  'month',
  'product',
  'type',
  'received',
  'answered_in_term',
  'answered_late',
  'extended',
  'withdrawn',
  'open_in_term',
  'open_overdue',
  'median_business_days',
] as const;

/** A text a spreadsheet would read as a formula (or as a command through DDE) when it opens the file. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field. Text fields are also guarded against CSV formula injection: one that starts with = + - @, a
 * tab or a carriage return gets a leading apostrophe, which spreadsheets read as "this is text", and is quoted.
 * Product and type ids come from the catalog today, but the file is opened by people with Excel on the company's
 * machines, so nothing that reaches it may run there whatever the data holds.
 */
export function csvField(value: string | number | null, kind: 'text' | 'number' = 'text'): string {
  if (value === null) return '';
  let text = String(value);
  const guarded = kind === 'text' && FORMULA_START.test(text);
  if (guarded) text = `'${text}`;
  return guarded || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The report as a CSV file's text, BOM included; the median as `3`, `2.5`, or empty when nothing was answered. */
export function reportCsv(rows: readonly ReportRow[]): string {
  const lines = [REPORT_CSV_HEADER.join(',')];
  for (const row of rows) {
    lines.push(
      [
        csvField(row.month),
        csvField(row.product),
        csvField(row.type),
        ...[
          row.received,
          row.answeredInTerm,
          row.answeredLate,
          row.extended,
          row.withdrawn,
          row.openInTerm,
          row.openOverdue,
          row.medianBusinessDays,
        ].map((value) => csvField(value, 'number')),
      ].join(','),
    );
  }
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`;
}

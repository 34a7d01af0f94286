// GET /staff/reports/pqrsa?year=YYYY: the PQRSA compliance report of a year (chart, a table per month, a CSV per
// month) over the products whose PQRSA queue the person acts for; GET /staff/reports/pqrsa.csv?month=YYYY-MM: one
// month as CSV. The months are read from the report index (every PQRSA by Bogotá month of receipt), in parallel.
import { reportCsv } from '#domain/staff/csv.js';
import { monthTotals, pqrsaReport, REPORT_MONTH, type ReportRow } from '#domain/staff/report.js';
import type { Locale } from '#domain/ticket.js';
import { bogotaYear, SUPPORTED_YEARS } from '#domain/time/instant.js';
import type { HttpResult } from '../kit.js';
import { monthlyChart } from './chart.js';
import { type ConsoleView, consolePage, messagePage, notFoundPage } from './console-kit.js';
import { CONSOLE_TEXT } from './console-text.js';
import type { ConsoleDeps } from './deps.js';
import { e, langField, withLang } from './layout.js';

const YEAR = /^\d{4}$/;

const COUNTS = [
  'received',
  'answeredInTerm',
  'answeredLate',
  'extended',
  'withdrawn',
  'openInTerm',
  'openOverdue',
] as const;

/** The products whose PQRSA queue the person acts for: the only ones their report counts. */
function reportProducts(view: Omit<ConsoleView, 'path'>): ReadonlySet<string> {
  return new Set(view.auth.identity.queues.filter((q) => q.queue === 'pqrsa').map((q) => q.product));
}

async function monthRows(deps: ConsoleDeps, products: ReadonlySet<string>, month: string) {
  const entries = await deps.queries.listPqrsaOfMonth(month);
  return entries.filter((entry) => products.has(entry.summary.product));
}

function validYear(year: number): boolean {
  return year >= SUPPORTED_YEARS.from && year <= SUPPORTED_YEARS.to;
}

export async function reportPage(
  deps: ConsoleDeps,
  view: Omit<ConsoleView, 'path'>,
  yearText: string | undefined,
): Promise<HttpResult> {
  const t = CONSOLE_TEXT[view.locale];
  const now = deps.clock.now();
  const given = yearText?.trim() ?? '';
  const year = given ? Number(given) : bogotaYear(now);
  const page = {
    ...view,
    path: given ? `/staff/reports/pqrsa?year=${encodeURIComponent(given)}` : '/staff/reports/pqrsa',
  };
  const products = reportProducts(view);
  if (products.size === 0) return notFoundPage(page);
  if (given && (!YEAR.test(given) || !validYear(year))) {
    return consolePage(
      page,
      t.reportTitle(bogotaYear(now)),
      [
        `<p class="error" role="alert" id="year-error">${e(t.reportYearBad)}</p>`,
        yearForm(view, given, true),
      ],
      400,
    );
  }
  const months = t.monthNames.map((_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const entries = (await Promise.all(months.map((month) => monthRows(deps, products, month)))).flat();
  const rows = pqrsaReport(entries, now, deps.businessDays);
  const chart = `<figure>${monthlyChart(monthTotals(rows, months), view.locale)}<figcaption>${e(t.reportChart)}</figcaption></figure>`;
  const tables = months.map((month, i) =>
    monthSection(
      month,
      `${t.monthNames[i] ?? month} ${year}`,
      rows.filter((r) => r.month === month),
      view.locale,
    ),
  );
  return consolePage(page, t.reportTitle(year), [yearForm(view, String(year)), chart, ...tables]);
}

function yearForm(view: Omit<ConsoleView, 'path'>, value: string, invalid = false): string {
  const t = CONSOLE_TEXT[view.locale];
  const lang = langField(view.locale);
  const aria = invalid ? ' aria-invalid="true" aria-describedby="year-error"' : '';
  return `<form method="get" action="/staff/reports/pqrsa"><label for="year">${e(t.reportYear)}</label><input id="year" name="year" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" value="${e(value)}"${aria}>${lang}<button type="submit">${e(t.reportShow)}</button></form>`;
}

function monthSection(month: string, title: string, rows: readonly ReportRow[], locale: Locale): string {
  const t = CONSOLE_TEXT[locale];
  const c = t.reportColumns;
  const id = `m-${month}`;
  const csv = `<p><a href="${e(withLang(`/staff/reports/pqrsa.csv?month=${month}`, locale))}" download>${e(t.reportCsv(month))}</a></p>`;
  if (rows.length === 0) {
    return `<section aria-labelledby="${id}"><h2 id="${id}">${e(title)}</h2><p>${e(t.reportEmptyMonth)}</p>${csv}</section>`;
  }
  const head = [c.product, c.type, ...COUNTS.map((k) => c[k]), c.medianBusinessDays]
    .map((h) => `<th scope="col">${e(h)}</th>`)
    .join('');
  const body = rows.map((row) => {
    const counts = COUNTS.map((k) => `<td data-label="${e(c[k])}">${row[k]}</td>`).join('');
    const median = row.medianBusinessDays === null ? '—' : String(row.medianBusinessDays);
    return `<tr><th scope="row" data-label="${e(c.product)}">${e(row.product)}</th><td data-label="${e(c.type)}">${e(row.type)}</td>${counts}<td data-label="${e(c.medianBusinessDays)}">${e(median)}</td></tr>`;
  });
  return `<section aria-labelledby="${id}"><h2 id="${id}">${e(title)}</h2><table class="cards"><caption>${e(title)}</caption><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>${csv}</section>`;
}

/** GET /staff/reports/pqrsa.csv?month=YYYY-MM. */
export async function reportCsvFile(
  deps: ConsoleDeps,
  view: Omit<ConsoleView, 'path'>,
  monthText: string | undefined,
): Promise<HttpResult> {
  const t = CONSOLE_TEXT[view.locale];
  const page = { ...view, path: '/staff/reports/pqrsa' };
  const month = monthText?.trim() ?? '';
  const match = REPORT_MONTH.exec(month);
  if (!match || !validYear(Number(match[1]))) {
    return messagePage(page, 400, t.reportTitle(bogotaYear(deps.clock.now())), t.reportMonthBad);
  }
  const products = reportProducts(view);
  if (products.size === 0) return notFoundPage(page);
  const rows = pqrsaReport(await monthRows(deps, products, month), deps.clock.now(), deps.businessDays);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="pqrsa-${month}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: reportCsv(rows),
  };
}

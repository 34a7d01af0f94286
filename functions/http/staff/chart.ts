// The PQRSA report's chart: stacked bars per month of receipt, drawn as inline SVG by the server (the console runs
// no script). The page's CSP allows no style attribute or <style> in it, so everything is a presentation attribute;
// the viewBox is as wide as a 360 px phone, so its text stays readable when the page scales it there.

import {
  type MonthTotal,
  OUTCOMES,
  type Outcome,
  REPORT_MONTH,
  type ReportCounts,
} from '#domain/staff/report.js';
import type { Locale } from '#domain/ticket.js';
import { escapeHtml as e } from '../../notify/layout.js';
import { CONSOLE_TEXT, type ConsoleText } from './console-text.js';

const WIDTH = 360;
const PLOT = { left: 40, right: WIDTH - 8, top: 12, bottom: 192 } as const;
const LEGEND_TOP = PLOT.bottom + 44;
const LEGEND_ROW = 18;
const HEIGHT = LEGEND_TOP + OUTCOMES.length * LEGEND_ROW + 4;
const FONT = 'font-family="system-ui, sans-serif" font-size="11" fill="#1d2733"';

/**
 * Okabe–Ito colours, told apart with the common colour-vision deficiencies; neighbouring segments are also parted
 * by a white line, and the legend names each series in words.
 */
const COLOURS: Readonly<Record<Outcome, string>> = {
  answeredInTerm: '#0072B2',
  answeredLate: '#D55E00',
  withdrawn: '#999999',
  openInTerm: '#56B4E9',
  openOverdue: '#E69F00',
};

// Series and month names are the report table's own (console-text.ts), so the legend and the columns agree.
const TEXT = {
  es: {
    ...pick(CONSOLE_TEXT.es),
    title: 'PQRSA por mes de recibo',
    received: 'recibidas',
    monthOf: (name: string, year: string) => `${name} de ${year}`,
    none: 'Sin PQRSA en el periodo.',
    span: (n: number, from: string, to: string) =>
      n === 1 ? `Un mes, ${from}.` : `${n} meses, de ${from} a ${to}.`,
    most: (month: string, n: number) => `Mes con más recibidas: ${month} (${n}).`,
  },
  en: {
    ...pick(CONSOLE_TEXT.en),
    title: 'PQRSA by month of receipt',
    received: 'received',
    monthOf: (name: string, year: string) => `${name} ${year}`,
    none: 'No PQRSA in the period.',
    span: (n: number, from: string, to: string) =>
      n === 1 ? `One month, ${from}.` : `${n} months, ${from} to ${to}.`,
    most: (month: string, n: number) => `Month with most received: ${month} (${n}).`,
  },
} as const;

function pick(text: ConsoleText) {
  return {
    series: text.reportColumns,
    months: text.monthNames,
    /** Axis labels: the first three letters (ene, feb… / Jan, Feb…). */
    short: text.monthNames.map((name) => name.slice(0, 3)),
  };
}

type Text = (typeof TEXT)[Locale];

/** A `YYYY-MM` month's parts; undefined for anything else (then the month is shown as it came). */
function monthParts(month: string): { year: string; index: number } | undefined {
  const match = REPORT_MONTH.exec(month);
  return match ? { year: match[1] as string, index: Number(match[2]) - 1 } : undefined;
}

function monthName(month: string, t: Text): string {
  const parts = monthParts(month);
  return parts ? t.monthOf(t.months[parts.index] as string, parts.year) : month;
}

/** "12 received; 9 answered within term, …" */
function countsText(counts: MonthTotal, t: Text): string {
  const outcomes = OUTCOMES.map((outcome) => `${counts[outcome]} ${t.series[outcome].toLowerCase()}`).join(
    ', ',
  );
  return `${counts.received} ${t.received}: ${outcomes}.`;
}

function summary(totals: readonly MonthTotal[], t: Text): string {
  const first = totals[0];
  const last = totals.at(-1);
  if (!first || !last) return t.none;
  const sum = (key: keyof ReportCounts) => totals.reduce((n, m) => n + m[key], 0);
  const all: MonthTotal = {
    month: '',
    received: sum('received'),
    extended: sum('extended'),
    ...(Object.fromEntries(OUTCOMES.map((o) => [o, sum(o)])) as Record<Outcome, number>),
  };
  const most = totals.reduce((best, m) => (m.received > best.received ? m : best), first);
  return [
    t.span(totals.length, monthName(first.month, t), monthName(last.month, t)),
    `PQRSA ${countsText(all, t)}`,
    ...(most.received > 0 ? [t.most(monthName(most.month, t), most.received)] : []),
  ].join(' ');
}

/** The axis top and tick step: 1, 2 or 5 times a power of ten, at most five steps. */
export function axisScale(max: number): { top: number; step: number } {
  for (let power = 1; ; power *= 10) {
    for (const step of [power, 2 * power, 5 * power]) {
      if (step * 5 >= max) return { top: Math.max(step, Math.ceil(max / step) * step), step };
    }
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

function yAxis(top: number, step: number): string {
  const parts: string[] = [];
  for (let value = 0; value <= top; value += step) {
    const y = round(PLOT.bottom - (value / top) * (PLOT.bottom - PLOT.top));
    parts.push(
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${y}" y2="${y}" stroke="${value === 0 ? '#5f6b78' : '#d5dce3'}" stroke-width="1"/>`,
      `<text x="${PLOT.left - 6}" y="${round(y + 4)}" text-anchor="end" ${FONT}>${e(String(value))}</text>`,
    );
  }
  return parts.join('');
}

function monthLabel(month: string, x: number, withYear: boolean, t: Text): string {
  const parts = monthParts(month);
  const short = parts ? (t.short[parts.index] as string) : month;
  const year = parts && withYear ? `<tspan x="${x}" dy="13">${e(parts.year)}</tspan>` : '';
  return `<text x="${x}" y="${PLOT.bottom + 15}" text-anchor="middle" ${FONT}>${e(short)}${year}</text>`;
}

function bars(totals: readonly MonthTotal[], top: number, t: Text): string {
  const slot = (PLOT.right - PLOT.left) / totals.length;
  const width = round(Math.min(28, slot * 0.7));
  const labelEvery = Math.ceil(totals.length / 12);
  const scale = (PLOT.bottom - PLOT.top) / top;
  let shownYear: string | undefined;
  return totals
    .map((total, i) => {
      const centre = round(PLOT.left + slot * (i + 0.5));
      let base = PLOT.bottom;
      const segments = OUTCOMES.filter((outcome) => total[outcome] > 0).map((outcome) => {
        const height = total[outcome] * scale;
        base -= height;
        return `<rect x="${round(centre - width / 2)}" y="${round(base)}" width="${width}" height="${round(height)}" fill="${COLOURS[outcome]}" stroke="#ffffff" stroke-width="1"/>`;
      });
      let label = '';
      if (i % labelEvery === 0) {
        const year = monthParts(total.month)?.year;
        label = monthLabel(total.month, centre, year !== shownYear, t);
        shownYear = year;
      }
      const tooltip = `${monthName(total.month, t)}: ${countsText(total, t)}`;
      return `<g data-month="${e(total.month)}"><title>${e(tooltip)}</title>${segments.join('')}${label}</g>`;
    })
    .join('');
}

function legend(t: Text): string {
  return OUTCOMES.map((outcome, i) => {
    const y = LEGEND_TOP + i * LEGEND_ROW;
    return (
      `<rect x="${PLOT.left}" y="${y}" width="12" height="12" fill="${COLOURS[outcome]}"/>` +
      `<text x="${PLOT.left + 18}" y="${y + 10}" ${FONT}>${e(t.series[outcome])}</text>`
    );
  }).join('');
}

/**
 * The monthly totals as an accessible SVG (role img, named by its title and described by a text summary of the
 * same figures the page's table shows). Every text is escaped; the month, though `YYYY-MM` by contract, too.
 */
export function monthlyChart(totals: readonly MonthTotal[], locale: Locale): string {
  const t = TEXT[locale];
  const { top, step } = axisScale(Math.max(0, ...totals.map((m) => m.received)));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" ` +
    `aria-labelledby="pqrsa-chart-title" aria-describedby="pqrsa-chart-desc">` +
    `<title id="pqrsa-chart-title">${e(t.title)}</title><desc id="pqrsa-chart-desc">${e(summary(totals, t))}</desc>` +
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>` +
    yAxis(top, step) +
    (totals.length > 0 ? bars(totals, top, t) : '') +
    legend(t) +
    '</svg>'
  );
}

// The PQRSA report's SVG chart: one stacked bar group per month, an accessible name and description, a legend,
// nothing the console's CSP would block (no style attribute, no <style>), and every text escaped.
import { describe, expect, it } from 'vitest';
import { type MonthTotal, monthTotals } from '#domain/staff/report.js';
import { axisScale, monthlyChart } from '#functions/http/staff/chart.js';

const months2026 = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

function total(month: string, counts: Partial<MonthTotal> = {}): MonthTotal {
  const outcomes = {
    answeredInTerm: 0,
    answeredLate: 0,
    withdrawn: 0,
    openInTerm: 0,
    openOverdue: 0,
    ...counts,
  };
  const received =
    outcomes.answeredInTerm +
    outcomes.answeredLate +
    outcomes.withdrawn +
    outcomes.openInTerm +
    outcomes.openOverdue;
  return { month, extended: 0, ...outcomes, received };
}

const year = monthTotals([], months2026).map((m) =>
  m.month === '2026-03'
    ? total(m.month, { answeredInTerm: 12, answeredLate: 3, withdrawn: 1, openInTerm: 2, openOverdue: 2 })
    : m.month === '2026-04'
      ? total(m.month, { answeredInTerm: 5, openOverdue: 1 })
      : m,
);

/** The rectangles' heights inside the group of one month. */
function barHeights(svg: string, month: string): number[] {
  const group = new RegExp(`<g data-month="${month}">(.*?)</g>`).exec(svg)?.[1] ?? '';
  return [...group.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
}

describe('monthly PQRSA chart', () => {
  const svg = monthlyChart(year, 'es');

  it('draws one bar group per month, each labelled', () => {
    expect(svg.match(/<g data-month="/g)).toHaveLength(12);
    for (const short of ['ene', 'feb', 'mar', 'sep', 'dic']) expect(svg).toContain(`>${short}<`);
    expect(svg).toContain('>2026</tspan>');
  });

  it('stacks the five outcomes of a month to its received count on the axis scale', () => {
    // 20 received at most: ticks every 5 up to 20, so March's bar is the whole 180-unit plot.
    expect(axisScale(20)).toEqual({ top: 20, step: 5 });
    const march = barHeights(svg, '2026-03');
    expect(march).toHaveLength(5);
    expect(march.reduce((a, b) => a + b, 0)).toBeCloseTo(180, 1);
    expect(march[0]).toBeCloseTo(12 * 9, 1);
    expect(barHeights(svg, '2026-04')).toEqual([45, 9]);
    expect(barHeights(svg, '2026-05')).toEqual([]);
    for (const tick of ['0', '5', '10', '15', '20']) expect(svg).toContain(`>${tick}</text>`);
  });

  it('is an image with an accessible name and a description of its figures', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="pqrsa-chart-title"/);
    expect(svg).toContain('<title id="pqrsa-chart-title">PQRSA por mes de recibo</title>');
    const desc = /<desc id="pqrsa-chart-desc">(.*?)<\/desc>/.exec(svg)?.[1];
    expect(desc).toContain('12 meses, de enero de 2026 a diciembre de 2026.');
    expect(desc).toContain('PQRSA 26 recibidas: 17 respondidas en término');
    expect(desc).toContain('Mes con más recibidas: marzo de 2026 (20).');
  });

  it('has a viewBox and no fixed width, so the page can scale it', () => {
    const open = /^<svg [^>]*>/.exec(svg)?.[0] ?? '';
    expect(open).toMatch(/viewBox="0 0 360 \d+"/);
    expect(open).not.toMatch(/\swidth=/);
  });

  it('uses presentation attributes only: nothing the CSP would block', () => {
    expect(svg).not.toMatch(/\sstyle\s*=/i);
    expect(svg).not.toMatch(/<style/i);
    expect(svg).not.toMatch(/<script|\son\w+=/i);
  });

  it('names every series in the legend, in its own colour', () => {
    const legend = [
      ...svg.matchAll(/<rect [^>]*width="12" height="12" fill="(#[0-9A-F]{6})"\/><text [^>]*>([^<]+)</g),
    ];
    expect(legend.map((m) => m[2])).toEqual([
      'Respondidas en término',
      'Respondidas fuera de término',
      'Desistidas',
      'Abiertas en término',
      'Abiertas vencidas',
    ]);
    expect(new Set(legend.map((m) => m[1])).size).toBe(5);
  });

  it('speaks English too', () => {
    const en = monthlyChart(year, 'en');
    expect(en).toContain('<title id="pqrsa-chart-title">PQRSA by month of receipt</title>');
    expect(en).toContain('>Answered late</text>');
    expect(en).toContain('>Sep<');
    expect(en).toContain('12 months, January 2026 to December 2026.');
  });

  it('escapes every text, even a month that is not YYYY-MM', () => {
    const odd = monthlyChart([total('<b>&"', { openInTerm: 1 })], 'en');
    expect(odd).not.toContain('<b>');
    expect(odd).toContain('data-month="&lt;b&gt;&amp;&quot;"');
  });

  it('says when there is nothing to show', () => {
    const empty = monthlyChart([], 'es');
    expect(empty).not.toContain('<g data-month=');
    expect(empty).toContain('<desc id="pqrsa-chart-desc">Sin PQRSA en el periodo.</desc>');
  });

  it.each([
    [0, { top: 1, step: 1 }],
    [4, { top: 4, step: 1 }],
    [7, { top: 8, step: 2 }],
    [23, { top: 25, step: 5 }],
    [120, { top: 150, step: 50 }],
  ])('scales an axis to %i as %j', (max, scale) => {
    expect(axisScale(max)).toEqual(scale);
  });
});

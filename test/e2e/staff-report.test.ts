// The PQRSA compliance report in a real browser against the local twin (issue 18): a month of PQRSA seeded through
// the API and the console's own forms (answered in term, one answered late after its legal term, one extended, some
// left open), the report page's table for that month, and its CSV fetched with the session's cookie: both match the
// counts worked out by hand below.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legalDueAtOf } from '#domain/escalation/extension.js';
import { bogota } from '../helpers.js';
import { postJson, startTestTwin, type TestTwin, validSubmission } from '../integration/support.js';
import { launchBrowser, SCREENSHOTS as OUT } from './browser.js';
import { consolePost, cookieHeader, csrfOf, signIn } from './staff.js';

/** The catalog's PQRSA mailbox: level 1 of both products' PQRSA queues, so the report counts both. */
const PQRSA = 'certicamararesponde@certicamara.com';
const ANSWER = 'Respuesta de fondo a la solicitud, con los documentos pedidos.';

let browser: Browser;
let twin: TestTwin; // Tuesday 3 November 2026, 09:00 (Monday the 2nd is a holiday)

beforeAll(async () => {
  [browser, twin] = await Promise.all([
    launchBrowser(),
    startTestTwin({ start: bogota('2026-11-03T09:00') }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await twin?.stop();
});

async function file(product: string, type: string): Promise<string> {
  const created = await postJson(
    twin.url,
    validSubmission({ product, type, priority: 3, subject: `Solicitud ${type} de prueba` }),
  );
  expect(created.status).toBe(201);
  return String(created.json.id);
}

/** The counts of one row: the CSV's columns after month, product and type, in its order. */
const COLUMNS = [
  'received',
  'answered_in_term',
  'answered_late',
  'extended',
  'withdrawn',
  'open_in_term',
  'open_overdue',
  'median_business_days',
] as const;

describe('the PQRSA report', () => {
  it("shows a month's counts on the page and in the CSV, as computed by hand", async () => {
    // Tuesday 3 November: five PQRSA for Certifactura and one for Biometría.
    const answeredAtOnce = await file('certifactura', 'peticion');
    const extended = await file('certifactura', 'peticion');
    const leftOpen = await file('certifactura', 'peticion');
    const answeredLate = await file('certifactura', 'queja');
    const quejaAtOnce = await file('certifactura', 'queja');
    const biometriaOpen = await file('biometria', 'peticion');

    const first = await signIn(browser, twin, PQRSA);
    const csrf = await csrfOf(first.page);
    for (const id of [answeredAtOnce, quejaAtOnce]) {
      expect((await consolePost(twin, first.context, csrf, id, 'resolve', { note: ANSWER })).status).toBe(
        303,
      );
    }
    // The extension as far as the law allows, from the form's own bounds.
    await first.page.goto(`${twin.url}/staff/tickets/${extended}`);
    const max = (await first.page.getAttribute('#extend-dueDate', 'max')) ?? '';
    expect(max).toMatch(/^2026-12-\d\d$/);
    const reasons = 'Hace falta el concepto del área jurídica sobre el contrato.';
    const extension = await consolePost(twin, first.context, csrf, extended, 'extend', {
      reasons,
      dueDate: max,
    });
    expect(extension.status).toBe(303);
    await first.context.close();

    // Thursday 26 November, 10:00: the term of the 3 November requests (15 business days: Wednesday the 25th, 17:00)
    // has passed. The queja is answered late, and a new queja comes in.
    const late = await twin.store.get(answeredLate);
    expect(legalDueAtOf(late?.ticket as NonNullable<typeof late>['ticket'])).toBe(bogota('2026-11-25T17:00'));
    twin.clock.advance(bogota('2026-11-26T10:00') - twin.clock.now());
    const quejaOpen = await file('certifactura', 'queja');
    const second = await signIn(browser, twin, PQRSA, 2);
    const csrf2 = await csrfOf(second.page);
    expect(
      (await consolePost(twin, second.context, csrf2, answeredLate, 'resolve', { note: ANSWER })).status,
    ).toBe(303);
    for (const id of [extended, leftOpen, biometriaOpen, quejaOpen]) {
      expect((await twin.store.get(id))?.ticket.answeredAt).toBeUndefined();
    }

    // By hand, November 2026 (now 26 November, 10:00):
    // - certifactura peticion: 3 received; 1 answered the same day (0 business days), 1 extended and open within its
    //   new term, 1 open past its term.
    // - certifactura queja: 3 received; 1 answered the same day (0), 1 answered on the 26th (16 business days: the
    //   4th to the 26th without the 16th, a holiday), 1 received today and open. Median (0 + 16) / 2 = 8.
    // - biometria peticion: 1 received, open past its term.
    const expected = {
      'certifactura/peticion': [3, 1, 0, 1, 0, 1, 1, 0],
      'certifactura/queja': [3, 1, 1, 0, 0, 1, 0, 8],
      'biometria/peticion': [1, 0, 0, 0, 0, 0, 1, null],
    };

    const { page, context } = second;
    await page.goto(`${twin.url}/staff/reports/pqrsa?year=2026`);
    expect(await page.textContent('h1')).toContain('2026');
    const table = await page.$$eval('section[aria-labelledby="m-2026-11"] tbody tr', (rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
    );
    const fromPage = Object.fromEntries(
      table.map(([product, type, ...counts]) => [
        `${product}/${type}`,
        counts.map((c) => (c === '—' ? null : Number(c))),
      ]),
    );
    expect(fromPage).toEqual(expected);
    // Only November received anything: every other month says so.
    expect(await page.$$('section[aria-labelledby^="m-2026-"] table')).toHaveLength(1);
    expect(await page.getAttribute('figure svg', 'role')).toBe('img');
    await page.screenshot({ path: `${OUT}/staff-report.png`, fullPage: true });

    const csv = await fetch(`${twin.url}/staff/reports/pqrsa.csv?month=2026-11`, {
      headers: { cookie: await cookieHeader(context) },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = new TextDecoder('utf-8', { ignoreBOM: false })
      .decode(bytes)
      .split('\r\n')
      .filter(Boolean);
    expect(header).toBe(`month,product,type,${COLUMNS.join(',')}`);
    const fromCsv = Object.fromEntries(
      lines.map((line) => {
        const [month, product, type, ...counts] = line.split(',');
        expect(month).toBe('2026-11');
        return [`${product}/${type}`, counts.map((c) => (c === '' ? null : Number(c)))];
      }),
    );
    expect(fromCsv).toEqual(expected);
    expect(fromCsv).toEqual(fromPage);

    // Without the session, the download is refused rather than sent to the sign-in page.
    expect((await fetch(`${twin.url}/staff/reports/pqrsa.csv?month=2026-11`)).status).toBe(401);
    await context.close();
  });
});

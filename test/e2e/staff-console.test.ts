// The staff console in a real browser against the local twin (issue 18): sign in from the mail's link, the queue with
// the overdue ticket first, acknowledge and resolve it on its page with the history naming the address, the same
// answer and no mail for a stranger, expired and used links refused, another queue's ticket out of reach, and the
// queue page at 360 px with every control named.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bogota } from '../helpers.js';
import { postJson, startTestTwin, type TestTwin, validSubmission } from '../integration/support.js';
import { launchBrowser, SCREENSHOTS as OUT } from './browser.js';
import {
  askForLink,
  confirmLink,
  consolePost,
  csrfOf,
  linkInViewer,
  mailsTo,
  newPage,
  signIn,
  signInLink,
} from './staff.js';

/** The catalog's Certifactura support mailbox (level 1, that queue only). */
const SUPPORT = 'soporte.certifactura@certicamara.com';
/** The twin's example person of STAFF_PEOPLE: Certifactura support only. */
const AGENT = 'agente.ejemplo@certicamara.localhost';

let browser: Browser;
let twin: TestTwin;
let later: string; // a P4 incident filed at 08:00: first response due 16:00
let overdue: string; // a P2 incident filed at 08:05: first response due 10:05, overdue from then on
let session: { context: BrowserContext; page: Page };

async function file(overrides: Record<string, unknown>): Promise<string> {
  const created = await postJson(twin.url, validSubmission(overrides));
  expect(created.status).toBe(201);
  return String(created.json.id);
}

beforeAll(async () => {
  // Monday 23 November 2026, 08:00: Certifactura's support desk is open (7 a.m. to 7 p.m.).
  [browser, twin] = await Promise.all([
    launchBrowser(),
    startTestTwin({ start: bogota('2026-11-23T08:00') }),
  ]);
  later = await file({ priority: 4, subject: 'Consulta sobre el certificado de la factura' });
  twin.clock.advance(5 * 60_000);
  overdue = await file({ priority: 2, subject: 'No puedo emitir facturas desde esta mañana' });
  // 10:30: the P2's first response (10:05) is 25 minutes late, the P4's (16:05) five and a half hours away.
  twin.clock.advance(bogota('2026-11-23T10:30') - twin.clock.now());
});
afterAll(async () => {
  await session?.context.close();
  await browser?.close();
  await twin?.stop();
});

const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').trim();

describe('the staff console in the browser', () => {
  it('signs in from the mail viewer: link asked on the page, followed from the viewer, confirmed with the button', async () => {
    const opened = await newPage(browser);
    const { page } = opened;
    expect(await askForLink(page, twin, SUPPORT)).toBe(202);
    expect(await text(page, 'h1')).toBe('Revise su correo');
    await page.screenshot({ path: `${OUT}/staff-sign-in-sent.png`, fullPage: true });
    const stored = await signInLink(twin, SUPPORT, 1);
    // What a person does: open the mail viewer, the mail's HTML view, and follow its link.
    const link = await linkInViewer(opened.context, SUPPORT);
    expect(link).toBe(stored);
    expect(link.startsWith(`${twin.url}/staff/sign-in/confirm?token=`)).toBe(true);
    // The link's page changes nothing by itself (mail scanners open links): it asks for the button.
    await page.goto(link);
    expect(await text(page, 'main p')).toBe(`Va a entrar a la consola como ${SUPPORT}.`);
    await page.screenshot({ path: `${OUT}/staff-sign-in-confirm.png`, fullPage: true });
    await Promise.all([page.waitForURL(`${twin.url}/staff`), page.click('main button[type="submit"]')]);
    expect(await text(page, 'h1')).toBe('Colas de trabajo');
    expect(await text(page, '.who')).toBe(`Sesión de ${SUPPORT}`);
    const cookie = (await opened.context.cookies()).find((c) => c.name === 'staff');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    session = opened;
  });

  it('lists the overdue ticket first, acknowledges and resolves it, and shows both in its history', async () => {
    const { page } = session;
    await page.goto(`${twin.url}/staff`);
    const ids = await page.$$eval('table.cards tbody tr td:first-child a', (as) =>
      as.map((a) => a.textContent),
    );
    expect(ids).toEqual([overdue, later]);
    // Due at 10:05 Bogotá (15:05 UTC), give or take the seconds the twin's clock ran since the filing.
    expect(await page.getAttribute('tbody tr:first-child td.overdue time', 'datetime')).toMatch(
      /^2026-11-23T15:05:/,
    );
    expect(await text(page, 'tbody tr:first-child td.overdue')).toMatch(/^vencida hace /);
    expect(await page.$('tbody tr:nth-child(2) td.overdue')).toBeNull();
    await page.screenshot({ path: `${OUT}/staff-queue.png`, fullPage: true });

    await Promise.all([page.waitForURL(/\/staff\/tickets\//), page.click(`a:text-is("${overdue}")`)]);
    expect(await text(page, 'h1')).toContain(overdue);
    await page.click('summary:text-is("Acuse de recibo")');
    await Promise.all([
      page.waitForURL(/done=acknowledge/),
      page.click('form[action$="/acknowledge"] button[type="submit"]'),
    ]);
    expect(await text(page, 'main [role="status"]')).toBe('Se registró el acuse de recibo.');
    expect(await page.$('form[action$="/acknowledge"]')).toBeNull();

    await page.click('summary:text-is("Resolver")');
    await page.fill('#resolve-note', 'Se corrigió la configuración del emisor; ya puede emitir facturas.');
    await Promise.all([
      page.waitForURL(/done=resolve/),
      page.click('form[action$="/resolve"] button[type="submit"]'),
    ]);
    expect(await text(page, 'main [role="status"]')).toBe('La solicitud quedó resuelta.');
    const history = await page.$$eval('ol.history li', (items) => items.map((li) => li.textContent ?? ''));
    // Each entry reads "<when> · <who> · <what>": the console's actions name the address and its level.
    const actor = `<${SUPPORT}> (nivel 1)`;
    const acknowledged = history.findIndex((h) => h.includes(`${actor} · Acuse de recibo`));
    const resolved = history.findIndex((h) => h.includes(`${actor} · Resuelta`));
    expect(acknowledged).toBeGreaterThanOrEqual(0);
    expect(resolved).toBeGreaterThan(acknowledged);
    expect(history[resolved]).toContain('Se corrigió la configuración del emisor');
    expect((await twin.store.get(overdue))?.ticket.status).toBe('resolved');
    await page.screenshot({ path: `${OUT}/staff-ticket-resolved.png`, fullPage: true });

    // Resolved, it leaves the queue.
    await page.goto(`${twin.url}/staff`);
    expect(await page.$$eval('tbody tr td:first-child a', (as) => as.map((a) => a.textContent))).toEqual([
      later,
    ]);
  });

  it('answers a stranger with the same 202 page and mails nothing', async () => {
    const stranger = 'alguien.externo@example.com';
    const { context, page } = await newPage(browser);
    expect(await askForLink(page, twin, stranger)).toBe(202);
    expect(await text(page, 'h1')).toBe('Revise su correo');
    const member = await newPage(browser);
    expect(await askForLink(member.page, twin, 'supervisor.mesadeayuda@certicamara.com')).toBe(202);
    expect(await member.page.content()).toBe(await page.content());
    // The member's mail arrives; by then the stranger's would have too, had there been one.
    await signInLink(twin, 'supervisor.mesadeayuda@certicamara.com', 1);
    expect(await mailsTo(twin, stranger)).toEqual([]);
    await Promise.all([context.close(), member.context.close()]);
  });

  it('refuses an expired link (410) and a used one (409)', async () => {
    const { context, page } = await newPage(browser);
    const used = await signInLink(twin, SUPPORT, 1);
    expect(await confirmLink(page, used)).toBe(409);
    expect(await text(page, 'h1')).toBe('Enlace ya usado');
    await page.screenshot({ path: `${OUT}/staff-link-used.png`, fullPage: true });

    expect(await askForLink(page, twin, SUPPORT)).toBe(202);
    const fresh = await signInLink(twin, SUPPORT, 2);
    twin.clock.advance(16 * 60_000);
    const response = await page.goto(fresh);
    expect(response?.status()).toBe(410);
    expect(await text(page, 'h1')).toBe('Enlace vencido');
    expect(await page.$('main form')).toBeNull();
    await page.screenshot({ path: `${OUT}/staff-link-expired.png`, fullPage: true });
    await context.close();
  });

  it("keeps another queue's ticket out of reach: 404 to read it, 404 to act on it", async () => {
    const biometria = await file({ product: 'biometria', subject: 'El lector de huella no responde' });
    const own = await signIn(browser, twin, AGENT);
    const csrf = await csrfOf(own.page);
    expect(await own.page.$(`a:text-is("${biometria}")`)).toBeNull();
    const read = await own.page.goto(`${twin.url}/staff/tickets/${biometria}`);
    expect(read?.status()).toBe(404);
    const unknown = await own.page.content();
    const none = await own.page.goto(`${twin.url}/staff/tickets/ZZ-2026-999999`);
    expect(none?.status()).toBe(404);
    expect(await own.page.content()).toBe(unknown);
    await own.page.screenshot({ path: `${OUT}/staff-other-queue.png`, fullPage: true });
    for (const [action, fields] of [
      ['acknowledge', {}],
      ['resolve', { note: 'Cerrada desde otra cola, no debería poder.' }],
    ] as const) {
      const posted = await consolePost(twin, own.context, csrf, biometria, action, fields);
      expect(posted.status).toBe(404);
    }
    expect((await twin.store.get(biometria))?.ticket.status).toBe('received');
    // The same person's own queue works with the same token: the 404s are the queue's, not the form's.
    const ok = await consolePost(twin, own.context, csrf, later, 'acknowledge');
    expect(ok.status).toBe(303);
    await own.context.close();
  });

  it('fits the queue page in 360 px without horizontal scroll, every form control named', async () => {
    const narrow = await session.context.newPage();
    await narrow.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/staff', `/staff/tickets/${later}`]) {
      await narrow.goto(`${twin.url}${path}`);
      expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      const unnamed = await narrow.$$eval(
        'input:not([type="hidden"]), select, textarea, button',
        (controls) =>
          controls
            .filter((c) => {
              const labelled = [...((c as HTMLInputElement).labels ?? [])].some((l) => l.textContent?.trim());
              const aria = c.getAttribute('aria-label')?.trim() || c.getAttribute('aria-labelledby');
              return !(labelled || aria || (c.tagName === 'BUTTON' && c.textContent?.trim()));
            })
            .map((c) => c.outerHTML.slice(0, 80)),
      );
      expect(unnamed).toEqual([]);
      expect(await narrow.$$('select, textarea, input:not([type="hidden"])')).not.toHaveLength(0);
    }
    await narrow.goto(`${twin.url}/staff`);
    await narrow.screenshot({ path: `${OUT}/staff-queue-360.png`, fullPage: true });
    await narrow.close();
  });
});

// The incomplete request on the status page, in a real browser against the local twin: staff ask the requester to
// complete a PQRSA from their mail's link (Ley 1755 art. 17), the page shows what was asked and the suspended term,
// the requester asks for more time and answers there, and the term runs again; a habeas-data reclamo carries its
// "reclamo en trámite" mark (Ley 1581 art. 15) and, left unanswered, closes as withdrawn.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bogota } from '../helpers.js';
import { followLink } from '../integration/staff-links.js';
import {
  mailsAbout,
  postJson,
  startTestTwin,
  type TestTwin,
  validSubmission,
  waitFor,
} from '../integration/support.js';
import { launchBrowser, SCREENSHOTS as OUT } from './browser.js';

const ASKED = 'Indique el número del contrato y adjunte la copia de la cámara de comercio.';
const ANSWER = 'El contrato es el CT-2026-0042; la copia de la cámara de comercio va en el correo.';
let browser: Browser;
let twin: TestTwin; // Monday 23 November 2026, 10:00

beforeAll(async () => {
  [browser, twin] = await Promise.all([
    launchBrowser(),
    startTestTwin({ start: bogota('2026-11-23T10:00') }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await twin?.stop();
});

/** Files a PQRSA and, from the staff mail's "Pedir que complete la solicitud" link, asks the requester for `ASKED`. */
async function fileAndAskToComplete(type: string, subject: string): Promise<{ id: string; page: string }> {
  const created = await postJson(twin.url, validSubmission({ type, priority: 3, subject }));
  expect(created.status).toBe(201);
  const { id, statusPageUrl } = created.json as { id: string; statusPageUrl: string };
  // The staff mail's link, found by its label: its place among the other links depends on the type.
  const link = /Pedir que complete la solicitud: \S*\/actions\?token=([\w.-]+)/;
  const token = await waitFor(
    async () => (await mailsAbout(twin, id)).map((m) => link.exec(m.body.text ?? '')?.[1]).find(Boolean),
    { what: `the request-info link in the staff mail about ${id}` },
  );
  const asked = await followLink(twin.url, 'POST', token, { name: 'Marta Gómez', note: ASKED });
  expect(asked.status).toBe(200);
  return { id, page: statusPageUrl };
}

async function openStatus(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'es-CO' });
  page.setDefaultTimeout(10_000);
  await page.goto(url);
  await page.waitForSelector('[data-testid="status-radicado"]');
  return page;
}

const text = async (page: Page, selector: string) => (await page.textContent(selector)) ?? '';

describe('completing a request from the status page', () => {
  it('shows what staff asked and the suspended term, gives more time once, and resumes the term on the answer', async () => {
    const { id, page: url } = await fileAndAskToComplete('peticion', 'Copia del contrato firmado');
    const page = await openStatus(url);
    await page.waitForSelector('[data-testid="completion"]');
    expect(await text(page, '.asked')).toBe(ASKED);
    expect(await page.getAttribute('.asked', 'lang')).toBe('es');
    // Asked on the day of filing: the whole term of 15 business days is kept, and the requester has a month.
    expect(await text(page, '[data-testid="completion-suspended"]')).toBe(
      'Mientras tanto el término legal está suspendido: le quedan 15 días hábiles, que vuelven a correr cuando usted responda.',
    );
    expect(await text(page, '[data-testid="completion-due"]')).toContain('miércoles 23 de diciembre');
    const status = await text(page, '#status-body dl');
    expect(status).toContain(
      'Término legal (Ley 1755 de 2015, art. 14): suspendido hasta que usted complete la solicitud',
    );
    expect(await text(page, '.history')).toContain('Se pidió completar la solicitud');
    expect(await page.getAttribute('#completion-answer', 'minlength')).toBe('10');
    expect(await text(page, 'label[for="completion-answer"]')).toBe('Su respuesta');
    await page.screenshot({ path: `${OUT}/completion-pending.png`, fullPage: true });

    // More time, once: the deadline moves a month on and the button goes.
    await page.click('#completion-more-time');
    await page.waitForSelector('[data-testid="completion-message"][role="status"]');
    expect(await text(page, '[data-testid="completion-message"]')).toContain(
      'ahora tiene hasta el sábado 23 de enero de 2027',
    );
    expect(await page.$('#completion-more-time')).toBeNull();
    expect(await text(page, '.history')).toContain('Más tiempo para completarla');

    // A week later the requester answers; the term runs again with its 15 business days from the next one.
    twin.clock.advance(bogota('2026-11-30T09:00') - twin.clock.now());
    await page.fill('#completion-answer', ANSWER);
    await page.click('#completion-form button[type="submit"]');
    await page.waitForSelector('[data-testid="completion-answered"]');
    expect(await page.$('[data-testid="completion"]')).toBeNull();
    expect(await text(page, '[data-testid="completion-message"]')).toBe(
      'Gracias: recibimos su respuesta y el término legal volvió a correr.',
    );
    expect(await page.getAttribute('[data-testid="completion-message"]', 'role')).toBe('status');
    expect(await text(page, '[data-testid="completion-answered"]')).toContain(
      'Usted completó la solicitud el lunes 30 de noviembre',
    );
    const resumed = await text(page, '#status-body dl');
    expect(resumed).not.toContain('suspendido');
    expect(resumed).toContain('Término legal (Ley 1755 de 2015, art. 14): martes 22 de diciembre');
    expect(await text(page, '.history')).toContain(`Solicitud completada (usted) ${ANSWER}`);
    expect((await twin.store.get(id))?.ticket.infoRequest?.answeredAt).toBeDefined();
    await page.screenshot({ path: `${OUT}/completion-answered.png`, fullPage: true });
    await page.close();
  });

  it('marks a habeas-data reclamo in progress, says why more time was refused, and shows it withdrawn when unanswered', async () => {
    twin.clock.advance(bogota('2026-12-01T10:00') - twin.clock.now());
    const { id, page: url } = await fileAndAskToComplete('datos-reclamo', 'Corregir mi dirección');
    const page = await openStatus(`${url.replace('/status#', '/status?lang=en#')}`);
    expect(await text(page, '[data-testid="mark"]')).toBe(
      'Claim in progress The law (Ley 1581 de 2012, art. 15) keeps this mark on your record until the claim is decided.',
    );
    await page.waitForSelector('[data-testid="completion"]');
    expect(await text(page, '[data-testid="completion"] h3')).toBe('Complete your request');

    // Meanwhile, from another tab, the requester already asked for more time: the page says why not, in English.
    const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token') ?? '';
    const other = await fetch(`${twin.url}/requests/${id}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ moreTime: true, locale: 'en' }),
    });
    expect(other.status).toBe(200);
    await page.click('#completion-more-time');
    await page.waitForSelector('[data-testid="completion-message"][role="alert"]');
    expect(await text(page, '[data-testid="completion-message"]')).toBe(
      'The deadline could not be extended: You already asked once for more time to complete the request.',
    );
    // The page reads the ticket again: the button is gone and the new deadline shows.
    expect(await page.$('#completion-more-time')).toBeNull();
    expect(await text(page, '[data-testid="completion-due"]')).toBe(
      'Please answer by Thursday, April 1, 2027, 11:59 PM',
    );
    await page.screenshot({ path: `${OUT}/completion-refused-en.png`, fullPage: true });

    // Two months and two more go by unanswered: the sweeper closes it as withdrawn, and the mark goes.
    twin.clock.advance(bogota('2027-04-02T10:00') - twin.clock.now());
    await twin.sweep();
    await page.reload();
    await page.waitForSelector('[data-testid="withdrawn"]');
    expect(await text(page, '#status-body dd')).toBe('Withdrawn');
    expect(await text(page, '[data-testid="withdrawn"]')).toBe(
      'The request was closed as withdrawn because it was not completed in time. You may file it again: make a new request',
    );
    expect(await page.getAttribute('[data-testid="withdrawn"] a', 'href')).toBe('./');
    expect(await page.$('[data-testid="mark"]')).toBeNull();
    expect(await page.$('[data-testid="completion"]')).toBeNull();
    expect(await text(page, '.history')).toContain('Withdrawn (the deadline watch)');
    await page.screenshot({ path: `${OUT}/completion-withdrawn-en.png`, fullPage: true });
    await page.close();
  });
});

// The web form and the status page in a real browser (Debian's Chromium), against the local twin.
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bogota } from '../helpers.js';
import {
  mailsAbout,
  postJson,
  startTestTwin,
  type TestTwin,
  validSubmission,
  waitFor,
} from '../integration/support.js';
import { launchBrowser, SCREENSHOTS as OUT } from './browser.js';

let browser: Browser;
let weekday: TestTwin; // Monday 23 November 2026, 10:00: everything open
let sunday: TestTwin; // Sunday 22 November 2026, 10:00: Certifactura support closed

beforeAll(async () => {
  [browser, weekday, sunday] = await Promise.all([
    launchBrowser(),
    startTestTwin({ start: bogota('2026-11-23T10:00'), formMinFillMs: 300 }),
    startTestTwin({ start: bogota('2026-11-22T10:00'), formMinFillMs: 300 }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([weekday?.stop(), sunday?.stop()]);
});

/** The item count once earlier tests' notifications have settled (the notifier appends history entries). */
async function settledItemCount(twin: TestTwin): Promise<number> {
  let last = await twin.itemCount();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 400));
    const now = await twin.itemCount();
    if (now === last) return now;
    last = now;
  }
}

async function openForm(twin: TestTwin, viewport = { width: 1024, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: 'es-CO' });
  page.setDefaultTimeout(10_000);
  await page.goto(`${twin.url}/`);
  await page.waitForSelector('#product option', { state: 'attached' });
  return page;
}

async function fill(page: Page, fields: { type?: string; priority?: string; email?: string } = {}) {
  await page.selectOption('#product', 'certifactura');
  await page.selectOption('#type', fields.type ?? 'incidente');
  await page.selectOption('#priority', fields.priority ?? 'P2');
  await page.fill('#subject', 'No puedo emitir facturas');
  await page.fill('#description', 'Desde las 8:00 el sistema rechaza todas las facturas con un error 500.');
  await page.fill('#name', 'Ana Pérez');
  await page.fill('#email', fields.email ?? 'ana.perez@example.com');
  await page.check('#consent');
}

describe('the request form', () => {
  it('fills, submits and shows the radicado; the routed mail reaches the support mailbox', async () => {
    const page = await openForm(weekday);
    await fill(page);
    await page.waitForSelector('#preview-body .destination');
    expect(await page.textContent('#preview-body')).toContain('Buzón de soporte de Certifactura');
    // The privacy notice is shown, in Spanish, before the consent checkbox.
    expect(await page.textContent('#privacy-notice')).toContain(
      'Responsable del tratamiento: Sociedad Cameral',
    );
    const shown = await page.getAttribute('meta[name="privacy-notice-es"]', 'content');
    await page.screenshot({ path: `${OUT}/form-es.png`, fullPage: true });
    await page.waitForTimeout(350); // the minimum fill time of the twin under test
    const posted = page.waitForRequest((r) => r.url().endsWith('/requests') && r.method() === 'POST');
    await page.click('#submit');
    const radicado = await page.textContent('[data-testid="radicado"]', { timeout: 10_000 });
    expect(radicado).toMatch(/^CF-2026-\d{6}$/);
    // The consent records the web form and the hash of the text the page showed (the browser's hash, checked).
    expect((await weekday.store.get(radicado ?? ''))?.ticket.consent).toMatchObject({
      channel: 'web-form',
      noticeLocale: 'es',
      noticeHash: createHash('sha256')
        .update(shown ?? '')
        .digest('hex'),
    });
    const sent = JSON.parse((await posted).postData() ?? '{}') as { consent?: { noticeHash?: string } };
    expect(sent.consent?.noticeHash).toBe(
      createHash('sha256')
        .update(shown ?? '')
        .digest('hex'),
    );
    expect(await page.textContent('#result')).toContain('lunes 23 de noviembre, 12:00 p. m.');
    await page.screenshot({ path: `${OUT}/result-es.png`, fullPage: true });

    const mails = await waitFor(async () => {
      const found = await mailsAbout(weekday, radicado ?? '');
      return found.length >= 2 && found;
    }).catch(async (e) => {
      const { sesEndpoint } = (await import('vitest')).inject('emulators');
      const store = await (await fetch(`${sesEndpoint}/store`)).json();
      console.error(JSON.stringify(store).slice(0, 3000), weekday.mailFrom, radicado);
      throw e;
    });
    const routed = mails.find((m) => m.destination.to.includes('soporte.certifactura@certicamara.com'));
    // Staff answer to the ticket's signed staff address on the receiving domain, never the requester directly.
    expect(routed?.replyTo).toEqual([weekday.replies.addressFor(radicado ?? '', 's')]);

    // The status page, from the result's link: the token travels in the fragment.
    const link = await page.getAttribute('[data-testid="status-link"]', 'href');
    expect(link).toMatch(/\/status#id=CF-2026-\d{6}&token=[\w-]{43}$/);
    await page.click('[data-testid="status-link"]');
    await page.waitForSelector('[data-testid="status-radicado"]');
    expect(await page.textContent('[data-testid="status-radicado"]')).toBe(radicado);
    expect(await page.textContent('#status-body')).toContain('Historial');
    await page.screenshot({ path: `${OUT}/status-es.png`, fullPage: true });
    await page.close();
  });

  it('shows the P1 line, prominently, for a critical Certifactura incident on a Sunday', async () => {
    const page = await openForm(sunday, { width: 360, height: 800 });
    await fill(page, { priority: 'P1' });
    const call = await page.waitForSelector('[data-testid="p1-line"]');
    expect(await call.getAttribute('href')).toBe('tel:+573187174937');
    expect(await call.textContent()).toContain('Llame ahora a la línea P1: 318 717 4937');
    expect(await page.textContent('#preview-body')).toContain('El soporte está cerrado en este momento');
    expect(await page.textContent('#preview-body')).toContain('abre el lunes 23 de noviembre, 7:00 a. m.');
    // Nothing spills sideways on a 360 px phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${OUT}/p1-sunday-360px.png`, fullPage: true });
    await page.close();
  });

  it('shows an invalid e-mail next to its field, and sends nothing', async () => {
    const before = await settledItemCount(weekday);
    const page = await openForm(weekday);
    await fill(page, { email: 'ana.perez@' });
    await page.click('#submit');
    await page.waitForSelector('#email[aria-invalid="true"]');
    expect(await page.textContent('#email-error')).toBe(
      'Debe ser un correo electrónico válido, por ejemplo nombre@empresa.com.',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await weekday.itemCount()).toBe(before);
    await page.screenshot({ path: `${OUT}/invalid-email.png`, fullPage: true });
    await page.close();
  });

  it('switches to English, and words errors and the preview in English', async () => {
    const page = await openForm(weekday);
    // P4 no longer borrows "consulta", the legal word for a PQRSA type.
    expect(await page.textContent('#priority option[value="P4"]')).toBe('P4 · Baja: una duda o algo menor');
    await page.click('#lang-switch');
    expect(await page.textContent('h1')).toBe('Support request or PQRSA');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('label[for="email"]')).toContain('E-mail');
    await fill(page, { type: 'peticion-documentos', priority: '', email: 'nope' });
    await page.waitForFunction(() =>
      document.querySelector('#preview-body')?.textContent?.includes('PQRSA mailbox'),
    );
    expect(await page.textContent('#type-description')).toBe(
      'Asking for copies of documents or for information Certicámara holds.',
    );
    // The term names its own law and article.
    expect(await page.textContent('#preview-body')).toContain(
      'Legal deadline (Ley 1755 de 2015, art. 14, num. 1): ',
    );
    await page.click('#submit');
    await page.waitForSelector('#email[aria-invalid="true"]');
    expect(await page.textContent('#email-error')).toBe(
      'Must be a valid e-mail address, for example name@company.com.',
    );
    await page.screenshot({ path: `${OUT}/form-en.png`, fullPage: true });
    await page.close();
  });

  it('cannot submit twice: one ticket however often the button is pressed', async () => {
    const before = await settledItemCount(weekday);
    const page = await openForm(weekday);
    await fill(page, { type: 'requerimiento', priority: 'P4' });
    await page.waitForTimeout(350);
    // A double click and repeated submits in the same task, before any answer can arrive.
    await page.evaluate(() => {
      const form = document.getElementById('request-form') as HTMLFormElement;
      const button = document.getElementById('submit') as HTMLButtonElement;
      button.click();
      button.click();
      form.requestSubmit();
      form.dispatchEvent(new Event('submit', { cancelable: true }));
    });
    await page.waitForSelector('[data-testid="radicado"]');
    // One ticket (its item holds its first history entry and its outbox) and its Idempotency-Key.
    await waitFor(async () => (await weekday.itemCount()) - before >= 2 && true);
    const radicado = (await page.textContent('[data-testid="radicado"]')) ?? '';
    expect((await weekday.store.get(radicado))?.ticket.type).toBe('requerimiento');
    const tickets = (
      await weekday.store.listOpenByRequester('ana.perez@example.com', ['certifactura', 'biometria'])
    ).filter((t) => t.type === 'requerimiento');
    expect(tickets).toHaveLength(1);
    await page.close();
  });

  it('refuses a bot that fills the honeypot, with a generic message, writing nothing', async () => {
    const before = await settledItemCount(weekday);
    const page = await openForm(weekday);
    await fill(page);
    await page.evaluate(() => {
      (document.getElementById('website') as HTMLInputElement).value = 'http://spam.example';
    });
    await page.waitForTimeout(350);
    await page.click('#submit');
    await page.waitForSelector('#error-summary:not([hidden])');
    expect(await page.textContent('#error-summary')).toContain('No pudimos procesar la solicitud');
    expect(await weekday.itemCount()).toBe(before);
    await page.close();
  });

  it('mails lost links on request and always answers the same way', async () => {
    const page = await openForm(weekday);
    await page.fill('#lookup-email', 'ana.perez@example.com');
    await page.click('#lookup-form button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('lookup-status')?.textContent?.length);
    const answer = await page.textContent('#lookup-status');
    expect(answer).toBe(
      'Si hay solicitudes abiertas con ese correo, le enviaremos sus enlaces en unos minutos.',
    );
    await page.fill('#lookup-email', 'nadie@example.com');
    await page.click('#lookup-form button[type="submit"]');
    await page.waitForTimeout(300);
    expect(await page.textContent('#lookup-status')).toBe(answer);
    await page.close();
  });

  it('lets a requester whose deadline passed ask to escalate from the status page', async () => {
    const created = await postJson(weekday.url, validSubmission({ subject: 'Escalar desde la página' }));
    const { statusPageUrl } = created.json as { statusPageUrl: string };
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'es-CO' });
    page.setDefaultTimeout(10_000);
    await page.goto(statusPageUrl);
    await page.waitForSelector('[data-testid="status-radicado"]');
    expect(await page.textContent('#status-body')).toContain('podrá pedir escalamiento a partir del');
    expect(await page.$('#escalate-form')).toBeNull();

    weekday.clock.advance(3 * 3_600_000);
    await page.reload();
    await page.fill('#escalate-reason', 'Nadie me ha respondido y no puedo facturar.');
    await page.click('#escalate-form button');
    await page.waitForSelector('[data-testid="escalate-message"]');
    expect(await page.textContent('[data-testid="escalate-message"]')).toContain(
      'su solicitud subió de nivel',
    );
    expect(await page.textContent('#status-body')).toContain('Nivel de escalamiento 2');
    await page.screenshot({ path: `${OUT}/status-escalated.png`, fullPage: true });
    await page.close();
  });
});

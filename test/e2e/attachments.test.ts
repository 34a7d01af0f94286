// Attachments in a real browser against the local twin: the requester attaches a screenshot and a PDF from the form's
// success view right after submitting, sees them on the status page with download links that return the very bytes,
// and files the API would refuse (an .exe, 6 MB, too many) are named with the reason before anything is sent; once
// the request holds its five uploads, the API's own refusal is shown as an alert.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bogota } from '../helpers.js';
import { startTestTwin, type TestTwin } from '../integration/support.js';
import { launchBrowser, SCREENSHOTS as OUT } from './browser.js';

/** A 1×1 PNG and a one-page PDF, as a requester's screenshot and document. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
const screenshot = { name: 'error-500.png', mimeType: 'image/png', buffer: PNG };
const contract = { name: 'contrato.pdf', mimeType: 'application/pdf', buffer: PDF };
const note = (n: number) => ({
  name: `nota-${n}.txt`,
  mimeType: 'text/plain',
  buffer: Buffer.from(`Nota ${n}\n`),
});

let browser: Browser;
let twin: TestTwin; // Monday 23 November 2026, 10:00

beforeAll(async () => {
  [browser, twin] = await Promise.all([
    launchBrowser(),
    startTestTwin({ start: bogota('2026-11-23T10:00'), formMinFillMs: 300 }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await twin?.stop();
});

/** Files a Biometría request through the form and waits for its success view. */
async function submitForm(page: Page): Promise<string> {
  await page.goto(`${twin.url}/`);
  await page.waitForSelector('#product option', { state: 'attached' });
  await page.selectOption('#product', 'biometria');
  await page.selectOption('#type', 'incidente');
  await page.fill('#subject', 'La validación biométrica falla');
  await page.fill(
    '#description',
    'Al firmar aparece "Error 500 al validar"; adjunto la captura y el contrato.',
  );
  await page.fill('#name', 'Luis Ortiz');
  await page.fill('#email', 'luis.ortiz@example.com');
  await page.check('#consent');
  await page.waitForTimeout(350); // the twin's minimum fill time
  await page.click('#submit');
  return (await page.textContent('[data-testid="radicado"]')) ?? '';
}

/** Every text the progress line showed, recorded in the page (it changes faster than a test can poll). */
async function recordProgress(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { progressSeen: seen });
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid="attach-progress"]')) {
        const text = el.textContent ?? '';
        if (text && seen.at(-1) !== text) seen.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

const text = async (page: Page, selector: string) => (await page.textContent(selector)) ?? '';

describe('attaching files', () => {
  it('attaches a screenshot and a PDF after submitting; the status page lists them with links to the same bytes', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'es-CO' });
    page.setDefaultTimeout(10_000);
    const radicado = await submitForm(page);
    expect(radicado).toMatch(/^BIO-2026-\d{6}$/);
    await page.waitForSelector('[data-testid="attach"]');
    expect(await text(page, 'label[for="attach-input"]')).toBe('Adjuntar archivos (opcional)');
    const accept = (await page.getAttribute('#attach-input', 'accept')) ?? '';
    for (const allowed of [
      '.png',
      '.jpg',
      '.pdf',
      '.docx',
      '.xlsx',
      '.odt',
      'image/png',
      'application/pdf',
    ]) {
      expect(accept.split(',')).toContain(allowed);
    }
    expect(accept).not.toContain('.exe');
    expect(await text(page, '#attach-hint')).toContain('hasta 5 archivos más, de máximo 5 MB cada uno');

    // Refused before anything is sent: a program and a 6 MB screenshot, each named with why.
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/attachments')) asked.push(request.url());
    });
    await page.setInputFiles('#attach-input', [
      { name: 'instalador.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
      { name: 'pantalla-completa.png', mimeType: 'image/png', buffer: Buffer.alloc(6_000_000, 1) },
    ]);
    await page.click('[data-testid="attach"] button[type="submit"]');
    const problems = await text(page, '[data-testid="attach-problems"]');
    expect(problems).toContain('No subimos nada: quite o cambie estos archivos e intente de nuevo.');
    expect(problems).toContain('instalador.exe: no se admite este tipo de archivo.');
    expect(problems).toContain('pantalla-completa.png: pesa 5,7 MB y el máximo es 5 MB.');
    expect(await page.getAttribute('[data-testid="attach-problems"]', 'role')).toBe('alert');
    expect(await page.getAttribute('#attach-input', 'aria-invalid')).toBe('true');
    await page.screenshot({ path: `${OUT}/attachments-refused.png`, fullPage: true });
    expect(asked).toEqual([]);

    // The screenshot and the PDF go up one by one, with progress, and the success is announced.
    const progress = await recordProgress(page);
    await page.setInputFiles('#attach-input', [screenshot, contract]);
    expect(await text(page, '[data-testid="attach-problems"]')).toBe('');
    await page.click('[data-testid="attach"] button[type="submit"]');
    await page.waitForSelector('[data-testid="attach-message"]', { timeout: 20_000 });
    expect(await text(page, '[data-testid="attach-message"]')).toBe('Listo: se adjuntaron 2 archivos.');
    expect(await page.getAttribute('[data-testid="attach-message"]', 'role')).toBe('status');
    // The button that had the focus is gone: the focus is on the outcome.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'attach-message',
    );
    expect(await progress()).toEqual(['Preparando la subida…', 'Subiendo 1 de 2…', 'Subiendo 2 de 2…']);
    expect(await text(page, '#attach-hint')).toContain('hasta 3 archivos más');
    await page.screenshot({ path: `${OUT}/attachments-uploaded.png`, fullPage: true });

    // The status page lists both, as the requester's, and each link returns the bytes that were sent.
    await page.click('[data-testid="status-link"]');
    await page.waitForSelector('[data-testid="attachment-list"] li >> nth=1');
    const items = await page.$$eval('[data-testid="attachment-list"] li', (lis) =>
      lis.map((li) => li.textContent),
    );
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^error-500\.png · 70 B · enviado por usted · lunes 23 de noviembre/);
    expect(items[1]).toMatch(/^contrato\.pdf · \d+ B · enviado por usted · /);
    const links = await page.$$eval('[data-testid="attachment-list"] a', (as) =>
      as.map((a) => ({ name: a.textContent, href: (a as HTMLAnchorElement).href })),
    );
    for (const [link, sent] of [
      [links[0], PNG],
      [links[1], PDF],
    ] as const) {
      const download = await fetch(link?.href ?? '');
      expect(download.status, `download of ${link?.name}`).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(sent), `bytes of ${link?.name}`).toBe(true);
    }
    expect(await text(page, '.history')).toContain('Archivos adjuntos (usted)');
    // The pages may post to the bucket's origin, and to no other.
    const csp = (await fetch(`${twin.url}/status`)).headers.get('content-security-policy');
    expect(csp).toContain(`connect-src 'self' ${new URL(twin.s3Endpoint).origin};`);
    await page.screenshot({ path: `${OUT}/attachments-status.png`, fullPage: true });

    // Three more are taken from here, not four; one goes up and the page reads the ticket again.
    await page.setInputFiles('#attach-input', [note(1), note(2), note(3), note(4)]);
    expect(await text(page, '[data-testid="attach-problems"]')).toContain(
      'Eligió 4 archivos y esta solicitud admite 3 más.',
    );
    await page.setInputFiles('#attach-input', [note(1)]);
    await page.click('[data-testid="attach"] button[type="submit"]');
    await page.waitForSelector('[data-testid="attachment-list"] li >> nth=2');
    expect(await text(page, '[data-testid="attach-message"]')).toBe('Listo: se adjuntó 1 archivo.');
    expect(await text(page, '#attach-hint')).toContain('hasta 2 archivos más');

    // Meanwhile, from another tab, the last two uploads are taken: the page's next try gets the API's reason.
    const token = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('token') ?? '';
    const other = await fetch(`${twin.url}/requests/${radicado}/attachments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        files: [
          { name: 'a.txt', type: 'text/plain', size: 3 },
          { name: 'b.txt', type: 'text/plain', size: 3 },
        ],
      }),
    });
    expect(other.status).toBe(201);
    await page.setInputFiles('#attach-input', [note(5)]);
    await page.click('[data-testid="attach"] button[type="submit"]');
    await page.waitForSelector('[data-testid="attach-message"][role="alert"]');
    expect(await text(page, '[data-testid="attach-message"]')).toBe(
      'No se pudieron adjuntar los archivos: Una solicitud admite como máximo 5 archivos adjuntos en total.',
    );
    await page.screenshot({ path: `${OUT}/attachments-full.png`, fullPage: true });
    await page.close();
  });
});

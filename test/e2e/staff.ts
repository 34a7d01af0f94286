// The staff console as a person uses it in the browser tests: ask for a sign-in link on the page, find it in the SES
// emulator's store, confirm it, and post the console's forms with the session's cookie and CSRF token.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import type { StoredMail, TestTwin } from '../integration/support.js';
import { waitFor } from '../integration/support.js';

/** Mails this twin sent to `address` (the sign-in mail's subject names no ticket, so mailsAbout cannot find it). */
export async function mailsTo(twin: TestTwin, address: string): Promise<StoredMail[]> {
  const { sesEndpoint } = inject('emulators');
  const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((m) => m.from === twin.mailFrom && m.destination.to.includes(address));
}

const LINK = /(https?:\/\/\S+\/staff\/sign-in\/confirm\?token=[\w.~%-]+)/;

/** The link of the `nth` (1-based) sign-in mail to `address`, once it has arrived. */
export function signInLink(twin: TestTwin, address: string, nth: number): Promise<string> {
  return waitFor(
    async () => {
      const mails = (await mailsTo(twin, address)).filter((m) => LINK.test(m.body.text ?? ''));
      return mails.length >= nth && (LINK.exec(mails[nth - 1]?.body.text ?? '')?.[1] ?? false);
    },
    { what: `sign-in mail ${nth} to ${address}` },
  );
}

/**
 * The sign-in link as a person finds it in the mail viewer (the SES emulator's page): the newest mail to `address`,
 * its HTML view, the link's address. The link is then opened in the page itself: the console refuses to be framed.
 */
export async function linkInViewer(context: BrowserContext, address: string): Promise<string> {
  const { sesEndpoint } = inject('emulators');
  const viewer = await context.newPage();
  try {
    await viewer.goto(`${sesEndpoint}/`);
    // The newest sign-in mail to the address (other tests' mails to the same mailbox may be newer).
    const mail = viewer
      .locator('.email', { hasText: `To: ${address}` })
      .filter({ hasText: 'Subject: Enlace para entrar a la consola de soporte' })
      .first();
    await mail.getByRole('button', { name: 'Toggle HTML view' }).click();
    const link = mail.frameLocator('iframe').locator('a[href*="/staff/sign-in/confirm"]');
    return (await link.getAttribute('href')) ?? '';
  } finally {
    await viewer.close();
  }
}

export async function newPage(
  browser: Browser,
  width = 1024,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'es-CO' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

/** Fills the sign-in form with `address` and sends it; the status of the page it lands on. */
export async function askForLink(page: Page, twin: TestTwin, address: string): Promise<number> {
  await page.goto(`${twin.url}/staff/sign-in`);
  await page.fill('#email', address);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.click('main button[type="submit"]'),
  ]);
  await page.waitForLoadState();
  return response.status();
}

/** Opens a sign-in link and presses the confirmation button; the status of the button's answer (303 when it worked). */
export async function confirmLink(page: Page, link: string): Promise<number> {
  await page.goto(link);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.click('main button[type="submit"]'),
  ]);
  await page.waitForLoadState();
  return response.status();
}

/** A session for `address` in a fresh browser context, signed in from the mail's link: the page is on /staff. */
export async function signIn(
  browser: Browser,
  twin: TestTwin,
  address: string,
  nth = 1,
  width = 1024,
): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await newPage(browser, width);
  if ((await askForLink(opened.page, twin, address)) !== 202) throw new Error('sign-in request not accepted');
  if ((await confirmLink(opened.page, await signInLink(twin, address, nth))) !== 303)
    throw new Error('sign-in link not accepted');
  return opened;
}

/** The Cookie header of a context's session, for fetches outside the browser. */
export async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** The session's CSRF token, read from the sign-out form every console page carries. */
export async function csrfOf(page: Page): Promise<string> {
  return (await page.getAttribute('header form input[name="csrf"]', 'value')) ?? '';
}

/** POST /staff/tickets/{id}/{action} as the console's form does, outside the browser: the status and location. */
export async function consolePost(
  twin: TestTwin,
  context: BrowserContext,
  csrf: string,
  id: string,
  action: string,
  fields: Record<string, string> = {},
): Promise<{ status: number; location: string | null; html: string }> {
  const response = await fetch(`${twin.url}/staff/tickets/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: await cookieHeader(context),
    },
    body: new URLSearchParams({ csrf, ...fields }).toString(),
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

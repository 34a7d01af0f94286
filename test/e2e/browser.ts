// Debian's Chromium driven by playwright-core (no browser download): the flags this sandbox needs.
import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where the browser tests leave their screenshots (created on first use). */
export const SCREENSHOTS = 'test-output/screenshots';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

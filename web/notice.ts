// The privacy notice the page was served with (es and en, in its meta tags): shown before the consent checkbox in the
// form's language, and hashed in the browser so the consent says which text the requester saw.
import type { Locale } from '#domain/ticket.js';
import { h, meta } from './shared.js';

const noticeText = (locale: Locale): string => meta(`privacy-notice-${locale}`);

/** Shows the notice in `locale`, one paragraph per blank-line-separated block of its text. */
export function renderNotice(locale: Locale): void {
  const container = document.getElementById('privacy-notice-text');
  if (!container) return;
  container.replaceChildren(
    ...noticeText(locale)
      .split('\n\n')
      .map((p) => h('p', {}, p)),
  );
}

/**
 * SHA-256 (hex) of the exact text shown in `locale`; the server checks it against the notice in force. Without
 * WebCrypto (a page served over plain http elsewhere than localhost) no hash is sent, and the server records its own.
 */
export async function noticeHash(locale: Locale): Promise<string | undefined> {
  const text = noticeText(locale);
  if (!text || !globalThis.crypto?.subtle) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

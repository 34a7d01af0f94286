// The last check of a mail before it leaves: whole, encodable, with clean headers. A message that fails it is a
// defect of ours (no retry can fix it), and it never reaches the mail client, so it cannot disturb another message.
import type { MailMessage } from '../ports.js';
import { isWellFormed } from '../text.js';

/** A bare address: one @, no spaces, quotes, brackets or separators (and no control characters, checked apart). */
const ADDRESS =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const HEADER_BREAKING = /[\u0000-\u001F\u007F\u2028\u2029]/;

/** Why `message` cannot be sent as it is (a short reason with the field, never its content), or undefined. */
export function unsendable(message: MailMessage & { readonly from: string }): string | undefined {
  if (message.to.length + message.cc.length === 0) return 'no recipient';
  const addresses = { from: [message.from], to: message.to, cc: message.cc, replyTo: message.replyTo };
  for (const [field, list] of Object.entries(addresses)) {
    if (list.some((a) => a.length > 254 || !ADDRESS.test(a) || HEADER_BREAKING.test(a) || !isWellFormed(a)))
      return `bad address in ${field}`;
  }
  const texts = { subject: message.subject, text: message.text, html: message.html };
  for (const [field, text] of Object.entries(texts)) {
    if (!isWellFormed(text)) return `ill-formed text in ${field}`;
  }
  if (message.subject.trim() === '') return 'empty subject';
  if (HEADER_BREAKING.test(message.subject)) return 'control character in subject';
  for (const [name, value] of Object.entries(message.tags)) {
    if (!isWellFormed(name) || !isWellFormed(value)) return 'ill-formed text in tags';
  }
  return undefined;
}

// Whether a received mail was sent by a machine (a bounce, an auto-reply, list or bulk mail), from its headers, its
// content type and, for out-of-office replies that carry no header, its subject (RFC 3834, RFC 3464, RFC 2369).
import type { AutomaticKind } from '#domain/inbound/mail.js';

/** What the classification reads of a message. */
export interface AutomaticSigns {
  /** Every value of a header, unfolded, by case-insensitive name ([] when absent). */
  readonly header: (name: string) => readonly string[];
  /** The top-level content type, lower-cased, and its report-type parameter ('' when none). */
  readonly contentType: string;
  readonly reportType: string;
  readonly from: string;
  /** The Return-Path header's address: '' for `<>`, undefined when the header is missing. */
  readonly returnPath: string | undefined;
  readonly subject: string;
}

/** Senders that only ever send delivery reports. */
const REPORTING_SENDER = /^(?:mailer-daemon|postmaster)@/i;
/** Out-of-office subjects of Outlook, Exchange and webmail clients in Spanish and English. */
const AUTO_REPLY_SUBJECT =
  /^\s*(?:respuesta autom[aá]tica|automatic reply|auto(?:matic)?[ -]?reply|auto-?response|out of (?:the )?office|fuera de (?:la )?oficina)\b/i;

/** A delivery report by its content type (RFC 3464). */
function isDeliveryReport(signs: Pick<AutomaticSigns, 'contentType' | 'reportType'>): boolean {
  return signs.contentType === 'multipart/report' && signs.reportType === 'delivery-status';
}

/** Looks like a bounce before the return path is known: a delivery report, or written by a reporting sender. */
export function isBounceLike(signs: Pick<AutomaticSigns, 'contentType' | 'reportType' | 'from'>): boolean {
  return isDeliveryReport(signs) || REPORTING_SENDER.test(signs.from);
}

/** Why the message must not be taken for a person's reply, or undefined when nothing says it is automatic. */
export function automaticKind(signs: AutomaticSigns): AutomaticKind | undefined {
  if (isDeliveryReport(signs) || (REPORTING_SENDER.test(signs.from) && !signs.returnPath)) return 'bounce';
  if (isAutoReply(signs)) return 'auto-reply';
  if (isBulk(signs)) return 'bulk';
  return undefined;
}

function isAutoReply(signs: AutomaticSigns): boolean {
  const submitted = signs.header('auto-submitted').map(token);
  return (
    submitted.some((value) => value !== 'no') ||
    signs.header('x-autoreply').length > 0 ||
    signs.header('x-autorespond').length > 0 ||
    precedence(signs).includes('auto_reply') ||
    // A read receipt (RFC 8098) answers nobody either.
    (signs.contentType === 'multipart/report' && signs.reportType === 'disposition-notification') ||
    AUTO_REPLY_SUBJECT.test(signs.subject)
  );
  // X-Auto-Response-Suppress is not a sign: Outlook sets it on mails people write, asking others not to auto-reply.
}

function isBulk(signs: AutomaticSigns): boolean {
  return (
    precedence(signs).some((value) => value === 'bulk' || value === 'junk' || value === 'list') ||
    signs.header('list-id').length > 0 ||
    signs.header('list-unsubscribe').length > 0
  );
}

function precedence(signs: AutomaticSigns): string[] {
  return signs.header('precedence').map(token);
}

/** A header's main value: before any parameter or comment, trimmed, lower-cased. */
function token(value: string): string {
  return (value.split(/[;(]/)[0] ?? '').trim().toLowerCase();
}

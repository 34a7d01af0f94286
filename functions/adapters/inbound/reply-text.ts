// The new text of a reply: what the sender wrote above the quoted history, without the signature. email-reply-parser
// knows many clients; the rules here add what it misses in Spanish and English Outlook, Gmail and Apple Mail, and
// cut at the first quoted line rather than keeping text found between quotes, so no history reaches a requester.
import EmailReplyParser from 'email-reply-parser';

/** The longest text kept from one mail, in characters. */
export const MAX_REPLY_TEXT = 20_000;

/** "-----Mensaje original-----", "---------- Forwarded message ---------" and the like. */
const ORIGINAL_MARKER =
  /^\s*-{2,}\s*(?:mensaje original|original message|mensaje reenviado|forwarded message)\s*-{2,}\s*$/i;
/** Apple Mail's forwarding line. */
const FORWARD_LINE = /^\s*(?:begin forwarded message|inicio del mensaje reenviado)\s*:\s*$/i;
/** Gmail and Apple Mail: "El lun, 30 nov 2026 a las 10:00, Nombre (<a@b>) escribió:", "On … wrote:". */
const ATTRIBUTION = /^\s*(?:El|On)\s.*\d.*\b(?:escribió|wrote)\s*:\s*$/i;
const ATTRIBUTION_START = /^\s*(?:El|On)\s/;
/** Attribution lines are short; longer lines are never tried (the pattern backtracks on long ones). */
const ATTRIBUTION_MAX = 400;
/** Outlook's header block: "De: …" or "From: …" (bold in some conversions) … */
const HEADER_FROM = /^\s*\*?(?:De|From)\s*:\*?\s*\S/;
/** … followed within a few lines by another header of the quoted mail. */
const HEADER_NEXT = /^\s*\*?(?:Enviado|Fecha|Para|Asunto|Sent|Date|To|Subject)\s*:/;
const HEADER_LOOKAHEAD = 4;
/** The rule Outlook draws above its header block. */
const SEPARATOR = /^\s*(?:_{5,}|-{5,})\s*$/;
/** Signature starts: the "-- " delimiter and the lines phones and Outlook add. */
const SIGNATURE = [
  /^--\s*$/,
  /^\s*(?:Enviado desde|Sent from|Obtener Outlook para|Descargar Outlook para|Get Outlook for)\s.{1,70}$/i,
];

/**
 * The longest text given to email-reply-parser. Without the optional native re2 (not bundled) some of its patterns
 * take cubic time on crafted text: about 0.4 s at this length, 40 s at 20,000 characters. Longer replies (a letter,
 * not a mail) keep their closing lines; the rules here still cut their quotes and signatures.
 */
export const LIBRARY_MAX = 4_000;

/** The new text of a reply body: quoted history and signature cut, line ends normalised, at most 20,000 chars. */
export function replyText(body: string): string {
  const lines = normalise(body).split('\n');
  const own = lines.slice(0, quoteStart(lines)).join('\n').slice(0, MAX_REPLY_TEXT);
  const visible = (own.length <= LIBRARY_MAX ? new EmailReplyParser().read(own).getVisibleText() : own).split(
    '\n',
  );
  return tidy(visible.slice(0, signatureStart(visible)));
}

function normalise(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(/[\u200b\ufeff]/g, '');
}

/** The index of the first line of quoted history (the length when there is none). */
export function quoteStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (startsQuote(lines, i)) return withRuleAbove(lines, i);
  }
  return lines.length;
}

function startsQuote(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? '';
  return (
    line.trimStart().startsWith('>') ||
    ORIGINAL_MARKER.test(line) ||
    FORWARD_LINE.test(line) ||
    isAttribution(line, lines[i + 1]) ||
    isHeaderBlock(lines, i)
  );
}

/** An attribution line, or one Gmail wrapped over two lines. */
function isAttribution(line: string, next: string | undefined): boolean {
  if (!ATTRIBUTION_START.test(line) || line.length > ATTRIBUTION_MAX) return false;
  if (ATTRIBUTION.test(line)) return true;
  return next !== undefined && next.length <= ATTRIBUTION_MAX && ATTRIBUTION.test(`${line} ${next}`);
}

/** "De:"/"From:" counts only with another header close below it: a sentence starting "De:" is not a quote. */
function isHeaderBlock(lines: readonly string[], i: number): boolean {
  if (!HEADER_FROM.test(lines[i] ?? '')) return false;
  return lines.slice(i + 1, i + 1 + HEADER_LOOKAHEAD).some((line) => HEADER_NEXT.test(line));
}

/** The quote starts at the separator rule above it, when there is one. */
function withRuleAbove(lines: readonly string[], i: number): number {
  let start = i;
  while (start > 0 && /^\s*$/.test(lines[start - 1] ?? '')) start--;
  return start > 0 && SEPARATOR.test(lines[start - 1] ?? '') ? start - 1 : i;
}

function signatureStart(lines: readonly string[]): number {
  const found = lines.findIndex((line) => SIGNATURE.some((rule) => rule.test(line)));
  return found === -1 ? lines.length : found;
}

/** Trailing spaces off, runs of blank lines down to one, ends trimmed, capped. */
function tidy(lines: readonly string[]): string {
  const text = lines
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length <= MAX_REPLY_TEXT) return text;
  const cut = text.slice(0, MAX_REPLY_TEXT);
  // Never end on half of a surrogate pair.
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

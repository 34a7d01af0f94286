// What SES receiving does with a message before the receiving function sees it, played by the twin: a message id,
// the Return-Path and Received headers it prepends to the stored message, its verdicts and the receipt event of a
// Lambda action (invocation type Event), as in the SES developer guide's "Lambda action" event example.
import { randomBytes } from 'node:crypto';
import type { SESEvent, SESMailHeader, SESReceiptStatus } from 'aws-lambda';
import { parseAddressHeader } from 'mailparser';
import type { Instant } from '#domain/time/instant.js';
import { base32 } from '#functions/adapters/reply-addresses.js';

const CHECKS = ['spf', 'dkim', 'dmarc', 'spam', 'virus'] as const;
type Check = (typeof CHECKS)[number];
type Status = SESReceiptStatus['status'];
const STATUSES: readonly Status[] = ['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED'];

/**
 * The header that sets the twin's verdicts, e.g. `X-Twin-Verdict: dmarc=fail` or `spf=fail, dkim=fail`. SPF, DKIM
 * and DMARC cannot be computed offline, so the twin stamps PASS unless told otherwise. Read only by the twin: in AWS
 * the verdicts are SES's own, and this header is an ordinary header nobody reads.
 */
export const VERDICT_HEADER = 'x-twin-verdict';

export type TwinVerdicts = Readonly<Record<Check, Status>>;

/** The verdicts a message asks for (PASS for the rest), or why its X-Twin-Verdict cannot be read. */
export function twinVerdicts(headers: readonly SESMailHeader[]): TwinVerdicts | { readonly error: string } {
  const verdicts: Record<Check, Status> = {
    spf: 'PASS',
    dkim: 'PASS',
    dmarc: 'PASS',
    spam: 'PASS',
    virus: 'PASS',
  };
  const tokens = headers
    .filter((h) => h.name.toLowerCase() === VERDICT_HEADER)
    .flatMap((h) => h.value.split(/[\s,;]+/).filter(Boolean));
  for (const token of tokens) {
    const [check = '', status = ''] = token.toLowerCase().split('=');
    const upper = status.toUpperCase() as Status;
    if (!(CHECKS as readonly string[]).includes(check) || !STATUSES.includes(upper)) {
      return {
        error: `X-Twin-Verdict: cannot read "${token}"; write e.g. "dmarc=fail" (checks: ${CHECKS.join(', ')}; verdicts: ${STATUSES.join(', ').toLowerCase()})`,
      };
    }
    verdicts[check as Check] = upper;
  }
  return verdicts;
}

/** A fresh message id shaped like SES's (40 lowercase letters and digits), the stored object's name. */
export function sesMessageId(): string {
  return base32(randomBytes(25));
}

/** The top-level header fields of a raw message, unfolded, in order (values as written, encoded words kept). */
export function headerFields(raw: Uint8Array): SESMailHeader[] {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return (end < 0 ? text : text.slice(0, end))
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .flatMap((line) => {
      const colon = line.indexOf(':');
      return colon > 0 ? [{ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() }] : [];
    });
}

/** What SES prepends to the message it stores: the envelope sender as Return-Path (`<>` for a bounce), Received. */
export function receivedHeaders(envelope: Envelope, messageId: string, at: Instant): Buffer {
  const lines = [
    `Return-Path: <${envelope.source}>`,
    `Received: from ${envelope.clientName} (${envelope.remoteAddress}) by twin.${envelope.domain} with SMTP id ${messageId}; ${new Date(at).toUTCString()}`,
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

export interface Envelope {
  /** MAIL FROM ('' for a bounce). */
  readonly source: string;
  /** RCPT TO, each on the receiving domain. */
  readonly recipients: readonly string[];
  readonly clientName: string;
  readonly remoteAddress: string;
  readonly domain: string;
}

/** The event SES gives a receipt rule's Lambda action for one received message. */
export function sesReceiptEvent(input: {
  readonly messageId: string;
  readonly envelope: Envelope;
  readonly headers: readonly SESMailHeader[];
  readonly verdicts: TwinVerdicts;
  readonly at: Instant;
  readonly region: string;
}): SESEvent {
  const { messageId, envelope, headers, verdicts } = input;
  const timestamp = new Date(input.at).toISOString();
  const values = (name: string) => headers.filter((h) => h.name.toLowerCase() === name).map((h) => h.value);
  const list = (name: string) => {
    const found = values(name);
    if (found.length === 0) return undefined;
    return parseAddressHeader(found, { flatten: true, decodePunycode: false }).value.map((a) =>
      a.name ? `${a.name} <${a.address ?? ''}>` : (a.address ?? ''),
    );
  };
  const subject = values('subject')[0];
  const status = (check: Check) => ({ status: verdicts[check] });
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp,
            source: envelope.source,
            messageId,
            destination: [...envelope.recipients],
            headersTruncated: false,
            headers: [...headers],
            commonHeaders: {
              returnPath: envelope.source,
              date: values('date')[0] ?? new Date(input.at).toUTCString(),
              messageId: values('message-id')[0] ?? '',
              ...optional('from', list('from')),
              ...optional('to', list('to')),
              ...optional('cc', list('cc')),
              ...optional('replyTo', list('reply-to')),
              ...optional('subject', subject),
            },
          },
          receipt: {
            timestamp,
            processingTimeMillis: 0,
            recipients: [...envelope.recipients],
            spfVerdict: status('spf'),
            dkimVerdict: status('dkim'),
            dmarcVerdict: status('dmarc'),
            spamVerdict: status('spam'),
            virusVerdict: status('virus'),
            action: {
              type: 'Lambda',
              functionArn: `arn:aws:lambda:${input.region}:000000000000:function:twin-receive-mail`,
              invocationType: 'Event',
            },
          },
        },
      },
    ],
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

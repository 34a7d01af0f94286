// What a raw received message says, as the domain's InboundMail (domain/inbound/mail.ts): sender, recipients,
// threading ids, whether a machine sent it, the new text of the reply and its attachments. Nothing is logged here:
// every field is personal data. Nothing is trusted either: the domain checks the address, sender and verdicts.

import {
  type HeaderLines,
  type ParsedMail,
  parseAddressHeader,
  type StructuredHeader,
  simpleParser,
} from 'mailparser';
import type { InboundMail } from '#domain/inbound/mail.js';
import { attachmentsOf } from './attachments.js';
import { automaticKind, isBounceLike } from './automatic.js';
import { htmlToText } from './html-text.js';
import { replyText } from './reply-text.js';

/** Reads a raw RFC 822 message (as SES stores it in S3) into what the domain decides on. */
export async function parseInbound(raw: Uint8Array): Promise<InboundMail> {
  const parsed = await simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
    // The text is ours to make from the HTML, safely; nothing is rendered, linked or hashed.
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    keepCidLinks: true,
    checksumAlgo: false,
    // A report's machine-readable parts are not text anyone wrote.
    keepDeliveryStatus: true,
  });
  const header = headerReader(parsed.headerLines);
  const from = firstAddress(header('from'));
  const { contentType, reportType } = topContentType(parsed);
  const subject = (parsed.subject ?? '').trim();
  const returnPath = returnPathOf(header('return-path'));
  const automatic = automaticKind({
    header,
    contentType,
    reportType,
    from: from.address,
    returnPath,
    subject,
  });
  return {
    from: from.address,
    fromName: from.name,
    // A missing Return-Path is empty only on a report: SES always adds one, and a twin or test message without
    // it is not a bounce for that reason alone (the domain drops mail with an empty return path).
    returnPath:
      returnPath ?? (isBounceLike({ contentType, reportType, from: from.address }) ? '' : from.address),
    recipients: unique(
      ['to', 'cc', 'delivered-to', 'x-original-to'].flatMap((name) => addresses(header(name))),
    ),
    subject,
    messageId: messageIds(header('message-id'))[0] ?? '',
    inReplyTo: unique([...messageIds(header('in-reply-to')), ...messageIds(header('references'))]),
    text: replyText(bodyText(parsed)),
    ...(automatic === undefined ? {} : { automatic }),
    attachments: attachmentsOf(parsed.attachments),
    size: raw.byteLength,
  };
}

/** The plain text part when it says anything, else the HTML's text. */
function bodyText(parsed: ParsedMail): string {
  if (parsed.text?.trim()) return parsed.text;
  return typeof parsed.html === 'string' ? htmlToText(parsed.html) : '';
}

type HeaderRead = (name: string) => string[];

/** Every value of a header, from the raw lines: unfolded, UTF-8 decoded, without the name. */
function headerReader(lines: HeaderLines): HeaderRead {
  return (name) =>
    lines
      .filter((line) => line.key === name)
      .map((line) =>
        Buffer.from(line.line.slice(line.line.indexOf(':') + 1), 'latin1')
          .toString('utf8')
          .replace(/\r?\n[ \t]+/g, ' ')
          .trim(),
      );
}

function addressList(values: readonly string[]) {
  if (values.length === 0) return [];
  return parseAddressHeader([...values], { flatten: true, decodePunycode: false }).value;
}

function addresses(values: readonly string[]): string[] {
  return addressList(values).flatMap((entry) => (entry.address ? [entry.address.toLowerCase()] : []));
}

function firstAddress(values: readonly string[]): { address: string; name: string } {
  const first = addressList(values.slice(0, 1))[0];
  return { address: first?.address?.toLowerCase() ?? '', name: first?.name ?? '' };
}

/** The first Return-Path (the receiving server's, on top) without brackets: '' for `<>`, undefined when none. */
function returnPathOf(values: readonly string[]): string | undefined {
  const first = values[0];
  if (first === undefined) return undefined;
  const bracketed = /<([^<>]*)>/.exec(first);
  return (bracketed?.[1] ?? first).trim().toLowerCase();
}

/** Message ids without angle brackets; an unbracketed value is split on whitespace. */
function messageIds(values: readonly string[]): string[] {
  return values.flatMap((value) => {
    const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1] ?? '');
    return bracketed.length > 0 ? bracketed : value.split(/\s+/).filter(Boolean);
  });
}

function topContentType(parsed: ParsedMail): { contentType: string; reportType: string } {
  const value = parsed.headers.get('content-type');
  if (!isStructured(value)) return { contentType: 'text/plain', reportType: '' };
  return {
    contentType: value.value.toLowerCase(),
    reportType: (value.params['report-type'] ?? '').toLowerCase(),
  };
}

function isStructured(value: unknown): value is StructuredHeader {
  return (
    typeof value === 'object' &&
    value !== null &&
    'value' in value &&
    typeof value.value === 'string' &&
    'params' in value
  );
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

// Received mail (SES receipt rule: S3 action with the raw message, then this function, invoked as an Event): each
// record's raw message is read from the bucket, parsed (functions/adapters/inbound), and handed to the domain with
// SES's verdicts (domain/inbound/receive.ts), which refuses, drops or records it. Logs and metrics name the outcome
// and the ticket, never an address or a word of the message. A recorded mail's attachments (those the domain keeps:
// domain/attachments.ts) are stored beside the uploads and listed on the entry the mail recorded.
import type { SESEvent, SESReceipt } from 'aws-lambda';
import { type AttachmentStore, keepMailFiles, withMailFiles } from '#domain/attachments.js';
import type { InboundAttachment, InboundMail, MailVerdicts, Verdict } from '#domain/inbound/mail.js';
import { type Receipt, type ReceiveDeps, receiveMail } from '#domain/inbound/receive.js';
import type { RawMailStore } from '#domain/ports.js';
import { errorFields, logger } from '../logger.js';
import { countBy, METRIC } from '../metrics.js';

export interface ReceiveHandlerDeps extends ReceiveDeps {
  readonly rawMail: RawMailStore;
  /** The key prefix the receipt rule's S3 action writes under (`inbound/`): the key is prefix + SES message id. */
  readonly prefix: string;
  readonly parse: (raw: Uint8Array) => Promise<InboundMail>;
  /** Where a recorded mail's attachments are stored (`attachments/<radicado>/<id>`). */
  readonly attachments: Pick<AttachmentStore, 'put'>;
}

const VERDICTS = new Set<Verdict>(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED']);

/** SES's verdicts; anything missing or unknown counts as not passed (GRAY). */
export function verdictsOf(receipt: Partial<SESReceipt>): MailVerdicts {
  const of = (v: { status?: string } | undefined): Verdict =>
    VERDICTS.has(v?.status as Verdict) ? (v?.status as Verdict) : 'GRAY';
  return {
    spf: of(receipt.spfVerdict),
    dkim: of(receipt.dkimVerdict),
    dmarc: of(receipt.dmarcVerdict),
    spam: of(receipt.spamVerdict),
    virus: of(receipt.virusVerdict),
  };
}

/** Tries at applying a mail whose ticket changed meanwhile, before the invocation fails and is retried. */
const STALE_TRIES = 3;

const isStale = (receipt: Receipt) => receipt.outcome === 'refused' && receipt.why === 'stale';

export function receiveMailHandler(
  deps: ReceiveHandlerDeps,
): (event: SESEvent) => Promise<readonly Receipt[]> {
  return async (event) => {
    const receipts: Receipt[] = [];
    for (const record of event.Records) {
      const { mail, receipt } = record.ses;
      const key = `${deps.prefix}${mail.messageId}`;
      const raw = await deps.rawMail.get(key);
      const parsed = await deps.parse(raw);
      // SES's envelope recipients come first: a reply address reached by Bcc is in no header.
      const envelope = (receipt.recipients ?? []).map((r) => r.toLowerCase());
      const mailIn = { ...parsed, recipients: [...new Set([...envelope, ...parsed.recipients])] };
      const receiving = { ...deps, tickets: storingFiles(deps, mailIn.attachments, mail.messageId) };
      const verdicts = verdictsOf(receipt);
      // The ticket may change between reading and writing (a sweep, a staff link): read and plan again. Idempotent by
      // SES's message id, so a try that did land is never applied twice.
      let outcome = await receiveMail(receiving, mailIn, verdicts, mail.messageId);
      for (let attempt = 1; attempt < STALE_TRIES && isStale(outcome); attempt++)
        outcome = await receiveMail(receiving, mailIn, verdicts, mail.messageId);
      // Still changing: fail the invocation, which Lambda retries (the raw message stays for it).
      if (isStale(outcome)) throw new Error(`mail ${mail.messageId} not recorded: its ticket kept changing`);
      const detail = outcome.outcome === 'recorded' ? outcome.as : outcome.why;
      logger.info('mail received', {
        sesMessageId: mail.messageId,
        outcome: outcome.outcome,
        detail,
        ...(outcome.outcome === 'recorded' ? { ticketId: outcome.ticketId } : {}),
      });
      countBy(METRIC.mailReceived, { outcome: outcome.outcome, detail });
      // Processed: the raw message goes (data minimisation; what the ticket needs is on it). The bucket's expiry
      // is the backstop for a message whose processing failed or whose deletion did.
      await deps.rawMail.delete(key).catch((error: unknown) => {
        logger.warn('received mail not deleted; the bucket expiry removes it', {
          sesMessageId: mail.messageId,
          ...errorFields(error),
        });
      });
      receipts.push(outcome);
    }
    return receipts;
  };
}

/**
 * The ticket store, but that a transition the mail makes first stores the mail's kept files (ids from SES's message
 * id: a retried invocation writes the same keys) and lists them, and those dropped, with it. Nothing is stored for a
 * mail that is refused or dropped before a transition.
 */
function storingFiles(
  deps: ReceiveHandlerDeps,
  files: readonly InboundAttachment[],
  receiptId: string,
): ReceiveDeps['tickets'] {
  const { tickets } = deps;
  if (files.length === 0) return tickets;
  const applyTransition: ReceiveDeps['tickets']['applyTransition'] = async (transition, version, use) => {
    const { kept, dropped } = keepMailFiles(transition.ticket.id, files, receiptId);
    for (const { file, record } of kept) await deps.attachments.put(record.key, record.type, file.content);
    const records = kept.map((k) => k.record);
    return tickets.applyTransition(withMailFiles(transition, records, dropped), version, use);
  };
  return Object.assign(Object.create(tickets) as ReceiveDeps['tickets'], { applyTransition });
}

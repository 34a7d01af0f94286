// Received mail (SES receipt rule: S3 action with the raw message, then this function, invoked as an Event): each
// record's raw message is read from the bucket, parsed (functions/adapters/inbound), and handed to the domain with
// SES's verdicts (domain/inbound/receive.ts), which refuses, drops or records it. Logs and metrics name the outcome
// and the ticket, never an address or a word of the message.
import type { SESEvent, SESReceipt } from 'aws-lambda';
import type { InboundMail, MailVerdicts, Verdict } from '#domain/inbound/mail.js';
import { type Receipt, type ReceiveDeps, receiveMail } from '#domain/inbound/receive.js';
import type { RawMailStore } from '#domain/ports.js';
import { logger } from '../logger.js';
import { countBy, METRIC } from '../metrics.js';

export interface ReceiveHandlerDeps extends ReceiveDeps {
  readonly rawMail: RawMailStore;
  /** The key prefix the receipt rule's S3 action writes under (`inbound/`): the key is prefix + SES message id. */
  readonly prefix: string;
  readonly parse: (raw: Uint8Array) => Promise<InboundMail>;
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

export function receiveMailHandler(
  deps: ReceiveHandlerDeps,
): (event: SESEvent) => Promise<readonly Receipt[]> {
  return async (event) => {
    const receipts: Receipt[] = [];
    for (const record of event.Records) {
      const { mail, receipt } = record.ses;
      const raw = await deps.rawMail.get(`${deps.prefix}${mail.messageId}`);
      const parsed = await deps.parse(raw);
      // SES's envelope recipients come first: a reply address reached by Bcc is in no header.
      const envelope = (receipt.recipients ?? []).map((r) => r.toLowerCase());
      const mailIn = { ...parsed, recipients: [...new Set([...envelope, ...parsed.recipients])] };
      const outcome = await receiveMail(deps, mailIn, verdictsOf(receipt), mail.messageId);
      const detail = outcome.outcome === 'recorded' ? outcome.as : outcome.why;
      logger.info('mail received', {
        sesMessageId: mail.messageId,
        outcome: outcome.outcome,
        detail,
        ...(outcome.outcome === 'recorded' ? { ticketId: outcome.ticketId } : {}),
      });
      countBy(METRIC.mailReceived, { outcome: outcome.outcome, detail });
      receipts.push(outcome);
    }
    return receipts;
  };
}

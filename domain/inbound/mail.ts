// A mail received for a ticket (replies by e-mail, docs/delivery.md): what the parser (functions/adapters/inbound)
// makes of a raw message, and what the receiving service said about it. The domain decides what it does
// (receive.ts); nothing here is trusted until the reply address, the sender and the verdicts are checked.

/** SES's verdicts on a received message (in the twin: PASS unless the message asks otherwise). */
export interface MailVerdicts {
  readonly spf: Verdict;
  readonly dkim: Verdict;
  readonly dmarc: Verdict;
  readonly spam: Verdict;
  readonly virus: Verdict;
}

export type Verdict = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';

/** A file that came with a message: stored beside the raw message, linked only once scanned clean. */
export interface InboundAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly content: Uint8Array;
}

/** Why a message is machine-sent and must never be answered or recorded as a person's reply. */
export type AutomaticKind = 'auto-reply' | 'bounce' | 'bulk';

export interface InboundMail {
  /** The sender's address, lower-cased (From), and the envelope's return path ('' when empty: a bounce). */
  readonly from: string;
  readonly fromName: string;
  readonly returnPath: string;
  /** Every recipient address (To and Cc), lower-cased: one of them is the ticket's reply address. */
  readonly recipients: readonly string[];
  readonly subject: string;
  /** The message's own Message-ID and the ids it answers (In-Reply-To, References), without angle brackets. */
  readonly messageId: string;
  readonly inReplyTo: readonly string[];
  /** The new text of the reply: quoted history and signatures removed (Spanish and English clients). */
  readonly text: string;
  /** Set when the message is an auto-reply, a bounce or bulk mail (headers and content types say so). */
  readonly automatic?: AutomaticKind;
  readonly attachments: readonly InboundAttachment[];
  /** The raw message's size in bytes. */
  readonly size: number;
}

// A received mail, checked before it may touch a ticket, then applied as one conditional transition. In order:
// too large, spam or virus, not to a well-signed reply address, machine-sent (auto-reply, bounce, bulk), for a ticket
// whose personal data was erased, a mail loop (more than LOOP_LIMIT messages on the ticket in the last hour): refused
// or dropped, nothing recorded. Then, to the staff address: a staff reply when the sender is in the directory for the
// ticket's queue and SPF, DKIM and DMARC pass, else an external message kept for review; to the requester address:
// the requester's reply when it comes from the requester's address (it completes a pending request for information,
// docs/legal.md), else an external message.
import { completeByRequester, pendingInfoRequest } from '../escalation/completion.js';
import type { EscalationPolicy, Transition } from '../escalation/policy.js';
import type { Clock, ReplyAddresses, ReplyParty, TicketRepository } from '../ports.js';
import { staffActor, type Ticket } from '../ticket.js';
import type { Instant } from '../time/instant.js';
import { externalMessage, reopenable, requesterReply, staffReply } from './conversation.js';
import type { StaffDirectory } from './directory.js';
import { type FollowUpDeps, followUpRecorded, openFollowUp } from './follow-up.js';
import type { InboundMail, MailVerdicts } from './mail.js';

/** SES refuses larger messages anyway; ours is the product's limit. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** Messages on one ticket in one hour beyond which a mail loop is assumed and mail is dropped. */
export const LOOP_LIMIT = 10;

export interface ReceiveDeps extends FollowUpDeps {
  readonly tickets: Pick<TicketRepository, 'get' | 'applyTransition' | 'create' | 'checkIdempotencyKey'>;
  readonly policy: EscalationPolicy;
  readonly directory: StaffDirectory;
  readonly replyAddresses: ReplyAddresses;
  readonly clock: Clock;
}

/** What became of a received mail: why it was refused or dropped, or what it recorded on which ticket. */
export type Receipt =
  | {
      readonly outcome: 'refused';
      readonly why: 'too-large' | 'no-reply-address' | 'unknown-ticket' | 'erased' | 'stale';
    }
  | { readonly outcome: 'dropped'; readonly why: 'spam' | 'virus' | 'automatic' | 'loop' | 'duplicate' }
  | {
      readonly outcome: 'recorded';
      readonly ticketId: string;
      /** staff-reply, note, resolution, requester-reply, completion, reopened, follow-up, external. */
      readonly as: string;
    };

const MESSAGE_EVENTS = new Set(['message', 'note', 'external-message', 'info-provided']);

/** How long a received message's id is remembered: SES retries an asynchronous invocation within hours. */
const RECEIPT_MEMORY_MS = 7 * 86_400_000;

/**
 * Applies a received mail. `receiptId` (SES's message id) makes it idempotent: recorded in the same transaction, so a
 * retried invocation of an applied message changes nothing.
 */
export async function receiveMail(
  deps: ReceiveDeps,
  mail: InboundMail,
  verdicts: MailVerdicts,
  receiptId?: string,
): Promise<Receipt> {
  if (mail.size > MAX_MESSAGE_BYTES) return { outcome: 'refused', why: 'too-large' };
  if (verdicts.virus === 'FAIL') return { outcome: 'dropped', why: 'virus' };
  if (verdicts.spam === 'FAIL') return { outcome: 'dropped', why: 'spam' };
  const address = replyAddressOf(deps.replyAddresses, mail.recipients);
  if (!address) return { outcome: 'refused', why: 'no-reply-address' };
  if (mail.automatic) return { outcome: 'dropped', why: 'automatic' };
  const record = await deps.tickets.get(address.ticketId);
  if (!record) return { outcome: 'refused', why: 'unknown-ticket' };
  // An anonymised ticket (Ley 1581 suppression) takes no more text: nothing is recorded, forwarded or reopened.
  if (record.ticket.erasedAt !== undefined) return { outcome: 'refused', why: 'erased' };
  const now = deps.clock.now();
  const recent = record.history.filter((h) => MESSAGE_EVENTS.has(h.event) && h.at > now - 3_600_000);
  if (recent.length >= LOOP_LIMIT) return { outcome: 'dropped', why: 'loop' };
  const { ticket } = record;
  const [as, transition] =
    address.party === 'r' &&
    isRequester(ticket, mail) &&
    ticket.status === 'resolved' &&
    !reopenable(ticket, now)
      ? ['follow-up', await followUp(deps, ticket, mail, now, receiptId)]
      : plan(deps, ticket, mail, verdicts, address.party, now);
  const use = receiptId ? { id: `mail-${receiptId}`, expiresAt: now + RECEIPT_MEMORY_MS } : undefined;
  const applied = await deps.tickets.applyTransition(transition, ticket.version, use);
  if (applied === 'link-used') return { outcome: 'dropped', why: 'duplicate' };
  return applied === 'applied'
    ? { outcome: 'recorded', ticketId: ticket.id, as }
    : { outcome: 'refused', why: 'stale' };
}

/** A reply to a ticket closed long ago: a new ticket linked to it, and the old one recording where it went. */
async function followUp(
  deps: ReceiveDeps,
  ticket: Ticket,
  mail: InboundMail,
  now: Instant,
  receiptId: string | undefined,
): Promise<Transition> {
  const id = await openFollowUp(deps, ticket, mail.text, now, `mail-${receiptId ?? mail.messageId}`);
  return followUpRecorded(ticket, now, mail.text, id);
}

/** The first recipient that is a well-signed reply address. */
function replyAddressOf(addresses: ReplyAddresses, recipients: readonly string[]) {
  for (const recipient of recipients) {
    const parsed = addresses.parse(recipient);
    if (parsed) return parsed;
  }
  return undefined;
}

function isRequester(ticket: Ticket, mail: InboundMail): boolean {
  return ticket.requester.email !== '' && ticket.requester.email.toLowerCase() === mail.from.toLowerCase();
}

const authenticated = (v: MailVerdicts) => v.spf === 'PASS' && v.dkim === 'PASS' && v.dmarc === 'PASS';

/** What the mail does to the ticket, and how the receipt names it. */
function plan(
  deps: ReceiveDeps,
  ticket: Ticket,
  mail: InboundMail,
  verdicts: MailVerdicts,
  party: ReplyParty,
  now: Instant,
): [string, Transition] {
  if (party === 's') {
    const member = deps.directory.find(mail.from, ticket);
    if (!member)
      return [
        'external',
        externalMessage(ticket, now, mail.from, 'Remitente fuera del directorio de personal:', mail.text),
      ];
    if (!authenticated(verdicts)) {
      const why = `Remitente del personal sin autenticar (SPF ${verdicts.spf}, DKIM ${verdicts.dkim}, DMARC ${verdicts.dmarc}):`;
      return ['external', externalMessage(ticket, now, mail.from, why, mail.text)];
    }
    const by = staffActor(
      mail.from,
      member.level,
      member.name === mail.fromName || !mail.fromName ? member.name : mail.fromName,
    );
    const step = staffReply(deps.policy, ticket, now, by, mail.text);
    const event = step.history[0]?.event;
    return [event === 'note' ? 'note' : event === 'resolved' ? 'resolution' : 'staff-reply', step];
  }
  if (!isRequester(ticket, mail)) {
    return [
      'external',
      externalMessage(ticket, now, mail.from, 'Remitente distinto del solicitante:', mail.text),
    ];
  }
  if (pendingInfoRequest(ticket))
    return ['completion', completeByRequester(deps.policy.completion, ticket, now, mail.text)];
  if (ticket.status !== 'resolved') return ['requester-reply', requesterReply(ticket, now, mail.text)];
  // Closed within REOPEN_DAYS (later replies open a follow-up: receiveMail).
  return ['reopened', requesterReply(ticket, now, mail.text, deps.policy.levelWindow(ticket, now))];
}

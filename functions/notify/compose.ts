// The MailComposer port: what each notification says, from staff-mail.ts (routed, escalation, PQRSA reminder),
// requester-mail.ts (acknowledgement, resolution, lookup) and pages.ts, rendered through the one layout with the
// words of functions/i18n.
import type { LookupRequest } from '#domain/intake/lookup.js';
import type { Envelope, NotificationKind, NotificationRecord } from '#domain/notifications.js';
import type { MailComposer, MailMessage, PageMessage } from '#domain/ports.js';
import type { Ticket, TicketRecord } from '#domain/ticket.js';
import { infoRequestMail, withdrawalMail } from './completion-mail.js';
import { type ComposerDeps, type Draft, MailContext } from './context.js';
import { exportMail } from './export-mail.js';
import { renderEmail } from './layout.js';
import { staffReplyMail } from './message-mail.js';
import { page } from './pages.js';
import { acknowledgement, extension, handling, lookup, resolution } from './requester-mail.js';
import { signInMail } from './sign-in-mail.js';
import { type Notice, type StaffKind, staffNotice } from './staff-mail.js';

type RequesterMail = (ctx: MailContext, record: TicketRecord, notification: Notice) => Draft;
type RequesterKind = Exclude<NotificationKind, StaffKind | 'page'>;

/** The mails to the requester, by notification kind; every other kind is a notice to staff (staff-mail.ts). */
const REQUESTER_MAILS: Readonly<Record<RequesterKind, RequesterMail>> = {
  'requester-ack': (ctx, record) => acknowledgement(ctx, record),
  resolution: (ctx, record) => resolution(ctx, record),
  handling: (ctx, record, n) => handling(ctx, record, n.level ?? record.ticket.escalationLevel),
  extension: (ctx, record) => extension(ctx, record),
  'info-request': (ctx, record) => infoRequestMail(ctx, record),
  withdrawal: (ctx, record) => withdrawalMail(ctx, record),
  'staff-reply': (ctx, record, n) => staffReplyMail(ctx, record, n),
};

/** A mail about no single ticket (lookup, export): only to the address that asked, answering to nobody. */
function toAddressThatAsked(request: LookupRequest, { subject, document }: Draft, kind: string): MailMessage {
  return { to: [request.email], cc: [], replyTo: [], subject, ...renderEmail(document), tags: { kind } };
}

export class TicketMailComposer implements MailComposer {
  private readonly ctx: MailContext;

  constructor(deps: ComposerDeps) {
    this.ctx = new MailContext(deps);
  }

  /** The status links of a requester's open tickets, in the language they asked in. */
  lookup(request: LookupRequest, tickets: readonly Ticket[]): MailMessage {
    return toAddressThatAsked(request, lookup(this.ctx, request, tickets), 'lookup');
  }

  /** A copy of the requester's tickets as held, to the address that asked, in the language they asked in. */
  export(request: LookupRequest, records: readonly TicketRecord[]): MailMessage {
    return toAddressThatAsked(request, exportMail(this.ctx, request, records), 'export');
  }

  /** A staff console sign-in link, to the directory address that asked. */
  signIn(request: LookupRequest, link: string): MailMessage {
    return toAddressThatAsked(request, signInMail(request, link), 'staff-sign-in');
  }

  /** The on-call alert for a P1-line route or an escalation to level 3. */
  page(record: TicketRecord, notification?: Pick<NotificationRecord, 'level'>): PageMessage {
    return page(this.ctx, record, notification);
  }

  compose(
    notification: { readonly kind: Exclude<NotificationKind, 'page'> } & Notice,
    record: TicketRecord,
    envelope: Envelope,
  ): MailMessage {
    const { ticket } = record;
    const { kind } = notification;
    const requesterDraft = REQUESTER_MAILS[kind as RequesterKind] as RequesterMail | undefined;
    const { subject, document } = requesterDraft
      ? requesterDraft(this.ctx, record, notification)
      : staffNotice(this.ctx, kind as StaffKind, notification, record, envelope);
    return {
      ...envelope,
      ...renderEmail(document),
      subject,
      tags: {
        kind,
        product: ticket.product,
        priority: ticket.priority,
        destination: ticket.routing.destination,
      },
    };
  }
}

// The MailComposer port: what each notification says, from staff-mail.ts (routed, escalation, PQRSA reminder),
// requester-mail.ts (acknowledgement, resolution, lookup) and pages.ts, rendered through the one layout with the
// words of functions/i18n.
import type { LookupRequest } from '#domain/intake/lookup.js';
import type { Envelope, NotificationKind, NotificationRecord } from '#domain/notifications.js';
import type { MailComposer, MailMessage, PageMessage } from '#domain/ports.js';
import type { Ticket, TicketRecord } from '#domain/ticket.js';
import { infoRequestMail, withdrawalMail } from './completion-mail.js';
import { type ComposerDeps, MailContext } from './context.js';
import { exportMail } from './export-mail.js';
import { renderEmail } from './layout.js';
import { page } from './pages.js';
import { acknowledgement, extension, handling, lookup, resolution } from './requester-mail.js';
import { type Notice, staffNotice } from './staff-mail.js';

export class TicketMailComposer implements MailComposer {
  private readonly ctx: MailContext;

  constructor(deps: ComposerDeps) {
    this.ctx = new MailContext(deps);
  }

  /** The status links of a requester's open tickets, in the language they asked in. */
  lookup(request: LookupRequest, tickets: readonly Ticket[]): MailMessage {
    const { subject, document } = lookup(this.ctx, request, tickets);
    return {
      to: [request.email],
      cc: [],
      replyTo: [],
      subject,
      ...renderEmail(document),
      tags: { kind: 'lookup' },
    };
  }

  /** A copy of the requester's tickets as held, to the address that asked, in the language they asked in. */
  export(request: LookupRequest, records: readonly TicketRecord[]): MailMessage {
    const { subject, document } = exportMail(this.ctx, request, records);
    return {
      to: [request.email],
      cc: [],
      replyTo: [],
      subject,
      ...renderEmail(document),
      tags: { kind: 'export' },
    };
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
    const { subject, document } =
      kind === 'requester-ack'
        ? acknowledgement(this.ctx, record)
        : kind === 'resolution'
          ? resolution(this.ctx, record)
          : kind === 'handling'
            ? handling(this.ctx, record, notification.level ?? ticket.escalationLevel)
            : kind === 'extension'
              ? extension(this.ctx, record)
              : kind === 'info-request'
                ? infoRequestMail(this.ctx, record)
                : kind === 'withdrawal'
                  ? withdrawalMail(this.ctx, record)
                  : staffNotice(this.ctx, kind, notification, record, envelope);
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

// A staff member's reply by e-mail, sent on to the requester from the router: the message, and who answered by role
// and level only (never a person's name or address), in the requester's language.
import type { NotificationRecord } from '#domain/notifications.js';
import { staffLevelOf, type TicketRecord } from '#domain/ticket.js';
import { MESSAGES } from '../i18n/messages.js';
import type { Draft, MailContext } from './context.js';

/** The history message a reply notification carries (by its time), or the latest one. */
export function messageOf({ history }: TicketRecord, notice: Pick<NotificationRecord, 'messageAt'>) {
  const messages = history.filter((h) => h.event === 'message');
  return messages.find((h) => h.at === notice.messageAt) ?? messages.at(-1);
}

export function staffReplyMail(
  ctx: MailContext,
  record: TicketRecord,
  notice: Pick<NotificationRecord, 'messageAt'>,
): Draft {
  const { ticket } = record;
  const r = MESSAGES[ticket.locale].conversation.staffReply;
  const message = messageOf(record, notice);
  const level = staffLevelOf(message?.by ?? '') || ticket.escalationLevel;
  return ctx.requesterNotice(ticket, {
    subject: r.subject(ticket.id),
    preheader: r.preheader(ticket.id),
    title: r.title,
    intro: [r.intro(ticket.id, ctx.levelName(ticket, level), level)],
    sections: [{ heading: r.message, text: message?.note ?? '' }],
    footer: [r.footer],
  });
}

// On-call pages (SNS), in staff's language: a P1-line route at intake, or an escalation. Short, with an ASCII
// subject, and no personal data.
import type { NotificationRecord } from '#domain/notifications.js';
import type { PageMessage } from '#domain/ports.js';
import type { TicketRecord } from '#domain/ticket.js';
import { formatForPeople } from '#domain/time/readable.js';
import { MESSAGES, STAFF_LOCALE } from '../i18n/messages.js';
import type { MailContext } from './context.js';

const m = MESSAGES[STAFF_LOCALE];

export function page(
  ctx: MailContext,
  { ticket }: TicketRecord,
  notification?: Pick<NotificationRecord, 'level'>,
): PageMessage {
  const { routing } = ticket;
  const facts = {
    id: ticket.id,
    product: ctx.productName(ticket.product),
    priority: ticket.priority,
    received: formatForPeople(ticket.receivedAt, STAFF_LOCALE),
    mailbox: routing.mailbox,
  };
  if (notification?.level !== undefined) {
    const { level } = notification;
    return {
      subject: ascii(m.pages.escalated.subject({ ...facts, level })).slice(0, 99),
      text: m.pages.escalated
        .lines({
          ...facts,
          level,
          levelName: ctx.levelName(ticket, level),
          status: m.statuses[ticket.status],
        })
        .join('\n'),
    };
  }
  return {
    subject: ascii(m.pages.critical.subject(facts)).slice(0, 99),
    text: m.pages.critical
      .lines({
        ...facts,
        level: routing.escalationLevel,
        levelName: routing.escalation.name,
        firstResponse: formatForPeople(routing.firstResponseDueAt, STAFF_LOCALE, ticket.receivedAt),
        p1Line: routing.contactNow.value,
      })
      .join('\n'),
  };
}

/** Plain ASCII (accents dropped, anything else removed), for SNS subjects. */
function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7E]/g, '');
}

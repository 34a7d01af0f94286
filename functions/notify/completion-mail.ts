// The requester's mails of an incomplete request (Ley 1755 art. 17; Ley 1581 art. 15): what staff need to handle it
// and until when, and, with no answer in time, the reasoned notice that it is withdrawn and may be filed again.
import { completionBasis, infoRequested } from '#domain/escalation/completion.js';
import type { Ticket, TicketRecord } from '#domain/ticket.js';
import { formatForPeople } from '#domain/time/readable.js';
import { MESSAGES } from '../i18n/messages.js';
import type { Draft, MailContext } from './context.js';

/** The requester's deadline to complete the request, in their language. */
function answerDueText(ticket: Ticket): string {
  return formatForPeople(
    ticket.infoRequest?.answerDueAt ?? ticket.receivedAt,
    ticket.locale,
    ticket.receivedAt,
  );
}

/** Staff ask the requester to complete the request: what they asked, the deadline, the page to answer on. */
export function infoRequestMail(ctx: MailContext, { ticket, history }: TicketRecord): Draft {
  const { locale } = ticket;
  const r = MESSAGES[locale].completion.request;
  const answerDue = answerDueText(ticket);
  return ctx.requesterNotice(ticket, {
    subject: r.subject(ticket.id),
    preheader: r.preheader(ticket.id),
    title: r.title,
    intro: [r.intro(ticket.id, answerDue, completionBasis(ctx.term(ticket.type)))],
    facts: [[r.answerDue, answerDue]],
    sections: [
      { heading: r.asked, text: infoRequested(history.findLast((h) => h.event === 'info-requested')?.note) },
    ],
    footer: [r.footer, MESSAGES[locale].requester.reply],
  });
}

/** The requester's deadline passed unanswered: the request is withdrawn, and may be filed again. */
export function withdrawalMail(ctx: MailContext, { ticket }: TicketRecord): Draft {
  const { locale } = ticket;
  const w = MESSAGES[locale].completion.withdrawal;
  const deadline = answerDueText(ticket);
  return ctx.requesterNotice(ticket, {
    subject: w.subject(ticket.id),
    preheader: w.preheader(ticket.id),
    title: w.title,
    intro: [w.intro(ticket.id, deadline, completionBasis(ctx.term(ticket.type)))],
    footer: [w.footer(`${ctx.deps.publicBaseUrl}/`), MESSAGES[locale].requester.reply],
  });
}

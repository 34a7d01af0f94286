// A copy of a requester's tickets as the router holds them (the right to know, Ley 1581 de 2012 art. 8 a), mailed to
// the address that asked (which is what verifies it): what they wrote, the contact data and consent recorded, the
// routing, the dates and the history as the status page shows it (staff by role and level, never by name).
import { attachmentsOf } from '#domain/attachments.js';
import type { LookupRequest } from '#domain/intake/lookup.js';
import { claimInProgress } from '#domain/terms.js';
import type { TicketRecord } from '#domain/ticket.js';
import { formatForPeople } from '#domain/time/readable.js';
import { requesterEntry, requesterHistory } from '../http/views.js';
import { MESSAGES } from '../i18n/messages.js';
import type { Draft, MailContext } from './context.js';

export function exportMail(
  ctx: MailContext,
  request: LookupRequest,
  records: readonly TicketRecord[],
): Draft {
  const { locale } = request;
  const m = MESSAGES[locale];
  const x = m.requester.export;
  const when = (at: number) => formatForPeople(at, locale);
  return {
    subject: x.subject,
    document: {
      lang: locale,
      preheader: x.preheader,
      title: x.title,
      intro: [x.intro(records.length)],
      facts: [],
      sections: records.map(({ ticket, history }) => {
        const { requester, consent } = ticket;
        const lines = [
          `${m.facts.received}: ${when(ticket.receivedAt)} · ${m.facts.status}: ${m.statuses[ticket.status]}${claimInProgress(ticket) ? ` · ${m.requester.claimInProgress}` : ''}`,
          `${x.labels.subject}: ${ticket.subject}`,
          `${x.labels.description}: ${ticket.description}`,
          `${x.labels.name}: ${requester.name}`,
          `${x.labels.email}: ${requester.email}`,
          ...(requester.phone ? [`${x.labels.phone}: ${requester.phone}`] : []),
          ...(requester.documentId ? [`${x.labels.document}: ${requester.documentId}`] : []),
          x.labels.consent(consent.policyVersion, when(consent.acceptedAt)),
          `${x.labels.history}:`,
          ...requesterHistory(history).map((entry) => {
            const shown = requesterEntry(entry, ticket);
            return `  ${when(entry.at)} · ${shown.event}${shown.note ? ` · ${shown.note}` : ''}`;
          }),
          // The files by name; they are had from the status page, whose links are signed.
          ...attachmentsOf(requesterHistory(history)).map(
            (a) => `${locale === 'es' ? 'Adjunto' : 'Attachment'}: ${a.name} (${when(a.at)})`,
          ),
        ];
        return {
          heading: `${ticket.id} · ${ctx.productName(ticket.product)} · ${ctx.typeLabel(ticket.type, locale)}`,
          text: lines.join('\n'),
        };
      }),
      actions: records.map(({ ticket }) => ({ label: ticket.id, href: ctx.statusPage(ticket.id) })),
      footer: [x.footer],
    },
  };
}

// Mail to the person who asked, in the language they asked in: the acknowledgement, the resolution, and the links
// of their open requests. None repeats what a submitter wrote (name, subject, description): anyone may type any
// address in a public form, and a mail that carried their text would make the router a relay for it. The status
// page shows the rest, behind the ticket's token.

import { extensionReasons, legalDueAtOf, resolutionDueAtOf } from '#domain/escalation/extension.js';
import type { LookupRequest } from '#domain/intake/lookup.js';
import { claimInProgress, isLegalTerm, termBasisText } from '#domain/terms.js';
import type { Ticket, TicketRecord } from '#domain/ticket.js';
import { formatForPeople } from '#domain/time/readable.js';
import { MESSAGES } from '../i18n/messages.js';
import type { Draft, MailContext } from './context.js';
import type { EmailDocument } from './layout.js';

/** The radicado, the deadlines, the status link and what to do now. */
export function acknowledgement(ctx: MailContext, { ticket }: TicketRecord): Draft {
  const { locale, routing } = ticket;
  const m = MESSAGES[locale];
  const a = m.requester.acknowledgement;
  const when = (at: number) => formatForPeople(at, locale, ticket.receivedAt);
  const contact = routing.contactNow;
  const alert: EmailDocument['alert'] =
    contact.channel === 'p1-line'
      ? { tone: 'critical', text: a.callP1(contact.value) }
      : contact.channel === 'phone'
        ? { tone: 'info', text: a.callPhone(contact.value, contact.options ?? []) }
        : { tone: 'info', text: a.phoneClosed(routing.mailbox) };
  const f = m.facts;
  return {
    subject: a.subject(ticket.id),
    document: {
      lang: locale,
      preheader: a.preheader(ticket.id),
      title: a.title,
      alert,
      intro: [a.intro(ticket.id)],
      facts: [
        [f.radicado, ticket.id],
        [f.product, ctx.productName(ticket.product)],
        [f.type, ctx.typeLabel(ticket.type, locale)],
        [f.priority, m.priorities[ticket.priority]],
        [f.received, when(ticket.receivedAt)],
        [f.firstResponse, when(routing.firstResponseDueAt)],
        [termLabel(ctx, ticket), when(resolutionDueAtOf(ticket))],
      ],
      sections: [],
      actions: [{ label: m.requester.statusLink, href: ctx.statusPage(ticket.id) }],
      footer: [
        a.privacy(ctx.deps.privacyPolicyVersion, ticket.consent.noticeHash?.slice(0, 12)),
        m.requester.reply,
      ],
    },
  };
}

/**
 * What the resolution deadline is to the requester: a target for support requests, and for a PQRSA its term with its
 * basis ("Término legal (Ley 1755 de 2015, art. 14)", "Plazo (política de la empresa)").
 */
function termLabel(ctx: MailContext, ticket: Ticket): string {
  const f = MESSAGES[ticket.locale].facts;
  const term = ctx.term(ticket.type);
  if (ticket.routing.legalDueAt === null || !term) return f.resolution;
  return `${isLegalTerm(term) ? f.legal : f.policyTerm} (${termBasisText(term.basis, ticket.locale)})`;
}

/** The radicado and staff's answer. */
export function resolution(ctx: MailContext, { ticket, history }: TicketRecord): Draft {
  const { locale } = ticket;
  const m = MESSAGES[locale];
  const r = m.requester.resolution;
  const resolved = history.findLast((h) => h.event === 'resolved');
  const resolvedAt = ticket.resolvedAt ?? resolved?.at ?? ticket.receivedAt;
  return ctx.requesterNotice(ticket, {
    subject: r.subject(ticket.id),
    preheader: r.preheader(ticket.id),
    title: r.title,
    intro: [r.intro(ticket.id)],
    facts: [[m.facts.resolved, formatForPeople(resolvedAt, locale, ticket.receivedAt)]],
    sections: [{ heading: m.sections.answer, text: resolved?.note ?? '' }],
    footer: [
      r.footer,
      ...(ticket.queue === 'pqrsa' ? [r.appeal(ticket.id, ctx.deps.publicBaseUrl), r.authority] : []),
    ],
  });
}

/** The legal term was extended (prórroga): the new date and staff's reasons. */
export function extension(ctx: MailContext, { ticket, history }: TicketRecord): Draft {
  const { locale } = ticket;
  const x = MESSAGES[locale].extension.requester;
  const when = formatForPeople(legalDueAtOf(ticket) ?? resolutionDueAtOf(ticket), locale, ticket.receivedAt);
  return ctx.requesterNotice(ticket, {
    subject: x.subject(ticket.id),
    preheader: x.preheader(ticket.id),
    title: x.title,
    intro: [x.intro(ticket.id, when, extensionBasis(ctx, ticket))],
    facts: [[x.newDue, when]],
    sections: [
      { heading: x.reasons, text: extensionReasons(history.findLast((h) => h.event === 'extended')?.note) },
    ],
    footer: [x.footer, MESSAGES[locale].requester.reply],
  });
}

/**
 * Where an extension comes from, in the requester's language: Ley 1755 art. 14 parágrafo for the petition types, the
 * type's own article for habeas data (Ley 1581 arts. 14–15), company policy for the company's terms.
 */
function extensionBasis(ctx: MailContext, ticket: Ticket): string {
  const basis = ctx.term(ticket.type)?.basis;
  return basis === undefined || (basis.kind !== 'company-policy' && basis.law.startsWith('Ley 1755'))
    ? 'Ley 1755 de 2015, art. 14, parágrafo'
    : termBasisText(basis, ticket.locale);
}

/** Who handles the request now: the role of the level that acknowledged it and its public mailbox, never a person. */
export function handling(ctx: MailContext, { ticket }: TicketRecord, level: number): Draft {
  const h = MESSAGES[ticket.locale].requester.handling;
  return ctx.requesterNotice(ticket, {
    subject: h.subject(ticket.id),
    preheader: h.preheader(ticket.id),
    title: h.title,
    intro: [h.intro(ticket.id, ctx.levelName(ticket, level), level)],
    facts: [[h.mailbox, ctx.levelMailbox(ticket, level) ?? ticket.routing.mailbox]],
    footer: [MESSAGES[ticket.locale].requester.reply],
  });
}

/** The status links of a requester's open tickets: reference, product, type and date, nothing they wrote. */
export function lookup(ctx: MailContext, request: LookupRequest, tickets: readonly Ticket[]): Draft {
  const { locale } = request;
  const l = MESSAGES[locale].requester.lookup;
  return {
    subject: l.subject,
    document: {
      lang: locale,
      preheader: l.preheader,
      title: l.title,
      intro: [l.intro(tickets.length)],
      facts: [],
      sections: [],
      // Never the subject or anything else the submitter wrote: whoever asked may not own the address.
      actions: tickets.map((t) => ({
        label: [
          t.id,
          ctx.productName(t.product),
          ctx.typeLabel(t.type, locale),
          formatForPeople(t.receivedAt, locale),
          ...(claimInProgress(t) ? [MESSAGES[locale].requester.claimInProgress] : []),
        ].join(' · '),
        href: ctx.statusPage(t.id),
      })),
      footer: [l.footer],
    },
  };
}

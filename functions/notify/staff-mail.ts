// Notices to staff, in their language: a new ticket for the routed mailbox, an escalation for the new level's
// contacts, a PQRSA reminder. Everything staff need, the ticket's history, and signed links to acknowledge or
// resolve it (and to extend a PQRSA's legal term).
import { attachmentsOf, downloadLink } from '#domain/attachments.js';
import { pendingInfoRequest } from '#domain/escalation/completion.js';
import { resolutionDueAtOf } from '#domain/escalation/extension.js';
import type { Envelope, NotificationRecord } from '#domain/notifications.js';
import type { ActionClaims } from '#domain/ports.js';
import { HABEAS_DATA_CLAIM } from '#domain/terms.js';
import type { HistoryEntry, Ticket, TicketRecord } from '#domain/ticket.js';
import { formatForPeople } from '#domain/time/readable.js';
import { MESSAGES, STAFF_LOCALE } from '../i18n/messages.js';
import type { Draft, MailContext } from './context.js';
import type { EmailDocument } from './layout.js';
import { messageOf } from './message-mail.js';

export type StaffKind = 'routed' | 'escalation' | 'reminder' | 'info-provided' | 'requester-reply';
export type Notice = Pick<NotificationRecord, 'level' | 'businessDaysLeft' | 'messageAt'>;

const DEFAULT_LINK_TTL_MS = 7 * 86_400_000;
const m = MESSAGES[STAFF_LOCALE];

/** How long action links work, as staff read it: whole days when it is a number of days, else hours. */
export function linkLifetime(ttlMs: number): string {
  const hours = Math.round(ttlMs / 3_600_000);
  return hours % 24 === 0 ? m.duration.days(hours / 24) : m.duration.hours(hours);
}

export function staffNotice(
  ctx: MailContext,
  kind: StaffKind,
  notification: Notice,
  { ticket, history }: TicketRecord,
  envelope: Envelope,
): Draft {
  const { routing } = ticket;
  const critical = routing.destination === 'p1-line';
  const when = (at: number) => formatForPeople(at, STAFF_LOCALE, ticket.receivedAt);
  const requester = ticket.requester;
  const level =
    kind === 'escalation'
      ? (notification.level ?? ticket.escalationLevel)
      : kind === 'routed'
        ? routing.escalationLevel
        : ticket.escalationLevel;
  const levelName = ctx.levelName(ticket, level);
  const daysLeft = notification.businessDaysLeft;
  const tag = {
    routed: critical ? m.staff.tags.critical : undefined,
    escalation: m.staff.tags.escalation(level),
    reminder: m.staff.tags.reminder(daysLeft),
    'info-provided': m.staff.tags.completed,
    'requester-reply': m.conversation.requesterReply.tag,
  }[kind];
  const alert: EmailDocument['alert'] | undefined =
    kind === 'escalation'
      ? {
          tone: 'critical',
          text: m.staff.alerts.escalated(
            level,
            levelName,
            history.findLast((h) => h.event === 'escalated')?.note ?? '',
          ),
        }
      : kind === 'reminder'
        ? { tone: 'critical', text: m.staff.alerts.reminder(daysLeft, when(resolutionDueAtOf(ticket))) }
        : kind === 'info-provided'
          ? { tone: 'info', text: m.staff.alerts.completed(when(resolutionDueAtOf(ticket))) }
          : kind === 'requester-reply'
            ? {
                tone: 'info',
                text: m.conversation.requesterReply.alert(
                  history.some((h) => h.event === 'reopened' && h.at === notification.messageAt),
                ),
              }
            : critical
              ? {
                  tone: 'critical',
                  text: m.staff.alerts.critical(
                    routing.contactNow.value,
                    routing.escalationLevel,
                    routing.escalation.name,
                  ),
                }
              : undefined;
  const product = ctx.productName(ticket.product);
  const type = ctx.typeLabel(ticket.type, STAFF_LOCALE);
  const f = m.facts;
  return {
    subject: `[${ticket.id}] ${tag ? `${tag} · ` : ''}${ticket.priority} · ${type} · ${ticket.subject}`,
    document: {
      lang: STAFF_LOCALE,
      preheader: `${product} · ${m.priorities[ticket.priority]} · ${ticket.subject}`,
      title:
        kind === 'requester-reply'
          ? m.conversation.requesterReply.title(ticket.id)
          : m.staff.titles[kind === 'info-provided' ? 'completed' : kind](ticket.id, level),
      ...(alert ? { alert } : {}),
      intro: ticket.requesterEmailBounced ? [m.staff.bounced] : [],
      facts: [
        [f.radicado, ticket.id],
        [f.product, product],
        [f.type, type],
        [f.priority, m.priorities[ticket.priority]],
        [f.received, when(ticket.receivedAt)],
        [f.destination, `${m.destinations[routing.destination]} · ${routing.mailbox}`],
        [f.escalationLevel, `${level} · ${levelName}`],
        [f.status, m.statuses[ticket.status]],
        [f.firstResponse, when(routing.firstResponseDueAt)],
        [routing.legalDueAt === null ? f.resolution : f.legal, when(resolutionDueAtOf(ticket))],
        [f.requester, requester.name],
        [f.email, requester.email],
        ...(requester.phone ? [[f.phone, requester.phone] as const] : []),
        ...(requester.documentId ? [[f.document, requester.documentId] as const] : []),
        [f.consent, m.staff.consent(ticket.consent.policyVersion, when(ticket.consent.acceptedAt))],
      ],
      sections: [
        { heading: m.sections.subject, text: ticket.subject },
        { heading: m.sections.description, text: ticket.description },
        { heading: m.sections.reasons, text: routing.reasons },
        ...(kind === 'requester-reply'
          ? [
              {
                heading: m.conversation.requesterReply.message,
                text: messageOf({ ticket, history }, notification)?.note ?? '',
              },
            ]
          : []),
        ...(kind === 'info-provided'
          ? [
              {
                heading: m.completion.answer,
                text: history.findLast((h) => h.event === 'info-provided')?.note ?? '',
              },
            ]
          : []),
        ...(kind === 'routed'
          ? []
          : [
              {
                heading: m.sections.history,
                text: history.map(
                  (h) => `${when(h.at)} · ${h.event} · ${h.by}${h.note ? ` · ${h.note}` : ''}`,
                ),
              },
            ]),
        ...files(ctx, ticket, history),
      ],
      actions: actions(ctx, ticket, level, envelope.to[0]),
      footer: [
        m.staff.footer.links(linkLifetime(ctx.deps.actionLinkTtlMs ?? DEFAULT_LINK_TTL_MS)),
        m.staff.footer.reply,
        m.staff.footer.commands,
        m.staff.footer.automatic,
      ],
    },
  };
}

/**
 * The `links` section: every file of the ticket with its signed download link (30 days; each use redirects to a
 * presigned URL of minutes, and only to a file scanned clean).
 */
function files(ctx: MailContext, ticket: Ticket, history: readonly HistoryEntry[]) {
  const { attachmentLinks: links, now, publicBaseUrl } = ctx.deps;
  const all = attachmentsOf(history);
  if (!links || all.length === 0 || ticket.erasedAt !== undefined) return [];
  const link = downloadLink(links, publicBaseUrl, (now ?? Date.now)());
  const kb = (size: number) => `${Math.max(1, Math.round(size / 1024))} KB`;
  return [
    {
      heading: 'Archivos adjuntos (enlaces válidos 30 días)',
      text: all.map((a) => ({
        text: `${a.name} (${a.source === 'upload' ? 'subido por el solicitante' : 'recibido por correo'}, ${kb(a.size)})`,
        href: link(ticket.id, a.key),
      })),
    },
  ];
}

/**
 * Signed single-use links to acknowledge (while unacknowledged) and resolve the ticket, for one level; for a PQRSA
 * whose legal term was not extended yet and is running, to extend it (prórroga); and while the law still allows it,
 * to ask the requester to complete the request.
 */
function actions(ctx: MailContext, ticket: Ticket, level: Ticket['escalationLevel'], to: string | undefined) {
  const { actionLinks: links, actionLinkTtlMs, now, publicBaseUrl } = ctx.deps;
  if (!links || !to || ticket.status === 'resolved') return [];
  const expiresAt = (now ?? Date.now)() + (actionLinkTtlMs ?? DEFAULT_LINK_TTL_MS);
  const href = (action: ActionClaims['action']) =>
    `${publicBaseUrl}/actions?token=${links.issue({ ticketId: ticket.id, action, level, to, expiresAt })}`;
  const at = (now ?? Date.now)();
  const extendable =
    ticket.routing.legalDueAt !== null && ticket.extension === undefined && !pendingInfoRequest(ticket);
  const askable = ctx.deps.mayRequestInfo?.(ticket, at) ?? false;
  return [
    ...(ticket.status === 'received'
      ? [{ label: m.staff.actions.acknowledge, href: href('acknowledge') }]
      : []),
    { label: m.staff.actions.resolve, href: href('resolve') },
    ...(extendable ? [{ label: m.extension.staffLink, href: href('extend') }] : []),
    ...(askable ? [{ label: m.staff.actions.requestInfo, href: href('request-info') }] : []),
    // A habeas-data reclamo may ask for the titular's data to be erased: staff confirm it on the link's page.
    ...(ticket.type === HABEAS_DATA_CLAIM ? [{ label: m.staff.actions.erase, href: href('erase') }] : []),
  ];
}

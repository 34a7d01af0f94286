// What each notification says: staff notices (routed, escalation, PQRSA reminder; Spanish, with signed acknowledge
// and resolve links) and the requester's mail (acknowledgement, resolution; in the requester's language), rendered
// through the one layout.
import type { Destination, Priority } from '#domain/catalog.js';
import type { LookupRequest } from '#domain/intake/lookup.js';
import type { Envelope, NotificationKind, NotificationRecord } from '#domain/notifications.js';
import type { AccessTokens, ActionLinks, MailComposer, MailMessage, PageMessage } from '#domain/ports.js';
import type { RoutingEngine } from '#domain/routing/engine.js';
import type { Locale, Ticket, TicketRecord } from '#domain/ticket.js';
import { formatForPeople } from '#domain/time/readable.js';
import { statusPageUrl } from '../http/views.js';
import { type EmailDocument, renderEmail } from './layout.js';

const TEXT = {
  es: {
    product: 'Producto',
    type: 'Tipo',
    priority: 'Prioridad',
    received: 'Recibida',
    radicado: 'Radicado',
    firstResponse: 'Primera respuesta a más tardar',
    resolution: 'Solución a más tardar',
    legal: 'Término legal',
    subject: 'Asunto',
    priorities: { P1: 'P1 (crítica)', P2: 'P2 (alta)', P3: 'P3 (media)', P4: 'P4 (baja)' },
  },
  en: {
    product: 'Product',
    type: 'Type',
    priority: 'Priority',
    received: 'Received',
    radicado: 'Reference number',
    firstResponse: 'First response by',
    resolution: 'Resolution by',
    legal: 'Legal deadline',
    subject: 'Subject',
    priorities: { P1: 'P1 (critical)', P2: 'P2 (high)', P3: 'P3 (medium)', P4: 'P4 (low)' },
  },
} as const satisfies Record<Locale, unknown>;

/** A ticket's status as staff read it (mail and the action pages). */
export const STATUS_ES: Readonly<Record<Ticket['status'], string>> = {
  received: 'Recibida, sin acuse',
  acknowledged: 'Con acuse de recibo',
  resolved: 'Resuelta',
};

const DESTINATIONS: Readonly<Record<Destination, string>> = {
  'support-mailbox': 'Buzón de soporte',
  'pqrsa-mailbox': 'Buzón PQRSA',
  'p1-line': 'Línea P1 (7×24)',
};

export interface ComposerDeps {
  readonly engine: RoutingEngine;
  readonly tokens: AccessTokens;
  readonly publicBaseUrl: string;
  /** Signs the acknowledge/resolve links of staff mail; without it, staff mail carries none. */
  readonly actionLinks?: ActionLinks;
  /** How long those links work (default 7 days). */
  readonly actionLinkTtlMs?: number;
  /** The personal-data policy version in force (configuration): requester mail names it, never a client's text. */
  readonly privacyPolicyVersion: string;
  /** The clock links expire by. */
  readonly now?: () => number;
}

type StaffKind = 'routed' | 'escalation' | 'reminder';
type Notice = Pick<NotificationRecord, 'level' | 'businessDaysLeft'>;

export class TicketMailComposer implements MailComposer {
  constructor(private readonly deps: ComposerDeps) {}

  /** The status links of a requester's open tickets, in the language they asked in. */
  lookup(request: LookupRequest, tickets: readonly Ticket[]): MailMessage {
    const es = request.locale === 'es';
    const document: EmailDocument = {
      lang: request.locale,
      preheader: es ? 'Los enlaces de sus solicitudes abiertas.' : 'The links to your open requests.',
      title: es ? 'Sus solicitudes abiertas' : 'Your open requests',
      intro: [
        es
          ? `Alguien (esperamos que usted) pidió los enlaces de las solicitudes abiertas de esta dirección. Son ${tickets.length}:`
          : `Someone (we hope you) asked for the links to the open requests of this address. There are ${tickets.length}:`,
      ],
      facts: [],
      sections: [],
      // Never the subject or anything else the submitter wrote: whoever asked may not own the address.
      actions: tickets.map((t) => ({
        label: `${t.id} · ${this.productName(t.product)} · ${this.typeLabel(t.type, request.locale)} · ${formatForPeople(t.receivedAt, request.locale)}`,
        href: statusPageUrl(this.deps.publicBaseUrl, t.id, this.deps.tokens.issue(t.id)),
      })),
      footer: [
        es
          ? 'Si usted no lo pidió, puede ignorar este mensaje: los enlaces solo llegan a esta dirección.'
          : 'If you did not ask for this, you can ignore it: the links are only ever sent to this address.',
      ],
    };
    return {
      to: [request.email],
      cc: [],
      replyTo: [],
      subject: es ? 'Enlaces de sus solicitudes abiertas' : 'Links to your open requests',
      ...renderEmail(document),
      tags: { kind: 'lookup' },
    };
  }

  /** The on-call alert for a P1-line route or an escalation to level 3: short, ASCII subject, no personal data. */
  page({ ticket }: TicketRecord, notification?: Notice): PageMessage {
    const { routing } = ticket;
    const product = this.productName(ticket.product);
    if (notification?.level !== undefined) {
      const level = this.deps.engine.desk(ticket.product, ticket.queue).escalation[notification.level - 1];
      return {
        subject: ascii(
          `${ticket.priority} ${ticket.id} ${product}: escalada al nivel ${notification.level}`,
        ).slice(0, 99),
        text: [
          `Solicitud ${ticket.id} (${product}, ${ticket.priority}) escalada al nivel ${notification.level}: ${level?.name ?? ''}.`,
          `Recibida: ${formatForPeople(ticket.receivedAt, 'es')}`,
          `Estado: ${STATUS_ES[ticket.status]}. Detalle en ${routing.mailbox}.`,
        ].join('\n'),
      };
    }
    return {
      subject: ascii(`${ticket.priority} ${ticket.id} ${product}: incidente critico, linea P1`).slice(0, 99),
      text: [
        `Incidente crítico ${ticket.id} (${product}, ${ticket.priority}) fuera del horario de soporte.`,
        `Recibido: ${formatForPeople(ticket.receivedAt, 'es')}`,
        `Nivel ${routing.escalationLevel}: ${routing.escalation.name}.`,
        `Primera respuesta antes de: ${formatForPeople(routing.firstResponseDueAt, 'es', ticket.receivedAt)}`,
        `El solicitante fue dirigido a la línea P1 ${routing.contactNow.value}. Detalle en ${routing.mailbox}.`,
      ].join('\n'),
    };
  }

  compose(
    notification: { readonly kind: Exclude<NotificationKind, 'page'> } & Notice,
    record: TicketRecord,
    envelope: Envelope,
  ): MailMessage {
    const { ticket } = record;
    const { kind } = notification;
    const rendered =
      kind === 'requester-ack'
        ? this.acknowledgement(record)
        : kind === 'resolution'
          ? this.resolution(record)
          : this.staffNotice(kind, notification, record, envelope);
    return {
      ...envelope,
      ...renderEmail(rendered.document),
      subject: rendered.subject,
      tags: {
        kind,
        product: ticket.product,
        priority: ticket.priority,
        destination: ticket.routing.destination,
      },
    };
  }

  /**
   * A notice to staff: a new ticket for the routed mailbox (escalation contacts in Cc from level 2 up), an
   * escalation for the new level's contacts, or a PQRSA reminder. Everything staff need, the ticket's history, and
   * signed links to acknowledge or resolve it.
   */
  private staffNotice(
    kind: StaffKind,
    notification: Notice,
    { ticket, history }: TicketRecord,
    envelope: Envelope,
  ): { subject: string; document: EmailDocument } {
    const t = TEXT.es;
    const { routing } = ticket;
    const critical = routing.destination === 'p1-line';
    const when = (at: number) => formatForPeople(at, 'es', ticket.receivedAt);
    const requester = ticket.requester;
    const level =
      kind === 'escalation'
        ? (notification.level ?? ticket.escalationLevel)
        : kind === 'routed'
          ? routing.escalationLevel
          : ticket.escalationLevel;
    const levelName = this.deps.engine.desk(ticket.product, ticket.queue).escalation[level - 1]?.name ?? '';
    const tag = {
      routed: critical ? 'CRÍTICO · Línea P1 · ' : '',
      escalation: `ESCALADA A NIVEL ${level} · `,
      reminder: `RECORDATORIO: faltan ${notification.businessDaysLeft ?? '?'} día(s) hábil(es) · `,
    }[kind];
    const alert: EmailDocument['alert'] | undefined =
      kind === 'escalation'
        ? {
            tone: 'critical',
            text: `Esta solicitud fue escalada al nivel ${level} (${levelName}): ${history.findLast((h) => h.event === 'escalated')?.note ?? ''}`,
          }
        : kind === 'reminder'
          ? {
              tone: 'critical',
              text: `Faltan ${notification.businessDaysLeft ?? '?'} día(s) hábil(es) para el término legal (${when(routing.resolutionDueAt)}) y la PQRSA sigue sin respuesta.`,
            }
          : critical
            ? {
                tone: 'critical',
                text:
                  `Incidente crítico fuera del horario de soporte: el solicitante fue dirigido a la línea P1 ` +
                  `${routing.contactNow.value}. Atiende el nivel ${routing.escalationLevel} (${routing.escalation.name}).`,
              }
            : undefined;
    const title = {
      routed: `Nueva solicitud ${ticket.id}`,
      escalation: `Solicitud ${ticket.id} escalada al nivel ${level}`,
      reminder: `Recordatorio: PQRSA ${ticket.id} sin respuesta`,
    }[kind];
    return {
      subject: `[${ticket.id}] ${tag}${ticket.priority} · ${this.typeLabel(ticket.type, 'es')} · ${ticket.subject}`,
      document: {
        lang: 'es',
        preheader: `${this.productName(ticket.product)} · ${t.priorities[ticket.priority]} · ${ticket.subject}`,
        title,
        ...(alert ? { alert } : {}),
        intro: ticket.requesterEmailBounced
          ? [
              'Atención: el correo del solicitante rebotó; comuníquese por teléfono si lo dio, o por los datos del documento.',
            ]
          : [],
        facts: [
          [t.radicado, ticket.id],
          [t.product, this.productName(ticket.product)],
          [t.type, this.typeLabel(ticket.type, 'es')],
          [t.priority, t.priorities[ticket.priority]],
          [t.received, when(ticket.receivedAt)],
          ['Destino', `${DESTINATIONS[routing.destination]} · ${routing.mailbox}`],
          ['Nivel de escalamiento', `${level} · ${levelName}`],
          ['Estado', STATUS_ES[ticket.status]],
          [t.firstResponse, when(routing.firstResponseDueAt)],
          [routing.legalDueAt === null ? t.resolution : t.legal, when(routing.resolutionDueAt)],
          ['Solicitante', requester.name],
          ['Correo', requester.email],
          ...(requester.phone ? [['Teléfono', requester.phone] as const] : []),
          ...(requester.documentId ? [['Documento', requester.documentId] as const] : []),
          [
            'Consentimiento',
            `Ley 1581 de 2012, política ${ticket.consent.policyVersion}, ${when(ticket.consent.acceptedAt)}`,
          ],
        ],
        sections: [
          { heading: t.subject, text: ticket.subject },
          { heading: 'Descripción', text: ticket.description },
          { heading: 'Por qué llegó aquí', text: routing.reasons },
          ...(kind === 'routed'
            ? []
            : [
                {
                  heading: 'Historial',
                  text: history.map(
                    (h) => `${when(h.at)} · ${h.event} · ${h.by}${h.note ? ` · ${h.note}` : ''}`,
                  ),
                },
              ]),
        ],
        actions: this.actions(ticket, level, envelope.to[0]),
        footer: [
          `Los enlaces de acuse y solución sirven una sola vez, para este nivel, y vencen en ${linkLifetime(this.deps.actionLinkTtlMs ?? DEFAULT_LINK_TTL_MS)}; piden confirmación antes de actuar.`,
          'Responda a este correo para escribir directamente al solicitante.',
          'Mensaje automático del enrutador de solicitudes de Certicámara.',
        ],
      },
    };
  }

  /** Signed single-use links to acknowledge (while unacknowledged) and resolve the ticket, for one level. */
  private actions(ticket: Ticket, level: Ticket['escalationLevel'], to: string | undefined) {
    const links = this.deps.actionLinks;
    if (!links || !to || ticket.status === 'resolved') return [];
    const expiresAt = (this.deps.now ?? Date.now)() + (this.deps.actionLinkTtlMs ?? DEFAULT_LINK_TTL_MS);
    const href = (action: 'acknowledge' | 'resolve') =>
      `${this.deps.publicBaseUrl}/actions?token=${links.issue({ ticketId: ticket.id, action, level, to, expiresAt })}`;
    return [
      ...(ticket.status === 'received' ? [{ label: 'Acusar recibo', href: href('acknowledge') }] : []),
      { label: 'Resolver', href: href('resolve') },
    ];
  }

  /** The requester's resolution: the radicado and staff's note (nothing the submitter wrote: see acknowledgement). */
  private resolution({ ticket, history }: TicketRecord): { subject: string; document: EmailDocument } {
    const es = ticket.locale === 'es';
    const t = TEXT[ticket.locale];
    const resolved = history.findLast((h) => h.event === 'resolved');
    return {
      subject: es
        ? `Radicado ${ticket.id}: su solicitud fue resuelta`
        : `Reference ${ticket.id}: your request was resolved`,
      document: {
        lang: ticket.locale,
        preheader: es ? `Respuesta a su solicitud ${ticket.id}.` : `The answer to your request ${ticket.id}.`,
        title: es ? 'Su solicitud fue resuelta' : 'Your request was resolved',
        intro: [
          es
            ? `Hola. Resolvimos su solicitud ${ticket.id}. Esta es la respuesta:`
            : `Hello. We resolved your request ${ticket.id}. This is the answer:`,
        ],
        facts: [
          [t.radicado, ticket.id],
          [t.product, this.productName(ticket.product)],
          [t.type, this.typeLabel(ticket.type, ticket.locale)],
          [
            es ? 'Resuelta' : 'Resolved',
            formatForPeople(
              ticket.resolvedAt ?? resolved?.at ?? ticket.receivedAt,
              ticket.locale,
              ticket.receivedAt,
            ),
          ],
        ],
        sections: [{ heading: es ? 'Respuesta' : 'Answer', text: resolved?.note ?? '' }],
        actions: [
          {
            label: es ? 'Ver el estado de su solicitud' : 'See the status of your request',
            href: statusPageUrl(this.deps.publicBaseUrl, ticket.id, this.deps.tokens.issue(ticket.id)),
          },
        ],
        footer: [
          es
            ? 'Si la respuesta no resuelve su solicitud, conteste este correo citando el radicado.'
            : 'If this does not resolve your request, reply to this e-mail quoting the reference number.',
        ],
      },
    };
  }

  /**
   * The requester's acknowledgement: the radicado, the deadlines, the status link and what to do now. Nothing the
   * submitter wrote (name, subject, description) is repeated: anyone may type any address in a public form, and a
   * mail that carried their text would make the router a relay for it. The status page shows the rest, behind the
   * ticket's token.
   */
  private acknowledgement({ ticket }: TicketRecord): { subject: string; document: EmailDocument } {
    const locale = ticket.locale;
    const t = TEXT[locale];
    const { routing } = ticket;
    const when = (at: number) => formatForPeople(at, locale, ticket.receivedAt);
    const link = statusPageUrl(this.deps.publicBaseUrl, ticket.id, this.deps.tokens.issue(ticket.id));
    const es = locale === 'es';
    const contact = routing.contactNow;
    const options = contact.options?.length
      ? `, ${contact.options.map((o) => (es ? `opción ${o}` : `option ${o}`)).join(', ')}`
      : '';
    const alert: EmailDocument['alert'] =
      contact.channel === 'p1-line'
        ? {
            tone: 'critical',
            text: es
              ? `Si el incidente es crítico, llame ahora a la línea P1 ${contact.value} (7 días, 24 horas).`
              : `If the incident is critical, call the P1 line now: ${contact.value} (24/7).`,
          }
        : contact.channel === 'phone'
          ? {
              tone: 'info',
              text: es
                ? `Si necesita atención inmediata, llame al ${contact.value}${options}.`
                : `If you need attention right away, call ${contact.value}${options}.`,
            }
          : {
              tone: 'info',
              text: es
                ? `El canal telefónico está cerrado ahora; le responderemos desde ${routing.mailbox}.`
                : `The phone line is closed now; we will answer from ${routing.mailbox}.`,
            };
    return {
      subject: es
        ? `Radicado ${ticket.id}: recibimos su solicitud`
        : `Reference ${ticket.id}: we received your request`,
      document: {
        lang: locale,
        preheader: es ? `Su número de radicado es ${ticket.id}.` : `Your reference number is ${ticket.id}.`,
        title: es ? 'Recibimos su solicitud' : 'We received your request',
        alert,
        intro: [
          es
            ? `Hola. Su solicitud quedó radicada con el número ${ticket.id}; consérvelo para cualquier consulta. Si usted no la envió, ignore este mensaje.`
            : `Hello. Your request was filed under reference number ${ticket.id}; keep it for any follow-up. If you did not send it, ignore this message.`,
        ],
        facts: [
          [t.radicado, ticket.id],
          [t.product, this.productName(ticket.product)],
          [t.type, this.typeLabel(ticket.type, locale)],
          [t.priority, t.priorities[ticket.priority as Priority]],
          [t.received, when(ticket.receivedAt)],
          [t.firstResponse, when(routing.firstResponseDueAt)],
          [routing.legalDueAt === null ? t.resolution : t.legal, when(routing.resolutionDueAt)],
        ],
        sections: [],
        actions: [
          { label: es ? 'Ver el estado de su solicitud' : 'See the status of your request', href: link },
        ],
        footer: [
          es
            ? `Tratamos sus datos personales según la Ley 1581 de 2012 y nuestra política de tratamiento de datos (versión ${this.deps.privacyPolicyVersion}).`
            : `We process your personal data under Ley 1581 de 2012 and our personal-data policy (version ${this.deps.privacyPolicyVersion}).`,
          es
            ? 'Para responder sobre esta solicitud, conteste este correo.'
            : 'To follow up on this request, reply to this e-mail.',
        ],
      },
    };
  }

  private typeLabel(type: string, locale: Locale): string {
    return this.deps.engine.catalog.requestTypes.find((t) => t.id === type)?.label[locale] ?? type;
  }

  private productName(product: string): string {
    return this.deps.engine.catalog.products.find((p) => p.id === product)?.shortName ?? product;
  }
}

const DEFAULT_LINK_TTL_MS = 7 * 86_400_000;
const spanishPlural = new Intl.PluralRules('es');

/** How long action links work, as staff read it: whole days when it is a number of days, else hours. */
export function linkLifetime(ttlMs: number): string {
  const hours = Math.round(ttlMs / 3_600_000);
  const [n, one, many] = hours % 24 === 0 ? [hours / 24, 'día', 'días'] : [hours, 'hora', 'horas'];
  return `${n} ${spanishPlural.select(n) === 'one' ? one : many}`;
}

/** Plain ASCII (accents dropped, anything else removed), for SNS subjects. */
function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7E]/g, '');
}

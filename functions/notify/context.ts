// What the mail and page builders share: the composer's settings and the catalog's names as people read them.
import type { DownloadLinks } from '#domain/attachments.js';
import type { Catalog, Localized, TypeTerm } from '#domain/catalog.js';
import type { EscalationLadder } from '#domain/notifications.js';
import type { AccessTokens, ActionLinks } from '#domain/ports.js';
import type { Locale, Ticket } from '#domain/ticket.js';
import { statusPageUrl } from '../http/views.js';
import { MESSAGES } from '../i18n/messages.js';
import type { EmailDocument } from './layout.js';

/** The catalog data mail needs: product and request-type names. */
export type ComposerCatalog = Pick<Catalog, 'products' | 'requestTypes'>;

export interface ComposerDeps {
  readonly catalog: ComposerCatalog;
  /** Each product queue's escalation levels, whose names staff mail and pages give. */
  readonly ladder: EscalationLadder;
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
  /** Whether staff may still ask the requester to complete the ticket (the link is offered only then). */
  readonly mayRequestInfo?: (ticket: Ticket, at: number) => boolean;
  /** Signs the download links of a ticket's files; without it, staff mail lists none. */
  readonly attachmentLinks?: DownloadLinks;
}

/** A mail before the envelope and layout: its subject and its document. */
export interface Draft {
  readonly subject: string;
  readonly document: EmailDocument;
}

/** What a notice to the requester says beyond what every one carries (radicado, product, type, status link). */
export type RequesterNotice = Pick<EmailDocument, 'preheader' | 'title' | 'intro' | 'footer'> & {
  readonly subject: string;
  readonly facts?: EmailDocument['facts'];
  readonly sections?: EmailDocument['sections'];
};

export class MailContext {
  private readonly products: ReadonlyMap<string, string>;
  private readonly types: ReadonlyMap<string, Localized>;

  constructor(readonly deps: ComposerDeps) {
    this.products = new Map(deps.catalog.products.map((p) => [p.id, p.shortName]));
    this.types = new Map(deps.catalog.requestTypes.map((t) => [t.id, t.label]));
  }

  productName(product: string): string {
    return this.products.get(product) ?? product;
  }

  typeLabel(type: string, locale: Locale): string {
    return this.types.get(type)?.[locale] ?? type;
  }

  /** A PQRSA type's term, with its basis (law and article, by analogy, or company policy). */
  term(type: string): TypeTerm | undefined {
    return this.deps.catalog.requestTypes.find((t) => t.id === type)?.term;
  }

  /** The name of a level of the ticket's desk (the PQRSA desk's level 1 is the PQRSA team). */
  levelName(ticket: Pick<Ticket, 'product' | 'queue'>, level: number): string {
    return this.deps.ladder(ticket.product, ticket.queue)[level - 1]?.name ?? '';
  }

  /** The public (role) mailbox of a level of the ticket's desk, as the seeds publish it. */
  levelMailbox(ticket: Pick<Ticket, 'product' | 'queue'>, level: number): string | undefined {
    return this.deps.ladder(ticket.product, ticket.queue)[level - 1]?.emails[0];
  }

  /** A notice to the requester about their ticket, in their language: the radicado, product and type, then the rest. */
  requesterNotice(ticket: Ticket, notice: RequesterNotice): Draft {
    const { locale } = ticket;
    const m = MESSAGES[locale];
    const { subject, facts = [], sections = [], ...text } = notice;
    return {
      subject,
      document: {
        lang: locale,
        ...text,
        facts: [
          [m.facts.radicado, ticket.id],
          [m.facts.product, this.productName(ticket.product)],
          [m.facts.type, this.typeLabel(ticket.type, locale)],
          ...facts,
        ],
        sections,
        actions: [{ label: m.requester.statusLink, href: this.statusPage(ticket.id) }],
      },
    };
  }

  /** The requester's status page, with the ticket's token. */
  statusPage(ticketId: string): string {
    return statusPageUrl(this.deps.publicBaseUrl, ticketId, this.deps.tokens.issue(ticketId));
  }
}

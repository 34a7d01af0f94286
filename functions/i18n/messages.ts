// The server's words in Spanish and English: requester mail, staff mail and on-call pages. One table per locale
// (es.ts, en.ts), each typed as `Messages`, so neither compiles without every key; parameterised text is a function
// and counts go through `plural`. The browser keeps its own catalog (web/i18n.ts); the API's error messages stay
// with their codes (functions/http/messages.ts, domain/intake/messages.ts), which docs/api.md documents.
import type { Destination, Priority } from '#domain/catalog.js';
import type { LinkProblem } from '#domain/escalation/actions.js';
import type { ActionClaims } from '#domain/ports.js';
import type { Locale, TicketStatus } from '#domain/ticket.js';
import { en } from './en.js';
import { es } from './es.js';

/** What an on-call page says about a ticket; `received` is already formatted for people. */
export interface PageFacts {
  readonly id: string;
  readonly product: string;
  readonly priority: Priority;
  readonly received: string;
  readonly mailbox: string;
}

export interface Messages {
  /** Labels of a ticket's facts, as every mail lists them. */
  readonly facts: {
    readonly radicado: string;
    readonly product: string;
    readonly type: string;
    readonly priority: string;
    readonly received: string;
    readonly firstResponse: string;
    readonly resolution: string;
    readonly legal: string;
    /** A PQRSA type's term set by company policy rather than law. */
    readonly policyTerm: string;
    readonly resolved: string;
    readonly destination: string;
    readonly escalationLevel: string;
    readonly status: string;
    readonly requester: string;
    readonly email: string;
    readonly phone: string;
    readonly document: string;
    readonly consent: string;
  };
  readonly priorities: Readonly<Record<Priority, string>>;
  /** A ticket's status as people read it (mail, pages and the staff action pages). */
  readonly statuses: Readonly<Record<TicketStatus, string>>;
  readonly destinations: Readonly<Record<Destination, string>>;
  /** A span of time, e.g. how long a mail's action links work. */
  readonly duration: {
    readonly days: (n: number) => string;
    readonly hours: (n: number) => string;
  };
  readonly sections: {
    readonly subject: string;
    readonly description: string;
    readonly reasons: string;
    readonly history: string;
    readonly answer: string;
  };
  /** Notices to staff: a new ticket, an escalation, a PQRSA reminder. */
  readonly staff: {
    readonly tags: {
      readonly critical: string;
      readonly escalation: (level: number) => string;
      readonly reminder: (businessDaysLeft: number | undefined) => string;
      readonly completed: string;
    };
    readonly titles: {
      readonly routed: (id: string) => string;
      readonly escalation: (id: string, level: number) => string;
      readonly reminder: (id: string) => string;
      readonly completed: (id: string) => string;
    };
    readonly alerts: {
      readonly escalated: (level: number, levelName: string, note: string) => string;
      readonly reminder: (businessDaysLeft: number | undefined, due: string) => string;
      readonly critical: (p1Line: string, level: number, levelName: string) => string;
      /** The requester completed the request: the legal term resumes until `due`. */
      readonly completed: (due: string) => string;
    };
    readonly bounced: string;
    readonly consent: (policyVersion: string, acceptedAt: string) => string;
    readonly actions: {
      readonly acknowledge: string;
      readonly resolve: string;
      readonly requestInfo: string;
      /** A habeas-data reclamo: confirm the supresión of the requester's data. */
      readonly erase: string;
    };
    readonly footer: {
      readonly links: (lifetime: string) => string;
      /** Replying answers the requester through the router (the Reply-To is the ticket's staff address). */
      readonly reply: string;
      /** What `#nota` and `#resolver` at the start of a reply do. */
      readonly commands: string;
      readonly automatic: string;
    };
  };
  /** On-call pages (SNS): a P1-line route, an escalation. */
  readonly pages: {
    readonly critical: {
      readonly subject: (p: PageFacts) => string;
      readonly lines: (
        p: PageFacts & { level: number; levelName: string; firstResponse: string; p1Line: string },
      ) => readonly string[];
    };
    readonly escalated: {
      readonly subject: (p: PageFacts & { level: number }) => string;
      readonly lines: (
        p: PageFacts & { level: number; levelName: string; status: string },
      ) => readonly string[];
    };
  };
  /** Mail to the person who asked. */
  readonly requester: {
    readonly statusLink: string;
    /** The mark a habeas-data reclamo carries on the requester's record until decided (Ley 1581 art. 15). */
    readonly claimInProgress: string;
    /** Every mail about their ticket: replying adds to it (the Reply-To is the ticket's requester address). */
    readonly reply: string;
    readonly acknowledgement: {
      readonly subject: (id: string) => string;
      readonly preheader: (id: string) => string;
      readonly title: string;
      readonly intro: (id: string) => string;
      readonly callP1: (line: string) => string;
      readonly callPhone: (phone: string, options: readonly string[]) => string;
      readonly phoneClosed: (mailbox: string) => string;
      /** The policy version, and the first 12 characters of the notice's hash when the consent recorded one. */
      readonly privacy: (policyVersion: string, notice?: string) => string;
    };
    readonly resolution: {
      readonly subject: (id: string) => string;
      readonly preheader: (id: string) => string;
      readonly title: string;
      readonly intro: (id: string) => string;
      readonly footer: string;
      /** PQRSA only: how to appeal, and the authority to turn to. */
      readonly appeal: (id: string, formUrl: string) => string;
      readonly authority: string;
    };
    /** When staff acknowledge: who handles the request, by role and its public mailbox. */
    readonly handling: {
      readonly subject: (id: string) => string;
      readonly preheader: (id: string) => string;
      readonly title: string;
      readonly intro: (id: string, role: string, level: number) => string;
      readonly mailbox: string;
    };
    readonly lookup: {
      readonly subject: string;
      readonly preheader: string;
      readonly title: string;
      readonly intro: (openRequests: number) => string;
      readonly footer: string;
    };
    /** A copy of the requester's tickets as held (the right to know, Ley 1581 art. 8 a). */
    readonly export: {
      readonly subject: string;
      readonly preheader: string;
      readonly title: string;
      readonly intro: (requests: number) => string;
      readonly footer: string;
      readonly labels: {
        readonly subject: string;
        readonly description: string;
        readonly name: string;
        readonly email: string;
        readonly phone: string;
        readonly document: string;
        readonly consent: (policyVersion: string, acceptedAt: string) => string;
        readonly history: string;
      };
    };
  };
  /** The staff action pages (`GET`/`POST /actions`): a link's confirmation, its outcome, or why it was refused. */
  readonly actionPages: {
    readonly problems: Readonly<Record<LinkProblem, { readonly title: string; readonly text: string }>>;
    readonly actions: Readonly<
      Record<
        ActionClaims['action'],
        { readonly title: string; readonly button: string; readonly done: string }
      >
    >;
    readonly outcome: Readonly<Record<ActionClaims['action'], string>>;
    readonly nothingChanged: string;
    readonly alreadyClosed: (status: string) => string;
    readonly nameLabel: string;
    readonly noteLabel: string;
    readonly summary: {
      readonly radicado: string;
      readonly subject: string;
      readonly priority: string;
      readonly status: string;
      readonly level: string;
      readonly received: string;
      readonly sentTo: string;
      readonly expires: string;
    };
    readonly recipient: (to: string, level: number) => string;
  };
  /** The extension (prórroga) of a PQRSA's legal term: the staff link and its form, and the requester's mail. */
  readonly extension: {
    readonly staffLink: string;
    readonly reasonsLabel: string;
    readonly dueDateLabel: (current: string, max: string) => string;
    /** How a form error names its field. */
    readonly fields: { readonly reasons: string; readonly dueDate: string };
    readonly requester: {
      readonly subject: (id: string) => string;
      readonly preheader: (id: string) => string;
      readonly title: string;
      /** `basis`: the term's law and article, or company policy (domain/terms.ts). */
      readonly intro: (id: string, when: string, basis: string) => string;
      readonly newDue: string;
      readonly reasons: string;
      readonly footer: string;
    };
  };
  /** The confirmation page of a supresión (Ley 1581 art. 15): the requester's tickets it erases or keeps. */
  readonly suppression: {
    readonly intro: (closed: number) => string;
    readonly closedLegend: string;
    readonly keepLabel: (id: string) => string;
    readonly keepReasonLabel: string;
    readonly open: (ids: string) => string;
    readonly answerLabel: string;
    readonly fields: { readonly keepReason: string };
  };
  /** Replies by e-mail: a staff member's reply sent on to the requester, the requester's forwarded to staff. */
  readonly conversation: {
    readonly staffReply: {
      readonly subject: (id: string) => string;
      readonly preheader: (id: string) => string;
      readonly title: string;
      /** Who answered, by role and level only. */
      readonly intro: (id: string, role: string, level: number) => string;
      readonly message: string;
      readonly footer: string;
    };
    readonly requesterReply: {
      readonly tag: string;
      readonly title: (id: string) => string;
      readonly alert: (reopened: boolean) => string;
      readonly message: string;
    };
  };
  /** The incomplete request (Ley 1755 art. 17; Ley 1581 art. 15): staff's form, the requester's two mails. */
  readonly completion: {
    readonly whatLabel: string;
    /** The confirmation page: until when staff may ask, the business days the term keeps, the requester's deadline. */
    readonly bounds: (askBy: string, daysLeft: number, answerDue: string) => string;
    readonly fields: { readonly what: string };
    readonly answer: string;
    readonly request: {
      readonly subject: (id: string) => string;
      readonly preheader: (id: string) => string;
      readonly title: string;
      /** `basis`: the law and article the request is made under. */
      readonly intro: (id: string, answerDue: string, basis: string) => string;
      readonly asked: string;
      readonly answerDue: string;
      readonly footer: string;
    };
    readonly withdrawal: {
      readonly subject: (id: string) => string;
      readonly preheader: (id: string) => string;
      readonly title: string;
      readonly intro: (id: string, deadline: string, basis: string) => string;
      readonly footer: (formUrl: string) => string;
    };
  };
}

export const MESSAGES: Readonly<Record<Locale, Messages>> = { es, en };

/** Staff read the router's mail and pages in Spanish. */
export const STAFF_LOCALE: Locale = 'es';

/** A ticket's status in staff's language (mail, pages and the action pages). */
export const STATUS_ES: Messages['statuses'] = es.statuses;

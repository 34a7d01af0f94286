// GET /staff/tickets/{id}: one ticket for staff (routing, deadlines, requester, history, files) with the actions its
// state allows as forms; POST /staff/tickets/{id}/{action} performs one (domain/staff/actions.ts) and comes back here.
// The console's handler checked the session and, for a POST, the CSRF token. A ticket of a queue the person does not
// act for gets the same 404 as an unknown radicado.
import { attachmentsOf, downloadLink } from '#domain/attachments.js';
import { NotFoundError } from '#domain/errors.js';
import { legalDueAtOf } from '#domain/escalation/extension.js';
import { actsFor } from '#domain/inbound/directory.js';
import { type ConsoleForm, isConsoleAction, performConsoleAction } from '#domain/staff/actions.js';
import type { HistoryEntry, Locale, TicketRecord } from '#domain/ticket.js';
import { formatInstant } from '#domain/time/instant.js';
import { formatForPeople } from '#domain/time/readable.js';
import type { HttpResult } from '../kit.js';
import { REFUSAL_MESSAGES } from '../messages.js';
import { consolePage, notFoundPage } from './console-kit.js';
import type { ConsoleAuth, ConsoleDeps } from './deps.js';
import { e, seeOther, ticketPath, withLang } from './layout.js';
import { actionForms, type Shown, type View } from './ticket-forms.js';
import { TICKET_TEXT } from './ticket-text.js';

/** GET /staff/tickets/{id}; `flash` is the `done` query an action's redirect carries. */
export async function ticketPage(
  deps: ConsoleDeps,
  auth: ConsoleAuth,
  id: string,
  locale: Locale,
  flash?: string,
): Promise<HttpResult> {
  const record = await visible(deps, auth, id);
  if (!record) return notFound(auth, locale);
  return render(deps, auth, record, locale, flash && isConsoleAction(flash) ? { done: flash } : {});
}

/**
 * POST /staff/tickets/{id}/{action}: done → 303 back to the ticket with `done=<action>`; a form problem → 400 with the
 * form shown again, its values kept and each problem beside its field; refused (or changed meanwhile) → 409.
 */
export async function ticketAction(
  deps: ConsoleDeps,
  auth: ConsoleAuth,
  id: string,
  action: string,
  form: URLSearchParams,
  locale: Locale,
): Promise<HttpResult> {
  if (!isConsoleAction(action)) return notFound(auth, locale);
  const values: ConsoleForm = {
    note: form.get('note') ?? '',
    reasons: form.get('reasons') ?? '',
    dueDate: form.get('dueDate') ?? '',
    text: form.get('text') ?? '',
    internal: form.get('internal') !== null,
    reason: form.get('reason') ?? '',
  };
  let outcome: Awaited<ReturnType<typeof performConsoleAction>>;
  try {
    outcome = await performConsoleAction(deps, auth.identity, id, action, values);
  } catch (error) {
    if (error instanceof NotFoundError) return notFound(auth, locale);
    throw error;
  }
  if (outcome.ok) {
    const to = withLang(`${ticketPath(id)}?done=${action}`, locale);
    return seeOther(to);
  }
  const record = await visible(deps, auth, id);
  if (!record) return notFound(auth, locale);
  if (outcome.problem === 'form') {
    return render(deps, auth, record, locale, { failed: { action, issues: outcome.issues, values } }, 400);
  }
  const { refusal } = outcome;
  const reason = locale === 'es' ? refusal.message : REFUSAL_MESSAGES[refusal.reason].en;
  return render(deps, auth, record, locale, { refusal: reason }, 409);
}

/** The ticket, when the signed-in person acts for its queue. */
async function visible(deps: ConsoleDeps, auth: ConsoleAuth, id: string): Promise<TicketRecord | undefined> {
  const record = await deps.tickets.get(id);
  return record && actsFor(auth.identity, record.ticket) ? record : undefined;
}

/** The console's one "not found" page: a ticket of another queue reads exactly like an unknown radicado. */
const notFound = (auth: ConsoleAuth, locale: Locale) => notFoundPage({ auth, locale, path: '/staff' });

function render(
  deps: ConsoleDeps,
  auth: ConsoleAuth,
  record: TicketRecord,
  locale: Locale,
  shown: Shown,
  status = 200,
): HttpResult {
  const t = TICKET_TEXT[locale];
  const now = deps.clock.now();
  const view: View = {
    deps,
    ticket: record.ticket,
    t,
    locale,
    now,
    csrf: auth.session.csrf,
    shown,
    when: (at) => formatForPeople(at, locale, now),
  };
  return consolePage(
    { auth, locale, path: ticketPath(record.ticket.id) },
    `${t.sections.ticket} ${record.ticket.id}`,
    [
      notice(view),
      summary(view),
      deadlines(view),
      requester(view),
      history(view, record.history),
      attachments(view, record.history),
      section(t.sections.actions, actionForms(view)),
    ],
    status,
  );
}

function notice({ t, shown }: View): string {
  if (shown.done) return `<p role="status" class="note">${e(t.actions[shown.done].done)}</p>`;
  if (shown.refusal)
    return `<div role="alert" class="error"><p>${e(t.refused)}: ${e(shown.refusal)}</p></div>`;
  if (shown.failed) return `<div role="alert" class="error"><p>${e(t.errorsTitle)}</p></div>`;
  return '';
}

const section = (title: string, content: string) => `<section><h2>${e(title)}</h2>${content}</section>`;

/** A definition list of already-escaped values: rows whose value is undefined are left out. */
const list = (rows: readonly (readonly [string, string | undefined])[]) =>
  `<dl>${rows
    .filter((row): row is readonly [string, string] => row[1] !== undefined)
    .map(([k, v]) => `<dt>${e(k)}</dt><dd>${v}</dd>`)
    .join('')}</dl>`;

function summary({ ticket, t, when }: View): string {
  const f = t.fields;
  const status = `${t.statuses[ticket.status]}${ticket.closedAs === 'withdrawn' ? ` (${t.withdrawn})` : ''}`;
  const { routing } = ticket;
  return (
    section(
      t.sections.ticket,
      list([
        [f.radicado, e(ticket.id)],
        [f.subject, e(ticket.subject || t.none)],
        [f.description, e(ticket.description || t.none)],
        [f.product, e(ticket.product)],
        [f.type, e(ticket.type)],
        [f.priority, e(ticket.priority)],
        [f.status, e(status)],
        [f.level, e(String(ticket.escalationLevel))],
        [f.received, e(when(ticket.receivedAt))],
      ]),
    ) +
    section(
      t.sections.routing,
      list([
        [f.destination, e(routing.destination)],
        [f.mailbox, e(routing.mailbox)],
        [f.reasons, `<ul>${routing.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul>`],
      ]),
    )
  );
}

function deadlines({ deps, ticket, t, now, when }: View): string {
  const f = t.fields;
  const open = ticket.status !== 'resolved';
  const legal = legalDueAtOf(ticket);
  const request = ticket.infoRequest;
  const suspended = open && request !== undefined && request.answeredAt === undefined;
  const at = (instant: number | null | undefined) => (instant == null ? undefined : e(when(instant)));
  const done = (instant: number | undefined) =>
    instant === undefined ? '' : ` · ${e(t.answeredAt(when(instant)))}`;
  return section(
    t.sections.deadlines,
    list([
      [f.firstResponse, `${at(ticket.routing.firstResponseDueAt)}${done(ticket.acknowledgedAt)}`],
      [f.levelWindow, ticket.status === 'received' ? at(ticket.watch.responseDueAt) : undefined],
      [
        f.resolution,
        legal === null
          ? `${at(ticket.watch.resolutionDueAt ?? ticket.routing.resolutionDueAt)}${done(ticket.resolvedAt)}`
          : undefined,
      ],
      [
        f.legalTerm,
        legal === null
          ? undefined
          : open && !suspended
            ? e(t.businessDaysLeft(when(legal), deps.businessDays.countBetween(now, legal)))
            : `${at(legal)}${done(ticket.answeredAt)}`,
      ],
      [
        f.extension,
        ticket.extension &&
          e(
            t.extended(
              when(ticket.extension.previousDueAt),
              when(ticket.extension.dueAt),
              when(ticket.extension.at),
            ),
          ),
      ],
      [
        f.suspension,
        request &&
          e(
            request.answeredAt === undefined
              ? t.suspended(when(request.at), request.businessDaysLeft, when(request.answerDueAt))
              : t.resumed(
                  when(request.answeredAt),
                  when(request.resumedDueAt ?? legal ?? request.answeredAt),
                ),
          ),
      ],
      [f.nextDue, at(ticket.dueAt)],
    ]),
  );
}

function requester({ ticket, t }: View): string {
  const f = t.fields;
  const person = ticket.requester;
  const value = (text: string | undefined) =>
    ticket.erasedAt !== undefined ? e(t.erased) : e(text || t.none);
  const mail =
    ticket.erasedAt === undefined ? `<a href="mailto:${e(person.email)}">${e(person.email)}</a>` : value('');
  return section(
    t.sections.requester,
    list([
      [f.name, value(person.name)],
      [f.email, mail],
      [f.phone, value(person.phone)],
    ]),
  );
}

function history({ t, when }: View, entries: readonly HistoryEntry[]): string {
  if (entries.length === 0) return section(t.sections.history, `<p>${e(t.noHistory)}</p>`);
  const items = [...entries]
    .sort((a, b) => a.at - b.at)
    .map((h) => {
      const internal = h.event === 'note' ? ` <strong>${e(t.internal)}</strong>` : '';
      const note = h.note ? `<p>${e(h.note)}</p>` : '';
      const time = `<time datetime="${e(formatInstant(h.at))}">${e(when(h.at))}</time>`;
      return `<li>${time} · ${e(h.by)} · ${e(t.events[h.event])}${internal}${note}</li>`;
    });
  return section(t.sections.history, `<ol class="history">${items.join('')}</ol>`);
}

function attachments({ deps, ticket, t, now }: View, entries: readonly HistoryEntry[]): string {
  const files = attachmentsOf(entries);
  if (files.length === 0) return section(t.sections.attachments, `<p>${e(t.noAttachments)}</p>`);
  const link = deps.downloads && downloadLink(deps.downloads, '', now);
  const items = files.map((file) => {
    const name = link ? `<a href="${e(link(ticket.id, file.key))}">${e(file.name)}</a>` : e(file.name);
    return `<li>${name} (${e(t.size(Math.max(1, Math.round(file.size / 1024))))})</li>`;
  });
  return section(t.sections.attachments, `<ul>${items.join('')}</ul>`);
}

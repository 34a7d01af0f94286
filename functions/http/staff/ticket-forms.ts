// The ticket page's action forms (functions/http/staff/ticket-page.ts): only those the ticket's state allows, each
// posting to its own path with the session's CSRF token; a form sent back keeps its values and names each problem
// beside its field.

import type { FieldIssue } from '#domain/errors.js';
import { ESCALATION_REASON } from '#domain/escalation/actions.js';
import { COMPLETION_TEXT, infoRequestBounds } from '#domain/escalation/completion.js';
import { ActionRefused } from '#domain/escalation/policy.js';
import { fieldMessage } from '#domain/intake/messages.js';
import { LIMITS } from '#domain/intake/submission.js';
import type { ConsoleAction, ConsoleForm } from '#domain/staff/actions.js';
import type { Locale, Ticket } from '#domain/ticket.js';
import { formatInstant } from '#domain/time/instant.js';
import type { ConsoleDeps } from './deps.js';
import { e, ticketPath, withLang } from './layout.js';
import type { TicketText } from './ticket-text.js';

/** What the page shows beyond the ticket: the action just done, a refusal, or a form sent back with its problems. */
export interface Shown {
  readonly done?: ConsoleAction;
  readonly refusal?: string;
  readonly failed?: {
    readonly action: ConsoleAction;
    readonly issues: readonly FieldIssue[];
    readonly values: ConsoleForm;
  };
}

/** What the page's parts read. */
export interface View {
  readonly deps: ConsoleDeps;
  readonly ticket: Ticket;
  readonly t: TicketText;
  readonly locale: Locale;
  readonly now: number;
  readonly csrf: string;
  readonly shown: Shown;
  readonly when: (at: number) => string;
}

/** `run`'s value, or undefined when the ticket's state refuses it (ActionRefused): the form is then not offered. */
function unlessRefused<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof ActionRefused) return undefined;
    throw error;
  }
}

/** The forms of the actions the ticket's state allows: once resolved, only a reply; once erased, none. */
export function actionForms(view: View): string {
  const { deps, ticket, t, now, when } = view;
  if (ticket.erasedAt !== undefined) return `<p>${e(t.noActions)}</p>`;
  const open = ticket.status !== 'resolved';
  const extension = open ? unlessRefused(() => deps.policy.extensionBounds(ticket, now)) : undefined;
  const info = open ? unlessRefused(() => infoRequestBounds(ticket, now, deps.policy.completion)) : undefined;
  const escalation = open ? unlessRefused(() => deps.policy.escalateByStaff(ticket, now, '', '')) : undefined;
  const day = (at: number) => formatInstant(at).slice(0, 10);
  const l = t.labels;
  const forms = [
    ticket.status === 'received' ? form(view, 'acknowledge', '') : '',
    form(
      view,
      'reply',
      field(view, 'reply', 'text', l.replyText, `maxlength="${LIMITS.description.max}" required`) +
        checkbox(view, l.internalNote),
    ),
    extension
      ? form(
          view,
          'extend',
          field(view, 'extend', 'reasons', l.extendReasons, 'minlength="10" maxlength="2000" required') +
            field(
              view,
              'extend',
              'dueDate',
              l.extendDueDate(when(extension.current), when(extension.max)),
              `min="${day(extension.current)}" max="${day(extension.max)}" required`,
            ),
        )
      : '',
    info
      ? form(
          view,
          'request-info',
          field(
            view,
            'request-info',
            'note',
            l.requestInfoNote(when(info.askBy), info.businessDaysLeft, when(info.answerDueAt)),
            `minlength="${COMPLETION_TEXT.min}" maxlength="${COMPLETION_TEXT.max}" required`,
          ),
        )
      : '',
    open
      ? form(
          view,
          'resolve',
          field(
            view,
            'resolve',
            'note',
            l.resolveNote,
            `minlength="10" maxlength="${LIMITS.description.max}" required`,
          ),
        )
      : '',
    escalation
      ? form(
          view,
          'escalate',
          field(
            view,
            'escalate',
            'reason',
            l.escalateReason(escalation.ticket.escalationLevel),
            `minlength="${ESCALATION_REASON.min}" maxlength="${ESCALATION_REASON.max}" required`,
          ),
        )
      : '',
  ];
  return `<div class="actions">${forms.join('')}</div>`;
}

/** One action's form: posts to its own path with the session's CSRF token; open when it came back with problems. */
function form({ ticket, t, locale, csrf, shown }: View, action: ConsoleAction, fields: string): string {
  const text = t.actions[action];
  const target = withLang(`${ticketPath(ticket.id)}/${action}`, locale);
  return (
    `<details${shown.failed?.action === action ? ' open' : ''}><summary>${e(text.title)}</summary>` +
    `<form method="post" action="${e(target)}"><input type="hidden" name="csrf" value="${e(csrf)}">` +
    `${fields}<button type="submit">${e(text.button)}</button></form></details>`
  );
}

type FieldName = 'text' | 'note' | 'reasons' | 'dueDate' | 'reason';

/** A labelled field; sent back with a problem, it keeps its value and names the problem (aria-describedby). */
function field(
  view: View,
  action: ConsoleAction,
  name: FieldName,
  label: string,
  attributes: string,
): string {
  const id = `${action}-${name}`;
  const failed = view.shown.failed?.action === action ? view.shown.failed : undefined;
  const value = e(failed?.values[name] ?? '');
  const issue = failed?.issues.find((i) => i.path === name);
  const problem = issue ? `<p id="${id}-error" class="error">${e(issueText(view, issue))}</p>` : '';
  const described = issue ? ` aria-describedby="${id}-error" aria-invalid="true"` : '';
  const control =
    name === 'dueDate'
      ? `<input id="${id}" name="${name}" type="date" ${attributes} value="${value}"${described}>`
      : `<textarea id="${id}" name="${name}" rows="5" ${attributes}${described}>${value}</textarea>`;
  return `<label for="${id}">${e(label)}</label>${problem}${control}`;
}

function checkbox(view: View, label: string): string {
  const failed = view.shown.failed;
  const checked = failed?.action === 'reply' && failed.values.internal ? ' checked' : '';
  return `<label class="check" for="reply-internal"><input id="reply-internal" name="internal" type="checkbox" value="1"${checked}> ${e(label)}</label>`;
}

function issueText({ t, locale }: View, issue: FieldIssue): string {
  return issue.path === 'text' && issue.code === 'not_allowed'
    ? t.commandInReply
    : fieldMessage(issue, locale);
}

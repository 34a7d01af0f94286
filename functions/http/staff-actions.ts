// GET /actions?token=… shows what a staff e-mail's link would do (acknowledge, resolve, extend a PQRSA's legal term,
// ask the requester to complete it) and asks for confirmation; POST /actions does it.
// Mail security scanners open every link in a message, so a GET never changes anything. Plain server-rendered
// HTML in Spanish (staff's language, from the message catalog), no script; every value is escaped.

import {
  type ActionDeps,
  EXTENSION_REASONS,
  inspectLink,
  type LinkProblem,
  performLinkAction,
} from '#domain/escalation/actions.js';
import { COMPLETION_TEXT, infoRequestBounds } from '#domain/escalation/completion.js';
import { fieldMessage } from '#domain/intake/messages.js';
import type { ActionClaims } from '#domain/ports.js';
import type { Ticket } from '#domain/ticket.js';
import { formatInstant } from '#domain/time/instant.js';
import { formatForPeople } from '#domain/time/readable.js';
import { MESSAGES, STAFF_LOCALE, STATUS_ES } from '../i18n/messages.js';
import { escapeHtml as e } from '../notify/layout.js';
import { type HttpEvent, type HttpHandler, type HttpResult, httpHandler, readFormBody } from './kit.js';
import { type Fields, refusedOr, suppressionFields } from './suppression-page.js';
import { PAGE_SECURITY_HEADERS } from './web.js';

const MAX_FORM_BYTES = 16_384;

/** Staff read these pages in Spanish, from the server's message catalog. */
const TEXT = MESSAGES[STAFF_LOCALE].actionPages;
const EXTENSION = MESSAGES[STAFF_LOCALE].extension;
const COMPLETION = MESSAGES[STAFF_LOCALE].completion;

const PROBLEM_STATUS: Readonly<Record<LinkProblem, number>> = {
  invalid: 400,
  expired: 410,
  used: 409,
  'not-found': 404,
};

export function staffActionsHandler(deps: ActionDeps): HttpHandler {
  return httpHandler('staff-actions', async (event) => {
    if (event.requestContext.http.method === 'POST') return post(deps, event);
    const token = event.queryStringParameters?.token ?? '';
    const checked = await inspectLink(deps, token);
    if (!checked.ok) return problem(checked.problem);
    return confirmation(deps, token, checked.claims, checked.ticket);
  });
}

async function post(deps: ActionDeps, event: HttpEvent): Promise<HttpResult> {
  let form: URLSearchParams;
  try {
    form = readFormBody(event, MAX_FORM_BYTES);
  } catch {
    return problem('invalid'); // not a form, too large, or not UTF-8
  }
  const token = form.get('token') ?? '';
  const name = form.get('name') ?? '';
  const note = form.get('note') ?? '';
  const reasons = form.get('reasons') ?? '';
  const dueDate = form.get('dueDate') ?? '';
  const keep = form.getAll('keep');
  const keepReason = form.get('keepReason') ?? '';
  const outcome = await performLinkAction(deps, token, { name, note, reasons, dueDate, keep, keepReason });
  if (outcome.ok) return done(outcome.claims, outcome.ticket);
  if (outcome.problem === 'refused') {
    return page(409, TEXT.nothingChanged, [`<p>${e(outcome.refusal.message)}</p>`]);
  }
  if (outcome.problem === 'form') {
    const errors = outcome.issues.map((f) => {
      const field =
        f.path === 'reasons' || f.path === 'dueDate'
          ? `${EXTENSION.fields[f.path]}: `
          : f.path === 'note' && outcome.claims.action === 'request-info'
            ? `${COMPLETION.fields.what}: `
            : f.path === 'keepReason'
              ? `${MESSAGES[STAFF_LOCALE].suppression.fields.keepReason}: `
              : '';
      return `${field}${fieldMessage(f, 'es')}`;
    });
    return confirmation(
      deps,
      token,
      outcome.claims,
      outcome.ticket,
      { name, note, reasons, dueDate, keep, keepReason, errors },
      400,
    );
  }
  return problem(outcome.problem);
}

interface FormValues {
  readonly name: string;
  readonly note: string;
  readonly reasons: string;
  readonly dueDate: string;
  readonly keep: readonly string[];
  readonly keepReason: string;
  readonly errors: readonly string[];
}

const EMPTY_FORM: FormValues = {
  name: '',
  note: '',
  reasons: '',
  dueDate: '',
  keep: [],
  keepReason: '',
  errors: [],
};

/** The fields an action's form adds (or why it is refused now): an extension, a request for information, a supresión. */
async function fieldsFor(
  deps: ActionDeps,
  claims: ActionClaims,
  ticket: Ticket,
  previous: FormValues,
): Promise<Fields> {
  switch (claims.action) {
    case 'extend':
      return extensionFields(deps, ticket, previous);
    case 'request-info':
      return infoRequestFields(deps, ticket, previous);
    case 'erase':
      return suppressionFields(deps, ticket, previous);
    default:
      return { html: '' };
  }
}

async function confirmation(
  deps: ActionDeps,
  token: string,
  claims: ActionClaims,
  ticket: Ticket,
  previous: FormValues = EMPTY_FORM,
  status = 200,
): Promise<HttpResult> {
  const verb = TEXT.actions[claims.action];
  const closed =
    ticket.status === 'resolved' || (claims.action === 'acknowledge' && ticket.status === 'acknowledged');
  const fields = closed ? { html: '' } : await fieldsFor(deps, claims, ticket, previous);
  const body = [
    summary(ticket, claims),
    closed
      ? `<p class="note">${e(TEXT.alreadyClosed(STATUS_ES[ticket.status]))}</p>`
      : fields.refused !== undefined
        ? `<p class="note">${e(fields.refused)}</p>`
        : [
            '<form method="post" action="/actions">',
            `<input type="hidden" name="token" value="${e(token)}">`,
            previous.errors.length > 0
              ? `<div role="alert" class="error">${previous.errors.map((m) => `<p>${e(m)}</p>`).join('')}</div>`
              : '',
            `<label for="name">${e(TEXT.nameLabel)}</label>`,
            `<input id="name" name="name" maxlength="120" autocomplete="name" value="${e(previous.name)}">`,
            claims.action === 'resolve'
              ? `<label for="note">${e(TEXT.noteLabel)}</label>` +
                `<textarea id="note" name="note" rows="6" minlength="10" maxlength="5000" required>${e(previous.note)}</textarea>`
              : '',
            fields.html,
            `<button type="submit">${e(verb.button)}</button>`,
            '</form>',
          ].join(''),
  ];
  return page(status, `${verb.title}: ${ticket.id}`, body);
}

/**
 * An extension's fields: the reasons and the new date, between the term in force and the type's maximum; or, when
 * the term cannot be extended (extended already, over, not extendable), why not. Reads only: a GET changes nothing.
 */
function extensionFields(deps: ActionDeps, ticket: Ticket, previous: FormValues): Promise<Fields> {
  return refusedOr(() => {
    const bounds = deps.policy.extensionBounds(ticket, deps.clock.now());
    const day = (at: number) => formatInstant(at).slice(0, 10);
    const label = EXTENSION.dueDateLabel(
      formatForPeople(bounds.current, STAFF_LOCALE),
      formatForPeople(bounds.max, STAFF_LOCALE),
    );
    return (
      `<label for="reasons">${e(EXTENSION.reasonsLabel)}</label>` +
      `<textarea id="reasons" name="reasons" rows="6" minlength="${EXTENSION_REASONS.min}" maxlength="${EXTENSION_REASONS.max}" required>${e(previous.reasons)}</textarea>` +
      `<label for="dueDate">${e(label)}</label>` +
      `<input id="dueDate" name="dueDate" type="date" required min="${day(bounds.current)}" max="${day(bounds.max)}" value="${e(previous.dueDate)}">`
    );
  });
}

/**
 * A request for information's field: what is missing, with until when it may be asked, the days the term keeps and
 * the requester's deadline; or, when it may not be asked (asked already, too late, no legal term), why not.
 */
function infoRequestFields(deps: ActionDeps, ticket: Ticket, previous: FormValues): Promise<Fields> {
  return refusedOr(() => {
    const bounds = infoRequestBounds(ticket, deps.clock.now(), deps.policy.completion);
    const when = (at: number) => formatForPeople(at, STAFF_LOCALE);
    return (
      `<p class="note">${e(COMPLETION.bounds(when(bounds.askBy), bounds.businessDaysLeft, when(bounds.answerDueAt)))}</p>` +
      `<label for="note">${e(COMPLETION.whatLabel)}</label>` +
      `<textarea id="note" name="note" rows="6" minlength="${COMPLETION_TEXT.min}" maxlength="${COMPLETION_TEXT.max}" required>${e(previous.note)}</textarea>`
    );
  });
}

function done(claims: ActionClaims, ticket: Ticket): HttpResult {
  return page(200, `${TEXT.actions[claims.action].done}: ${ticket.id}`, [
    `<p>${e(TEXT.outcome[claims.action])}</p>`,
    summary(ticket, claims),
  ]);
}

function summary(ticket: Ticket, claims: ActionClaims): string {
  const label = TEXT.summary;
  const rows: [string, string][] = [
    [label.radicado, ticket.id],
    [label.subject, ticket.subject],
    [label.priority, ticket.priority],
    [label.status, STATUS_ES[ticket.status]],
    [label.level, String(ticket.escalationLevel)],
    [label.received, formatForPeople(ticket.receivedAt, STAFF_LOCALE)],
    [label.sentTo, TEXT.recipient(claims.to, claims.level)],
    [label.expires, formatForPeople(claims.expiresAt, STAFF_LOCALE)],
  ];
  return `<dl>${rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>`;
}

function problem(kind: LinkProblem): HttpResult {
  const { title, text } = TEXT.problems[kind];
  return page(PROBLEM_STATUS[kind], title, [`<p>${e(text)}</p>`]);
}

export function page(statusCode: number, title: string, body: readonly string[]): HttpResult {
  const html = `<!doctype html><html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${e(title)} · Certicámara</title><style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2733;overflow-wrap:anywhere}
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}dd{margin:0}label{display:block;font-weight:600;margin:1rem 0 .25rem}
input,textarea{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #8a96a3;border-radius:4px}
button{font:inherit;font-weight:700;margin-top:1rem;padding:.75rem 1rem;border:0;border-radius:4px;background:#0b4f8a;color:#fff;width:100%}
.error{color:#a4161a;font-weight:600}.check{font-weight:400}.check input{width:auto;margin-right:.5rem}
fieldset{border:1px solid #8a96a3;border-radius:4px;margin-top:1rem}.note{background:#eef3f8;padding:.75rem;border-radius:6px}
</style></head><body><main><h1>${e(title)}</h1>${body.join('')}</main></body></html>`;
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      ...PAGE_SECURITY_HEADERS,
    },
    body: html,
  };
}

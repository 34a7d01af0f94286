// GET /staff/search?q=: a radicado goes to its ticket page (when the person may see it; otherwise the one "not found"
// page), an e-mail lists that requester's tickets in the person's queues (an exact match through the requester index,
// never a scan). What was searched for is personal data: it is never logged.
import * as z from 'zod/mini';
import { actsFor } from '#domain/inbound/directory.js';
import { parseRadicado } from '#domain/radicado.js';
import type { TicketRecord } from '#domain/ticket.js';
import { formatForPeople } from '#domain/time/readable.js';
import { MESSAGES } from '../../i18n/messages.js';
import type { HttpResult } from '../kit.js';
import { type ConsoleView, consolePage, notFoundPage } from './console-kit.js';
import { CONSOLE_TEXT } from './console-text.js';
import type { ConsoleDeps } from './deps.js';
import { e, langField, seeOther, ticketPath, withLang } from './layout.js';

const EMAIL = z.email();
const MAX_Q = 254;

export async function searchPage(
  deps: ConsoleDeps,
  view: Omit<ConsoleView, 'path'>,
  q: string | undefined,
): Promise<HttpResult> {
  const t = CONSOLE_TEXT[view.locale];
  const text = (q ?? '').trim();
  const page = {
    ...view,
    path: text ? `/staff/search?${new URLSearchParams({ q: text })}` : '/staff/search',
  };
  if (!text) return consolePage(page, t.searchTitle, [searchForm(view, '')]);
  const identity = view.auth.identity;
  const id = text.toUpperCase();
  if (parseRadicado(id)) {
    const record = await deps.tickets.get(id);
    if (!record || !actsFor(identity, record.ticket)) return notFoundPage(page);
    return seeOther(withLang(ticketPath(id), view.locale));
  }
  if (text.length > MAX_Q || !EMAIL.safeParse(text).success) {
    const error = `<p class="error" role="alert" id="q-error">${e(t.searchBad)}</p>`;
    return consolePage(page, t.searchTitle, [searchForm(view, text, true), error], 400);
  }
  const products = [...new Set(identity.queues.map((q) => q.product))];
  const records = (await deps.tickets.listByRequester(text.toLowerCase(), products)).filter((r) =>
    actsFor(identity, r.ticket),
  );
  return consolePage(page, t.searchTitle, [searchForm(view, text), results(records, view)]);
}

function searchForm(view: Omit<ConsoleView, 'path'>, value: string, invalid = false): string {
  const t = CONSOLE_TEXT[view.locale];
  const lang = langField(view.locale);
  const aria = invalid
    ? ' aria-invalid="true" aria-describedby="q-hint q-error"'
    : ' aria-describedby="q-hint"';
  return `<form method="get" action="/staff/search" role="search"><label for="q">${e(t.searchLabel)}</label><input id="q" name="q" type="search" maxlength="${MAX_Q}" value="${e(value)}" required${aria}><p id="q-hint">${e(t.searchHint)}</p>${lang}<button type="submit">${e(t.searchButton)}</button></form>`;
}

function results(records: readonly TicketRecord[], view: Omit<ConsoleView, 'path'>): string {
  const t = CONSOLE_TEXT[view.locale];
  const m = MESSAGES[view.locale];
  if (records.length === 0) return `<p class="note" role="status">${e(t.searchNone)}</p>`;
  const c = t.columns;
  const head = [c.radicado, c.subject, c.queue, c.type, c.status]
    .map((h) => `<th scope="col">${e(h)}</th>`)
    .join('');
  const rows = records.map(({ ticket }) => {
    const link = `<a href="${e(withLang(ticketPath(ticket.id), view.locale))}">${e(ticket.id)}</a>`;
    const received = formatForPeople(ticket.receivedAt, view.locale);
    return `<tr><td data-label="${e(c.radicado)}">${link}<br><small>${e(received)}</small></td><td data-label="${e(c.subject)}">${e(ticket.subject || t.erased)}</td><td data-label="${e(c.queue)}">${e(ticket.product)} · ${e(t.queues[ticket.queue])}</td><td data-label="${e(c.type)}">${e(ticket.type)}</td><td data-label="${e(c.status)}">${e(m.statuses[ticket.status])}</td></tr>`;
  });
  return `<p role="status">${e(t.searchResults(records.length))}</p><table class="cards"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

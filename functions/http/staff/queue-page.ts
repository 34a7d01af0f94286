// GET /staff: the open tickets of the queues the signed-in person acts for, soonest deadline first, with filters.
// Each permitted queue is read from the queue index in parallel (never a scan); a queue the filters leave out is not
// read at all.
import { ESCALATION_LEVELS, QUEUES } from '#domain/catalog.js';
import { ValidationError } from '#domain/errors.js';
import {
  FILTER_FIELDS,
  parseQueueFilters,
  type QueueFilters,
  type QueueRow,
  queueRows,
  queuesToRead,
} from '#domain/staff/queue.js';
import type { Locale } from '#domain/ticket.js';
import { formatForPeople } from '#domain/time/readable.js';
import { MESSAGES } from '../../i18n/messages.js';
import type { HttpResult } from '../kit.js';
import { type ConsoleView, consolePage } from './console-kit.js';
import { CONSOLE_TEXT, type ConsoleText } from './console-text.js';
import type { ConsoleDeps } from './deps.js';
import { e, langField, ticketPath, withLang } from './layout.js';

/** At most this many tickets per product queue on one page: the most urgent, as the index orders them. */
export const QUEUE_PAGE_LIMIT = 200;

const TERM_CHOICES = [0, 1, 2, 3, 5, 10, 15, 30];

type Query = Readonly<Record<string, string | undefined>>;

export async function queuePage(
  deps: ConsoleDeps,
  view: Omit<ConsoleView, 'path'>,
  query: Query,
): Promise<HttpResult> {
  const t = CONSOLE_TEXT[view.locale];
  const given = Object.fromEntries(FILTER_FIELDS.map((f) => [f, query[f]?.trim() ?? ''])) as Record<
    (typeof FILTER_FIELDS)[number],
    string
  >;
  const path = pathOf(given);
  const page = { ...view, path };
  let filters: QueueFilters;
  try {
    filters = parseQueueFilters(query);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const fields = [...new Set(error.fields.map((f) => f.path))] as (keyof ConsoleText['filterHelp'])[];
    const items = fields.map(
      (f) => `<li>${e(t.filterFields[f] ?? f)} (${e(f)}): ${e(t.filterHelp[f] ?? '')}</li>`,
    );
    const errors = `<div class="error" role="alert"><p>${e(t.filterErrors)}</p><ul>${items.join('')}</ul></div>`;
    return consolePage(page, t.queueTitle, [errors, filterForm(view, given, [])], 400);
  }
  const identity = view.auth.identity;
  if (identity.queues.length === 0) {
    return consolePage(page, t.queueTitle, [`<p class="note">${e(t.noQueues)}</p>`]);
  }
  const refs = queuesToRead(identity, filters);
  const listings = await Promise.all(
    refs.map(async (ref) => ({ ref, entries: await deps.queries.listQueue(ref, QUEUE_PAGE_LIMIT) })),
  );
  const now = deps.clock.now();
  const rows = queueRows(identity, listings, filters, now, deps.businessDays);
  const types = [...new Set([...rows.map((r) => r.type), ...(filters.type ? [filters.type] : [])])].sort();
  return consolePage(page, t.queueTitle, [
    filterForm(view, given, types),
    `<p role="status">${e(t.count(rows.length))}</p>`,
    // A queue that filled the page has more: say so rather than let the count pass for the queue's size.
    listings.some((l) => l.entries.length >= QUEUE_PAGE_LIMIT)
      ? `<p class="note">${e(t.capped(QUEUE_PAGE_LIMIT))}</p>`
      : '',
    rows.length === 0 ? `<p class="note">${e(t.empty)}</p>` : queueTable(rows, view.locale, now),
  ]);
}

/** `/staff` with the filters given (empty ones dropped), for the language switch. */
function pathOf(given: Readonly<Record<string, string>>): string {
  const search = new URLSearchParams();
  for (const [field, value] of Object.entries(given)) if (value) search.set(field, value);
  const text = search.toString();
  return text ? `/staff?${text}` : '/staff';
}

function select(
  name: string,
  label: string,
  options: readonly (readonly [value: string, text: string])[],
  current: string,
): string {
  const choices = options.map(
    ([value, text]) =>
      `<option value="${e(value)}"${value === current ? ' selected' : ''}>${e(text)}</option>`,
  );
  return `<div><label for="f-${name}">${e(label)}</label><select id="f-${name}" name="${name}">${choices.join('')}</select></div>`;
}

function filterForm(
  view: Omit<ConsoleView, 'path'>,
  given: Readonly<Record<(typeof FILTER_FIELDS)[number], string>>,
  types: readonly string[],
): string {
  const t = CONSOLE_TEXT[view.locale];
  const f = t.filterFields;
  const products = [...new Set(view.auth.identity.queues.map((q) => q.product))].sort();
  const withCurrent = (values: readonly string[], current: string) =>
    current && !values.includes(current) ? [...values, current] : values;
  const terms = withCurrent(TERM_CHOICES.map(String), given.termWithin);
  const selects = [
    select('product', f.product, [['', t.all], ...products.map((p) => [p, p] as const)], given.product),
    select(
      'queue',
      f.queue,
      [['', t.allQueues], ...QUEUES.map((q) => [q, t.queues[q]] as const)],
      given.queue,
    ),
    select(
      'type',
      f.type,
      [['', t.all], ...withCurrent(types, given.type).map((x) => [x, x] as const)],
      given.type,
    ),
    select(
      'level',
      f.level,
      [['', t.all], ...ESCALATION_LEVELS.map((l) => [String(l), String(l)] as const)],
      given.level,
    ),
    select(
      'overdue',
      f.overdue,
      [
        ['', t.all],
        ['1', t.onlyOverdue],
      ],
      given.overdue,
    ),
    select('termWithin', f.termWithin, [['', t.all], ...terms.map((d) => [d, d] as const)], given.termWithin),
  ];
  const lang = langField(view.locale);
  return `<form method="get" action="/staff" aria-label="${e(t.filters)}"><div class="filters">${selects.join('')}${lang}<div><button type="submit">${e(t.apply)}</button></div></div></form>`;
}

function queueTable(rows: readonly QueueRow[], locale: Locale, now: number): string {
  const t = CONSOLE_TEXT[locale];
  const c = t.columns;
  const m = MESSAGES[locale];
  const head = [c.radicado, c.subject, c.queue, c.type, c.priority, c.status, c.level, c.due, c.term]
    .map((h) => `<th scope="col">${e(h)}</th>`)
    .join('');
  const cell = (label: string, html: string, attrs = '') =>
    `<td data-label="${e(label)}"${attrs}>${html}</td>`;
  const body = rows.map((row) => {
    const link = `<a href="${e(withLang(ticketPath(row.id), locale))}">${e(row.id)}</a>`;
    const due =
      row.dueAt === null || row.timeLeftMs === null
        ? e(t.nothingDue)
        : `<time datetime="${new Date(row.dueAt).toISOString()}" title="${e(formatForPeople(row.dueAt, locale, now))}">${e(
            row.timeLeftMs < 0 ? t.overdueBy(row.timeLeftMs) : t.dueIn(row.timeLeftMs),
          )}</time>`;
    return `<tr>${[
      cell(c.radicado, link),
      cell(c.subject, e(row.subject || t.erased)),
      cell(c.queue, `${e(row.product)} · ${e(t.queues[row.queue])}`),
      cell(c.type, e(row.type)),
      cell(c.priority, e(m.priorities[row.priority])),
      cell(c.status, e(m.statuses[row.status])),
      cell(c.level, String(row.level)),
      cell(c.due, due, row.timeLeftMs !== null && row.timeLeftMs < 0 ? ' class="overdue"' : ''),
      cell(c.term, termText(row, t)),
    ].join('')}</tr>`;
  });
  return `<table class="cards"><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function termText(row: QueueRow, t: ConsoleText): string {
  const term = row.legalTerm;
  if (term === null) return '—';
  switch (term.state) {
    case 'running':
      return `<span${term.businessDaysLeft <= 2 ? ' class="soon"' : ''}>${e(t.termLeft(term.businessDaysLeft))}</span>`;
    case 'overdue':
      return `<span class="overdue">${e(t.termOverdue(term.businessDaysLate))}</span>`;
    case 'suspended':
      return e(t.termSuspended);
    case 'answered':
      return e(t.termAnswered);
  }
}

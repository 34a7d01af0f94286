// The re-index: what a ticket's state item keeps only for the indexes, derived again from the ticket itself. A table
// written by an earlier version lacks some of it, and a new REQUESTER_HASH_SECRET outdates the rest:
// - the summary and the first answer's time (`answeredAt`), kept since the staff console; the first answer is the
//   history's first `resolved` entry;
// - the byDueTime keys: open tickets sat under DUE#<product>, which neither the console nor the sweeper reads now
//   that each product queue has its partition;
// - a PQRSA's byMonth keys, which the compliance report reads;
// - given the key, `rh`, the keyed hash of the requester's address (after the key changed; docs/operations.md).
// Each ticket is updated on the condition that its version did not move; one that moved is read and checked again.
// `npm run reindex` (scripts/reindex.ts) runs it; docs/deploy.md says when.
import { isDeepStrictEqual } from 'node:util';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { firstAnswerAt, summaryOf } from '#domain/staff/summary.js';
import type { HistoryEntry } from '#domain/ticket.js';
import type { RequesterHash } from '../requester-hash.js';
import { idOf, TABLE } from '../table.js';
import { dueIndexKeys, historyFrom, isBodyItem, isHistoryItem, ticketFrom, ticketItems } from './items.js';
import { monthIndexKeys } from './summary-item.js';
import { type Item, type TableClient, Update } from './table-client.js';

/** The attributes the re-index may write, besides moving the version: nothing else of an item is touched. */
export const DERIVED_FIELDS = [
  'summary',
  'answeredAt',
  TABLE.byDueTime.partitionKey,
  TABLE.byDueTime.sortKey,
  TABLE.byMonth.partitionKey,
  TABLE.byMonth.sortKey,
  'rh',
] as const;
export type DerivedField = (typeof DERIVED_FIELDS)[number];

/**
 * What a ticket's state item should hold and does not, by attribute (empty: it is current). `items` are the ticket's
 * items as one Query reads them (state, body, history). `requesterHash`, when given, is the key `rh` must be under;
 * a ticket whose personal data was erased keeps no `rh`, and none is added.
 */
export function staleFields(
  items: readonly Item[],
  requesterHash?: RequesterHash,
): Partial<Record<DerivedField, unknown>> {
  const state = items.find((i) => i.entity === 'ticket');
  const body = items.find(isBodyItem);
  if (!state || !body) return {};
  const { ticket: read, received } = ticketFrom(state, body, idOf(state));
  const history: HistoryEntry[] = [received, ...items.filter(isHistoryItem).map(historyFrom)];
  // The history is the authority: a ticket reopened before answeredAt was kept, and resolved again since, holds the
  // second answer's time.
  const answers = [read.answeredAt, firstAnswerAt(history)].filter((at) => at !== undefined);
  const answeredAt = answers.length > 0 ? Math.min(...answers) : undefined;
  const ticket = answeredAt === undefined ? read : { ...read, answeredAt };
  const wanted: Partial<Record<DerivedField, unknown>> = {
    summary: summaryOf(ticket),
    answeredAt,
    ...dueIndexKeys(ticket),
    ...monthIndexKeys(ticket),
    ...(requesterHash && ticket.erasedAt === undefined ? { rh: requesterHash(ticket.requester.email) } : {}),
  };
  return Object.fromEntries(
    Object.entries(wanted).filter(
      ([field, value]) => value !== undefined && !isDeepStrictEqual(state[field], value),
    ),
  );
}

export interface ReindexOptions {
  /** Recompute `rh` under this key too (after REQUESTER_HASH_SECRET changed). */
  readonly requesterHash?: RequesterHash;
  /** Count what would change, write nothing. */
  readonly dryRun?: boolean;
  /** Tickets checked at once (each one Query, and an update when stale). */
  readonly concurrency?: number;
  /** Items the Scan reads per page (DynamoDB's 1 MB page when omitted). */
  readonly pageSize?: number;
  /** Called after each page of the scan, with the counts so far. */
  readonly onProgress?: (report: ReindexReport) => void;
}

export interface ReindexReport {
  /** Tickets read. */
  tickets: number;
  /** Tickets written (or, in a dry run, that would be). */
  updated: number;
  /** Per attribute, how many tickets had it missing or out of date. */
  fields: Partial<Record<DerivedField, number>>;
  /** Tickets that changed between their read and their update, and were read again. */
  retried: number;
  /** Radicados of tickets that kept changing (MAX_ATTEMPTS reads): left as they were, for another run. */
  skipped: string[];
}

const MAX_ATTEMPTS = 5;

/**
 * Walks every ticket state item of the table (a Scan, page after page: an operator's one-off, never a request's
 * path), and brings each one's derived attributes up to date. Safe to run again, and beside live traffic.
 */
export async function reindexTickets(
  table: TableClient,
  options: ReindexOptions = {},
): Promise<ReindexReport> {
  const report: ReindexReport = { tickets: 0, updated: 0, fields: {}, retried: 0, skipped: [] };
  const concurrency = options.concurrency ?? 8;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.db.send(
      new ScanCommand({
        TableName: table.name,
        FilterExpression: '#entity = :ticket',
        ExpressionAttributeNames: { '#entity': 'entity' },
        ExpressionAttributeValues: { ':ticket': 'ticket' },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: start,
        ...(options.pageSize ? { Limit: options.pageSize } : {}),
      }),
    );
    const ids = (page.Items ?? []).map(idOf);
    for (let i = 0; i < ids.length; i += concurrency)
      await Promise.all(ids.slice(i, i + concurrency).map((id) => reindexOne(table, id, options, report)));
    start = page.LastEvaluatedKey;
    options.onProgress?.(report);
  } while (start);
  return report;
}

async function reindexOne(
  table: TableClient,
  id: string,
  options: ReindexOptions,
  report: ReindexReport,
): Promise<void> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const items = await ticketItems(table, id);
    const state = items.find((i) => i.entity === 'ticket');
    if (!state) return;
    const stale = staleFields(items, options.requesterHash);
    if (attempt === 1) report.tickets++;
    if (attempt === 2) report.retried++;
    if (Object.keys(stale).length === 0) return;
    if (options.dryRun || (await table.update({ pk: state.pk, sk: state.sk }, reindexing(state, stale)))) {
      report.updated++;
      for (const field of Object.keys(stale) as DerivedField[])
        report.fields[field] = (report.fields[field] ?? 0) + 1;
      return;
    }
  }
  report.skipped.push(id);
}

/**
 * The update of a stale state item: on the condition that it is as read (its version, and not erased since, since
 * the erasure does not move the version), and moving its version, so a transition that read it before fails its own
 * condition and reads it again, rather than writing back what the re-index just mended.
 */
function reindexing(state: Item, stale: Partial<Record<DerivedField, unknown>>): Update {
  const version = Number(state.version);
  return new Update()
    .assign({ ...stale, version: version + 1 })
    .when(
      (u) =>
        `${u.path('version')} = ${u.value(version)}` +
        (state.erasedAt === undefined ? ` AND attribute_not_exists(${u.path('erasedAt')})` : ''),
    );
}

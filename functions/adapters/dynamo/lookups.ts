// Lost-link lookups: one item each (`LOOKUP#<id>`), rate-limited per address per hour, delivered like a ticket's
// notifications: claimed for every attempt, and in the retry index (under OUTBOX#LOOKUP) until settled. Staff
// sign-in requests ride the same queue with an hourly counter of their own, so neither use starves the other.
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { LOOKUP_KINDS, LOOKUP_LIMIT, type LookupKind, type LookupRequest } from '#domain/intake/lookup.js';
import { DELIVERY } from '#domain/notifications.js';
import type { Failure } from '#domain/ports.js';
import { SIGN_IN } from '#domain/staff/sign-in.js';
import { truncateText } from '#domain/text.js';
import type { Locale } from '#domain/ticket.js';
import type { Instant } from '#domain/time/instant.js';
import type { RequesterHash } from '../requester-hash.js';
import { keys, TABLE } from '../table.js';
import { retryIndexKeys } from './items.js';
import { type TableClient, Update } from './table-client.js';

const lookupItem = z.object({
  email: z.string(),
  locale: z.enum(['es', 'en']),
  kind: z._default(z.enum(LOOKUP_KINDS), 'links'),
  requestedAt: z.number(),
  attempts: z.number(),
  setupWaits: z.optional(z.number()),
});

/** An address's hourly counter and its limit, per use: requesters' lookups, or staff sign-in links. */
function rateOf(kind: LookupKind, emailHash: string, window: number) {
  return kind === 'staff-sign-in'
    ? { key: { pk: `RATE#SIGNIN#${emailHash}#${window}`, sk: 'RATE' }, limit: SIGN_IN.perAddress }
    : { key: keys.lookupRate(emailHash, window), limit: LOOKUP_LIMIT.perAddress };
}

const RETRY_INDEX = [TABLE.byRetry.partitionKey, TABLE.byRetry.sortKey] as const;

export class Lookups {
  constructor(
    private readonly table: TableClient,
    /** Keys the hourly window of an address. */
    private readonly requesterHash: RequesterHash,
  ) {}

  /** Counts the request in its address's hourly window and queues it, in one transaction, unless over the limit. */
  async enqueueLookup(request: {
    email: string;
    locale: Locale;
    kind: LookupKind;
    at: Instant;
  }): Promise<'queued' | 'rate-limited'> {
    // Both uses count by the clock hour (SIGN_IN.windowMs is the same hour).
    const window = Math.floor(request.at / LOOKUP_LIMIT.windowMs);
    const rate = rateOf(request.kind, this.requesterHash(request.email), window);
    const count = new Update()
      .add(['count'], 1)
      .set([TABLE.ttlAttribute], Math.floor(((window + 2) * LOOKUP_LIMIT.windowMs) / 1000))
      .when((u) => `attribute_not_exists(pk) OR ${u.path('count')} < ${u.value(rate.limit)}`);
    const lookup = {
      ...keys.lookup(randomUUID()),
      entity: 'lookup',
      email: request.email,
      locale: request.locale,
      kind: request.kind,
      status: 'pending',
      attempts: 0,
      requestedAt: request.at,
      [TABLE.ttlAttribute]: Math.floor(request.at / 1000) + 86_400,
      // Followed up by the redrive from the start, like a ticket's notifications.
      ...retryIndexKeys(request.at, keys.lookupRetryPartition),
    };
    const queued = await this.table.transactIf([
      this.table.updateItem(rate.key, count),
      this.table.putItem(lookup),
    ]);
    return queued ? 'queued' : 'rate-limited';
  }

  /** Takes a request for one attempt (a lease); its retry index entry moves to the lease's end. */
  async claimLookup(id: string, at: Instant): Promise<LookupRequest | undefined> {
    const leaseUntil = at + DELIVERY.leaseMs;
    const update = new Update()
      .assign({ status: 'sending', leaseUntil })
      .set([TABLE.byRetry.partitionKey], keys.lookupRetryPartition)
      .set([TABLE.byRetry.sortKey], leaseUntil)
      .when((u) => {
        const [status, next, now] = [u.path('status'), u.path('nextAttemptAt'), u.value(at)];
        return `(${status} = ${u.value('pending')} AND (attribute_not_exists(${next}) OR ${next} <= ${now})) OR (${status} = ${u.value('sending')} AND ${u.path('leaseUntil')} <= ${now})`;
      });
    const item = await this.table.updateReturning(keys.lookup(id), update);
    if (!item) return undefined;
    const { email, locale, kind, requestedAt, attempts, setupWaits } = lookupItem.parse(item);
    return { id, email, locale, kind, requestedAt, attempts, setupWaits: setupWaits ?? 0 };
  }

  async completeLookup(id: string, at: Instant, outcome: 'sent' | 'nothing-to-send'): Promise<void> {
    await this.settle(
      id,
      new Update().assign({ status: outcome, completedAt: at, leaseUntil: undefined }),
      true,
    );
  }

  /** A failed attempt: retried from `nextAttemptAt` (kept a day past it, or TTL would take it), or parked. */
  async failLookup(id: string, failure: Failure): Promise<void> {
    const parked = failure.nextAttemptAt === null;
    const update = new Update()
      .assign({
        status: parked ? 'parked' : 'pending',
        lastError: truncateText(failure.error, 200),
        failedAt: failure.at,
        leaseUntil: undefined,
        nextAttemptAt: failure.nextAttemptAt ?? undefined,
        [TABLE.ttlAttribute]: Math.floor((failure.nextAttemptAt ?? failure.at) / 1000) + 86_400,
      })
      .increment(['attempts'], 1);
    if (failure.setupWait) update.increment(['setupWaits'], 1);
    if (!parked) update.set([TABLE.byRetry.sortKey], failure.nextAttemptAt);
    await this.settle(id, update, parked);
  }

  /** Records what an attempt came to (settled: out of the retry index), unless another sender settled it already. */
  private async settle(id: string, update: Update, settled: boolean): Promise<void> {
    if (settled) for (const attribute of RETRY_INDEX) update.remove([attribute]);
    update.when((u) => `${u.path('status')} IN (${u.value('pending')}, ${u.value('sending')})`);
    await this.table.update(keys.lookup(id), update);
  }

  /** Requests whose attempt, or whose holder's lease, is due at `at`. */
  async listDueLookups(at: Instant, limit = 100): Promise<readonly string[]> {
    const found = await this.table.queryIndex(TABLE.byRetry, keys.lookupRetryPartition, at, limit);
    return found.map((item) => String(item.pk).replace(/^LOOKUP#/, ''));
  }
}

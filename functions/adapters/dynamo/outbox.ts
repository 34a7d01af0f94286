// The outbox, inside each ticket's state item (`outbox.<notification id>`), and the retry index that brings the
// redrive back to it. Every attempt claims its notification first; see docs/delivery.md.
import { DELIVERY, type NotificationRecord } from '#domain/notifications.js';
import type { Failure } from '#domain/ports.js';
import { truncateText } from '#domain/text.js';
import type { HistoryEntry } from '#domain/ticket.js';
import type { Instant } from '#domain/time/instant.js';
import { idOf, keys, TABLE } from '../table.js';
import { historyItem, type OutboxEntry, outboxOf, toNotification } from './items.js';
import { type Item, type TableClient, Update } from './table-client.js';

/** A condition that the notification at `path` is still to deliver (pending, or claimed). */
const undelivered = (u: Update, entry: string[]) =>
  `${u.path(...entry, 'status')} IN (${u.value('pending')}, ${u.value('sending')})`;

export class Outbox {
  constructor(private readonly table: TableClient) {}

  /**
   * Takes a notification for one attempt (a lease): one due and pending, or one whose sender died holding it. The
   * ticket is in the retry index already (it is while anything of it is undelivered), and the redrive moves it to
   * the lease's end when it finds the claim, so a sender that dies holding it is followed up.
   */
  async claim(ticketId: string, id: string, at: Instant): Promise<NotificationRecord | undefined> {
    const entry = ['outbox', id];
    const leaseUntil = at + DELIVERY.leaseMs;
    const update = new Update().assign({ status: 'sending', leaseUntil }, entry).when((u) => {
      const [status, now] = [u.path(...entry, 'status'), u.value(at)];
      return `(${status} = ${u.value('pending')} AND ${u.path(...entry, 'nextAttemptAt')} <= ${now}) OR (${status} = ${u.value('sending')} AND ${u.path(...entry, 'leaseUntil')} <= ${now})`;
    });
    const item = await this.table.updateReturning(keys.ticket(ticketId), update);
    const claimed = item && outboxOf(item)[id];
    return claimed ? toNotification(ticketId, id, claimed) : undefined;
  }

  /**
   * Records a delivery: one small update, no history item. The audit line is derived from the record when read; its
   * note is kept only when the record could not say it again (`derivable` false).
   */
  async markSent(
    ticketId: string,
    id: string,
    at: Instant,
    messageId: string,
    entry: HistoryEntry,
    derivable = false,
  ): Promise<void> {
    const path = ['outbox', id];
    const note = derivable ? undefined : entry.note;
    const update = new Update()
      .assign(
        { status: 'sent', sentAt: at, messageId, leaseUntil: undefined, nextAttemptAt: undefined },
        path,
      )
      .when((u) => undelivered(u, path));
    if (note !== undefined) update.set([...path, 'note'], note);
    // Not applied when recorded already (by a sender whose lease ran out while it was still sending).
    await this.table.update(keys.ticket(ticketId), update);
  }

  /**
   * A failed attempt: the notification waits for a retry (and the ticket for the redrive in the retry index, at that
   * time or earlier), or is parked with its history entry. One already sent by someone else is left as it is.
   */
  async markFailed(ticketId: string, id: string, failure: Failure, entry?: HistoryEntry): Promise<void> {
    const path = ['outbox', id];
    const parked = failure.nextAttemptAt === null;
    // First the index (only ever moved earlier): should the process die between the two writes, the redrive still
    // comes by and finds the notification as it was.
    if (failure.nextAttemptAt !== null) await this.indexRetryBy(keys.ticket(ticketId), failure.nextAttemptAt);
    const update = new Update()
      .assign(
        {
          status: parked ? 'parked' : 'pending',
          lastError: truncateText(failure.error, 200),
          failedAt: failure.at,
          nextAttemptAt: failure.nextAttemptAt,
          leaseUntil: undefined,
        },
        path,
      )
      .increment([...path, 'attempts'], 1)
      .when((u) => undelivered(u, path));
    if (failure.setupWait) update.increment([...path, 'setupWaits'], 1);
    await this.table.transactIf([
      this.table.updateItem(keys.ticket(ticketId), update),
      ...(entry ? [this.table.putItem(historyItem(ticketId, entry))] : []),
    ]);
  }

  /** Records an acknowledgement as withheld (never sent, never retried), with its history entry. */
  async markWithheld(ticketId: string, id: string, entry: HistoryEntry): Promise<void> {
    const path = ['outbox', id];
    const update = new Update()
      .assign({ status: 'withheld', withheldAt: entry.at, leaseUntil: undefined }, path)
      .when((u) => undelivered(u, path));
    await this.table.transactIf([
      this.table.updateItem(keys.ticket(ticketId), update),
      this.table.putItem(historyItem(ticketId, entry)),
    ]);
  }

  /** Puts the ticket in the retry index at `at`, unless it is there for an earlier time already. */
  private async indexRetryBy(key: { pk: string; sk: string }, at: Instant): Promise<void> {
    const update = new Update()
      .set([TABLE.byRetry.partitionKey], keys.retryPartition)
      .set([TABLE.byRetry.sortKey], at)
      .when((u) => {
        const sortKey = u.path(TABLE.byRetry.sortKey);
        return `attribute_exists(pk) AND (attribute_not_exists(${sortKey}) OR ${sortKey} > ${u.value(at)})`;
      });
    await this.table.update(key, update);
  }

  /**
   * Notifications due at `at`, from the retry index: pending ones whose attempt is due, and claimed ones whose
   * sender's lease ran out. A ticket found there with nothing left to deliver leaves the index, and one whose next
   * attempt is later moves to it (both conditional on the entry the redrive saw, so a change meanwhile keeps it).
   */
  async listDueNotifications(at: Instant, limit = 100): Promise<readonly { ticketId: string; id: string }[]> {
    const found = await this.table.queryIndex(TABLE.byRetry, keys.retryPartition, at, limit);
    const due: { ticketId: string; id: string }[] = [];
    for (const item of await this.table.itemsAt(found)) {
      const ticketId = idOf(item);
      const outbox = outboxOf(item);
      const waiting = Object.entries(outbox).flatMap(([id, entry]) => {
        const when = followUpAt(entry);
        return when === undefined ? [] : [{ ticketId, id, when }];
      });
      due.push(...waiting.filter((w) => w.when <= at).map(({ id }) => ({ ticketId, id })));
      const later = waiting.filter((w) => w.when > at).map((w) => w.when);
      if (later.length === waiting.length)
        await this.moveRetry(
          item,
          Object.keys(outbox).length,
          later.length > 0 ? Math.min(...later) : undefined,
        );
    }
    return due;
  }

  /**
   * Moves a ticket's retry index entry to `next`, or out of the index; only if it is where the redrive saw it and
   * no notification was added since its outbox held `seen` (a transition in the same millisecond would leave the
   * entry where it was).
   */
  private async moveRetry(item: Item, seen: number, next: Instant | undefined): Promise<void> {
    const update = new Update();
    if (next === undefined) update.remove([TABLE.byRetry.partitionKey]).remove([TABLE.byRetry.sortKey]);
    else update.set([TABLE.byRetry.sortKey], next);
    update.when(
      (u) =>
        `${u.path(TABLE.byRetry.sortKey)} = ${u.value(item[TABLE.byRetry.sortKey])} AND size(${u.path('outbox')}) = ${u.value(seen)}`,
    );
    await this.table.update({ pk: item.pk, sk: item.sk }, update);
  }
}

/** When the redrive should next look at an outbox entry: its attempt, or its lease's end; never once settled. */
function followUpAt(entry: OutboxEntry): Instant | undefined {
  if (entry.status === 'sending') return entry.leaseUntil ?? 0;
  if (entry.status === 'pending') return entry.nextAttemptAt ?? undefined;
  return undefined;
}

// The per-recipient limit on acknowledgements: the public form must not become a way to flood someone's mailbox. An
// acknowledgement is counted when it is about to be sent (once per notification, so a retry is not counted twice)
// against its address's share for the Bogotá clock hour; one over the limit is withheld, never sent, with a history
// entry. The ticket stays recorded and routed either way.
import type { NotificationRecord } from '../notifications.js';
import type { AcknowledgementQuota, Clock, NotificationOutbox } from '../ports.js';
import { bogotaHour } from '../time/instant.js';
import { withheldEntry } from './audit.js';

export interface AckLimitDeps {
  readonly outbox: Pick<NotificationOutbox, 'markWithheld'>;
  readonly quota: AcknowledgementQuota;
  readonly clock: Clock;
  /** Acknowledgements per recipient per Bogotá clock hour (0 or absent: no limit). */
  readonly ackLimitPerHour?: number;
}

/** Whether the acknowledgement may go to `email` now; one that may not is recorded as withheld. */
export async function withinAckLimit(
  deps: AckLimitDeps,
  notification: NotificationRecord,
  email: string,
): Promise<boolean> {
  const limit = deps.ackLimitPerHour ?? 0;
  if (limit <= 0) return true;
  const at = deps.clock.now();
  const claim = `${notification.ticketId}#${notification.id}`;
  if (await deps.quota.reserveAcknowledgement(email, bogotaHour(at), claim, limit)) return true;
  await deps.outbox.markWithheld(notification.ticketId, notification.id, withheldEntry(limit, at));
  return false;
}

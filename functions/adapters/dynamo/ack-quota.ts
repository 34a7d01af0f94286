// Each address's hourly share of acknowledgements (domain/notify/ack-limit.ts): one item per address (its keyed
// hash, requester-hash.ts) and Bogotá clock hour holding the set of ticket#notification claims counted, removed by
// TTL two days later.
import type { AcknowledgementQuota } from '#domain/ports.js';
import type { RequesterHash } from '../requester-hash.js';
import { keys, TABLE } from '../table.js';
import { type TableClient, Update } from './table-client.js';

export class AckQuota implements AcknowledgementQuota {
  constructor(
    private readonly table: TableClient,
    private readonly requesterHash: RequesterHash,
  ) {}

  /** A set of claims, at most `limit`; a claim counted already (a retry) is let through again. */
  async reserveAcknowledgement(email: string, hour: string, claim: string, limit: number): Promise<boolean> {
    const update = new Update()
      .add(['claims'], new Set([claim]))
      // Kept two days past its hour, then TTL removes it.
      .setIfAbsent([TABLE.ttlAttribute], Math.floor(Date.parse(`${hour}:00:00-05:00`) / 1000) + 2 * 86_400)
      .when((u) => {
        const claims = u.path('claims');
        return `attribute_not_exists(${claims}) OR size(${claims}) < ${u.value(limit)} OR contains(${claims}, ${u.value(claim)})`;
      });
    return this.table.update(keys.ackRate(this.requesterHash(email), hour), update);
  }
}

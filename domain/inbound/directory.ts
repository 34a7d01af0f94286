// The staff directory: who may answer a ticket by e-mail. The catalog's role mailboxes (each queue's mailbox and its
// escalation levels' addresses, as the seeds publish them) plus configured people, each with the level and the
// product queues they act for. A reply from an address in it, for a ticket of one of its queues, is a staff reply:
// the audit trail names the person, the requester sees only the role and level (domain/ticket.ts staffActor).
import type { EscalationLevel, Queue } from '../catalog.js';
import type { Desks } from '../routing/desks.js';

/** A product queue, e.g. `{ product: 'certifactura', queue: 'support' }`. */
export interface QueueRef {
  readonly product: string;
  readonly queue: Queue;
}

export interface StaffMember {
  readonly email: string;
  /** A person's name, or the role's (a mailbox from the catalog). */
  readonly name: string;
  readonly level: EscalationLevel;
  readonly queues: readonly QueueRef[];
}

/** Who a directory address is across its entries: every queue it acts for, at its highest level there. */
export interface StaffIdentity {
  readonly email: string;
  /** The person's name, or the role's for a role mailbox (its first entry's). */
  readonly name: string;
  readonly queues: readonly (QueueRef & { readonly level: EscalationLevel })[];
}

/** Whether two references name the same product queue. */
export const sameQueue = (a: QueueRef, b: QueueRef): boolean =>
  a.product === b.product && a.queue === b.queue;

/** The level `identity` acts at for the product queue `ref` (a ticket's, say); undefined when it does not act for it. */
export function levelFor(identity: StaffIdentity, ref: QueueRef): EscalationLevel | undefined {
  return identity.queues.find((q) => sameQueue(q, ref))?.level;
}

/** Whether `identity` acts for the product queue `ref` (at any level). */
export const actsFor = (identity: StaffIdentity, ref: QueueRef): boolean =>
  levelFor(identity, ref) !== undefined;

export class StaffDirectory {
  private readonly byAddress = new Map<string, StaffMember[]>();

  constructor(members: readonly StaffMember[]) {
    for (const member of members) {
      const key = member.email.trim().toLowerCase();
      this.byAddress.set(key, [...(this.byAddress.get(key) ?? []), member]);
    }
  }

  /**
   * The catalog's role mailboxes (the queue's mailbox at level 1, each escalation level's addresses at its level) of
   * every product queue, plus `people`.
   */
  static fromCatalog(
    desks: Desks,
    products: readonly string[],
    people: readonly StaffMember[],
  ): StaffDirectory {
    const roles: StaffMember[] = [];
    for (const product of products) {
      for (const queue of ['support', 'pqrsa'] as const) {
        const desk = desks.desk(product, queue);
        const queues = [{ product, queue }];
        roles.push({ email: desk.mailbox, name: desk.escalation[0].name, level: 1, queues });
        for (const contact of desk.escalation) {
          for (const email of contact.emails)
            roles.push({ email, name: contact.name, level: contact.level, queues });
        }
      }
    }
    return new StaffDirectory([...roles, ...people]);
  }

  /**
   * Who `address` is on a ticket of `product`'s `queue`: the entry with the highest level among those acting for it;
   * undefined for anyone else (an external address, or staff of another queue).
   */
  find(address: string, ref: QueueRef): StaffMember | undefined {
    const entries = (this.byAddress.get(address.trim().toLowerCase()) ?? []).filter((m) =>
      m.queues.some((q) => sameQueue(q, ref)),
    );
    return entries.sort((a, b) => b.level - a.level)[0];
  }

  /** Every queue `address` acts for (at its highest level in each); undefined when it is not in the directory. */
  member(address: string): StaffIdentity | undefined {
    const entries = this.byAddress.get(address.trim().toLowerCase());
    if (!entries?.length) return undefined;
    const queues = new Map<string, QueueRef & { level: EscalationLevel }>();
    for (const entry of entries) {
      for (const ref of entry.queues) {
        const key = `${ref.product}#${ref.queue}`;
        const known = queues.get(key);
        if (!known || known.level < entry.level) queues.set(key, { ...ref, level: entry.level });
      }
    }
    const first = entries[0] as StaffMember;
    return { email: address.trim().toLowerCase(), name: first.name, queues: [...queues.values()] };
  }
}

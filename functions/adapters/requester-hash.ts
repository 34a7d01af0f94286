// Requesters' addresses as the table keys them (the `rh` of a ticket, the hourly rate windows): an HMAC-SHA256 under
// REQUESTER_HASH_SECRET, never a plain hash, which anyone could reverse by hashing guessed addresses (Ley 1581: the
// hash of an address is personal data too; docs/legal.md). The key is never rotated in place: every stored hash is
// under it (docs/operations.md).
import { createHmac } from 'node:crypto';

/** The keyed hash of a requester's address, normalised first: the same address in any case or spacing hashes alike. */
export type RequesterHash = (email: string) => string;

/** An address as it is compared and hashed: trimmed, lower-cased. */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The first 128 bits of the HMAC-SHA256 of the normalised address under `key`, base64url (22 characters). */
export function keyedRequesterHash(key: string): RequesterHash {
  return (email) => createHmac('sha256', key).update(normalEmail(email)).digest('base64url').slice(0, 22);
}

/**
 * For a function not given the key (the sweeper, the status page): none of them finds or counts by address, so
 * hashing one there is a wiring mistake, refused naming the missing setting.
 */
export const withoutRequesterHash: RequesterHash = () => {
  throw new Error('configuration is invalid: REQUESTER_HASH_SECRET: is required to hash a requester address');
};

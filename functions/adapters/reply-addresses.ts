// The ReplyAddresses port: signed Reply-To addresses on the receiving domain, `<radicado>.<party>.<signature>@<domain>`
// (docs/delivery.md, "Reply-To and threading"). Nothing is stored: the signature is what makes an address ours.
import { createHmac } from 'node:crypto';
import type { ReplyAddresses, ReplyParty } from '#domain/ports.js';
import { parseRadicado } from '#domain/radicado.js';
import type { SecretRing } from '../secret-ring.js';
import { ring, type SecretSource, sameText } from './hmac-tokens.js';

/** RFC 5321's limit on the part before the @. */
export const LOCAL_PART_MAX = 64;
/** 16 base32 characters: 80 bits of the HMAC, far beyond guessing by sending mail. */
const SIGNATURE_LENGTH = 16;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const LOCAL_PART = /^([a-z]{2,5}-\d{4}-\d{6,})\.([sr])\.([a-z2-7]{16})$/;

/**
 * Signed under the staff action links' key (ACTION_LINK_SECRET), with its own prefix (`reply-address:`) so that no
 * signature of one kind is ever valid as the other. Same key because it is the same trust boundary: whoever holds
 * the `s` address of a ticket can answer for its staff, as whoever holds its action links can act for them, and both
 * are mailed to the same people; a fifth secret would add a rotation to run and nothing to protect. Rotation of
 * that key keeps addresses already mailed working: signed with the current version, accepted under every version
 * the ring holds.
 */
export class HmacReplyAddresses implements ReplyAddresses {
  private readonly keys: SecretRing;
  private readonly domain: string;

  /** `domain`: the receiving domain (RECEIVING_DOMAIN), compared without regard to case. */
  constructor(secret: SecretSource, domain: string) {
    this.keys = ring(secret);
    this.domain = domain.toLowerCase();
  }

  addressFor(ticketId: string, party: ReplyParty): string {
    if (!parseRadicado(ticketId)) throw new RangeError('a reply address needs a well-formed radicado');
    const local = `${ticketId.toLowerCase()}.${party}.${signature(this.keys.current(), ticketId, party)}`;
    // Mail servers may refuse a longer local part: a radicado whose consecutive outgrew it is a defect to see.
    if (local.length > LOCAL_PART_MAX)
      throw new RangeError(`reply address local part over ${LOCAL_PART_MAX}`);
    return `${local}@${this.domain}`;
  }

  parse(address: string): { readonly ticketId: string; readonly party: ReplyParty } | undefined {
    const at = address.lastIndexOf('@');
    if (at < 1 || address.slice(at + 1).toLowerCase() !== this.domain) return undefined;
    const local = address.slice(0, at).toLowerCase();
    const match = local.length <= LOCAL_PART_MAX ? LOCAL_PART.exec(local) : null;
    if (!match) return undefined;
    const [, lowered, party, given] = match as unknown as [string, string, ReplyParty, string];
    const ticketId = lowered.toUpperCase();
    if (!parseRadicado(ticketId)) return undefined;
    const signed = this.keys.all().some((key) => sameText(given, signature(key, ticketId, party)));
    return signed ? { ticketId, party } : undefined;
  }
}

/** The first 16 characters of the lowercase base32 (RFC 4648, unpadded) HMAC-SHA256 of radicado and party. */
function signature(key: string, radicado: string, party: ReplyParty): string {
  const mac = createHmac('sha256', key).update(`reply-address:${radicado}:${party}`).digest();
  return base32(mac).slice(0, SIGNATURE_LENGTH);
}

/** RFC 4648 base32, lowercase, without padding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return bits > 0 ? out + BASE32[(buffer << (5 - bits)) & 31] : out;
}

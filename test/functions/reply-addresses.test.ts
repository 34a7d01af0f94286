// Signed reply addresses: what makes one ours, and everything that does not.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32, HmacReplyAddresses, LOCAL_PART_MAX } from '#functions/adapters/reply-addresses.js';
import type { SecretRing } from '#functions/secret-ring.js';

const KEY = 'k'.repeat(40);
const OLD_KEY = 'o'.repeat(40);
const addresses = new HmacReplyAddresses(KEY, 'respuestas.certicamara.com');

describe('HmacReplyAddresses', () => {
  it('writes <radicado>.<party>.<signature>@<domain>, the signature the base32 HMAC of radicado and party', () => {
    const address = addresses.addressFor('CF-2026-000042', 's');
    const mac = createHmac('sha256', KEY).update('reply-address:CF-2026-000042:s').digest();
    expect(address).toBe(`cf-2026-000042.s.${base32(mac).slice(0, 16)}@respuestas.certicamara.com`);
    expect(address).toMatch(/^cf-2026-000042\.s\.[a-z2-7]{16}@respuestas\.certicamara\.com$/);
    expect(addresses.addressFor('CF-2026-000042', 'r')).not.toBe(address.replace('.s.', '.r.'));
  });

  it('encodes base32 as RFC 4648 does (its test vectors, lower case, unpadded)', () => {
    const vectors = { '': '', f: 'my', fo: 'mzxq', foo: 'mzxw6', foob: 'mzxw6yq', fooba: 'mzxw6ytb' };
    for (const [text, encoded] of Object.entries(vectors)) expect(base32(Buffer.from(text))).toBe(encoded);
    expect(base32(Buffer.from('foobar'))).toBe('mzxw6ytboi');
  });

  it('reads back a good address in any case', () => {
    const address = addresses.addressFor('BIO-2026-000007', 'r');
    expect(addresses.parse(address)).toEqual({ ticketId: 'BIO-2026-000007', party: 'r' });
    expect(addresses.parse(address.toUpperCase())).toEqual({ ticketId: 'BIO-2026-000007', party: 'r' });
    const [local, domain] = address.split('@') as [string, string];
    expect(addresses.parse(`${local}@${domain.replace('respuestas', 'Respuestas')}`)).toBeDefined();
  });

  it('refuses a tampered radicado, party or signature', () => {
    const address = addresses.addressFor('CF-2026-000042', 's');
    const [local, domain] = address.split('@') as [string, string];
    const [radicado, , signature] = local.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('a') ? 'b' : 'a'}`;
    for (const forged of [
      `cf-2026-000043.s.${signature}@${domain}`,
      `${radicado}.r.${signature}@${domain}`,
      `${radicado}.s.${flipped}@${domain}`,
      `${radicado}.s.${signature.slice(0, 15)}@${domain}`,
      `${radicado}.s.${signature}x@${domain}`,
      `${radicado}.x.${signature}@${domain}`,
      `${radicado}.s@${domain}`,
      `${radicado}.s.${signature}`,
      `@${domain}`,
    ])
      expect(addresses.parse(forged), forged).toBeUndefined();
  });

  it('refuses another domain, a subdomain, and a radicado of an unknown format', () => {
    const address = addresses.addressFor('CF-2026-000042', 's');
    const local = address.split('@')[0] as string;
    expect(addresses.parse(`${local}@certicamara.com`)).toBeUndefined();
    expect(addresses.parse(`${local}@x.respuestas.certicamara.com`)).toBeUndefined();
    expect(addresses.parse(`${local}@respuestas.certicamara.com.evil.co`)).toBeUndefined();
    // Signed like ours, but not a radicado: refused before any HMAC is computed.
    const mac = createHmac('sha256', KEY).update('reply-address:C-2026-000042:s').digest();
    expect(addresses.parse(`c-2026-000042.s.${base32(mac).slice(0, 16)}@respuestas.certicamara.com`)).toBe(
      undefined,
    );
    expect(() => addresses.addressFor('cf-2026-000042', 's')).toThrow(RangeError);
    expect(() => addresses.addressFor('CF-26-42', 'r')).toThrow(RangeError);
  });

  it('keeps the local part within 64 characters: a longer one is neither written nor read', () => {
    // prefix (5) + year + a consecutive long enough to push the local part past 64.
    const long = `ABCDE-2026-${'9'.repeat(64 - 'abcde-2026-.s.'.length - 16 + 1)}`;
    expect(() => addresses.addressFor(long, 's')).toThrow(/local part/);
    const fits = `ABCDE-2026-${'9'.repeat(64 - 'abcde-2026-.s.'.length - 16)}`;
    const address = addresses.addressFor(fits, 's');
    expect(address.split('@')[0]).toHaveLength(LOCAL_PART_MAX);
    expect(addresses.parse(address)).toEqual({ ticketId: fits, party: 's' });
    const mac = createHmac('sha256', KEY).update(`reply-address:${long}:s`).digest();
    expect(
      addresses.parse(`${long.toLowerCase()}.s.${base32(mac).slice(0, 16)}@respuestas.certicamara.com`),
    ).toBeUndefined();
  });

  it('accepts an address signed before a rotation, and signs new ones with the current key', () => {
    const before = new HmacReplyAddresses(OLD_KEY, 'respuestas.certicamara.com').addressFor(
      'CF-2026-000042',
      's',
    );
    const ring: SecretRing = { current: () => KEY, all: () => [KEY, OLD_KEY] };
    const rotated = new HmacReplyAddresses(ring, 'respuestas.certicamara.com');
    expect(rotated.parse(before)).toEqual({ ticketId: 'CF-2026-000042', party: 's' });
    expect(rotated.addressFor('CF-2026-000042', 's')).toBe(addresses.addressFor('CF-2026-000042', 's'));
    // Once the old version leaves the ring, its addresses are refused.
    expect(addresses.parse(before)).toBeUndefined();
  });

  it('never accepts an action link signature for an address (the prefix separates them)', () => {
    const link = createHmac('sha256', KEY).update('action-link:CF-2026-000042:s').digest();
    expect(
      addresses.parse(`cf-2026-000042.s.${base32(link).slice(0, 16)}@respuestas.certicamara.com`),
    ).toBeUndefined();
  });
});

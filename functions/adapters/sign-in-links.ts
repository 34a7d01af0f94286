// Staff console sign-in links: `<base64url(JSON claims)>.<HMAC-SHA256>` under the action-link secret's ring, with a
// key derived from each version for this purpose only (a sign-in token can never pass for an action link, nor the
// reverse). They name the address, when they expire (15 minutes) and a nonce the session records as used.
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { SignInClaims, SignInLinks } from '#domain/ports.js';
import type { Instant } from '#domain/time/instant.js';
import type { SecretRing } from '../secret-ring.js';
import { hmac, ring, type SecretSource, safeJson, signedPayload } from './hmac-tokens.js';

const claims = z.strictObject({
  e: z.string().check(z.minLength(3), z.maxLength(254)),
  exp: z.int().check(z.positive()),
  n: z.string().check(z.minLength(16), z.maxLength(64)),
});

/** Each version of `base`, turned into this purpose's own key. */
function derivedRing(base: SecretRing, purpose: string): SecretRing {
  return {
    current: () => hmac(base.current(), purpose),
    all: () => base.all().map((key) => hmac(key, purpose)),
  };
}

export class HmacSignInLinks implements SignInLinks {
  private readonly keys: SecretRing;

  constructor(
    secret: SecretSource,
    private readonly nonce: () => string = () => randomBytes(16).toString('base64url'),
  ) {
    this.keys = derivedRing(ring(secret), 'staff-sign-in-key');
  }

  issue(email: string, expiresAt: Instant): string {
    const payload = Buffer.from(JSON.stringify({ e: email, exp: expiresAt, n: this.nonce() })).toString(
      'base64url',
    );
    return `${payload}.${hmac(this.keys.current(), payload)}`;
  }

  verify(
    token: string,
    at: Instant,
  ): { ok: true; claims: SignInClaims } | { ok: false; reason: 'invalid' | 'expired' } {
    const payload = token.length > 1024 ? undefined : signedPayload(token, this.keys, hmac);
    const parsed = payload
      ? claims.safeParse(safeJson(Buffer.from(payload, 'base64url').toString('utf8')))
      : undefined;
    if (!parsed?.success) return { ok: false, reason: 'invalid' };
    const { e, exp, n } = parsed.data;
    if (exp <= at) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { email: e, expiresAt: exp, nonce: n } };
  }
}

// Staff console sign-in links: `<base64url(JSON claims)>.<HMAC-SHA256>` under the action-link secret's ring, with a
// key derived from each version for this purpose only (a sign-in token can never pass for an action link, nor the
// reverse). They name the address, when they expire (15 minutes) and a nonce the session records as used.
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { SignInClaims, SignInLinks } from '#domain/ports.js';
import type { Instant } from '#domain/time/instant.js';
import type { SecretRing } from '../secret-ring.js';
import { hmac, ring, type SecretSource, SignedClaims } from './hmac-tokens.js';

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
  private readonly tokens: SignedClaims<z.infer<typeof claims>>;

  constructor(
    secret: SecretSource,
    private readonly nonce: () => string = () => randomBytes(16).toString('base64url'),
  ) {
    this.tokens = new SignedClaims(derivedRing(ring(secret), 'staff-sign-in-key'), claims, hmac, 1024);
  }

  issue(email: string, expiresAt: Instant): string {
    return this.tokens.issue({ e: email, exp: expiresAt, n: this.nonce() });
  }

  verify(
    token: string,
    at: Instant,
  ): { ok: true; claims: SignInClaims } | { ok: false; reason: 'invalid' | 'expired' } {
    const verdict = this.tokens.verify(token, at);
    if (!verdict.ok) return verdict;
    const { e, exp, n } = verdict.claims;
    return { ok: true, claims: { email: e, expiresAt: exp, nonce: n } };
  }
}

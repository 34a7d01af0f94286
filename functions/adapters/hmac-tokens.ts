// Status-link tokens: HMAC-SHA256 of the radicado under a secret from configuration. 256 bits, nothing stored, so
// a replayed submission can hand out the same working link again. Every token is signed with the secret's current
// version and accepted under any version the ring holds (current, then previous): rotation keeps old links working.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import {
  type AccessTokens,
  type ActionClaims,
  type ActionLinks,
  type FormTokens,
  STAFF_ACTIONS,
} from '#domain/ports.js';
import type { Instant } from '#domain/time/instant.js';
import { fixedSecret, type SecretRing } from '../secret-ring.js';

/** A secret as the token classes take it: a fixed value, or a ring of versions. */
export type SecretSource = string | SecretRing;
export const ring = (source: SecretSource): SecretRing =>
  typeof source === 'string' ? fixedSecret(source) : source;

/** HMAC-SHA256 of `text` under `key`, base64url. */
export function hmac(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}

export class HmacAccessTokens implements AccessTokens {
  private readonly keys: SecretRing;

  constructor(secret: SecretSource) {
    this.keys = ring(secret);
  }

  issue(ticketId: string): string {
    return hmac(this.keys.current(), `ticket-status:${ticketId}`);
  }

  verify(ticketId: string, token: string): boolean {
    return this.keys.all().some((key) => sameText(token, hmac(key, `ticket-status:${ticketId}`)));
  }
}

/**
 * The web form's serving token: `<issuedAt base36>_<nonce>.<HMAC>`. Checked for age: not sooner than a person could
 * fill the form (`minFillMs`), not older than a day; the nonce makes it single use (intake records it with the
 * ticket it made).
 */
export class HmacFormTokens implements FormTokens {
  private readonly keys: SecretRing;

  constructor(
    secret: SecretSource,
    private readonly minFillMs = 3000,
    private readonly maxAgeMs = 24 * 3_600_000,
  ) {
    this.keys = ring(secret);
  }

  issue(at: Instant): string {
    const payload = `${Math.floor(at).toString(36)}_${randomBytes(16).toString('hex')}`;
    return `${payload}.${this.sign(this.keys.current(), payload)}`;
  }

  check(token: string, at: Instant): 'ok' | 'invalid' | 'too-fast' | 'expired' {
    const parts = this.parts(token);
    if (!parts) return 'invalid';
    const age = at - parts.issuedAt;
    if (age < this.minFillMs) return 'too-fast';
    return age > this.maxAgeMs ? 'expired' : 'ok';
  }

  use(token: string): { id: string; expiresAt: Instant } | undefined {
    const parts = this.parts(token);
    return parts && { id: parts.nonce, expiresAt: parts.issuedAt + this.maxAgeMs };
  }

  private parts(token: string): { issuedAt: Instant; nonce: string } | undefined {
    const payload = signedPayload(token, this.keys, (key, p) => this.sign(key, p));
    const match = payload === undefined ? null : /^([0-9a-z]{1,12})_([0-9a-f]{32})$/.exec(payload);
    return match ? { issuedAt: Number.parseInt(match[1] ?? '', 36), nonce: match[2] ?? '' } : undefined;
  }

  private sign(key: string, stamp: string): string {
    return hmac(key, `web-form:${stamp}`);
  }
}

/**
 * Signed links for staff e-mail: `<base64url(JSON claims)>.<HMAC-SHA256>`, under their own secret. They name the
 * ticket, the action, the level and address they were sent to, and when they expire; the nonce makes each
 * single-use (the repository records its use).
 */
export class HmacActionLinks implements ActionLinks {
  private readonly tokens: SignedClaims<z.infer<typeof actionClaims>>;

  constructor(
    secret: SecretSource,
    private readonly nonce: () => string = () => randomBytes(16).toString('base64url'),
  ) {
    this.tokens = new SignedClaims(
      ring(secret),
      actionClaims,
      (key, p) => hmac(key, `action-link:${p}`),
      2048,
    );
  }

  issue(claims: Omit<ActionClaims, 'nonce'>): string {
    return this.tokens.issue({
      t: claims.ticketId,
      a: claims.action,
      l: claims.level,
      to: claims.to,
      exp: claims.expiresAt,
      n: this.nonce(),
    });
  }

  verify(
    token: string,
    at: Instant,
  ): { ok: true; claims: ActionClaims } | { ok: false; reason: 'invalid' | 'expired' } {
    const verdict = this.tokens.verify(token, at);
    if (!verdict.ok) return verdict;
    const { t, a, l, to, exp, n } = verdict.claims;
    return { ok: true, claims: { ticketId: t, action: a, level: l, to, expiresAt: exp, nonce: n } };
  }
}

const sized = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

const actionClaims = z.strictObject({
  t: sized(1, 40),
  a: z.enum(STAFF_ACTIONS),
  l: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  to: sized(3, 254),
  exp: z.int().check(z.positive()),
  n: sized(16, 64),
});

/** Compares two strings in constant time (for equal lengths), so a guess learns nothing from the timing. */
export function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The payload of `<payload>.<signature>` when the signature is `sign(key, payload)` under a key of the ring. */
export function signedPayload(
  token: string,
  keys: SecretRing,
  sign: (key: string, payload: string) => string,
): string | undefined {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return undefined;
  return keys.all().some((key) => sameText(signature, sign(key, payload))) ? payload : undefined;
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Tokens of `<base64url(JSON claims)>.<signature>` with an expiry (`exp`, epoch ms): what the action links, the
 * download links and the sign-in links share. Each is signed with the ring's current key and accepted under any; a
 * token longer than `maxLength`, badly signed or whose claims break `schema` is `invalid`, one past `exp` `expired`.
 */
export class SignedClaims<T extends { readonly exp: number }> {
  constructor(
    private readonly keys: SecretRing,
    private readonly schema: z.ZodMiniType<T>,
    private readonly sign: (key: string, payload: string) => string,
    private readonly maxLength: number,
  ) {}

  issue(claims: T): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.sign(this.keys.current(), payload)}`;
  }

  verify(token: string, at: Instant): { ok: true; claims: T } | { ok: false; reason: 'invalid' | 'expired' } {
    const payload = token.length > this.maxLength ? undefined : signedPayload(token, this.keys, this.sign);
    const parsed = payload
      ? this.schema.safeParse(safeJson(Buffer.from(payload, 'base64url').toString('utf8')))
      : undefined;
    if (!parsed?.success) return { ok: false, reason: 'invalid' };
    if (parsed.data.exp <= at) return { ok: false, reason: 'expired' };
    return { ok: true, claims: parsed.data };
  }
}

// Status-link tokens: HMAC-SHA256 of the radicado under a secret from configuration. 256 bits, nothing stored, so
// a replayed submission can hand out the same working link again.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import type { AccessTokens, ActionClaims, ActionLinks, FormTokens } from '#domain/ports.js';
import type { Instant } from '#domain/time/instant.js';

export class HmacAccessTokens implements AccessTokens {
  constructor(private readonly secret: string) {}

  issue(ticketId: string): string {
    return createHmac('sha256', this.secret).update(`ticket-status:${ticketId}`).digest('base64url');
  }

  verify(ticketId: string, token: string): boolean {
    return sameText(token, this.issue(ticketId));
  }
}

/** The web form's serving token: `<issuedAt base36>.<HMAC>`. Checked for age: not sooner than a person could fill
 * the form (`minFillMs`), not older than a day. */
export class HmacFormTokens implements FormTokens {
  constructor(
    private readonly secret: string,
    private readonly minFillMs = 3000,
    private readonly maxAgeMs = 24 * 3_600_000,
  ) {}

  issue(at: Instant): string {
    const stamp = Math.floor(at).toString(36);
    return `${stamp}.${this.sign(stamp)}`;
  }

  check(token: string, at: Instant): 'ok' | 'invalid' | 'too-fast' | 'expired' {
    const stamp = signedPayload(token, (payload) => this.sign(payload));
    if (!stamp || !/^[0-9a-z]{1,12}$/.test(stamp)) return 'invalid';
    const age = at - Number.parseInt(stamp, 36);
    if (age < this.minFillMs) return 'too-fast';
    return age > this.maxAgeMs ? 'expired' : 'ok';
  }

  private sign(stamp: string): string {
    return createHmac('sha256', this.secret).update(`web-form:${stamp}`).digest('base64url');
  }
}

/**
 * Signed links for staff e-mail: `<base64url(JSON claims)>.<HMAC-SHA256>`, under their own secret. They name the
 * ticket, the action, the level and address they were sent to, and when they expire; the nonce makes each
 * single-use (the repository records its use).
 */
export class HmacActionLinks implements ActionLinks {
  constructor(
    private readonly secret: string,
    private readonly nonce: () => string = () => randomBytes(16).toString('base64url'),
  ) {}

  issue(claims: Omit<ActionClaims, 'nonce'>): string {
    const payload = Buffer.from(
      JSON.stringify({
        t: claims.ticketId,
        a: claims.action,
        l: claims.level,
        to: claims.to,
        exp: claims.expiresAt,
        n: this.nonce(),
      }),
    ).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  verify(
    token: string,
    at: Instant,
  ): { ok: true; claims: ActionClaims } | { ok: false; reason: 'invalid' | 'expired' } {
    const payload = token.length > 2048 ? undefined : signedPayload(token, (p) => this.sign(p));
    if (!payload) return { ok: false, reason: 'invalid' };
    const parsed = actionClaims.safeParse(safeJson(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success) return { ok: false, reason: 'invalid' };
    const { t, a, l, to, exp, n } = parsed.data;
    if (exp <= at) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { ticketId: t, action: a, level: l, to, expiresAt: exp, nonce: n } };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`action-link:${payload}`).digest('base64url');
  }
}

const sized = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

const actionClaims = z.strictObject({
  t: sized(1, 40),
  a: z.enum(['acknowledge', 'resolve']),
  l: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  to: sized(3, 254),
  exp: z.int().check(z.positive()),
  n: sized(16, 64),
});

/** Compares two strings in constant time (for equal lengths), so a guess learns nothing from the timing. */
function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The payload of `<payload>.<signature>` when the signature is `sign(payload)`; undefined otherwise. */
function signedPayload(token: string, sign: (payload: string) => string): string | undefined {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return undefined;
  return sameText(signature, sign(payload)) ? payload : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

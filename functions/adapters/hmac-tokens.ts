// Status-link tokens: HMAC-SHA256 of the radicado under a secret from configuration. 256 bits, nothing stored, so
// a replayed submission can hand out the same working link again.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AccessTokens, FormTokens } from '#domain/ports.js';
import type { Instant } from '#domain/time/instant.js';

export class HmacAccessTokens implements AccessTokens {
  constructor(private readonly secret: string) {}

  issue(ticketId: string): string {
    return createHmac('sha256', this.secret).update(`ticket-status:${ticketId}`).digest('base64url');
  }

  verify(ticketId: string, token: string): boolean {
    const expected = Buffer.from(this.issue(ticketId));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
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
    const [stamp, signature, ...rest] = token.split('.');
    if (!stamp || !signature || rest.length > 0 || !/^[0-9a-z]{1,12}$/.test(stamp)) return 'invalid';
    const expected = Buffer.from(this.sign(stamp));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    const age = at - Number.parseInt(stamp, 36);
    if (age < this.minFillMs) return 'too-fast';
    return age > this.maxAgeMs ? 'expired' : 'ok';
  }

  private sign(stamp: string): string {
    return createHmac('sha256', this.secret).update(`web-form:${stamp}`).digest('base64url');
  }
}

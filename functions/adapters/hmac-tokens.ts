// Status-link tokens: HMAC-SHA256 of the radicado under a secret from configuration. 256 bits, nothing stored, so
// a replayed submission can hand out the same working link again.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AccessTokens } from '#domain/ports.js';

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

// Download links of attachments (`GET /attachments/{token}`): `<base64url(JSON claims)>.<HMAC-SHA256>` under the
// status-link secret's ring with their own prefix, naming the ticket, the file's key and when the link expires (30
// days). Nothing is stored: the link in a mail read tomorrow still works, and each use redirects to a presigned URL
// valid for minutes, so no object is ever public.
import * as z from 'zod/mini';
import type { DownloadClaims, DownloadLinks } from '#domain/attachments.js';
import type { Instant } from '#domain/time/instant.js';
import type { SecretRing } from '../secret-ring.js';
import { hmac, ring, type SecretSource, safeJson, signedPayload } from './hmac-tokens.js';

const claims = z.strictObject({
  t: z.string().check(z.minLength(1), z.maxLength(40)),
  k: z.string().check(z.minLength(1), z.maxLength(200)),
  exp: z.int().check(z.positive()),
});

export class HmacDownloadLinks implements DownloadLinks {
  private readonly keys: SecretRing;

  constructor(secret: SecretSource) {
    this.keys = ring(secret);
  }

  issue(c: DownloadClaims): string {
    const payload = Buffer.from(JSON.stringify({ t: c.ticketId, k: c.key, exp: c.expiresAt })).toString(
      'base64url',
    );
    return `${payload}.${this.sign(this.keys.current(), payload)}`;
  }

  verify(
    token: string,
    at: Instant,
  ): { ok: true; claims: DownloadClaims } | { ok: false; reason: 'invalid' | 'expired' } {
    const payload =
      token.length > 1024 ? undefined : signedPayload(token, this.keys, (key, p) => this.sign(key, p));
    const parsed = payload
      ? claims.safeParse(safeJson(Buffer.from(payload, 'base64url').toString('utf8')))
      : undefined;
    if (!parsed?.success) return { ok: false, reason: 'invalid' };
    const { t, k, exp } = parsed.data;
    if (exp <= at) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { ticketId: t, key: k, expiresAt: exp } };
  }

  private sign(key: string, payload: string): string {
    return hmac(key, `attachment-link:${payload}`);
  }
}

// Download links of attachments (`GET /attachments/{token}`): `<base64url(JSON claims)>.<HMAC-SHA256>` under the
// status-link secret's ring with their own prefix, naming the ticket, the file's key and when the link expires (30
// days). Nothing is stored: the link in a mail read tomorrow still works, and each use redirects to a presigned URL
// valid for minutes, so no object is ever public.
import * as z from 'zod/mini';
import type { DownloadClaims, DownloadLinks } from '#domain/attachments.js';
import type { Instant } from '#domain/time/instant.js';
import { hmac, ring, type SecretSource, SignedClaims } from './hmac-tokens.js';

const claims = z.strictObject({
  t: z.string().check(z.minLength(1), z.maxLength(40)),
  k: z.string().check(z.minLength(1), z.maxLength(200)),
  exp: z.int().check(z.positive()),
});

export class HmacDownloadLinks implements DownloadLinks {
  private readonly tokens: SignedClaims<z.infer<typeof claims>>;

  constructor(secret: SecretSource) {
    this.tokens = new SignedClaims(ring(secret), claims, (key, p) => hmac(key, `attachment-link:${p}`), 1024);
  }

  issue(c: DownloadClaims): string {
    return this.tokens.issue({ t: c.ticketId, k: c.key, exp: c.expiresAt });
  }

  verify(
    token: string,
    at: Instant,
  ): { ok: true; claims: DownloadClaims } | { ok: false; reason: 'invalid' | 'expired' } {
    const verdict = this.tokens.verify(token, at);
    if (!verdict.ok) return verdict;
    const { t, k, exp } = verdict.claims;
    return { ok: true, claims: { ticketId: t, key: k, expiresAt: exp } };
  }
}

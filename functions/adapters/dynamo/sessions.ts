// Staff console sessions: one item each under the SHA-256 of the cookie's token (`SESSION#<hex>`), so a read of the
// table never yields a working cookie; DynamoDB's TTL removes it at the session's absolute end.
import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { StaffSession, StaffSessions } from '#domain/ports.js';
import { SESSION, sessionLive, sessionNeedsRefresh } from '#domain/staff/sign-in.js';
import type { Instant } from '#domain/time/instant.js';
import { linkUseItem, TABLE } from '../table.js';
import { type TableClient, Update } from './table-client.js';

/** A cookie token: 256 random bits, base64url (43 characters). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const sessionItem = z.object({
  email: z.string(),
  csrf: z.string(),
  startedAt: z.number(),
  lastSeenAt: z.number(),
});

function sessionKey(token: string): { pk: string; sk: string } {
  return { pk: `SESSION#${createHash('sha256').update(token).digest('hex')}`, sk: 'SESSION' };
}

export class DynamoSessions implements StaffSessions {
  constructor(
    private readonly table: TableClient,
    private readonly random: (bytes: number) => Buffer = randomBytes,
  ) {}

  /** One transaction: the link's use (refused when recorded already), then the session. */
  async start(
    email: string,
    at: Instant,
    linkUse: { readonly id: string; readonly expiresAt: Instant },
  ): Promise<{ token: string; session: StaffSession } | 'link-used'> {
    const token = this.random(32).toString('base64url');
    const session: StaffSession = {
      email,
      csrf: this.random(32).toString('base64url'),
      startedAt: at,
      lastSeenAt: at,
    };
    const use = linkUseItem(linkUse, at, { purpose: 'staff-sign-in' });
    const item = {
      ...sessionKey(token),
      entity: 'staff-session',
      ...session,
      [TABLE.ttlAttribute]: Math.ceil((at + SESSION.absoluteMs) / 1000),
    };
    const started = await this.table.transactIf([
      this.table.putItem(use, 'attribute_not_exists(pk)'),
      this.table.putItem(item, 'attribute_not_exists(pk)'),
    ]);
    return started ? { token, session } : 'link-used';
  }

  /**
   * The session if it is live at `at` (TTL deletes late, so the timeouts are checked here). Its last-seen time moves
   * at most once a minute, by a write that never brings back a session ended meanwhile.
   */
  async check(token: string, at: Instant): Promise<StaffSession | undefined> {
    if (!TOKEN.test(token)) return undefined;
    const found = await this.table.get(sessionKey(token));
    const parsed = found ? sessionItem.safeParse(found) : undefined;
    if (!parsed?.success) return undefined;
    const session: StaffSession = parsed.data;
    if (!sessionLive(session, at)) return undefined;
    if (!sessionNeedsRefresh(session, at)) return session;
    const refresh = new Update()
      .set(['lastSeenAt'], at)
      .when((u) => `attribute_exists(pk) AND ${u.path('lastSeenAt')} <= ${u.value(at - SESSION.refreshMs)}`);
    // Refused when another request refreshed it first; a sign-out in the same instant is a race either way.
    return (await this.table.update(sessionKey(token), refresh)) ? { ...session, lastSeenAt: at } : session;
  }

  async end(token: string): Promise<void> {
    if (!TOKEN.test(token)) return;
    await this.table.call(() =>
      this.table.db.send(new DeleteCommand({ TableName: this.table.name, Key: sessionKey(token) })),
    );
  }
}

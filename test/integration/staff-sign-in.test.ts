// Staff sign-in on DynamoDB Local: sessions (single-use links, idle and absolute timeouts, sign-out, only the token's
// hash stored) and the sign-in lookup's own hourly limit, apart from lost-link lookups.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverLookup } from '#domain/intake/lookup.js';
import type { MailMessage } from '#domain/ports.js';
import { SESSION, SIGN_IN } from '#domain/staff/sign-in.js';
import { DynamoSessions } from '#functions/adapters/dynamo/sessions.js';
import { TableClient } from '#functions/adapters/dynamo/table-client.js';
import type { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { HmacSignInLinks } from '#functions/adapters/sign-in-links.js';
import { bogota } from '../helpers.js';
import { deliveryOver, freshStore, TestClock } from './support.js';

const T0 = bogota('2026-11-23T10:00');
let db: Awaited<ReturnType<typeof freshStore>>['db'];
let store: DynamoStore;
let table: string;
let sessions: DynamoSessions;
beforeAll(async () => {
  ({ db, store, table } = await freshStore('signin'));
  sessions = new DynamoSessions(new TableClient(db, table));
});
afterAll(() => db?.destroy());

let nonces = 0;
const link = () => ({ id: `nonce-${++nonces}-${T0}`, expiresAt: T0 + SIGN_IN.linkTtlMs });

describe('DynamoSessions', () => {
  it('starts one session per link: the second use is refused and writes nothing', async () => {
    const use = link();
    const started = await sessions.start('ana@certicamara.com', T0, use);
    expect(started).not.toBe('link-used');
    expect(await sessions.start('ana@certicamara.com', T0 + 1000, use)).toBe('link-used');
    const items = (await db.send(new ScanCommand({ TableName: table }))).Items ?? [];
    expect(items.filter((i) => String(i.pk).startsWith('SESSION#'))).toHaveLength(1);
    if (started === 'link-used') return;
    expect(started.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is a key; the token itself is nowhere in the table.
    expect(JSON.stringify(items)).not.toContain(started.token);
    const stored = items.find((i) => String(i.pk).startsWith('SESSION#'));
    expect(stored?.expiresAt).toBe(Math.ceil((T0 + SESSION.absoluteMs) / 1000));
  });

  it('ends a session after 30 idle minutes, and keeps it while it is used', async () => {
    const started = await sessions.start('ana@certicamara.com', T0, link());
    if (started === 'link-used') throw new Error('unexpected');
    const { token } = started;
    expect(await sessions.check(token, T0 + 29 * 60_000)).toMatchObject({ lastSeenAt: T0 + 29 * 60_000 });
    // Seen at minute 29: alive at minute 58, and that request moves it on again.
    expect(await sessions.check(token, T0 + 58 * 60_000)).toBeDefined();
    expect(await sessions.check(token, T0 + 88 * 60_000 + 1)).toBeUndefined();
  });

  it('writes the last-seen time at most once a minute', async () => {
    const started = await sessions.start('ana@certicamara.com', T0, link());
    if (started === 'link-used') throw new Error('unexpected');
    expect(await sessions.check(started.token, T0 + 30_000)).toMatchObject({ lastSeenAt: T0 });
    expect(await sessions.check(started.token, T0 + 60_000)).toMatchObject({ lastSeenAt: T0 + 60_000 });
    expect(await sessions.check(started.token, T0 + 90_000)).toMatchObject({ lastSeenAt: T0 + 60_000 });
  });

  it('ends a session 12 hours after it started however busy it is', async () => {
    const started = await sessions.start('ana@certicamara.com', T0, link());
    if (started === 'link-used') throw new Error('unexpected');
    for (let at = T0 + 20 * 60_000; at < T0 + SESSION.absoluteMs; at += 20 * 60_000)
      expect(await sessions.check(started.token, at)).toBeDefined();
    expect(await sessions.check(started.token, T0 + SESSION.absoluteMs)).toBeUndefined();
  });

  it('ends a session on sign-out, and knows no other token', async () => {
    const started = await sessions.start('ana@certicamara.com', T0, link());
    if (started === 'link-used') throw new Error('unexpected');
    expect(await sessions.check(started.token, T0 + 1000)).toBeDefined();
    await sessions.end(started.token);
    expect(await sessions.check(started.token, T0 + 2000)).toBeUndefined();
    expect(await sessions.check('x'.repeat(43), T0)).toBeUndefined();
    expect(await sessions.check('not a token', T0)).toBeUndefined();
  });
});

describe('the sign-in lookup', () => {
  it('queues 3 links an hour per address, on a counter of its own', async () => {
    const ask = (kind: 'staff-sign-in' | 'links', at = T0) =>
      store.enqueueLookup({ email: 'luis@certicamara.com', locale: 'es', kind, at });
    expect([await ask('staff-sign-in'), await ask('staff-sign-in'), await ask('staff-sign-in')]).toEqual([
      'queued',
      'queued',
      'queued',
    ]);
    expect(await ask('staff-sign-in')).toBe('rate-limited');
    // Lost-link lookups of the same address keep their own three.
    expect(await ask('links')).toBe('queued');
    expect(await ask('staff-sign-in', T0 + SIGN_IN.windowMs)).toBe('queued');
  });

  it('mails a link to the confirmation page, valid 15 minutes from the sending', async () => {
    const at = T0 + 5 * SIGN_IN.windowMs;
    await store.enqueueLookup({ email: 'eva@certicamara.com', locale: 'en', kind: 'staff-sign-in', at });
    const clock = new TestClock(at + 60_000);
    const sent: MailMessage[] = [];
    const links = new HmacSignInLinks('s'.repeat(40));
    const deps = {
      ...deliveryOver(store, clock, {
        send: async (m: MailMessage) => {
          sent.push(m);
          return { messageId: 'm' };
        },
      }),
      signInLinks: links,
      publicBaseUrl: 'https://api.example.com/',
    };
    const ids = await store.listDueLookups(at + 60_000);
    for (const id of ids) await deliverLookup(deps, id);
    const mail = sent.find((m) => m.to[0] === 'eva@certicamara.com');
    const href = /https:\/\/api\.example\.com\/staff\/sign-in\/confirm\?token=([^"&\s]+)/.exec(
      mail?.html ?? '',
    );
    expect(href).not.toBeNull();
    const token = decodeURIComponent(href?.[1] ?? '');
    const checked = links.verify(token, clock.now());
    expect(checked).toMatchObject({ ok: true, claims: { email: 'eva@certicamara.com' } });
    if (checked.ok) expect(checked.claims.expiresAt - clock.now()).toBeLessThanOrEqual(SIGN_IN.linkTtlMs);
    expect(links.verify(token, clock.now() + SIGN_IN.linkTtlMs + 1000)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});

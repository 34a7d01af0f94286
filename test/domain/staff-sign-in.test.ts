// The sign-in rules: who is sent a link, the session timeouts, and which pages one may come back to.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#domain/errors.js';
import { StaffDirectory } from '#domain/inbound/directory.js';
import {
  requestSignIn,
  SESSION,
  safeStaffPath,
  sessionEndsAt,
  sessionLive,
  sessionNeedsRefresh,
} from '#domain/staff/sign-in.js';

const T0 = Date.UTC(2026, 10, 23, 15);
const directory = new StaffDirectory([
  {
    email: 'PQRSA@certicamara.com',
    name: 'Equipo PQRSA',
    level: 1,
    queues: [{ product: 'certifactura', queue: 'pqrsa' }],
  },
]);

function deps() {
  const queued: unknown[] = [];
  return {
    queued,
    lookups: {
      enqueueLookup: async (r: unknown) => {
        queued.push(r);
        return 'queued' as const;
      },
    },
    directory,
    clock: { now: () => T0 },
  };
}

describe('requestSignIn', () => {
  it('queues a link for a directory address (a role mailbox too), in lower case', async () => {
    const d = deps();
    expect(await requestSignIn(d, { email: ' Pqrsa@Certicamara.com', locale: 'en' })).toBe('queued');
    expect(d.queued).toEqual([
      { email: 'pqrsa@certicamara.com', locale: 'en', kind: 'staff-sign-in', at: T0 },
    ]);
  });

  it('queues nothing for an address outside the directory', async () => {
    const d = deps();
    expect(await requestSignIn(d, { email: 'pqrsa@certicamara.co' })).toBe('not-staff');
    expect(d.queued).toEqual([]);
  });

  it('names the field of a missing or malformed address, and refuses other fields', async () => {
    const paths = async (body: unknown) => {
      try {
        await requestSignIn(deps(), body);
      } catch (error) {
        if (error instanceof ValidationError) return error.fields.map((f) => `${f.path}:${f.code}`);
      }
      return [];
    };
    expect(await paths({})).toEqual(['email:required']);
    expect(await paths({ email: 'no-at-sign' })).toEqual(['email:invalid_email']);
    expect((await paths({ email: 'a@b.co', kind: 'export' }))[0]).toMatch(/^kind:/);
  });
});

describe('session timeouts', () => {
  const session = { startedAt: T0, lastSeenAt: T0 };
  it('ends 30 minutes after the last request', () => {
    expect(sessionLive(session, T0 + SESSION.idleMs - 1)).toBe(true);
    expect(sessionLive(session, T0 + SESSION.idleMs)).toBe(false);
  });
  it('ends 12 hours after the start, however recent the last request', () => {
    const busy = { startedAt: T0, lastSeenAt: T0 + SESSION.absoluteMs - 60_000 };
    expect(sessionEndsAt(busy)).toBe(T0 + SESSION.absoluteMs);
    expect(sessionLive(busy, T0 + SESSION.absoluteMs)).toBe(false);
  });
  it('moves the last request on once a minute at most', () => {
    expect(sessionNeedsRefresh(session, T0 + 59_999)).toBe(false);
    expect(sessionNeedsRefresh(session, T0 + 60_000)).toBe(true);
  });
});

describe('safeStaffPath', () => {
  it('keeps console paths with their query', () => {
    for (const path of ['/staff', '/staff/tickets/PQR-2026-000001', '/staff/search?q=factura&lang=en'])
      expect(safeStaffPath(path)).toBe(path);
  });
  it('refuses anything that could leave the console', () => {
    for (const path of [
      null,
      '',
      '/',
      '/staffx',
      '//evil.example',
      '/staff//evil.example',
      '/staff\\x',
      'https://x/staff',
      '/staff/<script>',
    ])
      expect(safeStaffPath(path)).toBeUndefined();
  });
});

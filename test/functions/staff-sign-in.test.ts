// The staff sign-in routes and session check with fakes: one answer for anyone, mail for members only, cookies'
// flags by origin, CSRF refused, single-use links, the page to come back to, sign-out.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { StaffDirectory } from '#domain/inbound/directory.js';
import type { LookupQueue, StaffSession, StaffSessions } from '#domain/ports.js';
import { SIGN_IN } from '#domain/staff/sign-in.js';
import { HmacSignInLinks } from '#functions/adapters/sign-in-links.js';
import type { HttpResult } from '#functions/http/kit.js';
import { authenticator, clearedSessionCookie, csrfOk, sessionCookie } from '#functions/http/staff/session.js';
import { signInHandlers } from '#functions/http/staff/sign-in.js';

const NOW = Date.UTC(2026, 10, 23, 15);
const MEMBER = 'ana@certicamara.com';

/** Sessions in memory, with the port's single-use rule. */
class MemorySessions implements StaffSessions {
  readonly live = new Map<string, StaffSession>();
  private readonly used = new Set<string>();
  async start(email: string, at: number, linkUse: { id: string }) {
    if (this.used.has(linkUse.id)) return 'link-used' as const;
    this.used.add(linkUse.id);
    const token = `t${this.live.size}`.padEnd(43, 'x');
    const session = { email, csrf: `csrf-${this.live.size}`, startedAt: at, lastSeenAt: at };
    this.live.set(token, session);
    return { token, session };
  }
  async check(token: string) {
    return this.live.get(token);
  }
  async end(token: string) {
    this.live.delete(token);
  }
}

function setup(secureCookies = true, members = [MEMBER]) {
  const queued: string[] = [];
  const lookups: Pick<LookupQueue, 'enqueueLookup'> = {
    enqueueLookup: async (r) => {
      queued.push(`${r.kind}:${r.email}:${r.locale}`);
      return 'queued';
    },
  };
  const directory = new StaffDirectory(
    members.map((email) => ({
      email,
      name: 'Ana',
      level: 1,
      queues: [{ product: 'certifactura', queue: 'support' }],
    })),
  );
  const links = new HmacSignInLinks('k'.repeat(40));
  const sessions = new MemorySessions();
  const clock = { now: () => NOW };
  const handle = signInHandlers({ lookups, directory, links, sessions, clock, secureCookies });
  return { queued, links, sessions, directory, clock, handle };
}

function request(
  method: string,
  path: string,
  options: {
    body?: string;
    type?: string;
    cookies?: string[] | undefined;
    query?: Record<string, string> | undefined;
  } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    rawPath: path,
    rawQueryString: new URLSearchParams(options.query).toString(),
    queryStringParameters: options.query,
    headers: options.type ? { 'content-type': options.type } : {},
    cookies: options.cookies,
    requestContext: { requestId: 'r1', http: { method } },
    body: options.body,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

const FORM = 'application/x-www-form-urlencoded';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
/** The cookie `name=value` pairs a response sets (without attributes). */
const pairs = (result: HttpResult | undefined) => (result?.cookies ?? []).map((c) => c.split(';')[0] ?? '');
const hidden = (result: HttpResult | undefined, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(result?.body ?? '')?.[1] ?? '';

/** The sign-in form, as a browser holds it: its pre-session cookie and the form's token. */
async function openForm(handle: ReturnType<typeof setup>['handle'], query?: Record<string, string>) {
  const page = await handle(request('GET', '/staff/sign-in', { query }));
  return { page, cookies: pairs(page), csrf: hidden(page, 'csrf') };
}

describe('POST /staff/sign-in', () => {
  it('answers a member and a stranger the same 202 page, and queues mail for the member only', async () => {
    const { handle, queued } = setup();
    const { cookies, csrf } = await openForm(handle);
    const ask = (email: string) =>
      handle(request('POST', '/staff/sign-in', { type: FORM, cookies, body: form({ email, csrf }) }));
    const member = await ask(' Ana@Certicamara.com ');
    const stranger = await ask('someone@example.com');
    expect(member?.statusCode).toBe(202);
    expect(stranger?.statusCode).toBe(202);
    expect(stranger?.body).toBe(member?.body);
    expect(queued).toEqual([`staff-sign-in:${MEMBER}:es`]);
  });

  it('answers JSON with { status: "accepted" }, and a missing or malformed address with its field named', async () => {
    const { handle, queued } = setup();
    const json = (body: unknown) =>
      handle(request('POST', '/staff/sign-in', { type: 'application/json', body: JSON.stringify(body) }));
    const accepted = await json({ email: 'x@example.com', locale: 'en' });
    expect([accepted?.statusCode, JSON.parse(accepted?.body ?? '')]).toEqual([202, { status: 'accepted' }]);
    const refused = await json({ email: 'not-an-address' });
    expect(refused?.statusCode).toBe(400);
    expect(JSON.parse(refused?.body ?? '').error.fields[0]).toMatchObject({
      path: 'email',
      code: 'invalid_email',
    });
    expect(queued).toEqual([]);
  });

  it('shows the form again with the field named when the form has no address', async () => {
    const { handle, queued } = setup();
    const { cookies, csrf } = await openForm(handle);
    const page = await handle(
      request('POST', '/staff/sign-in', { type: FORM, cookies, body: form({ csrf }), query: { lang: 'en' } }),
    );
    expect(page?.statusCode).toBe(400);
    expect(page?.body).toContain('id="email-error"');
    expect(page?.body).toContain('aria-invalid="true"');
    expect(page?.body).toContain('lang="en"');
    expect(queued).toEqual([]);
  });

  it('refuses a form without the token of its own cookie (another site posting it)', async () => {
    const { handle, queued } = setup();
    const { cookies } = await openForm(handle);
    const body = form({ email: MEMBER, csrf: 'a'.repeat(43) });
    expect((await handle(request('POST', '/staff/sign-in', { type: FORM, cookies, body })))?.statusCode).toBe(
      403,
    );
    expect((await handle(request('POST', '/staff/sign-in', { type: FORM, body })))?.statusCode).toBe(403);
    expect(queued).toEqual([]);
  });
});

describe('the confirmation', () => {
  async function confirmWith(s: ReturnType<typeof setup>, token: string, cookies?: string[]) {
    const page = await s.handle(request('GET', '/staff/sign-in/confirm', { query: { token }, cookies }));
    const held = [
      ...(cookies ?? []).filter((c) => !pairs(page).some((p) => p.split('=')[0] === c.split('=')[0])),
      ...pairs(page),
    ];
    const post = await s.handle(
      request('POST', '/staff/sign-in/confirm', {
        type: FORM,
        cookies: held,
        body: form({ token, csrf: hidden(page, 'csrf') }),
      }),
    );
    return { page, post };
  }

  it('starts nothing on GET, then a session on POST with the cookie flags of an https origin', async () => {
    const s = setup(true);
    const token = s.links.issue(MEMBER, NOW + SIGN_IN.linkTtlMs);
    const { page, post } = await confirmWith(s, token);
    expect(page?.statusCode).toBe(200);
    expect(page?.body).toContain(MEMBER);
    expect(post?.statusCode).toBe(303);
    expect(post?.headers?.location).toBe('/staff');
    const [cookie] = post?.cookies ?? [];
    expect(cookie).toMatch(/^__Host-staff=t0x+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    expect(s.sessions.live.size).toBe(1);
  });

  it('sets the cookie without Secure on the http twin', async () => {
    const s = setup(false);
    const { post } = await confirmWith(s, s.links.issue(MEMBER, NOW + 60_000));
    expect(post?.cookies?.[0]).toMatch(/^staff=t0x+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(sessionCookie('t', false)).not.toContain('Secure');
    expect(clearedSessionCookie(true)).toBe(
      '__Host-staff=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0',
    );
  });

  it('answers 400 for a bad link, 410 for an expired one and 409 for a used one, each with a way back', async () => {
    const s = setup();
    const bad = await s.handle(request('GET', '/staff/sign-in/confirm', { query: { token: 'forged.link' } }));
    const expired = await s.handle(
      request('GET', '/staff/sign-in/confirm', { query: { token: s.links.issue(MEMBER, NOW) } }),
    );
    const token = s.links.issue(MEMBER, NOW + 60_000);
    await confirmWith(s, token);
    const { post: again } = await confirmWith(s, token);
    expect([bad?.statusCode, expired?.statusCode, again?.statusCode]).toEqual([400, 410, 409]);
    for (const page of [bad, expired, again]) expect(page?.body).toContain('href="/staff/sign-in"');
    expect(s.sessions.live.size).toBe(1);
  });

  it('refuses a confirmation posted without the page’s token', async () => {
    const s = setup();
    const token = s.links.issue(MEMBER, NOW + 60_000);
    const post = await s.handle(
      request('POST', '/staff/sign-in/confirm', { type: FORM, body: form({ token }) }),
    );
    expect(post?.statusCode).toBe(403);
    expect(s.sessions.live.size).toBe(0);
  });

  it('returns to the console page that sent the person to sign in, never to another site', async () => {
    const s = setup();
    const kept = await openForm(s.handle, { next: '/staff/tickets/PQR-2026-000042?lang=en' });
    const { post } = await confirmWith(s, s.links.issue(MEMBER, NOW + 60_000), kept.cookies);
    expect(post?.headers?.location).toBe('/staff/tickets/PQR-2026-000042?lang=en');
    for (const next of [
      '//evil.example/staff',
      'https://evil.example/staff',
      '/staffing',
      '/\\evil.example',
    ]) {
      const refused = await openForm(s.handle, { next });
      const { post: home } = await confirmWith(s, s.links.issue(MEMBER, NOW + 60_000), refused.cookies);
      expect(home?.headers?.location).toBe('/staff');
    }
  });
});

describe('sign-out and the session check', () => {
  async function signedIn(s: ReturnType<typeof setup>) {
    const started = await s.sessions.start(MEMBER, NOW, { id: 'n1' });
    if (started === 'link-used') throw new Error('unexpected');
    return { ...started, cookies: [`__Host-staff=${started.token}`] };
  }

  it('refuses a sign-out without the session’s CSRF token, and ends the session with it', async () => {
    const s = setup();
    const { token, session, cookies } = await signedIn(s);
    const out = (csrf: string) =>
      s.handle(request('POST', '/staff/sign-out', { type: FORM, cookies, body: form({ csrf }) }));
    expect((await out('csrf-wrong'))?.statusCode).toBe(403);
    expect(s.sessions.live.has(token)).toBe(true);
    const done = await out(session.csrf);
    expect(done?.statusCode).toBe(303);
    expect(done?.headers?.location).toBe('/staff/sign-in');
    expect(done?.cookies).toEqual([clearedSessionCookie(true)]);
    expect(s.sessions.live.has(token)).toBe(false);
  });

  it('knows who signed in, and refuses a session whose address left the directory', async () => {
    const s = setup();
    const { cookies } = await signedIn(s);
    const auth = authenticator({ ...s, secureCookies: true });
    expect((await auth(request('GET', '/staff', { cookies })))?.identity.email).toBe(MEMBER);
    // The insecure cookie's name is not read on an https origin.
    expect(
      await auth(request('GET', '/staff', { cookies: [cookies[0]?.replace('__Host-', '') ?? ''] })),
    ).toBeUndefined();
    const left = authenticator({ ...s, directory: new StaffDirectory([]), secureCookies: true });
    expect(await left(request('GET', '/staff', { cookies }))).toBeUndefined();
  });

  it('compares CSRF tokens exactly', () => {
    const session = { csrf: 'abc' };
    expect([
      csrfOk(session, 'abc'),
      csrfOk(session, 'abd'),
      csrfOk(session, 'ab'),
      csrfOk(session, null),
    ]).toEqual([true, false, false, false]);
  });

  it('leaves every other path to the console', async () => {
    const s = setup();
    expect(await s.handle(request('GET', '/staff'))).toBeUndefined();
    expect(await s.handle(request('GET', '/staff/sign-out'))).toBeUndefined();
  });
});

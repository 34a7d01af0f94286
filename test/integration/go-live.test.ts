// The public API cannot be turned against Certicámara's mail: proof of origin, a per-recipient acknowledgement
// limit, requester mail without the submitter's text, the edge's per-IP rate limit and the consent's policy version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bogota } from '../helpers.js';
import {
  AS_FORM,
  mailsAbout,
  postJson,
  startTestTwin,
  type TestTwin,
  validSubmission,
  waitFor,
} from './support.js';

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ start: bogota('2026-11-23T10:00'), ackLimitPerHour: 3, formMinFillMs: 300 });
});
afterAll(() => twin?.stop());

describe('proof of origin', () => {
  it('answers a scripted submission without proof 401 proof_required, and writes nothing', async () => {
    const before = await twin.itemCount();
    const scripted = await postJson(twin.url, validSubmission(), AS_FORM);
    expect(scripted.status).toBe(401);
    expect(scripted.json).toMatchObject({ error: { code: 'proof_required' } });
    const forgedKey = await postJson(twin.url, validSubmission(), { 'x-api-key': `trk_${'x'.repeat(43)}` });
    expect(forgedKey.status).toBe(401);
    expect(forgedKey.json).toMatchObject({ error: { code: 'invalid_api_key' } });
    expect(await twin.itemCount()).toBe(before);
  });

  it('accepts a submission with a fresh serving token from GET /form-token, served under CORS', async () => {
    const origin = 'https://soporte.example.com';
    const served = await fetch(`${twin.url}/form-token`, { headers: { origin } });
    expect(served.status).toBe(200);
    expect(served.headers.get('access-control-allow-origin')).toBeNull(); // not an allowed origin here
    const own = await fetch(`${twin.url}/form-token`, { headers: { origin: twin.url } });
    expect(own.headers.get('access-control-allow-origin')).toBe(twin.url);
    const { token } = (await served.json()) as { token: string };
    twin.clock.advance(1_000);
    const created = await postJson(twin.url, validSubmission({ form: { token, website: '' } }), AS_FORM);
    expect(created.status).toBe(201);
    // Its mails delivered first (the acknowledgement's hourly count is an item of its own), then the count.
    await waitFor(
      async () =>
        (await twin.store.get(String(created.json.id)))?.notifications?.every(
          (n) => n.status !== 'pending' && n.status !== 'sending',
        ),
      { what: 'the first ticket delivered' },
    );
    // One served form, one ticket: a script replaying the token gets nothing more, and nothing is written.
    const before = await twin.itemCount();
    const replayed = await postJson(
      twin.url,
      validSubmission({ subject: 'Otra más', form: { token, website: '' } }),
      AS_FORM,
    );
    expect(replayed.status).toBe(400);
    expect(replayed.json).toMatchObject({ error: { code: 'rejected' } });
    expect(await twin.itemCount()).toBe(before);
    // The same submission retried with its Idempotency-Key is still answered with its ticket.
    const key = { ...AS_FORM, 'idempotency-key': 'form-retry-1' };
    const fresh = ((await (await fetch(`${twin.url}/form-token`)).json()) as { token: string }).token;
    twin.clock.advance(1_000);
    const body = validSubmission({ subject: 'Con clave', form: { token: fresh, website: '' } });
    const first = await postJson(twin.url, body, key);
    const again = await postJson(twin.url, body, key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.json.id).toBe(first.json.id);
  });
});

describe('one address named by many submissions', () => {
  it('gets at most three acknowledgements an hour, none repeating the submitted text; every ticket is routed', async () => {
    const stranger = `victima.${Date.now()}@example.com`;
    const spam = {
      subject: 'Oferta http://spam.example gane ya',
      description: 'Visite http://spam.example y gane premios increíbles hoy',
      requester: { name: 'Hola vecino spam', email: stranger },
    };
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await postJson(twin.url, validSubmission(spam));
      expect(answer.status).toBe(201);
      ids.push(answer.json.id as string);
    }
    const records = await waitFor(async () => {
      const all = await Promise.all(ids.map((id) => twin.store.get(id)));
      const settled = all.every((r) =>
        r?.notifications?.every((n) => n.status === 'sent' || n.status === 'withheld'),
      );
      return settled && all;
    });
    const ackStatus = records.map((r) => r?.notifications?.find((n) => n.kind === 'requester-ack')?.status);
    expect(ackStatus.filter((s) => s === 'sent')).toHaveLength(3);
    expect(ackStatus.filter((s) => s === 'withheld')).toHaveLength(7);
    for (const r of records) {
      // Recorded and routed: the staff mail went out for every one.
      expect(r?.notifications?.find((n) => n.kind === 'routed')?.status).toBe('sent');
    }
    const withheld = records.find((r) => r?.history.some((h) => h.event === 'acknowledgement-withheld'));
    expect(withheld).toBeDefined();

    const toStranger = (await Promise.all(ids.map((id) => mailsAbout(twin, id))))
      .flat()
      .filter((m) => m.destination.to.includes(stranger));
    expect(toStranger).toHaveLength(3);
    for (const mail of toStranger) {
      for (const part of [mail.subject, mail.body.text ?? '', mail.body.html ?? '']) {
        expect(part).not.toContain('spam');
        expect(part).not.toContain('vecino');
        expect(part).not.toContain('premios');
      }
    }
  });
});

describe('pages', () => {
  it('carry HSTS with the other security headers', async () => {
    const page = await fetch(`${twin.url}/`);
    expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('consent', () => {
  it('to another policy version is 400 policy_version_mismatch, naming the version in force', async () => {
    const answer = await postJson(
      twin.url,
      validSubmission({ consent: { accepted: true, policyVersion: 'x' } }),
    );
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      error: { code: 'policy_version_mismatch', currentVersion: '2024-01' },
    });
  });
});

describe('a flood from one client', () => {
  it('gets 429 with Retry-After past the per-IP limit, and writes nothing more', async () => {
    const limited = await startTestTwin({ start: bogota('2026-11-23T10:00'), rateLimitPer5Min: 5 });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 12; i++) {
        const answer = await postJson(limited.url, validSubmission());
        statuses.push(answer.status);
        if (answer.status === 429) retryAfter = answer.headers.get('retry-after');
      }
      expect(statuses.filter((s) => s === 201)).toHaveLength(5);
      expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      // Five tickets, each a state and a body item.
      expect(await limited.itemCount()).toBe(10);
      // Reads are not limited.
      expect(
        (await fetch(`${limited.url}/routing?product=certifactura&type=incidente&priority=2`)).status,
      ).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it("counts staff's ticket actions apart from the public POSTs, each against its own limit", async () => {
    const limited = await startTestTwin({
      start: bogota('2026-11-23T10:00'),
      rateLimitPer5Min: 3,
      staffRateLimitPer5Min: 6,
    });
    try {
      // Without a session the console sends a post back to sign in (303): what counts here is the edge's answer.
      const action = () =>
        fetch(`${limited.url}/staff/tickets/CF-2026-000001/acknowledge`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'csrf=x',
          redirect: 'manual',
        }).then((r) => r.status);
      const actions: number[] = [];
      for (let i = 0; i < 8; i++) actions.push(await action());
      expect(actions).toEqual([303, 303, 303, 303, 303, 303, 429, 429]);
      // The office's actions used none of the public allowance: three submissions go through, the fourth does not.
      const submissions: number[] = [];
      for (let i = 0; i < 4; i++) submissions.push((await postJson(limited.url, validSubmission())).status);
      expect(submissions).toEqual([201, 201, 201, 429]);
      // Signing in is public: it counts with the submissions, not with the actions.
      const signIn = await fetch(`${limited.url}/staff/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=ana%40example.com',
        redirect: 'manual',
      });
      expect(signIn.status).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});

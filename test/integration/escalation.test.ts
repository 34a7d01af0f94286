// The escalation lifecycle end to end on DynamoDB Local and the SES emulator: the sweeper, the signed links in
// staff mail (confirmation page, single use, expiry, tampering), resolution mail, the requester's escalation,
// concurrent sweeps, and the sweeper's reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdue } from '#domain/escalation/sweep.js';
import { documentClient } from '#functions/adapters/clients.js';
import { DynamoStore } from '#functions/adapters/dynamo-store.js';
import { withoutRequesterHash } from '#functions/adapters/requester-hash.js';
import { escalationPolicy } from '#functions/wiring.js';
import { bogota } from '../helpers.js';
import { actionTokens, followLink } from './staff-links.js';
import {
  mailsAbout,
  postJson,
  type StoredMail,
  startTestTwin,
  type TestTwin,
  validSubmission,
  waitFor,
} from './support.js';

const HOUR = 3_600_000;
let twin: TestTwin;
beforeAll(async () => {
  // Monday 23 November 2026, 10:00: Certifactura support is open until 19:00.
  twin = await startTestTwin({ start: bogota('2026-11-23T10:00') });
});
afterAll(() => twin?.stop());

async function create(overrides: Record<string, unknown> = {}) {
  const { status, json } = await postJson(twin.url, validSubmission(overrides));
  expect(status).toBe(201);
  return json as { id: string; statusUrl: string };
}

async function mailWith(id: string, subjectPart: string): Promise<StoredMail> {
  return waitFor(async () => (await mailsAbout(twin, id)).find((m) => m.subject.includes(subjectPart)), {
    what: `mail "${subjectPart}" about ${id}`,
  });
}

const action = (method: 'GET' | 'POST', token: string, form: Record<string, string> = {}) =>
  followLink(twin.url, method, token, form);

describe('the sweeper and the links in staff mail', () => {
  it('escalates a late ticket, and the new level acknowledges it from the mail after confirming', async () => {
    const { id, statusUrl } = await create();
    const routed = await mailWith(id, 'P2 · Incidente');
    expect(actionTokens(routed)).toHaveLength(2);

    // First response was due at 12:00 (two open hours). At 11:59 nothing happens; at 12:00 it climbs.
    twin.clock.advance(2 * HOUR - 60_000);
    expect((await twin.sweep()).escalated).toBe(0);
    twin.clock.advance(60_000);
    expect(await twin.sweep()).toMatchObject({ escalated: 1, stale: 0 });

    const escalated = await mailWith(id, 'ESCALADA A NIVEL 2');
    expect(escalated.destination.to).toEqual(['supervisor.mesadeayuda@certicamara.com']);
    expect(escalated.destination.cc).toEqual(['soporte.certifactura@certicamara.com']);
    expect(escalated.body.text).toContain('Venció el plazo de primera respuesta sin acuse de recibo.');
    expect(escalated.body.text).toContain('Historial');
    const [ack] = actionTokens(escalated);

    // Opening the link (as a mail scanner would) changes nothing: it asks for confirmation. (First the escalation
    // mail is recorded as sent: SES shows it a moment before the outbox says so.)
    const before = await waitFor(async () => {
      const record = await twin.store.get(id);
      return record?.notifications?.every((n) => n.status === 'sent') ? record : undefined;
    });
    const page = await action('GET', ack ?? '');
    expect(page.status).toBe(200);
    expect(page.html).toContain(`Acusar recibo: ${id}`);
    expect(page.html).toContain('<form method="post" action="/actions">');
    expect((await twin.store.get(id))?.history).toEqual(before?.history);

    const done = await action('POST', ack ?? '', { name: 'Laura Gómez' });
    expect(done.status).toBe(200);
    expect(done.html).toContain(`Acuse de recibo registrado: ${id}`);
    const after = await twin.store.get(id);
    expect(after?.ticket).toMatchObject({ status: 'acknowledged', escalationLevel: 2 });
    expect(after?.history.find((h) => h.event === 'acknowledged')).toMatchObject({
      by: 'Laura Gómez <supervisor.mesadeayuda@certicamara.com> (nivel 2)',
    });
    // The requester reads who acted by role and level only: no staff name, and no address in the history (the
    // routing decision names the desks' published role mailboxes, as the support pages do).
    const { history } = (await (await fetch(statusUrl)).json()) as { history: Record<string, unknown>[] };
    expect(history).toContainEqual(expect.objectContaining({ event: 'acknowledged', by: 'staff', level: 2 }));
    expect(JSON.stringify(history)).not.toContain('Laura');
    expect(JSON.stringify(history)).not.toMatch(/@/);
    // The requester is told who handles it: the role that acknowledged and its public mailbox, not the person.
    const handling = await mailWith(id, 'está en atención');
    expect(handling.destination.to).toEqual(['ana.perez@example.com']);
    expect(handling.body.text).toContain('Supervisor de Soporte (nivel 2 de atención)');
    expect(handling.body.text).toContain('supervisor.mesadeayuda@certicamara.com');
    expect(handling.body.text).not.toContain('Laura');
  });

  it('refuses a replayed, tampered or expired link with a clear page, and changes nothing', async () => {
    const { id } = await create({ subject: 'Enlaces de prueba' });
    const routed = await mailWith(id, 'Enlaces de prueba');
    const [ack, resolve] = actionTokens(routed);
    expect((await action('POST', ack ?? '')).status).toBe(200);

    const replay = await action('POST', ack ?? '');
    expect(replay.status).toBe(409);
    expect(replay.html).toContain('Enlace ya usado');
    expect((await action('GET', ack ?? '')).html).toContain('Enlace ya usado');

    // Another ticket's id in the payload, signature kept: refused.
    const [payload, signature] = (resolve ?? '').split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { t: string };
    const forged = Buffer.from(JSON.stringify({ ...claims, t: 'CF-2026-000001' })).toString('base64url');
    const tampered = await action('POST', `${forged}.${signature}`, { note: 'Cerrada por un intruso.' });
    expect(tampered.status).toBe(400);
    expect(tampered.html).toContain('Enlace no válido');
    expect((await action('GET', 'nonsense')).status).toBe(400);

    const historyBefore = (await twin.store.get(id))?.history.length;
    twin.clock.advance(8 * 24 * HOUR);
    const expired = await action('POST', resolve ?? '', { note: 'Demasiado tarde para este enlace.' });
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('Enlace vencido');
    const record = await twin.store.get(id);
    expect(record?.ticket.status).toBe('acknowledged');
    expect(record?.history.length).toBe(historyBefore);
  });

  it('resolves with a note, and the requester receives it with the radicado', async () => {
    const { id } = await create({ subject: 'Para resolver' });
    const [, resolve] = actionTokens(await mailWith(id, 'Para resolver'));
    const empty = await action('POST', resolve ?? '', { note: 'corta' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('role="alert"');
    expect((await twin.store.get(id))?.ticket.status).toBe('received');

    const done = await action('POST', resolve ?? '', {
      note: 'Reiniciamos el servicio de emisión; ya funciona.',
    });
    expect(done.status).toBe(200);
    const record = await twin.store.get(id);
    expect(record?.ticket).toMatchObject({ status: 'resolved', dueAt: null });
    const mail = await mailWith(id, 'su solicitud fue resuelta');
    expect(mail.destination.to).toEqual(['ana.perez@example.com']);
    expect(mail.body.text).toContain('Reiniciamos el servicio de emisión; ya funciona.');
    expect(mail.body.text).toContain(id);
    // Closed: the sweeper never sees it again.
    twin.clock.advance(30 * 24 * HOUR);
    await twin.sweep();
    expect((await twin.store.get(id))?.ticket.escalationLevel).toBe(1);
  });
});

describe('the requester escalates from the status page', () => {
  it('after the first-response deadline only, once per level, and the new level is told', async () => {
    const { id, statusUrl } = await create({ subject: 'Escalamiento del solicitante' });
    const token = new URL(statusUrl).searchParams.get('token') ?? '';
    const escalate = (reason: string) =>
      fetch(`${twin.url}/requests/${id}/escalate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ reason }),
      });

    const view = (await (await fetch(statusUrl)).json()) as { requesterEscalation: Record<string, unknown> };
    expect(view.requesterEscalation).toMatchObject({ allowed: false, reason: 'not_yet' });
    const early = await escalate('Necesito respuesta ya, por favor.');
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({
      error: { code: 'action_refused', reason: 'not_yet', availableAt: expect.stringMatching(/^2026-/) },
    });

    twin.clock.advance(3 * HOUR);
    const wrongToken = await fetch(`${twin.url}/requests/${id}/escalate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
      body: JSON.stringify({ reason: 'Necesito respuesta ya, por favor.' }),
    });
    expect(wrongToken.status).toBe(404);
    const tooShort = await escalate('ya');
    expect(tooShort.status).toBe(400);

    const ok = await escalate('Nadie me ha respondido y no puedo facturar.');
    expect(ok.status).toBe(200);
    // Level 2 now has its own window (two open hours) before the requester may go higher.
    expect(await ok.json()).toMatchObject({
      escalationLevel: 2,
      requesterEscalation: { allowed: false, reason: 'not_yet' },
    });
    const again = await escalate('Nadie me ha respondido y no puedo facturar.');
    expect(((await again.json()) as { error: { reason: string } }).error.reason).toBe('not_yet');

    const mail = await mailWith(id, 'ESCALADA A NIVEL 2');
    expect(mail.body.text).toContain(
      'El solicitante pidió escalar: Nadie me ha respondido y no puedo facturar.',
    );
    const trail = (await (await fetch(statusUrl)).json()) as { history: { event: string; by: string }[] };
    expect(trail.history.filter((h) => h.event === 'escalated')).toEqual([
      expect.objectContaining({ by: 'requester' }),
    ]);
  });
});

describe('sweeps', () => {
  it('two sweeps at once escalate each ticket once, with one notification per escalation', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await create({ subject: `Concurrente ${i}` })).id);
    twin.clock.advance(3 * HOUR);
    const sweeper = () => {
      const store = new DynamoStore(
        documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: twin.dynamoEndpoint }),
        twin.tableName,
        withoutRequesterHash, // as in AWS: the sweeper is not given the address-hash key
      );
      return sweepOverdue({
        tickets: store,
        policy: escalationPolicy(),
        products: ['certifactura'],
        clock: twin.clock,
      });
    };
    const reports = await Promise.all([sweeper(), sweeper(), sweeper()]);
    for (const id of ids) {
      const record = await twin.store.get(id);
      expect(record?.ticket.escalationLevel).toBe(2);
      expect(record?.history.filter((h) => h.event === 'escalated')).toHaveLength(1);
    }
    // Every ticket swept (these and earlier tests' overdue ones) was applied by exactly one sweeper.
    const applied = reports.reduce((n, r) => n + r.escalated, 0);
    expect(applied).toBeGreaterThanOrEqual(ids.length);
    for (const id of ids) {
      const escalations = await waitFor(async () => {
        const mails = (await mailsAbout(twin, id)).filter((m) => m.subject.includes('ESCALADA A NIVEL 2'));
        return mails.length > 0 && mails;
      });
      expect(escalations).toHaveLength(1);
    }
  });

  it('reads only overdue tickets: its reads do not grow with the open tickets that are not due', async () => {
    // A fresh twin: 3 tickets that will be overdue, then 40 open ones that are not.
    const fresh = await startTestTwin({ start: bogota('2026-11-24T08:00') });
    try {
      for (let i = 0; i < 3; i++) await postJson(fresh.url, validSubmission({ subject: `Vencida ${i}` }));
      fresh.clock.advance(2 * HOUR + 60_000);
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          postJson(fresh.url, validSubmission({ subject: `Al día ${i}` })),
        ),
      );
      let itemsRead = 0;
      const db = documentClient({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: fresh.dynamoEndpoint });
      db.middlewareStack.add(
        (next) => async (args) => {
          const result = await next(args);
          itemsRead += (result.output as { ScannedCount?: number }).ScannedCount ?? 0;
          return result;
        },
        { step: 'initialize', name: 'countItemsRead' },
      );
      const report = await sweepOverdue({
        tickets: new DynamoStore(db, fresh.tableName, withoutRequesterHash),
        policy: escalationPolicy(),
        products: ['certifactura', 'biometria'],
        clock: fresh.clock,
      });
      expect(report).toMatchObject({ examined: 3, escalated: 3 });
      // Three overdue items, read once; the re-check after the step finds none due.
      expect(itemsRead).toBe(3);
    } finally {
      await fresh.stop();
    }
  });
});

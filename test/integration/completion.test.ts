// The incomplete request (Ley 1755 de 2015 art. 17) end to end on DynamoDB Local and the SES emulator: the
// request-info link in staff mail, its page and POST, the requester's mail, the suspended term on the status view,
// the requester's answer (POST /requests/{id}/complete) and their one request for more time, staff told, the term
// resumed with the days it had left, and a request never completed withdrawn by the sweeper with a reasoned notice.
// A petición received Wednesday 2026-11-18 at 10:00 is due 2026-12-10 at 17:00; asked on 24 November it keeps 11
// business days, and answered on Friday 4 December it is due Tuesday 22 December.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bogota } from '../helpers.js';
import { actionTokens, followLink } from './staff-links.js';
import { mailWith as mailsWith, postJson, startTestTwin, type TestTwin, validSubmission } from './support.js';

const WHAT = 'Indique el número de la factura y el NIT de la empresa que la emitió.';
const ANSWER = 'La factura es la FE-1234, emitida por la empresa con NIT 900.123.456-7.';
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ start: bogota('2026-11-18T10:00') });
});
afterAll(() => twin?.stop());

const mailWith = (id: string, subjectPart: string, count = 1) => mailsWith(twin, id, subjectPart, count);

const moveTo = (text: string) => twin.clock.advance(bogota(text) - twin.clock.now());

interface View {
  status: string;
  closedAs?: string;
  deadlines: { legalDueAt: string | null; legalTermSuspended: boolean };
  infoRequest?: {
    pending: boolean;
    asked: string;
    answerDueAt: string;
    businessDaysLeft: number;
    moreTimeAvailable: boolean;
    answeredAt: string | null;
  };
  history: { event: string; by: string; note?: string }[];
  error?: { reason?: string; fields?: { path: string }[] };
}

/** A new petición and the request-info link of its routed mail (the fourth: acknowledge, resolve, extend, ask). */
async function peticion(
  subject: string,
): Promise<{ id: string; statusUrl: string; ask: string; extend: string }> {
  const created = await postJson(twin.url, validSubmission({ type: 'peticion', priority: 3, subject }));
  expect(created.status).toBe(201);
  const { id, statusUrl } = created.json as { id: string; statusUrl: string };
  const [routed] = await mailWith(id, subject);
  expect(routed?.body.text).toContain('Pedir que complete la solicitud');
  const [, , extend, ask] = actionTokens(routed);
  return { id, statusUrl, ask: ask ?? '', extend: extend ?? '' };
}

async function complete(statusUrl: string, body: unknown): Promise<{ status: number; view: View }> {
  const url = new URL(statusUrl);
  const token = url.searchParams.get('token') ?? '';
  const response = await fetch(`${url.origin}${url.pathname}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, view: (await response.json()) as View };
}

const view = async (statusUrl: string) => (await (await fetch(statusUrl)).json()) as View;

describe('an incomplete petición', () => {
  it('is asked once from the staff mail, waits with its term suspended, and resumes with the days it had left', async () => {
    const { id, statusUrl, ask, extend } = await peticion('Copia de una factura');
    moveTo('2026-11-24T10:00');
    const page = await followLink(twin.url, 'GET', ask);
    expect(page.status).toBe(200);
    expect(page.html).toContain('11 días hábiles por correr');
    expect(page.html).toContain('jueves 24 de diciembre');
    const short = await followLink(twin.url, 'POST', ask, { note: 'factura' });
    expect(short.status).toBe(400);
    expect(short.html).toContain('Qué falta: Debe tener al menos 10 caracteres.');
    const done = await followLink(twin.url, 'POST', ask, { name: 'Marta Gómez', note: WHAT });
    expect(done.status).toBe(200);
    expect(done.html).toContain(`Requerimiento enviado: ${id}`);

    // The requester is told what is missing and until when; never who on the staff asked.
    const [mail] = await mailWith(id, 'Complete su solicitud');
    expect(mail?.destination.to).toEqual(['ana.perez@example.com']);
    expect(mail?.body.text).toContain(WHAT);
    expect(mail?.body.text).toContain('(Ley 1755 de 2015, art. 17)');
    expect(mail?.body.text).toContain('jueves 24 de diciembre');
    expect(mail?.body.text).not.toContain('Marta');

    const suspended = await view(statusUrl);
    expect(suspended.deadlines.legalTermSuspended).toBe(true);
    expect(suspended.infoRequest).toMatchObject({
      pending: true,
      asked: WHAT,
      businessDaysLeft: 11,
      answerDueAt: '2026-12-24T23:59:59.999-05:00',
      moreTimeAvailable: true,
      answeredAt: null,
    });
    expect(suspended.history).toContainEqual(
      expect.objectContaining({ event: 'info-requested', by: 'staff' }),
    );
    expect(JSON.stringify(suspended)).not.toContain('Marta');
    // No extension while the term is suspended.
    const refused = await followLink(twin.url, 'POST', extend, {
      reasons: 'Falta el concepto jurídico.',
      dueDate: '2026-12-22',
    });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('suspendido');

    // Bad bodies say which field; more time once.
    const neither = await complete(statusUrl, {});
    expect(neither.status).toBe(400);
    expect(neither.view.error?.fields?.[0]?.path).toBe('answer');
    const more = await complete(statusUrl, { moreTime: true });
    expect(more.status).toBe(200);
    expect(more.view.infoRequest).toMatchObject({
      answerDueAt: '2027-01-24T23:59:59.999-05:00',
      moreTimeAvailable: false,
    });
    const again = await complete(statusUrl, { moreTime: true });
    expect(again.status).toBe(409);
    expect(again.view.error?.reason).toBe('already_more_time');

    // Nothing escalates on the initial term's date while it waits.
    moveTo('2026-12-04T15:00');
    expect(await twin.sweep()).toMatchObject({ escalated: 0, reminded: 0 });
    const answered = await complete(statusUrl, { answer: ANSWER, locale: 'es' });
    expect(answered.status).toBe(200);
    expect(answered.view.deadlines).toMatchObject({
      legalDueAt: '2026-12-22T17:00:00.000-05:00',
      legalTermSuspended: false,
    });
    expect(answered.view.infoRequest?.answeredAt).toMatch(/^2026-12-04T15:00:/);
    expect((await complete(statusUrl, { answer: ANSWER })).view.error?.reason).toBe('not_waiting');

    // Staff hear it, with the answer and the resumed term.
    const [notice] = await mailWith(id, 'SOLICITUD COMPLETADA');
    expect(notice?.body.text).toContain(ANSWER);
    expect(notice?.body.text).toContain('martes 22 de diciembre');

    moveTo('2026-12-10T17:00');
    expect(await twin.sweep()).toMatchObject({ escalated: 0 });
    const record = await twin.store.get(id);
    expect(record?.ticket.escalationLevel).toBe(1);
    expect(record?.history.map((h) => h.event)).toEqual(
      expect.arrayContaining(['info-requested', 'info-time-extended', 'info-provided']),
    );
  });

  it('is withdrawn when the requester does not complete it in a month, and they are told they may file again', async () => {
    const { id, statusUrl, ask } = await peticion('Certificado de retenciones');
    expect((await followLink(twin.url, 'POST', ask, { note: WHAT })).status).toBe(200);
    await mailWith(id, 'Complete su solicitud');
    const due = (await view(statusUrl)).infoRequest?.answerDueAt ?? '';
    expect(due).toBe('2027-01-10T23:59:59.999-05:00');
    moveTo('2027-01-10T23:00');
    await twin.sweep();
    expect((await twin.store.get(id))?.ticket.status).toBe('acknowledged');
    moveTo('2027-01-11T00:00');
    await twin.sweep();
    const closed = await view(statusUrl);
    expect(closed.status).toBe('resolved');
    expect(closed.closedAs).toBe('withdrawn');
    expect(closed.history).toContainEqual(
      expect.objectContaining({
        event: 'withdrawn',
        note: expect.stringContaining('Puede presentarla de nuevo'),
      }),
    );
    const [mail] = await mailWith(id, 'se entiende desistida');
    expect(mail?.destination.to).toEqual(['ana.perez@example.com']);
    expect(mail?.body.text).toContain('Ley 1755 de 2015, art. 17');
    expect(mail?.body.text).toContain('Puede presentarla de nuevo');
    expect((await complete(statusUrl, { answer: ANSWER })).view.error?.reason).toBe('already_resolved');
  });
});

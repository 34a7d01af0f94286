// The extension (prórroga) of a PQRSA's legal term end to end on DynamoDB Local and the SES emulator: the extend link
// in staff mail, its confirmation page, the POST, the requester's mail with the reasons and the date, the status
// view's new term, and the sweeper following the new date. A petición received Wednesday 2026-11-18 at 10:00 is due
// 2026-12-10 at 17:00 and may be extended to 2027-01-04 at most (15 legal business days more).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bogota } from '../helpers.js';
import { actionTokens, followLink } from './staff-links.js';
import { mailWith as mailsWith, postJson, startTestTwin, type TestTwin, validSubmission } from './support.js';

const REASONS = 'Necesitamos el concepto del área jurídica sobre la cláusula de renovación.';
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ start: bogota('2026-11-18T10:00') });
});
afterAll(() => twin?.stop());

const mailWith = (id: string, subjectPart: string, count = 1) => mailsWith(twin, id, subjectPart, count);

const action = (method: 'GET' | 'POST', token: string, form: Record<string, string> = {}) =>
  followLink(twin.url, method, token, form);

const moveTo = (text: string) => twin.clock.advance(bogota(text) - twin.clock.now());

describe('extending the legal term of a petición from the staff mail', () => {
  it('asks on a page, refuses what the law does not allow, extends once, and the requester is told', async () => {
    const created = await postJson(
      twin.url,
      validSubmission({ type: 'peticion', priority: 3, subject: 'Copia del contrato firmado' }),
    );
    expect(created.status).toBe(201);
    const { id, statusUrl } = created.json as { id: string; statusUrl: string };
    const [routed] = await mailWith(id, 'Copia del contrato firmado');
    const [ack, , extend] = actionTokens(routed);
    // Acknowledge, resolve, extend, and ask the requester to complete it (within 10 business days of filing).
    expect(actionTokens(routed)).toHaveLength(4);
    expect(routed?.body.text).toContain('Prorrogar el término');
    // The PQRSA desk acknowledges, so that only the legal term is left to watch.
    expect((await action('POST', ack ?? '')).status).toBe(200);
    const before = await twin.store.get(id);

    // Opening the link shows the form with the bounds and changes nothing.
    const page = await action('GET', extend ?? '');
    expect(page.status).toBe(200);
    expect(page.html).toContain(`Prorrogar el término: ${id}`);
    expect(page.html).toContain('name="reasons"');
    expect(page.html).toContain('type="date" required min="2026-12-10" max="2027-01-04"');
    expect((await twin.store.get(id))?.ticket.version).toBe(before?.ticket.version);

    // Without reasons: the form again, naming the field.
    const noReasons = await action('POST', extend ?? '', { reasons: 'porque sí', dueDate: '2026-12-22' });
    expect(noReasons.status).toBe(400);
    expect(noReasons.html).toContain('Razones: Debe tener al menos 10 caracteres.');
    // Beyond the maximum: refused (409), saying why, nothing written, and the link still works.
    const tooLate = await action('POST', extend ?? '', { reasons: REASONS, dueDate: '2027-01-05' });
    expect(tooLate.status).toBe(409);
    expect(tooLate.html).toContain('no puede pasar de lunes 4 de enero de 2027');
    expect((await twin.store.get(id))?.ticket.version).toBe(before?.ticket.version);

    const done = await action('POST', extend ?? '', {
      name: 'Marta Gómez',
      reasons: REASONS,
      dueDate: '2026-12-22',
    });
    expect(done.status).toBe(200);
    expect(done.html).toContain(`Término prorrogado: ${id}`);
    const record = await twin.store.get(id);
    expect(record?.ticket.extension?.dueAt).toBe(bogota('2026-12-22T17:00'));
    expect(record?.history.find((h) => h.event === 'extended')).toMatchObject({
      by: expect.stringMatching(/^Marta Gómez <[^>]+@[^>]+> \(nivel 1\)$/),
      note: expect.stringContaining(REASONS),
    });
    expect((await action('POST', extend ?? '', { reasons: REASONS, dueDate: '2026-12-23' })).status).toBe(
      409,
    );

    // The requester is mailed the reasons and the new date, in their language.
    const [mail] = await mailWith(id, 'Prórroga del término');
    expect(mail?.destination.to).toEqual(['ana.perez@example.com']);
    expect(mail?.body.text).toContain(REASONS);
    expect(mail?.body.text).toContain('(Ley 1755 de 2015, art. 14, parágrafo)');
    expect(mail?.body.text).toContain('martes 22 de diciembre, 5:00 p. m.');
    expect(mail?.body.text).not.toContain('Marta');

    // The status view shows the new term and the history entry, staff by role and level only.
    const view = (await (await fetch(statusUrl)).json()) as {
      deadlines: { legalDueAt: string; resolutionDueAt: string };
      history: { event: string; by: string; level?: number; note?: string }[];
    };
    expect(view.deadlines.legalDueAt).toBe('2026-12-22T17:00:00.000-05:00');
    expect(view.deadlines.resolutionDueAt).toBe('2026-12-22T17:00:00.000-05:00');
    expect(view.history).toContainEqual(
      expect.objectContaining({
        event: 'extended',
        by: 'staff',
        level: 1,
        note: expect.stringContaining(REASONS),
      }),
    );
    expect(JSON.stringify(view.history)).not.toContain('Marta');

    // The sweeper: nothing at the old term; the reminders before the new one; level 3 when it passes.
    moveTo('2026-12-10T17:00');
    expect(await twin.sweep()).toMatchObject({ escalated: 0, reminded: 0 });
    moveTo('2026-12-22T16:59');
    expect(await twin.sweep()).toMatchObject({ escalated: 0, reminded: 2 });
    const reminders = await mailWith(id, 'RECORDATORIO', 2);
    // Staff mail after the extension offers no second extension.
    expect(actionTokens(reminders[0])).toHaveLength(1);
    expect((await twin.store.get(id))?.ticket.escalationLevel).toBe(1);
    moveTo('2026-12-22T17:00');
    expect(await twin.sweep()).toMatchObject({ escalated: 1 });
    expect((await twin.store.get(id))?.ticket.escalationLevel).toBe(3);
  });
});

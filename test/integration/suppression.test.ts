// A habeas-data reclamo end to end on DynamoDB Local and the SES emulator (Ley 1581 de 2012 art. 15): the record shows
// "reclamo en trámite" until it is decided (status view, lookup mail), and a supresión confirmed by staff from the
// reclamo's mail erases the titular's personal data from their closed tickets, except one kept for a legal duty, leaves
// the open one as it is, answers the reclamo, and records what it did by radicado only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const EMAIL = 'titular.supresion@example.com';
const requester = { name: 'Rosa Titular', email: EMAIL, phone: '3001234567', documentId: '52123456' };
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ start: bogota('2026-11-18T10:00') });
});
afterAll(() => twin?.stop());

async function mailWith(marker: string): Promise<StoredMail[]> {
  return waitFor(
    async () => {
      const mails = await mailsAbout(twin, marker);
      return mails.length > 0 && mails;
    },
    { what: `mail "${marker}"` },
  );
}

/** A ticket of the titular's, and the signed links of its routed mail. */
async function file(
  type: string,
  subject: string,
): Promise<{ id: string; statusUrl: string; links: string[] }> {
  const created = await postJson(twin.url, validSubmission({ requester, type, subject, priority: 3 }));
  expect(created.status).toBe(201);
  const { id, statusUrl } = created.json as { id: string; statusUrl: string };
  const [routed] = await mailWith(subject);
  return { id, statusUrl, links: actionTokens(routed) };
}

const view = async (statusUrl: string) =>
  (await (await fetch(statusUrl)).json()) as { status: string; mark?: string; history: { event: string }[] };

describe('a supresión asked by a habeas-data reclamo', () => {
  it('is marked in trámite, then erases the closed tickets but the one kept, and records it without the data', async () => {
    const closedA = await file('peticion', 'Copia del contrato de firma');
    const closedB = await file('queja', 'Demora en la renovación del certificado');
    const open = await file('requerimiento', 'Cambio del correo de facturación');
    for (const t of [closedA, closedB]) {
      expect(
        (await followLink(twin.url, 'POST', t.links[1] ?? '', { note: 'Atendida y cerrada con el cliente.' }))
          .status,
      ).toBe(200);
    }
    const claim = await file('datos-reclamo', 'Supresión de mis datos personales');

    // Ley 1581 art. 15: "reclamo en trámite" on the titular's record, from receipt until decided.
    expect((await view(claim.statusUrl)).mark).toBe('reclamo-en-tramite');
    expect((await view(open.statusUrl)).mark).toBeUndefined();
    const asked = await fetch(`${twin.url}/requests/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL }),
    });
    expect(asked.status).toBe(202);
    const [lookup] = await waitFor(async () => {
      const found = (await mailsAbout(twin, 'Enlaces')).filter((m) => m.destination.to.includes(EMAIL));
      return found.length > 0 && found;
    });
    expect(lookup?.body.text).toMatch(new RegExp(`${claim.id} · [^\\n]*Reclamo en trámite`));

    // The reclamo's mail carries the erase link; its page lists what it would do and changes nothing.
    const erase = claim.links.at(-1) ?? '';
    const page = await followLink(twin.url, 'GET', erase);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Suprimir los datos del titular');
    expect(page.html).toContain('2 solicitudes cerradas');
    expect(page.html).toContain(`value="${closedA.id}"`);
    expect(page.html).toContain(`value="${closedB.id}"`);
    expect(page.html).toContain(`Abiertas, conservan sus datos mientras se atienden: ${open.id}`);

    // Keeping one needs the duty that keeps it.
    const noReason = await followLink(twin.url, 'POST', erase, {
      note: 'Sus datos fueron suprimidos.',
      keep: closedB.id,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('Deber que obliga a conservar');
    expect((await twin.store.get(closedA.id))?.ticket.erasedAt).toBeUndefined();

    const done = await followLink(twin.url, 'POST', erase, {
      name: 'Laura Oficial',
      note: 'Suprimimos sus datos personales de sus solicitudes cerradas, salvo la queja en curso de revisión legal.',
      keep: closedB.id,
      keepReason: 'Queja con investigación abierta ante la SIC: deber legal de conservarla.',
    });
    expect(done.status).toBe(200);
    expect(done.html).toContain(`Supresión aplicada: ${claim.id}`);

    // The erased ticket: anonymised, its audit line names the reclamo, not the data.
    const erased = await twin.store.get(closedA.id);
    expect(erased?.ticket.erasedAt).toBeDefined();
    expect(erased?.ticket.requester).toEqual({ name: '', email: '' });
    expect(erased?.ticket.subject).toBe('');
    expect(erased?.history.at(-1)).toMatchObject({
      event: 'personal-data-erased',
      note: expect.stringContaining(`reclamo ${claim.id}`),
    });
    expect(JSON.stringify(erased)).not.toMatch(/Rosa|titular\.supresion|52123456|3001234567/);
    // The one kept and the open one keep their data.
    expect((await twin.store.get(closedB.id))?.ticket.requester.email).toBe(EMAIL);
    expect((await twin.store.get(open.id))?.ticket.requester.email).toBe(EMAIL);

    // The reclamo: resolved, with the audit line by radicado only, and the titular is answered.
    const answered = await twin.store.get(claim.id);
    expect(answered?.ticket.status).toBe('resolved');
    const line = answered?.history.find((h) => h.event === 'data-suppressed');
    expect(line?.note).toContain(`(${closedA.id})`);
    expect(line?.note).toContain(`Conservadas por un deber legal o contractual: ${closedB.id}`);
    expect(line?.note).toContain(open.id);
    expect(line?.note).not.toMatch(/Rosa|titular\.supresion|52123456/);
    const [resolution] = await waitFor(async () => {
      const found = (await mailsAbout(twin, claim.id)).filter(
        (m) => m.destination.to.includes(EMAIL) && m.body.text?.includes('Suprimimos sus datos'),
      );
      return found.length > 0 && found;
    });
    expect(resolution?.body.text).toContain('Superintendencia de Industria y Comercio');
    expect((await view(claim.statusUrl)).mark).toBeUndefined();
    // Used once: the link is spent.
    expect((await followLink(twin.url, 'POST', erase, { note: 'Otra vez la misma respuesta.' })).status).toBe(
      409,
    );
  });
});

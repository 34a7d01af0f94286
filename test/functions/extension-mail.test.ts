// The mails of an extension (prórroga): the requester's, in their language with the basis of their type's extension,
// the reasons and the new date; the extend link in staff mail, offered only while a PQRSA's term is not extended; and
// the status page's term line, marked once extended.
import { describe, expect, it } from 'vitest';
import { catalog } from '#data/index.js';
import { envelopeFor } from '#domain/notifications.js';
import type { Locale, TicketRecord } from '#domain/ticket.js';
import { HmacAccessTokens, HmacActionLinks } from '#functions/adapters/hmac-tokens.js';
import { TicketMailComposer } from '#functions/notify/compose.js';
import { dueLine } from '../../web/i18n.js';
import { bogota, engine, ladder, policy, pqrsaTicket, receivedTicket } from '../helpers.js';

const links = new HmacActionLinks('a'.repeat(40));
const composer = new TicketMailComposer({
  catalog,
  ladder,
  tokens: new HmacAccessTokens('t'.repeat(40)),
  publicBaseUrl: 'https://api.example.com',
  privacyPolicyVersion: '2024-01',
  actionLinks: links,
  now: () => bogota('2026-11-20T10:00'),
});
const REASONS = 'Falta el concepto <b>jurídico</b> & la firma del representante.';

function received(type: string, locale: Locale = 'es'): TicketRecord {
  return { ticket: pqrsaTicket(type, '2026-11-18T10:00', { id: 'CF-2026-000077', locale }), history: [] };
}

function extended(record: TicketRecord, dueDate: string): TicketRecord {
  const by = 'Marta Gómez <pqrsa@example.com> (nivel 1)';
  const step = policy.extend(record.ticket, bogota('2026-11-20T10:00'), by, { dueDate, reasons: REASONS });
  return { ticket: step.ticket, history: [...record.history, ...step.history] };
}

function extensionMail(record: TicketRecord) {
  const envelope = envelopeFor({ kind: 'extension' }, record.ticket, ladder);
  return composer.compose({ kind: 'extension' }, record, envelope);
}

function staffLinks(record: TicketRecord): string[] {
  const envelope = envelopeFor({ kind: 'routed' }, record.ticket, ladder);
  const mail = composer.compose({ kind: 'routed' }, record, envelope);
  return [...mail.text.matchAll(/\/actions\?token=([\w.-]+)/g)]
    .map((m) => links.verify(m[1] ?? '', 0))
    .map((v) => (v.ok ? v.claims.action : v.reason));
}

describe('the requester is told of the extension', () => {
  it('in Spanish: to the requester, with the new date, the reasons (escaped) and Ley 1755 art. 14 parágrafo', () => {
    const mail = extensionMail(extended(received('peticion'), '2026-12-22'));
    expect(mail.to).toEqual(['ana@example.com']);
    expect(mail.subject).toBe('Prórroga del término de su solicitud CF-2026-000077');
    expect(mail.text).toContain('martes 22 de diciembre, 5:00 p. m.');
    expect(mail.text).toContain('(Ley 1755 de 2015, art. 14, parágrafo)');
    expect(mail.text).toContain(REASONS);
    expect(mail.html).toContain('Falta el concepto &lt;b&gt;jurídico&lt;/b&gt; &amp; la firma');
    expect(mail.text).not.toContain('Marta');
    expect(mail.tags.kind).toBe('extension');
  });

  it('in English, with the habeas-data basis of a datos-consulta (Ley 1581 art. 14)', () => {
    const mail = extensionMail(extended(received('datos-consulta', 'en'), '2026-12-04'));
    expect(mail.subject).toBe('Extension of the term of your request CF-2026-000077');
    expect(mail.text).toContain('(Ley 1581 de 2012, art. 14)');
    expect(mail.text).toContain('Friday, December 4, 5:00 PM');
    expect(mail.text).toContain(REASONS);
  });
});

describe('the extend link in staff mail', () => {
  it('is offered for a PQRSA not yet extended, after acknowledge and resolve, and no longer once extended', () => {
    const record = received('peticion');
    expect(staffLinks(record)).toEqual(['acknowledge', 'resolve', 'extend']);
    expect(staffLinks(extended(record, '2026-12-22'))).toEqual(['acknowledge', 'resolve']);
  });

  it('is not offered for a support request', () => {
    const ticket = receivedTicket(
      engine.route({ product: 'certifactura', type: 'incidente', priority: 2 }, bogota('2026-11-18T10:00')),
      {
        id: 'CF-2026-000078',
        subject: 'Falla',
        description: 'No emite facturas.',
        requester: { name: 'Ana', email: 'ana@example.com' },
      },
    );
    expect(staffLinks({ ticket, history: [] })).toEqual(['acknowledge', 'resolve']);
  });
});

describe('the status page marks an extended term', () => {
  const term = catalog.requestTypes.find((t) => t.id === 'peticion')?.term;
  const due = {
    legalDueAt: '2026-12-22T17:00:00.000-05:00',
    resolutionDueAt: '2026-12-22T17:00:00.000-05:00',
  };
  const when = (iso: string) => iso.slice(0, 10);

  it('says the term was extended, in the page language, only when it was', () => {
    expect(dueLine('es', term, due, when, true)).toBe(
      'Término legal (Ley 1755 de 2015, art. 14): 2026-12-22 (prorrogado)',
    );
    expect(dueLine('en', term, due, when, true)).toBe(
      'Legal deadline (Ley 1755 de 2015, art. 14): 2026-12-22 (extended)',
    );
    expect(dueLine('es', term, due, when)).toBe('Término legal (Ley 1755 de 2015, art. 14): 2026-12-22');
  });
});

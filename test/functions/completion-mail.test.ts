// The mails of an incomplete request and of a habeas-data reclamo: the requester's request for information and the
// withdrawal notice, in their language with the law they are made under; staff told of the answer; and which signed
// links staff mail carries (ask to complete only while the law allows it, erase only on a datos-reclamo).
import { describe, expect, it } from 'vitest';
import { catalog } from '#data/index.js';
import { completeByRequester, mayRequestInfo, requestInfo } from '#domain/escalation/completion.js';
import { envelopeFor, type NotificationKind } from '#domain/notifications.js';
import type { Locale, TicketRecord } from '#domain/ticket.js';
import { HmacAccessTokens, HmacActionLinks } from '#functions/adapters/hmac-tokens.js';
import { TicketMailComposer } from '#functions/notify/compose.js';
import { bogota, ladder, policy, pqrsaTicket } from '../helpers.js';

const links = new HmacActionLinks('a'.repeat(40));
let now = bogota('2026-11-20T10:00');
const composer = new TicketMailComposer({
  catalog,
  ladder,
  tokens: new HmacAccessTokens('t'.repeat(40)),
  publicBaseUrl: 'https://api.example.com',
  privacyPolicyVersion: '2024-01',
  actionLinks: links,
  now: () => now,
  mayRequestInfo: (ticket, at) => mayRequestInfo(ticket, at, policy.completion),
});
const BY = 'Marta Gómez <pqrsa@example.com> (nivel 1)';
const WHAT = 'Indique el número de la <factura> & el NIT.';

function received(type: string, locale: Locale = 'es'): TicketRecord {
  return { ticket: pqrsaTicket(type, '2026-11-18T10:00', { id: 'CF-2026-000088', locale }), history: [] };
}

function asked(record: TicketRecord): TicketRecord {
  const step = requestInfo(policy.completion, record.ticket, bogota('2026-11-24T10:00'), BY, WHAT);
  return { ticket: step.ticket, history: [...record.history, ...step.history] };
}

function mail(kind: Exclude<NotificationKind, 'page'>, record: TicketRecord) {
  return composer.compose({ kind }, record, envelopeFor({ kind }, record.ticket, ladder));
}

function staffLinks(record: TicketRecord): string[] {
  return [...mail('routed', record).text.matchAll(/\/actions\?token=([\w.-]+)/g)]
    .map((m) => links.verify(m[1] ?? '', 0))
    .map((v) => (v.ok ? v.claims.action : v.reason));
}

describe('the requester is asked to complete the request', () => {
  it('in English: what staff asked (escaped), the deadline, the law, the page; never who asked', () => {
    const m = mail('info-request', asked(received('peticion', 'en')));
    expect(m.to).toEqual(['ana@example.com']);
    expect(m.subject).toBe('Please complete your request CF-2026-000088');
    expect(m.text).toContain(WHAT);
    expect(m.html).toContain('Indique el número de la &lt;factura&gt; &amp; el NIT.');
    expect(m.text).toContain('(Ley 1755 de 2015, art. 17)');
    expect(m.text).toContain('December 24');
    expect(m.text).toContain('/status#id=CF-2026-000088&token=');
    expect(m.text).not.toContain('Marta');
  });

  it('tells staff the answer and the resumed term, in Spanish, to the routed mailbox', () => {
    const record = asked(received('peticion'));
    const step = completeByRequester(
      policy.completion,
      record.ticket,
      bogota('2026-12-04T15:00'),
      'Es la FE-1234.',
    );
    const m = mail('info-provided', { ticket: step.ticket, history: [...record.history, ...step.history] });
    expect(m.to).toEqual([record.ticket.routing.mailbox]);
    expect(m.subject).toContain('SOLICITUD COMPLETADA');
    expect(m.text).toContain('Es la FE-1234.');
    expect(m.text).toContain('martes 22 de diciembre');
  });
});

describe('the withdrawal notice', () => {
  it('names the law of the type (Ley 1581 art. 15 for a datos-reclamo) and says the request may be filed again', () => {
    const record = asked(received('datos-reclamo', 'en'));
    const step = policy.sweepStep(record.ticket, bogota('2027-01-25T00:00'));
    expect(step?.ticket.closedAs).toBe('withdrawn');
    const m = mail('withdrawal', { ticket: step?.ticket ?? record.ticket, history: record.history });
    expect(m.subject).toBe('Your request CF-2026-000088 is considered withdrawn');
    expect(m.text).toContain('Ley 1581 de 2012, art. 15');
    expect(m.text).toContain('file it again');
    expect(m.text).toContain('https://api.example.com/');
  });
});

describe('the links of staff mail', () => {
  it('offer to ask for completion while the law allows it, and no extension while the term is suspended', () => {
    now = bogota('2026-11-20T10:00');
    expect(staffLinks(received('peticion'))).toEqual(['acknowledge', 'resolve', 'extend', 'request-info']);
    expect(staffLinks(asked(received('peticion')))).toEqual(['resolve']);
    now = bogota('2026-12-03T08:00');
    expect(staffLinks(received('peticion'))).toEqual(['acknowledge', 'resolve', 'extend']);
  });

  it('offer the supresión on a habeas-data reclamo only', () => {
    now = bogota('2026-11-20T10:00');
    expect(staffLinks(received('datos-reclamo'))).toEqual([
      'acknowledge',
      'resolve',
      'extend',
      'request-info',
      'erase',
    ]);
    expect(staffLinks(received('datos-consulta'))).not.toContain('erase');
  });
});

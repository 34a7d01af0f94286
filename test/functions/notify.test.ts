import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { catalog } from '#data/index.js';
import { envelopeFor } from '#domain/notifications.js';
import type { Ticket, TicketRecord } from '#domain/ticket.js';
import { HmacAccessTokens, HmacActionLinks } from '#functions/adapters/hmac-tokens.js';
import { headerSafe } from '#functions/adapters/ses-mailer.js';
import { loadConfig } from '#functions/config.js';
import { MESSAGES } from '#functions/i18n/messages.js';
import { TicketMailComposer } from '#functions/notify/compose.js';
import type { ComposerDeps } from '#functions/notify/context.js';
import { type EmailDocument, escapeHtml, renderEmail } from '#functions/notify/layout.js';
import { linkLifetime } from '#functions/notify/staff-mail.js';
import { ticketToDeliver } from '#functions/notify/stream-handler.js';
import { bogota, engine, ladder, policy, receivedTicket, replies } from '../helpers.js';

const composer = new TicketMailComposer({
  catalog,
  ladder,
  tokens: new HmacAccessTokens('x'.repeat(32)),
  publicBaseUrl: 'https://api.example.com',
  privacyPolicyVersion: '2024-01',
});

/** A composer that signs staff action links, on a fixed clock. */
function linkedComposer(links: Pick<ComposerDeps, 'actionLinkTtlMs'> = {}): TicketMailComposer {
  return new TicketMailComposer({
    catalog,
    ladder,
    tokens: new HmacAccessTokens('t'.repeat(40)),
    publicBaseUrl: 'https://api.example.com',
    privacyPolicyVersion: '2024-01',
    actionLinks: new HmacActionLinks('a'.repeat(40)),
    now: () => bogota('2026-11-23T10:00'),
    ...links,
  });
}

function record(overrides: Partial<Ticket> = {}, at = bogota('2026-11-23T10:00')): TicketRecord {
  const routing = engine.route({ product: 'certifactura', type: 'incidente', priority: 2 }, at);
  const ticket = receivedTicket(routing, {
    id: 'CF-2026-000042',
    subject: 'Error <img src=x onerror=alert(1)> & "comillas"\r\nBcc: victima@example.com',
    description: '<script>document.cookie</script>\nSegunda línea',
    requester: { name: 'Ana <b>Pérez</b>', email: 'ana@example.com' },
    ...overrides,
  });
  return { ticket, history: [] };
}

describe('what the requester is told after intake', () => {
  it('names who handles the request by role, level and public mailbox when staff acknowledge, never a person', () => {
    const r = record({ escalationLevel: 2 });
    const acknowledged = policy.acknowledge(
      r.ticket,
      r.ticket.receivedAt + 60_000,
      'Laura Gómez <laura@certicamara.com> (nivel 2)',
    );
    expect(acknowledged.notifications).toEqual([
      { id: 'acknowledged-requester', kind: 'handling', level: 2 },
    ]);
    const [level2] = ladder(r.ticket.product, r.ticket.queue).slice(1);
    for (const locale of ['es', 'en'] as const) {
      const ticket = { ...r.ticket, locale };
      const envelope = envelopeFor({ kind: 'handling' }, ticket, ladder, replies);
      expect(envelope).toMatchObject({
        to: ['ana@example.com'],
        replyTo: ['cf-2026-000042.r.firma@respuestas.example.com'],
      });
      const mail = composer.compose({ kind: 'handling', level: 2 }, { ticket, history: [] }, envelope);
      expect(mail.text).toContain(level2?.name);
      expect(mail.text).toContain(level2?.emails[0]);
      expect(mail.text).not.toContain('Laura');
      expect(mail.subject).toContain('CF-2026-000042');
    }
  });

  it('names a PQRSA term by its basis in the acknowledgement: the law and article, or the company policy', () => {
    const at = bogota('2026-11-23T10:00');
    const ackOf = (type: string, locale: 'es' | 'en' = 'es') => {
      const ticket = {
        ...receivedTicket(engine.route({ product: 'certifactura', type }, at), {
          id: 'CF-2026-000044',
          subject: 'PQRSA',
          description: 'Una solicitud PQRSA.',
          requester: { name: 'Ana', email: 'ana@example.com' },
        }),
        locale,
      };
      const envelope = envelopeFor({ kind: 'requester-ack' }, ticket, ladder);
      return composer.compose({ kind: 'requester-ack' }, { ticket, history: [] }, envelope).text;
    };
    expect(ackOf('queja')).toContain('Término legal (Ley 1755 de 2015, art. 14):');
    expect(ackOf('peticion-documentos', 'en')).toContain(
      'Legal deadline (Ley 1755 de 2015, art. 14, num. 1):',
    );
    expect(ackOf('datos-reclamo')).toContain('Término legal (Ley 1581 de 2012, art. 15):');
    expect(ackOf('sugerencia')).toContain('Plazo (política de la empresa):');
    expect(record().ticket.routing.legalDueAt).toBeNull();
  });

  it('tells a PQRSA requester how to appeal and which authority to turn to; a support requester gets neither', () => {
    const at = bogota('2026-11-23T10:00');
    const pqrsa = receivedTicket(engine.route({ product: 'certifactura', type: 'queja' }, at), {
      id: 'CF-2026-000043',
      subject: 'Queja',
      description: 'Una queja sobre el servicio.',
      requester: { name: 'Ana', email: 'ana@example.com' },
    });
    const resolvedEntry = { at: at + 3_600_000, event: 'resolved' as const, by: 'staff', note: 'Respuesta.' };
    const mailOf = (ticket: Ticket) =>
      composer.compose(
        { kind: 'resolution' },
        { ticket, history: [resolvedEntry] },
        envelopeFor({ kind: 'resolution' }, ticket, ladder),
      );
    const forPqrsa = mailOf(pqrsa);
    expect(forPqrsa.text).toContain('apelación en https://api.example.com');
    expect(forPqrsa.text).toContain('Superintendencia de Industria y Comercio');
    const english = mailOf({ ...pqrsa, locale: 'en' });
    expect(english.text).toContain('appeal at https://api.example.com');
    const forSupport = mailOf(record().ticket);
    expect(forSupport.text).not.toContain('Superintendencia');
    expect(forSupport.text).not.toContain('apelación');
  });
});

describe('the staff notice', () => {
  it('says how long its links work as configured, and pages name the status in Spanish', () => {
    expect(linkLifetime(7 * 86_400_000)).toBe('7 días');
    expect(linkLifetime(86_400_000)).toBe('1 día');
    expect(linkLifetime(36 * 3_600_000)).toBe('36 horas');
    expect(linkLifetime(3_600_000)).toBe('1 hora');
    const shortLinks = linkedComposer({ actionLinkTtlMs: 48 * 3_600_000 });
    const r = record();
    const mail = shortLinks.compose({ kind: 'routed' }, r, envelopeFor({ kind: 'routed' }, r.ticket, ladder));
    expect(mail.text).toContain('vencen en 2 días');
    expect(mail.text).not.toContain('7 días');
    const page = shortLinks.page(r, { level: 3 });
    expect(page.text).toContain('Estado: Recibida, sin acuse.');
    expect(page.text).not.toContain('received');
  });

  it('escapes every user-supplied value in HTML and keeps CR/LF out of the subject header', () => {
    const r = record();
    const mail = composer.compose({ kind: 'routed' }, r, envelopeFor({ kind: 'routed' }, r.ticket, ladder));
    expect(mail.html).not.toMatch(/<img|<script|<b>P/);
    expect(mail.html).toContain('&lt;script&gt;document.cookie&lt;/script&gt;');
    expect(mail.html).toContain('&quot;comillas&quot;');
    expect(headerSafe(mail.subject)).toBe(
      '[CF-2026-000042] P2 · Incidente · Error <img src=x onerror=alert(1)> & "comillas" Bcc: victima@example.com',
    );
    expect(headerSafe(mail.subject)).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain('Segunda línea');
    expect(mail.tags).toEqual({
      kind: 'routed',
      product: 'certifactura',
      priority: 'P2',
      destination: 'support-mailbox',
    });
  });

  it('marks P1-line routes critical, with the escalation level in Cc', () => {
    const at = bogota('2026-11-22T10:00');
    const routing = engine.route({ product: 'certifactura', type: 'incidente', priority: 1 }, at);
    const r = record({ priority: 'P1', routing, escalationLevel: routing.escalationLevel }, at);
    const envelope = envelopeFor({ kind: 'routed' }, r.ticket, ladder, replies);
    expect(envelope).toEqual({
      to: ['soporte.certifactura@certicamara.com'],
      cc: ['supervisor.mesadeayuda@certicamara.com'],
      replyTo: ['cf-2026-000042.s.firma@respuestas.example.com'],
    });
    const mail = composer.compose({ kind: 'routed' }, r, envelope);
    expect(mail.subject).toMatch(/^\[CF-2026-000042\] CRÍTICO · Línea P1 · P1 · Incidente/);
    expect(mail.text).toContain('>> Incidente crítico fuera del horario de soporte');
  });

  it('tells staff that replying answers the requester through the router (#nota, #resolver); the requester’s address stays in the body', () => {
    const r = record();
    const envelope = envelopeFor({ kind: 'routed' }, r.ticket, ladder, replies);
    const mail = composer.compose({ kind: 'routed' }, r, envelope);
    expect(mail.replyTo).toEqual(['cf-2026-000042.s.firma@respuestas.example.com']);
    expect(mail.text).toContain('ana@example.com');
    expect(mail.text).toContain(MESSAGES.es.staff.footer.reply);
    expect(mail.text).toMatch(/#nota .*nota interna.*#resolver .*respuesta final/);
    expect(mail.html).toContain('#resolver');
    expect(MESSAGES.en.staff.footer.commands).toMatch(/#nota .*internal note.*#resolver .*final answer/);
  });

  it.each(['requester-ack', 'handling', 'extension', 'info-request', 'withdrawal'] as const)(
    'tells the requester, in their language, that replying to a %s mail adds to the request',
    (kind) => {
      for (const locale of ['es', 'en'] as const) {
        const r = record({ locale });
        const mail = composer.compose(
          { kind, level: 1 },
          r,
          envelopeFor({ kind }, r.ticket, ladder, replies),
        );
        expect(mail.replyTo).toEqual(['cf-2026-000042.r.firma@respuestas.example.com']);
        expect(mail.text, `${kind} ${locale}`).toContain(MESSAGES[locale].requester.reply);
      }
    },
  );
});

describe('the requester acknowledgement', () => {
  it('gives the radicado, readable deadlines, the status link and what to do now, in the ticket language', () => {
    const es = composer.compose(
      { kind: 'requester-ack' },
      record(),
      envelopeFor({ kind: 'requester-ack' }, record().ticket, ladder),
    );
    expect(es.subject).toBe('Radicado CF-2026-000042: recibimos su solicitud');
    expect(es.text).toContain('Objetivo de primera respuesta: lunes 23 de noviembre, 12:00 p. m.');
    expect(es.text).toContain('llame al 601 744 2727, opción 2, opción 2');
    expect(es.text).toMatch(/https:\/\/api\.example\.com\/status#id=CF-2026-000042&token=[\w-]{43}/);
    expect(es.text).toContain('política de tratamiento de datos (versión 2024-01)');

    const en = composer.compose(
      { kind: 'requester-ack' },
      record({ locale: 'en' }),
      envelopeFor({ kind: 'requester-ack' }, record().ticket, ladder),
    );
    expect(en.subject).toBe('Reference CF-2026-000042: we received your request');
    expect(en.text).toContain('First response target: Monday, November 23, 12:00 PM');
    expect(en.html).toContain('<html lang="en">');
  });

  it('carries nothing the submitter wrote: not the name, subject or description, in any requester mail', () => {
    const spam = {
      subject: 'Oferta http://spam.example/compre-ya',
      description: 'Visite http://spam.example para ganar premios hoy mismo',
      requester: { name: 'Hola amigo, visite spam.example', email: 'stranger@example.com' },
      consent: { accepted: true as const, policyVersion: 'x', acceptedAt: 0 },
    };
    const r = record(spam);
    const resolved: TicketRecord = {
      ticket: { ...r.ticket, status: 'resolved', resolvedAt: r.ticket.receivedAt + 3_600_000 },
      history: [
        { at: r.ticket.receivedAt + 3_600_000, event: 'resolved', by: 'soporte', note: 'Se corrigió.' },
      ],
    };
    const mails = [
      composer.compose(
        { kind: 'requester-ack' },
        r,
        envelopeFor({ kind: 'requester-ack' }, r.ticket, ladder),
      ),
      composer.compose(
        { kind: 'resolution' },
        resolved,
        envelopeFor({ kind: 'resolution' }, r.ticket, ladder),
      ),
      composer.lookup(
        {
          id: 'l',
          email: 'stranger@example.com',
          locale: 'es',
          kind: 'links',
          requestedAt: 0,
          attempts: 0,
          setupWaits: 0,
        },
        [r.ticket],
      ),
      composer.compose(
        { kind: 'handling', level: 2 },
        r,
        envelopeFor({ kind: 'handling' }, r.ticket, ladder),
      ),
    ];
    for (const mail of mails) {
      for (const part of [mail.subject, mail.text, mail.html]) {
        expect(part).not.toContain('spam');
        expect(part).not.toContain('amigo');
        expect(part).not.toMatch(/versión x\b|version x\b/);
      }
    }
    expect(mails[2]?.text).toContain('CF-2026-000042 · Certifactura · Incidente');
  });
});

describe('every mail and page', () => {
  const linked = linkedComposer();
  const at = bogota('2026-11-23T10:00');
  const pqrsa = engine.route({ product: 'biometria', type: 'peticion', priority: 3 }, at);
  const history = [
    { at, event: 'received' as const, by: 'requester', note: 'Solicitud recibida y radicada.' },
    { at: at + 3_600_000, event: 'escalated' as const, by: 'system', note: 'Venció el plazo.' },
    { at: at + 7_200_000, event: 'resolved' as const, by: 'soporte', note: 'Listo.' },
  ];
  const records = (['es', 'en'] as const).flatMap((locale) => [
    { ...record({ locale }), history },
    {
      ...record({ locale, routing: pqrsa, product: 'biometria', type: 'peticion', queue: 'pqrsa' }),
      history,
    },
  ]);

  it('counts days in words that agree with the number, never "día(s)"', () => {
    const r = records[1] as TicketRecord;
    const reminder = (days: number) =>
      linked.compose(
        { kind: 'reminder', businessDaysLeft: days },
        r,
        envelopeFor({ kind: 'reminder' }, r.ticket, ladder),
      );
    expect(reminder(1).subject).toContain('RECORDATORIO: falta 1 día hábil · ');
    expect(reminder(1).text).toContain('>> Falta 1 día hábil para el término legal');
    expect(reminder(3).subject).toContain('RECORDATORIO: faltan 3 días hábiles · ');
    expect(reminder(3).text).toContain('>> Faltan 3 días hábiles para el término legal');
    expect(reminder(0).subject).toContain('RECORDATORIO: faltan 0 días hábiles · ');
  });

  it('never carries "(s)" or "(es)" plurals, in either language', () => {
    const kinds = [
      { kind: 'routed' },
      { kind: 'requester-ack' },
      { kind: 'resolution' },
      { kind: 'escalation', level: 2 },
      { kind: 'reminder' },
      ...[0, 1, 2, 5].map((days) => ({ kind: 'reminder' as const, businessDaysLeft: days })),
    ] as const;
    const texts: string[] = [];
    for (const r of records) {
      for (const n of kinds) {
        const mail = linked.compose(n, r, envelopeFor(n, r.ticket, ladder));
        texts.push(mail.subject, mail.text, mail.html);
      }
      for (const page of [linked.page(r), linked.page(r, { level: 3 })]) texts.push(page.subject, page.text);
    }
    for (const locale of ['es', 'en'] as const) {
      for (const count of [0, 1, 2]) {
        const request = {
          id: 'l',
          email: 'ana@example.com',
          locale,
          kind: 'links' as const,
          requestedAt: 0,
          attempts: 0,
          setupWaits: 0,
        };
        const mail = linked.lookup(
          request,
          records.slice(0, count).map((r) => r.ticket),
        );
        texts.push(mail.subject, mail.text, mail.html);
      }
    }
    expect(texts).toHaveLength(4 * (9 * 3 + 4) + 2 * 3 * 3);
    for (const text of texts) expect(text).not.toMatch(/\((s|es)\)/);
    expect(texts.join('\n')).toContain('Falta 1 día hábil');
  });
});

describe('the layout', () => {
  const bare: EmailDocument = {
    lang: 'es',
    preheader: 'p',
    title: 't',
    intro: [],
    facts: [],
    sections: [],
    actions: [],
    footer: [],
  };

  it('drops links that are not web, phone or mail links', () => {
    const { html, text } = renderEmail({
      ...bare,
      actions: [
        { label: 'malo', href: 'javascript:alert(1)' },
        { label: 'bueno', href: 'tel:+573187174937' },
      ],
    });
    expect(html).not.toContain('javascript:');
    expect(text).not.toContain('javascript:');
    expect(html).toContain('href="tel:+573187174937"');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('links a list item to its file in HTML and gives its address in the text, escaping the name', () => {
    const { html, text } = renderEmail({
      ...bare,
      sections: [
        {
          heading: 'Archivos',
          text: [
            'sin enlace',
            { text: 'factura <1>.pdf (2 KB)', href: 'https://api.example.com/attachments/tok.en' },
            { text: 'malo.pdf', href: 'javascript:alert(1)' },
          ],
        },
      ],
    });
    expect(html).toContain(
      '<ul><li>sin enlace</li><li><a href="https://api.example.com/attachments/tok.en">factura &lt;1&gt;.pdf (2 KB)</a></li><li>malo.pdf</li></ul>',
    );
    expect(text).toContain(
      '- sin enlace\n- factura <1>.pdf (2 KB): https://api.example.com/attachments/tok.en\n- malo.pdf\n',
    );
    expect(html + text).not.toContain('javascript:');
  });
});

describe('the stream consumer', () => {
  const entry = (status: string, attempts: number) => ({
    M: { kind: { S: 'routed' }, status: { S: status }, attempts: { N: String(attempts) } },
  });
  const image = (entity: string, outbox: Record<string, ReturnType<typeof entry>>) => ({
    pk: { S: 'REG#CF#2026' },
    sk: { S: '0000000042' },
    entity: { S: entity },
    outbox: { M: outbox },
  });
  it('delivers the new notifications of a ticket: all of a new one, those a transition added to a changed one', () => {
    const inserted = {
      eventName: 'INSERT',
      dynamodb: { NewImage: image('ticket', { a: entry('pending', 0), b: entry('pending', 0) }) },
    } as DynamoDBRecord;
    expect(ticketToDeliver(inserted)).toEqual({ ticketId: 'CF-2026-000042', ids: ['a', 'b'] });
    const transition = {
      eventName: 'MODIFY',
      dynamodb: {
        OldImage: image('ticket', { a: entry('sent', 0), b: entry('pending', 2) }),
        NewImage: image('ticket', { a: entry('sent', 0), b: entry('pending', 2), c: entry('pending', 0) }),
      },
    } as DynamoDBRecord;
    expect(ticketToDeliver(transition)).toEqual({ ticketId: 'CF-2026-000042', ids: ['c'] });
    const was = image('ticket', { a: entry('pending', 0) });
    for (const other of [
      // Its own delivery records: claimed, sent, waiting for the redrive's retry.
      {
        eventName: 'MODIFY',
        dynamodb: { OldImage: was, NewImage: image('ticket', { a: entry('sending', 0) }) },
      },
      {
        eventName: 'MODIFY',
        dynamodb: { OldImage: was, NewImage: image('ticket', { a: entry('sent', 0) }) },
      },
      {
        eventName: 'MODIFY',
        dynamodb: { OldImage: was, NewImage: image('ticket', { a: entry('pending', 1) }) },
      },
      { eventName: 'INSERT', dynamodb: { NewImage: image('history', { a: entry('pending', 0) }) } },
      { eventName: 'INSERT', dynamodb: { NewImage: image('ticket-body', {}) } },
      { eventName: 'REMOVE', dynamodb: {} },
    ]) {
      expect(ticketToDeliver(other as DynamoDBRecord)).toBeUndefined();
    }
  });
});

describe('configuration', () => {
  it('fails at cold start naming every missing or bad setting', () => {
    expect(() =>
      loadConfig({ TABLE_NAME: 'tickets', TOKEN_SECRET: 'short', MAIL_FROM: 'nope' }, [
        'TABLE_NAME',
        'TOKEN_SECRET',
        'MAIL_FROM',
        'PUBLIC_BASE_URL',
      ]),
    ).toThrow(
      'configuration is invalid: TOKEN_SECRET: must be at least 32 characters of random data; MAIL_FROM: must be the e-mail address of a verified SES identity; PUBLIC_BASE_URL: is required',
    );
  });

  it('says what a numeric setting allows, whichever zod build the process loaded', () => {
    for (const value of ['abc', '0', '1.5', '99999']) {
      expect(() => loadConfig({ ACTION_LINK_TTL_HOURS: value }, ['ACTION_LINK_TTL_HOURS'])).toThrow(
        'configuration is invalid: ACTION_LINK_TTL_HOURS: must be a whole number from 1 to 2160',
      );
    }
    expect(loadConfig({}, ['ACTION_LINK_TTL_HOURS'])).toEqual({ ACTION_LINK_TTL_HOURS: 168 });
  });

  it('reads allowed origins and trims the base URL', () => {
    const config = loadConfig(
      {
        PUBLIC_BASE_URL: 'https://api.example.com/',
        ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      },
      ['PUBLIC_BASE_URL', 'ALLOWED_ORIGINS'],
    );
    expect(config).toEqual({
      PUBLIC_BASE_URL: 'https://api.example.com',
      ALLOWED_ORIGINS: ['https://a.example', 'https://b.example'],
    });
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'nope' }, ['ALLOWED_ORIGINS'])).toThrow(/ALLOWED_ORIGINS/);
  });
});

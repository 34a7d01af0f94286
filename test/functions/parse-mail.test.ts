// The parser of received mail (functions/adapters/inbound): fixtures written for it (test/fixtures/mail) from Spanish
// and English Outlook, Gmail and Apple Mail, a forward, an auto-reply, a bounce, HTML only, attachments and list
// mail; then the rules one by one on small messages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { safeFilename } from '#functions/adapters/inbound/attachments.js';
import { parseInbound } from '#functions/adapters/inbound/parse-mail.js';
import { LIBRARY_MAX, MAX_REPLY_TEXT, replyText } from '#functions/adapters/inbound/reply-text.js';

const STAFF = 'cf-2026-000123.s.k3j5x7q2m4n6p8r1@respuestas.certicamara.com';
const REQUESTER = 'cf-2026-000123.r.m2q7w4z6b3c5d7f2@respuestas.certicamara.com';
const ACK_ID = '0100019a7c3e5f20-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d-000000@email.amazonses.com';
const SES_ID = '0100019a7c3e5f21-6b1d2c3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e-000000@email.amazonses.com';

function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`../fixtures/mail/${name}.eml`, import.meta.url));
}

const parse = (name: string) => parseInbound(fixture(name));

/** A small message with CRLF line ends: the given header lines, a From and Subject unless given, a plain body. */
function message(headers: readonly string[], body = 'Hola, gracias.'): Uint8Array {
  const given = (name: string) => headers.some((line) => line.toLowerCase().startsWith(`${name}:`));
  const defaults = [
    ...(given('from') ? [] : ['From: Ana <ana@example.com>']),
    ...(given('subject') ? [] : ['Subject: Re: solicitud']),
  ];
  const lines = [...defaults, `To: ${REQUESTER}`, ...headers, '', body, ''];
  return new TextEncoder().encode(lines.join('\r\n'));
}

describe('replies from mail clients', () => {
  it('Spanish Outlook: the text above the rule and the De:/Enviado: block, sender and threading ids', async () => {
    const mail = await parse('outlook-es');
    expect(mail.text).toBe(
      'Buenos días, señora Ana:\n\n' +
        'Ya regeneramos su certificado de firma digital. Puede descargarlo desde el enlace que le llegará en unos ' +
        'minutos.\n\nCordialmente,\n\nCarlos Gómez\nMesa de Ayuda Certifactura',
    );
    expect(mail.text).not.toMatch(/TOKEN-SECRETO|Radicado|Enviado:|____/);
    expect(mail).toMatchObject({
      from: 'carlos.gomez@certicamara.com',
      fromName: 'Carlos Gómez',
      returnPath: 'carlos.gomez@certicamara.com',
      recipients: [STAFF, 'supervisor.mesadeayuda@certicamara.com'],
      subject: 'RE: [CF-2026-000123] Solicitud nueva: firma electrónica de facturas',
      messageId: 'SJ0PR11MB5678A1B2C3D4E5F6A7B8C9D0A1B2@SJ0PR11MB5678.namprd11.prod.outlook.com',
      inReplyTo: [SES_ID, ACK_ID],
      attachments: [],
    });
    expect(mail.automatic).toBeUndefined();
    expect(mail.size).toBe(fixture('outlook-es').byteLength);
  });

  it('English Outlook: -----Original Message----- and the closing lines go; X-Auto-Response-Suppress is no sign', async () => {
    const mail = await parse('outlook-en');
    expect(mail.text).toBe(
      'Hi Ana,\n\nThe certificate was reissued this morning. Please try signing again and tell us if the error comes back.',
    );
    expect(mail.text).not.toContain('TOKEN-SECRET-EN');
    expect(mail.automatic).toBeUndefined();
    // The reply address in upper case is still the reply address.
    expect(mail.recipients).toEqual([STAFF]);
  });

  it('Spanish Gmail: the attribution wrapped over two lines and the "-- " signature', async () => {
    const mail = await parse('gmail-es');
    expect(mail.text).toBe(
      'Hola, gracias por la ayuda. Ya pude firmar las facturas pendientes.\n\n' +
        '¿Debo hacer algo más con el certificado anterior?\n\nSaludos,',
    );
    expect(mail.text).not.toMatch(/escribió|Hemos recibido|TOKEN-ESTADO|Gerente/);
    expect(mail).toMatchObject({
      from: 'ana.perez.tornillo@gmail.com',
      fromName: 'Ana Pérez',
      subject: 'Re: Recibimos su solicitud CF-2026-000123 — Certicámara',
      inReplyTo: [ACK_ID],
    });
  });

  it('English Gmail: "On … wrote:" cut, blank lines collapsed, Delivered-To counted once', async () => {
    const mail = await parse('gmail-en');
    expect(mail.text).toBe(
      'Thanks, but the error still shows up when I sign.\n\nIt says: "Certificate revoked (code 0x80092010)".\n\nAna',
    );
    expect(mail.recipients).toEqual([REQUESTER]);
  });

  it('Apple Mail in Spanish: "Enviado desde mi iPhone" and the quote below it go', async () => {
    const mail = await parse('apple-es');
    expect(mail.text).toBe('Perfecto, mañana a las 9 les envío el RUT actualizado.');
    expect(mail.messageId).toBe('8A1B2C3D-4E5F-4A6B-9C7D-8E9F0A1B2C3D@ferreteriaeltornillo.com.co');
  });

  it('a forwarded mail keeps only the forwarder’s own text', async () => {
    const mail = await parse('forwarded');
    expect(mail.text).toBe(
      'Les reenvío el correo del cliente con el soporte de pago, por favor adjúntenlo al caso.',
    );
    expect(mail).toMatchObject({ from: 'laura.rios@certicamara.com', fromName: 'Laura Ríos', inReplyTo: [] });
  });

  it('HTML only: text without any tag, script or handler, entities decoded, the quoted block cut', async () => {
    const mail = await parse('html-only');
    expect(mail.text).toBe(
      'Buenas tardes:\n\n' +
        'Adjunto la información solicitada: NIT 900.123.456-7 & razón social "Ferretería El Tornillo".\n' +
        'Quedo atenta, <gracias>.\nAna',
    );
    expect(mail.text).not.toMatch(/script|fetch|cookie|onerror|alert|<img|margin|TOKEN-HTML|Enviado/);
    expect(mail.fromName).toBe('Ana Pérez');
  });

  it('attachments: every named or attachment part, its bytes, a safe name for the unnamed one', async () => {
    const mail = await parse('attachments');
    expect(mail.text).toBe('Adjunto el RUT y la captura del error.');
    expect(mail.inReplyTo).toEqual([SES_ID, ACK_ID]);
    expect(
      mail.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
    ).toEqual([
      { filename: 'RUT 2026 — Ferretería.pdf', contentType: 'application/pdf', size: 142 },
      { filename: 'captura.png', contentType: 'image/png', size: 69 },
      { filename: 'adjunto-3.txt', contentType: 'text/plain', size: 13 },
    ]);
    const [pdf, png, unnamed] = mail.attachments;
    expect(new TextDecoder().decode(pdf?.content.subarray(0, 8))).toBe('%PDF-1.4');
    expect([...(png?.content.subarray(0, 4) ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(new TextDecoder().decode(unnamed?.content)).toBe('serial=3F2A1B');
  });
});

describe('mail sent by machines', () => {
  it('an Outlook out-of-office reply in Spanish is an auto-reply', async () => {
    const mail = await parse('auto-reply-es');
    expect(mail.automatic).toBe('auto-reply');
    expect(mail.subject).toBe('Respuesta automática: Recibimos su solicitud CF-2026-000123');
  });

  it('a delivery report is a bounce with an empty return path; its status parts are not text or files', async () => {
    const mail = await parse('bounce');
    expect(mail).toMatchObject({ automatic: 'bounce', returnPath: '', from: 'mailer-daemon@amazonses.com' });
    expect(mail.text).not.toContain('Diagnostic-Code');
    expect(mail.attachments).toEqual([]);
  });

  it('list mail is bulk', async () => {
    expect((await parse('bulk')).automatic).toBe('bulk');
  });

  it.each([
    [['Auto-Submitted: auto-generated'], 'auto-reply'],
    [['Auto-Submitted: auto-replied; owner-email="ana@example.com"'], 'auto-reply'],
    [['X-Autoreply: yes'], 'auto-reply'],
    [['X-Autorespond: Vacation'], 'auto-reply'],
    [['Precedence: auto_reply'], 'auto-reply'],
    [['Subject: Automatic reply: solicitud'], 'auto-reply'],
    [['Subject: Out of Office: RE: solicitud'], 'auto-reply'],
    [['Subject: Fuera de la oficina'], 'auto-reply'],
    [['Precedence: bulk'], 'bulk'],
    [['Precedence: junk'], 'bulk'],
    [['Precedence: list'], 'bulk'],
    [['List-Id: <clientes.example.com>'], 'bulk'],
    [['List-Unsubscribe: <mailto:baja@example.com>'], 'bulk'],
    [['From: MAILER-DAEMON@mx.example.com', 'Return-Path: <>'], 'bounce'],
    [['From: postmaster@example.com'], 'bounce'],
    [['Content-Type: multipart/report; report-type=disposition-notification; boundary=b'], 'auto-reply'],
  ])('%j → %s', async (headers, kind) => {
    const body = headers.some((line) => line.includes('boundary=b'))
      ? '--b\r\n\r\nLeído.\r\n--b--'
      : undefined;
    expect((await parseInbound(message(headers, body))).automatic).toBe(kind);
  });

  it.each([
    [['Auto-Submitted: no']],
    [['X-Auto-Response-Suppress: All']],
    [['X-Auto-Response-Suppress: OOF, DR, RN, NRN, AutoReply']],
    [['Subject: Re: Ausencia de respuesta a mi PQR']],
    [['Precedence: first-class']],
  ])('%j is a person’s mail', async (headers) => {
    expect((await parseInbound(message(headers))).automatic).toBeUndefined();
  });
});

describe('the return path', () => {
  it('is the header’s address when present, lower-cased', async () => {
    const mail = await parseInbound(message(['Return-Path: <Bounces+X@Example.com>']));
    expect(mail.returnPath).toBe('bounces+x@example.com');
  });

  it('is empty for <>, on any mail (the domain drops those)', async () => {
    const mail = await parseInbound(message(['Return-Path: <>']));
    expect(mail.returnPath).toBe('');
    expect(mail.automatic).toBeUndefined();
  });

  it('when missing, is the sender on a person’s mail and empty on a report', async () => {
    expect((await parseInbound(message([]))).returnPath).toBe('ana@example.com');
    const report = await parseInbound(message(['From: Mail Delivery System <MAILER-DAEMON@mx.example.com>']));
    expect(report).toMatchObject({ returnPath: '', automatic: 'bounce' });
  });
});

describe('headers of a person’s mail', () => {
  it('recipients: To, Cc (groups too), Delivered-To and X-Original-To, lower-cased, once each', async () => {
    const mail = await parseInbound(
      message([
        `Cc: Equipo: Luis <Luis@Example.com>, ${STAFF.toUpperCase()};, "Pérez, Ana" <ana.p@example.com>`,
        `Delivered-To: ${REQUESTER}`,
        'X-Original-To: Buzon@Respuestas.Certicamara.com',
      ]),
    );
    expect(mail.recipients).toEqual([
      REQUESTER,
      'luis@example.com',
      STAFF,
      'ana.p@example.com',
      'buzon@respuestas.certicamara.com',
    ]);
  });

  it('ids: In-Reply-To first, then References, without brackets, once each; a missing Message-ID is empty', async () => {
    const mail = await parseInbound(
      message(['In-Reply-To: <b@x>', 'References: <a@x>\r\n <b@x>\r\n\t<c@x>', 'References: d@x']),
    );
    expect(mail).toMatchObject({ messageId: '', inReplyTo: ['b@x', 'a@x', 'c@x', 'd@x'] });
  });

  it('a mail with no From and no body parses to empty fields, not an error', async () => {
    const raw = new TextEncoder().encode(`To: ${REQUESTER}\r\n\r\n`);
    expect(await parseInbound(raw)).toMatchObject({ from: '', fromName: '', text: '', subject: '' });
  });
});

describe('the new text of a reply', () => {
  it.each([
    ['English forward', 'FYI, see below.\n\n---------- Forwarded message ---------\nFrom: X <x@y.z>\n\nOld'],
    ['Apple forward', 'FYI, see below.\n\nBegin forwarded message:\n\nFrom: X <x@y.z>'],
    [
      'Outlook From:/Sent: block',
      'FYI, see below.\n\nFrom: Mesa <m@x.co>\nSent: Monday\nTo: A\nSubject: B\n\nOld',
    ],
    ['Outlook bold block', 'FYI, see below.\n*De:* Mesa <m@x.co>\n*Enviado:* lunes\n\nOld'],
    ['Spanish original marker', 'FYI, see below.\n-----Mensaje original-----\nDe: Mesa\nOld'],
    ['a bare quote', 'FYI, see below.\n> Old\n> text'],
    [
      'wrapped English attribution',
      'FYI, see below.\n\nOn Mon, Nov 30, 2026 at 10:00 AM Mesa <\nm@x.co> wrote:\n> Old',
    ],
    ['Sent from my iPhone', 'FYI, see below.\n\nSent from my iPhone'],
    ['Outlook for Android', 'FYI, see below.\n\nEnviado desde Outlook para Android'],
    ['Outlook for iOS', 'FYI, see below.\n\nObtener Outlook para iOS<https://aka.ms/o0ukef>'],
    ['CRLF and a signature', 'FYI, see below.\r\n\r\n-- \r\nMesa de Ayuda\r\nTel. 601 000 0000'],
  ])('%s', (_, body) => {
    expect(replyText(body)).toBe('FYI, see below.');
  });

  it('keeps lines that only look like headers or attributions', () => {
    const body =
      '#nota\nDe: parte del área comercial, gracias.\nEl cliente ya escribió:\nque no puede firmar.';
    expect(replyText(body)).toBe(body);
  });

  it('is capped at 20,000 characters', () => {
    expect(replyText('a'.repeat(MAX_REPLY_TEXT + 500))).toHaveLength(MAX_REPLY_TEXT);
  });

  it.each([
    ['a long line shaped like an attribution', `El ${'1 '.repeat(200_000)}`],
    ['many lines shaped like a Dutch attribution', 'Op schreef\n'.repeat(1_800)],
    ['the same, as long as email-reply-parser is given', 'Op schreef\n'.repeat(LIBRARY_MAX / 11)],
  ])('stays fast on %s', (_, body) => {
    const started = performance.now();
    replyText(body);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('longer than email-reply-parser is given, still cuts quotes and signatures', () => {
    const letter = `${'Texto de la respuesta. '.repeat(200).trim()}\n\nSaludos,`;
    expect(replyText(`${letter}\n\nEnviado desde mi iPhone\n\n> Old`)).toBe(letter);
  });
});

describe('attachment names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ana\\captura.png', 'captura.png'],
    ['factura\u202egpj.exe', 'facturagpj.exe'],
    ['  .oculto.pdf ', 'oculto.pdf'],
    [`${'x'.repeat(300)}.pdf`, `${'x'.repeat(146)}.pdf`],
  ])('%j → %j', (name, safe) => {
    expect(safeFilename(name, 'application/pdf', 1)).toBe(safe);
  });

  it('an unnamed part gets a numbered default with the extension of its type', () => {
    expect(safeFilename(undefined, 'image/jpeg', 2)).toBe('adjunto-2.jpg');
    expect(safeFilename('', 'application/octet-stream', 4)).toBe('adjunto-4');
  });
});

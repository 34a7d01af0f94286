// Replies by e-mail through the twin's SMTP server, as a mail client sends them: SMTP (nodemailer) to the signed
// reply address, the raw message into the local S3, the receiving function with SES's event, the ticket, and the
// mail the requester or the mailbox gets through the SES emulator. Also what SES itself refuses (another domain,
// too large) and what the function refuses or drops (a forged address, an auto-reply, a failed DMARC).
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketRecord } from '#domain/ticket.js';
import { HmacReplyAddresses } from '#functions/adapters/reply-addresses.js';
import { s3Client } from '#functions/adapters/s3-raw-mail.js';
import { loadConfig } from '#functions/config.js';
import { RECEIVE_SETTINGS } from '#functions/receive-wiring.js';
import { startMailIn, TWIN_INBOUND_BUCKET } from '../../scripts/twin/mail-in.js';
import {
  headerOf,
  mailsAbout,
  mailWith,
  postJson,
  startTestTwin,
  type TestTwin,
  validSubmission,
} from './support.js';

const REQUESTER = validSubmission().requester as { email: string };

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin();
});
afterAll(() => twin?.stop());

interface Incident {
  readonly id: string;
  readonly mailbox: string;
  /** The routed mail's Reply-To (staff) and the acknowledgement's (requester). */
  readonly staffAddress: string;
  readonly requesterAddress: string;
  readonly routedSubject: string;
}

/** A support incident, once its routed mail and acknowledgement are out. */
async function incident(subject: string): Promise<Incident> {
  const created = await postJson(twin.url, validSubmission({ subject }));
  expect(created.status).toBe(201);
  const { id, routing } = created.json as { id: string; routing: { mailbox: string } };
  const [routed] = await mailWith(twin, id, subject);
  const [ack] = await mailWith(twin, id, 'recibimos su solicitud');
  return {
    id,
    mailbox: routing.mailbox,
    staffAddress: routed?.replyTo[0] ?? '',
    requesterAddress: ack?.replyTo[0] ?? '',
    routedSubject: routed?.subject ?? '',
  };
}

interface Sent {
  readonly from: string;
  readonly to: string;
  readonly bcc?: string;
  readonly subject?: string;
  readonly text: string;
  readonly headers?: Record<string, string>;
}

/** Sends over the twin's SMTP server; resolves with the server's answer (250 …) or rejects with its refusal. */
async function send(mail: Sent, port = twin.smtpPort): Promise<string> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
  });
  try {
    const info = await transport.sendMail({ subject: 'RE: su solicitud', ...mail });
    return info.response;
  } finally {
    transport.close();
  }
}

/** The SMTP code a refused message got. */
async function refusal(mail: Sent, port = twin.smtpPort): Promise<number | undefined> {
  const error = (await send(mail, port).then(
    () => undefined,
    (e: unknown) => e,
  )) as { responseCode?: number } | undefined;
  expect(error, 'the message was accepted').toBeDefined();
  return error?.responseCode;
}

const record = async (id: string): Promise<TicketRecord> => {
  const found = await twin.store.get(id);
  if (!found) throw new Error(`no ticket ${id}`);
  return found;
};
const events = async (id: string) => (await record(id)).history.map((h) => h.event);

describe('the twin receives mail', () => {
  it('records a staff reply from the routed mailbox and sends it to the requester, without the quoted mail', async () => {
    const ticket = await incident('Error 500 al emitir');
    expect(ticket.staffAddress).toBe(twin.replies.addressFor(ticket.id, 's'));
    const answer = await send({
      from: ticket.mailbox,
      to: ticket.staffAddress,
      subject: `RE: ${ticket.routedSubject}`,
      text: [
        'Buenos días, Ana: ya corregimos el error 500; puede volver a emitir sus facturas.',
        '',
        `El lun, 23 nov 2026 a las 10:00, Certicámara <${twin.mailFrom}> escribió:`,
        '> Detalle interno del enrutamiento que el solicitante no debe ver.',
      ].join('\n'),
    });
    expect(answer).toMatch(/^250 /);

    // SES's S3 action wrote the raw message under the receipt rule's prefix; once processed it is deleted (what the
    // ticket needs of it is on the ticket).
    const s3 = s3Client({ AWS_REGION: 'local', S3_ENDPOINT: twin.s3Endpoint });
    const stored = await s3.send(
      new ListObjectsV2Command({ Bucket: TWIN_INBOUND_BUCKET, Prefix: 'inbound/' }),
    );
    s3.destroy();
    expect(stored.KeyCount ?? 0).toBe(0);

    const { ticket: after, history } = await record(ticket.id);
    expect(after.status).toBe('acknowledged');
    const message = history.find((h) => h.event === 'message');
    expect(message?.note).toBe(
      'Buenos días, Ana: ya corregimos el error 500; puede volver a emitir sus facturas.',
    );
    const [reply] = await mailWith(twin, ticket.id, `Respuesta a su solicitud ${ticket.id}`);
    expect(reply?.destination.to).toEqual([REQUESTER.email]);
    expect(reply?.body.text).toContain('ya corregimos el error 500');
    expect(reply?.body.text).not.toContain('Detalle interno');
    expect(reply?.replyTo).toEqual([ticket.requesterAddress]);
    expect(headerOf(reply as NonNullable<typeof reply>, 'In-Reply-To')).toBeDefined();

    // Answered: the sweeper does not escalate it at its first-response deadline.
    twin.clock.advance(after.routing.firstResponseDueAt + 60_000 - twin.clock.now());
    await twin.sweep();
    expect((await record(ticket.id)).ticket.escalationLevel).toBe(1);
  });

  it('keeps a staff-looking reply that fails DMARC for review, and never sends it to the requester', async () => {
    const ticket = await incident('Firma rechazada');
    const forged = 'Texto de alguien que se hace pasar por soporte.';
    const dmarc = { from: ticket.mailbox, to: ticket.staffAddress, text: forged };
    expect(await send({ ...dmarc, headers: { 'X-Twin-Verdict': 'dmarc=fail' } })).toMatch(/^250 /);
    const { ticket: after, history } = await record(ticket.id);
    expect(after.status).toBe('received');
    const kept = history.find((h) => h.event === 'external-message');
    expect(kept?.note).toContain('DMARC FAIL');
    expect(kept?.note).toContain(forged);

    // A genuine reply after it is the only one the requester gets (one ticket's mails go out in order).
    await send({ from: ticket.mailbox, to: ticket.staffAddress, text: 'Respuesta verdadera del equipo.' });
    const replies = await mailWith(twin, ticket.id, `Respuesta a su solicitud ${ticket.id}`);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body.text).toContain('Respuesta verdadera del equipo.');
    expect(replies[0]?.body.text).not.toContain(forged);
  });

  it('accepts and then drops an auto-reply and mail to a forged address: nothing changes', async () => {
    const ticket = await incident('Respuesta automática');
    const before = await record(ticket.id);
    const autoReply = await send({
      from: REQUESTER.email,
      to: ticket.requesterAddress,
      subject: 'Fuera de la oficina',
      text: 'Estoy de vacaciones hasta el lunes.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(autoReply).toMatch(/^250 /);
    // The right shape and domain, a signature that is not ours: SES accepts it, the function refuses it.
    const forgedAddress = `${ticket.id.toLowerCase()}.s.${'a'.repeat(16)}@respuestas.localhost`;
    const forged = await send({
      from: ticket.mailbox,
      to: forgedAddress,
      text: 'Cierre esta solicitud, por favor.',
    });
    expect(forged).toMatch(/^250 /);
    expect(await record(ticket.id)).toEqual(before);
  });

  it('forwards a requester reply to the routed mailbox and records it', async () => {
    const ticket = await incident('Adjunto el número');
    const text = 'La factura que falla es la FE-2041.';
    expect(await send({ from: REQUESTER.email, to: ticket.requesterAddress, text })).toMatch(/^250 /);
    const { history } = await record(ticket.id);
    expect(history.find((h) => h.event === 'message')).toMatchObject({ by: 'requester', note: text });
    const [forwarded] = await mailWith(twin, ticket.id, 'RESPUESTA DEL SOLICITANTE');
    expect(forwarded?.destination.to).toContain(ticket.mailbox);
    expect(forwarded?.body.text).toContain(text);
    expect(forwarded?.replyTo).toEqual([ticket.staffAddress]);
  });

  it('finds the reply address in the envelope when it was only in Bcc', async () => {
    const ticket = await incident('Copia oculta');
    const text = 'Les escribo con copia oculta a la solicitud.';
    const to = `buzon@${twin.receivingDomain}`;
    expect(await send({ from: REQUESTER.email, to, bcc: ticket.requesterAddress, text })).toMatch(/^250 /);
    expect((await record(ticket.id)).history.find((h) => h.event === 'message')).toMatchObject({
      by: 'requester',
      note: text,
    });
  });

  it('refuses what SES refuses: another domain (550), a message over 10 MB (552)', async () => {
    const ticket = await incident('Límites del servidor');
    const count = (await events(ticket.id)).length;
    expect(
      await refusal({
        from: ticket.mailbox,
        to: 'alguien@certicamara.com',
        text: 'No es para el enrutador.',
      }),
    ).toBe(550);
    expect(
      await refusal({
        from: REQUESTER.email,
        to: ticket.requesterAddress,
        text: 'x'.repeat(10.5 * 1024 * 1024),
      }),
    ).toBe(552);
    expect(
      await refusal({
        from: ticket.mailbox,
        to: ticket.staffAddress,
        text: 'Veredicto mal escrito.',
        headers: { 'X-Twin-Verdict': 'dmark=fail' },
      }),
    ).toBe(550);
    expect((await events(ticket.id)).length).toBe(count);
    expect(await mailsAbout(twin, ticket.id)).toHaveLength(2);
  });

  it('answers 451 when the receiving function fails, so the sender tries again', async () => {
    // The same server over a table that does not exist: the function throws on the ticket lookup.
    const secret = 'f'.repeat(40);
    const config = loadConfig(
      {
        TABLE_NAME: 'no-such-table',
        AWS_REGION: 'local',
        DYNAMODB_ENDPOINT: twin.dynamoEndpoint,
        ACTION_LINK_SECRET: secret,
        RECEIVING_DOMAIN: 'respuestas.localhost',
        INBOUND_BUCKET: TWIN_INBOUND_BUCKET,
        S3_ENDPOINT: twin.s3Endpoint,
      },
      RECEIVE_SETTINGS,
    );
    const failures: unknown[] = [];
    const broken = await startMailIn({
      port: 0,
      config,
      clock: twin.clock,
      onError: (e) => failures.push(e),
    });
    try {
      const to = new HmacReplyAddresses(secret, 'respuestas.localhost').addressFor('CF-2026-000001', 'r');
      expect(await refusal({ from: REQUESTER.email, to, text: 'Otra vez el error.' }, broken.port)).toBe(451);
      expect(failures).toHaveLength(1);
      // Not processed: the raw message stays for the retry.
      const s3 = s3Client({ AWS_REGION: 'local', S3_ENDPOINT: twin.s3Endpoint });
      const left = await s3.send(
        new ListObjectsV2Command({ Bucket: TWIN_INBOUND_BUCKET, Prefix: 'inbound/' }),
      );
      s3.destroy();
      expect(left.KeyCount).toBe(1);
    } finally {
      await broken.stop();
    }
  });
});

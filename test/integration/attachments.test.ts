// Attachments through the twin, as the browser and a mail client do it: the requester declares a file with the status
// token and posts it to the presigned form (s3rver), the status view lists it with a signed link that redirects to a
// presigned URL serving the bytes (once the twin's stand-in for GuardDuty tagged it clean), still working a day
// later; a sixth upload and a wrong type are refused, a declared file that never arrived stops counting once its
// window closed; a requester's reply with a PDF (and a file of a type not kept) lands beside the uploads, and the
// mail staff get carries every file's link.
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Client } from '#functions/adapters/s3-raw-mail.js';
import { TWIN_INBOUND_BUCKET } from '../../scripts/twin/mail-in.js';
import { policy } from '../helpers.js';
import {
  mailsAbout,
  mailWith,
  postJson,
  startTestTwin,
  type TestTwin,
  validSubmission,
  waitFor,
} from './support.js';

const REQUESTER = validSubmission().requester as { email: string };
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('captura de pantalla')]);
const PDF = Buffer.from('%PDF-1.4\n% factura de prueba\n%%EOF\n');

interface Upload {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly fields: Record<string, string>;
}
interface Listed {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly source: 'upload' | 'mail';
  readonly url: string;
}

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin();
});
afterAll(() => twin?.stop());

async function newTicket(subject: string): Promise<{ id: string; token: string }> {
  const created = await postJson(twin.url, validSubmission({ subject }));
  expect(created.status).toBe(201);
  const { id, statusUrl } = created.json as { id: string; statusUrl: string };
  return { id, token: new URL(statusUrl).searchParams.get('token') ?? '' };
}

function declare(id: string, token: string, files: readonly object[]) {
  return fetch(`${twin.url}/requests/${id}/attachments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ files }),
  });
}

/** What the browser does with a presigned POST: the fields, then the file as the last field. */
async function post(upload: Upload, bytes: Buffer, type: string): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type }), upload.name);
  return (await fetch(upload.url, { method: 'POST', body: form })).status;
}

async function listed(id: string, token: string): Promise<readonly Listed[]> {
  const response = await fetch(`${twin.url}/requests/${id}?token=${encodeURIComponent(token)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { attachments: Listed[] }).attachments;
}

/** Follows a download link once the file is tagged clean: the redirect, then the bytes it points at. */
async function download(link: string): Promise<{ bytes: Buffer; disposition: string }> {
  const location = await waitFor(
    async () => {
      const response = await fetch(link, { redirect: 'manual' });
      return response.status === 302 && (response.headers.get('location') ?? undefined);
    },
    { what: `a redirect from ${link}` },
  );
  const file = await fetch(location);
  expect(file.status).toBe(200);
  return {
    bytes: Buffer.from(await file.arrayBuffer()),
    disposition: file.headers.get('content-disposition') ?? '',
  };
}

describe('an upload', () => {
  it('reaches the status view and a signed link that still works the next day', async () => {
    const { id, token } = await newTicket('Adjunto de prueba');
    const answer = await declare(id, token, [{ name: 'captura.png', type: 'image/png', size: PNG.length }]);
    expect(answer.status).toBe(201);
    const { uploads, expiresAt } = (await answer.json()) as { uploads: Upload[]; expiresAt: string };
    expect(expiresAt).toMatch(/^2026-11-23T10:1\d/);
    expect(uploads).toHaveLength(1);
    const [upload] = uploads as [Upload];
    expect(upload.fields.key).toBe(`attachments/${id}/${upload.id}`);
    expect(upload.fields['Content-Type']).toBe('image/png');
    expect(await post(upload, PNG, 'image/png')).toBe(204);

    const [file] = await listed(id, token);
    expect(file).toMatchObject({ id: upload.id, name: 'captura.png', type: 'image/png', source: 'upload' });
    const first = await download(file?.url ?? '');
    expect(first.bytes.equals(PNG)).toBe(true);
    expect(first.disposition).toContain('captura.png');

    twin.clock.advance(86_400_000);
    expect((await download(file?.url ?? '')).bytes.equals(PNG)).toBe(true);
    twin.clock.advance(30 * 86_400_000);
    const expired = await fetch(file?.url ?? '', { redirect: 'manual' });
    expect(expired.status).toBe(410);
    expect(expired.headers.get('content-type')).toContain('text/html');
  });

  it('counts a declared file that never arrived only while it still could (its window and 5 minutes)', async () => {
    const { id, token } = await newTicket('Adjuntos que no llegaron');
    const file = (n: number) => ({ name: `captura-${n}.png`, type: 'image/png', size: PNG.length });
    const first = await declare(id, token, [1, 2, 3, 4, 5].map(file));
    expect(first.status).toBe(201);
    const [sent] = ((await first.json()) as { uploads: Upload[] }).uploads as [Upload];
    expect(await post(sent, PNG, 'image/png')).toBe(204);
    // The browser lost the other four. While their forms still work, they count:
    expect((await declare(id, token, [file(6)])).status).toBe(409);
    twin.clock.advance(11 * 60_000);
    // Their forms have expired, but an upload begun in time may still be finishing: they count a few minutes more.
    expect((await declare(id, token, [file(6)])).status).toBe(409);
    twin.clock.advance(5 * 60_000);
    // Then only the one received does: four more fit, five do not.
    expect((await declare(id, token, [6, 7, 8, 9, 10].map(file))).status).toBe(409);
    expect((await declare(id, token, [6, 7, 8, 9].map(file))).status).toBe(201);
  });

  it('refuses a sixth upload, a type off the list, a bad size and a wrong token', async () => {
    const { id, token } = await newTicket('Cinco adjuntos');
    const file = (n: number) => ({ name: `hoja-${n}.csv`, type: 'text/csv', size: 10 });
    expect((await declare(id, token, [1, 2, 3].map(file))).status).toBe(201);
    expect((await declare(id, token, [4, 5].map(file))).status).toBe(201);
    const sixth = await declare(id, token, [file(6)]);
    expect(sixth.status).toBe(409);
    expect(await sixth.json()).toMatchObject({
      error: { code: 'action_refused', reason: 'too_many_attachments' },
    });

    const other = await newTicket('Tipo no permitido');
    const wrong = await declare(other.id, other.token, [
      { name: 'programa.exe', type: 'application/x-msdownload', size: 10 },
      { name: 'grande.pdf', type: 'application/pdf', size: 5 * 1024 * 1024 + 1 },
    ]);
    expect(wrong.status).toBe(400);
    const { error } = (await wrong.json()) as { error: { code: string; fields: { path: string }[] } };
    expect(error.code).toBe('validation_failed');
    expect(error.fields.map((f) => f.path)).toEqual(['files.0.type', 'files.1.size']);
    expect(await listed(other.id, other.token)).toEqual([]);
    expect((await declare(other.id, token, [file(1)])).status).toBe(404);
  });
});

describe('a mail with attachments', () => {
  it('lands beside the uploads, and the mail staff get links every file', async () => {
    const { id, token } = await newTicket('Factura adjunta');
    const declared = await declare(id, token, [{ name: 'captura.png', type: 'image/png', size: PNG.length }]);
    const [upload] = ((await declared.json()) as { uploads: Upload[] }).uploads as [Upload];
    expect(await post(upload, PNG, 'image/png')).toBe(204);
    const [ack] = await mailWith(twin, id, 'recibimos su solicitud');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: twin.smtpPort, ignoreTLS: true });
    try {
      await transport.sendMail({
        from: REQUESTER.email,
        to: ack?.replyTo[0] ?? '',
        subject: `RE: ${id}`,
        text: 'Adjunto la factura.',
        attachments: [
          { filename: 'factura.pdf', content: PDF, contentType: 'application/pdf' },
          { filename: 'macro.exe', content: Buffer.from('MZ'), contentType: 'application/octet-stream' },
        ],
      });
    } finally {
      transport.close();
    }

    const files = await waitFor(async () => {
      const all = await listed(id, token);
      return all.length === 2 && all;
    });
    const pdf = files.find((f) => f.source === 'mail');
    expect(pdf).toMatchObject({ name: 'factura.pdf', type: 'application/pdf', size: PDF.length });
    expect((await download(pdf?.url ?? '')).bytes.equals(PDF)).toBe(true);
    const record = await twin.store.get(id);
    expect(record?.history.find((h) => h.event === 'message')?.attachments).toHaveLength(1);
    expect(record?.history.find((h) => h.event === 'attachment-added' && h.by === 'system')?.note).toContain(
      'macro.exe (tipo no permitido)',
    );

    await twin.redrive();
    const staff = await waitFor(async () =>
      (await mailsAbout(twin, id)).find((m) => m.body.text?.includes('factura.pdf')),
    );
    const links = [...(staff.body.text ?? '').matchAll(/http:\/\/localhost:\d+\/attachments\/\S+/g)].map(
      (m) => m[0],
    );
    expect(links).toHaveLength(2);
    // In the HTML part each file's name is the link to it.
    const anchors = [
      ...(staff.body.html ?? '').matchAll(/<a href="([^"]+\/attachments\/[^"]+)">([^<]+)<\/a>/g),
    ];
    expect(anchors.map((a) => a[1]).sort()).toEqual([...links].sort());
    expect(anchors.map((a) => a[2]).join(' ')).toContain('factura.pdf (');
    const bytes = await Promise.all(links.map(async (link) => (await download(link)).bytes));
    expect(bytes.some((b) => b.equals(PNG)) && bytes.some((b) => b.equals(PDF))).toBe(true);
  });
});

describe('the erasure after the retention period', () => {
  it('deletes a ticket’s files and their names', async () => {
    const { id, token } = await newTicket('Adjunto que se borra');
    const declared = await declare(id, token, [{ name: 'cedula.png', type: 'image/png', size: PNG.length }]);
    const [upload] = ((await declared.json()) as { uploads: Upload[] }).uploads as [Upload];
    expect(await post(upload, PNG, 'image/png')).toBe(204);
    const s3 = s3Client({ AWS_REGION: 'local', S3_ENDPOINT: twin.s3Endpoint });
    const stored = async () =>
      (await s3.send(new ListObjectsV2Command({ Bucket: TWIN_INBOUND_BUCKET, Prefix: `attachments/${id}/` })))
        .KeyCount ?? 0;
    try {
      expect(await stored()).toBe(1);
      const open = await twin.store.get(id);
      if (!open) throw new Error('no ticket');
      const resolved = policy.resolve(open.ticket, twin.clock.now(), 'soporte (nivel 1)', 'Resuelto.');
      expect(await twin.store.applyTransition(resolved, open.ticket.version)).toBe('applied');
      twin.clock.advance(11 * 366 * 86_400_000);
      await twin.sweep();
      expect(await stored()).toBe(0);
      const erased = await twin.store.get(id);
      expect(JSON.stringify(erased?.history)).not.toContain('cedula.png');
      expect(await listed(id, token)).toEqual([]);
    } finally {
      s3.destroy();
    }
  });
});

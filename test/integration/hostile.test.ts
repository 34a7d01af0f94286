// Hostile input and access through the twin's HTTP API: invalid UTF-8, deep nesting, prototype keys, markup in
// every field that reaches a page or a mail, guessed tokens and other tickets' ids, and logs without personal data.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '#functions/logger.js';
import { bogota } from '../helpers.js';
import { mailsAbout, postJson, startTestTwin, type TestTwin, validSubmission, waitFor } from './support.js';

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ start: bogota('2026-11-23T10:00') });
});
afterAll(() => twin?.stop());

/** POSTs raw bytes (fetch would re-encode them). */
function postBytes(body: Buffer): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(`${twin.url}/requests`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('hostile bodies', () => {
  it('refuses invalid UTF-8 instead of repairing it, and writes nothing', async () => {
    const before = await twin.itemCount();
    const valid = Buffer.from(JSON.stringify(validSubmission({ subject: 'Factura XX rechazada' })));
    const at = valid.indexOf('XX');
    valid[at] = 0xc3; // a lead byte followed by "X": not UTF-8
    const answer = await postBytes(valid);
    expect(answer.status).toBe(400);
    expect((answer.json.error as { code: string }).code).toBe('invalid_json');
    expect(await twin.itemCount()).toBe(before);
  });

  it('answers deep nesting and prototype keys with a 400, never a 500', async () => {
    const deep = `{"product":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
    expect((await postJson(twin.url, deep)).status).toBe(400);
    const proto = `{"__proto__":{"admin":true},${JSON.stringify(validSubmission()).slice(1)}`;
    const answer = await postJson(twin.url, proto);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.json)).toContain('__proto__');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('markup in every field', () => {
  it('reaches mails and the staff page escaped, never as markup', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const created = await postJson(
      twin.url,
      validSubmission({
        subject: `Asunto ${evil}`,
        description: `Descripción ${evil}`,
        requester: {
          name: `Ana ${evil}`,
          email: 'ana@example.com',
          phone: '+57 300 123 4567',
          documentId: '52123456',
        },
      }),
    );
    expect(created.json).toMatchObject({ status: 'received' });
    const id = created.json.id as string;
    const mails = await waitFor(async () => {
      const found = await mailsAbout(twin, id);
      return found.length >= 2 && found;
    });
    for (const mail of mails) expect(mail.body.html).not.toMatch(/<script|<img/);
    // Staff read the submitted text, escaped; the requester's mail repeats none of it.
    const staff = mails.find((m) => m.destination.to.includes('soporte.certifactura@certicamara.com'));
    expect(staff?.body.html).toContain('&lt;script&gt;');
    const ack = mails.find((m) => m.destination.to.includes('ana@example.com'));
    expect(ack?.body.html).not.toContain('script');
    const token = /\/actions\?token=([\w.-]+)/.exec(
      mails.find((m) => m.body.text?.includes('/actions'))?.body.text ?? '',
    )?.[1];
    const page = await (await fetch(`${twin.url}/actions?token=${token}`)).text();
    expect(page).not.toMatch(/<script>alert|<img src=x/);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('access', () => {
  it("answers 404 to guessed tokens, other tickets' tokens and unknown ids alike", async () => {
    const a = await postJson(twin.url, validSubmission({ subject: 'Ticket A' }));
    const b = await postJson(twin.url, validSubmission({ subject: 'Ticket B' }));
    const tokenA = new URL(a.json.statusUrl as string).searchParams.get('token') ?? '';
    const idB = b.json.id as string;
    const attempts = [
      `${twin.url}/requests/${idB}?token=${tokenA}`,
      `${twin.url}/requests/${idB}?token=${'A'.repeat(43)}`,
      `${twin.url}/requests/${idB}?token=${tokenA.slice(0, 42)}B`,
      `${twin.url}/requests/${idB}`,
      `${twin.url}/requests/CF-2026-999999?token=${tokenA}`,
    ];
    const answers = await Promise.all(
      attempts.map(async (u) => {
        const r = await fetch(u);
        return [r.status, await r.text()] as const;
      }),
    );
    for (const [status, body] of answers) {
      expect(status).toBe(404);
      expect(body).toBe(answers[0]?.[1]);
    }
  });
});

describe('logs', () => {
  it('never carry an e-mail, name, phone or document number in clear', async () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    logger.setLogLevel('DEBUG');
    try {
      const personal = {
        name: 'Zuleima Quintero Ospina',
        email: 'zuleima.quintero@example.org',
        phone: '+57 310 987 6543',
        documentId: '1098765432',
      };
      const created = await postJson(twin.url, validSubmission({ requester: personal }));
      const bad = await postJson(
        twin.url,
        validSubmission({ requester: { ...personal, email: 'zuleima@' } }),
      );
      expect(bad.status).toBe(400);
      const id = created.json.id as string;
      await waitFor(async () => (await mailsAbout(twin, id)).length >= 2 && true);
      await fetch(`${twin.url}/requests/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: personal.email }),
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const text = lines.join('');
      expect(text).toContain(id); // the logs did run
      for (const value of [
        personal.name,
        'Zuleima',
        personal.email,
        'zuleima@',
        '310 987 6543',
        personal.documentId,
      ]) {
        expect(text).not.toContain(value);
      }
    } finally {
      logger.setLogLevel('SILENT');
      process.stdout.write = write;
      process.stderr.write = writeErr;
    }
  });
});

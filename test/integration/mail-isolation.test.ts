// One mail can never touch another. The SDK's query serializer (@aws-sdk/core, pinned by the lockfile) keeps a
// half-built request when encoding throws, and the next request of the same client starts with it: the first test
// reproduces that on a raw client of the query protocol (SES API v1; SNS, the pager's, is the same: a canary, if it
// fails the SDK fixed it); the others show our mailer (SES API v2) never lets a poisoned message reach the SDK, and
// that a fresh client carries nothing over.
import { randomUUID } from 'node:crypto';
import { SESClient, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-ses';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { sesClient } from '#functions/adapters/clients.js';
import { SesMailer } from '#functions/adapters/ses-mailer.js';
import { LOCAL_CREDENTIALS } from '../../scripts/twin/emulators.js';
import type { StoredMail } from './support.js';

const { sesEndpoint } = inject('emulators');
const marker = randomUUID().slice(0, 8);
const clients: (SESClient | SESv2Client)[] = [];
afterAll(() => {
  for (const c of clients) c.destroy();
});

/** A client whose serialized request bodies are recorded (the build step sees what would go on the wire). */
function recordingClient<C extends SESClient | SESv2Client>(client: C, bodies: string[]): C {
  (client.middlewareStack as SESClient['middlewareStack']).add(
    (next) => async (args) => {
      bodies.push(String((args.request as { body?: unknown }).body ?? ''));
      return next(args);
    },
    { step: 'build', name: 'recordBody' },
  );
  clients.push(client);
  return client;
}

/** An SES API v1 client (the query protocol the defect lives in). */
function queryClient(): SESClient {
  return new SESClient({ region: 'local', endpoint: sesEndpoint, credentials: LOCAL_CREDENTIALS });
}

const mail = (to: string, subject: string): SendEmailCommandInput => ({
  Source: `isolation+${marker}@certicamara.local`,
  Destination: { ToAddresses: [to] },
  Message: { Subject: { Data: subject }, Body: { Text: { Data: 'texto' } } },
});

async function storedMails(): Promise<StoredMail[]> {
  const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((m) => m.subject.includes(marker));
}

describe('the SDK defect (reproducer)', () => {
  it('a raw client that failed to encode one mail starts the next with the failed mail’s recipient', async () => {
    const bodies: string[] = [];
    const client = recordingClient(queryClient(), bodies);
    await expect(
      client.send(new SendEmailCommand(mail('victim-a@example.com', 'poison \ud83d'))),
    ).rejects.toThrow(URIError);
    await client.send(new SendEmailCommand(mail('b@example.com', `normal ${marker}`))).catch(() => undefined);
    // The emulator may refuse the mangled request; what matters is what the client tried to send.
    expect(bodies.at(-1)).toContain('victim-a%40example.com');

    const fresh: string[] = [];
    await recordingClient(queryClient(), fresh).send(
      new SendEmailCommand(mail('c@example.com', `fresh ${marker}`)),
    );
    expect(fresh.at(-1)).not.toContain('victim-a');
  });
});

describe('our mailer', () => {
  it('refuses the poisoned mail before the SDK sees it, and the next mail reaches exactly its own recipients', async () => {
    const bodies: string[] = [];
    const mailer = new SesMailer(
      () => recordingClient(sesClient({ AWS_REGION: 'local', SES_ENDPOINT: sesEndpoint }), bodies),
      `isolation+${marker}@certicamara.local`,
    );
    const message = (to: string, subject: string) => ({
      to: [to],
      cc: [],
      replyTo: [],
      subject,
      text: 'texto',
      html: '<p>texto</p>',
      tags: { kind: 'test' },
    });
    await expect(
      mailer.send(message('victim-a@example.com', `poison ${marker} \ud83d`)),
    ).rejects.toMatchObject({
      kind: 'defect',
    });
    expect(bodies).toEqual([]);
    await mailer.send(message('b@example.com', `normal ${marker}`));
    // A subject cut at 250 units inside an emoji would throw in the SDK; cut at whole characters, SES accepts it.
    await expect(
      mailer.send(message('c@example.com', `Caida total ${'🔥'.repeat(130)} ${marker}`)),
    ).resolves.toMatchObject({ messageId: expect.any(String) });
    const stored = await storedMails();
    const normal = stored.find((m) => m.subject === `normal ${marker}`);
    expect(normal?.destination).toEqual({ to: ['b@example.com'], cc: [], bcc: [] });
    expect(stored.some((m) => m.destination.to.includes('victim-a@example.com'))).toBe(false);
    expect(bodies).toHaveLength(2);
    expect(bodies.every((b) => !b.includes('victim-a'))).toBe(true);
  });
});

// What a consent records, through the twin: the notice the form is served (es, en, and their hashes), the consent
// record in the ticket's body item as GetItem reads it, a form's hash of another text refused, and the
// acknowledgement naming the policy version and the notice hash.
import { createHash } from 'node:crypto';
import { type AttributeValue, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '#functions/adapters/table.js';
import { AS_FORM, mailsAbout, postJson, startTestTwin, validSubmission, waitFor } from './support.js';

type Notice = { text: string; hash: string };
type Served = {
  token: string;
  policyVersion: string;
  policyUrl: string;
  notice: Record<'es' | 'en', Notice>;
};

/** Monday 2026-11-23, 10:00 in Bogotá. */
const START = Date.UTC(2026, 10, 23, 15);
const LOCAL = { region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

let twin: Awaited<ReturnType<typeof startTestTwin>>;
let raw: DynamoDBClient;
beforeAll(async () => {
  twin = await startTestTwin({ start: START, formMinFillMs: 300 });
  raw = new DynamoDBClient({ ...LOCAL, endpoint: twin.dynamoEndpoint });
});
afterAll(async () => {
  raw?.destroy();
  await twin?.stop();
});

async function served(): Promise<Served> {
  const answer = (await (await fetch(`${twin.url}/form-token`)).json()) as Served;
  twin.clock.advance(1_000);
  return answer;
}

/** The body item's `consent` as GetItem returns it, with the item's `receivedAt` beside it. */
async function consentItem(id: string): Promise<Record<string, AttributeValue | undefined>> {
  const { pk, sk } = keys.ticket(id);
  const key = { pk: { S: pk }, sk: { S: `${sk}#BODY` } };
  const { Item } = await raw.send(new GetItemCommand({ TableName: twin.tableName, Key: key }));
  return { ...Item?.consent?.M, receivedAt: Item?.receivedAt };
}

describe('the notice the form is served', () => {
  it('comes with GET /form-token in both languages, each with the SHA-256 of its text, and on the page', async () => {
    const { notice, policyVersion, policyUrl } = await served();
    expect(policyVersion).toBe('2024-01');
    expect(policyUrl).toBe('https://www.certicamara.com/');
    for (const { text, hash } of Object.values(notice))
      expect(hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(notice.es.text).toContain('Sociedad Cameral de Certificación Digital Certicámara S.A.');
    expect(notice.en.text).toContain('datos-reclamo');
    const page = await (await fetch(`${twin.url}/`)).text();
    expect(page).toContain('<meta name="privacy-notice-es" content="Responsable del tratamiento: Sociedad');
    expect(page).toContain('id="privacy-notice-text"');
  });
});

describe('a consent', () => {
  it('from the form is stored in the body item with every field, readable with GetItem', async () => {
    const { token, notice } = await served();
    const created = await postJson(
      twin.url,
      validSubmission({
        locale: 'en',
        consent: { accepted: true, policyVersion: '2024-01', noticeHash: notice.en.hash },
        form: { token, website: '' },
      }),
      AS_FORM,
    );
    expect(created.status).toBe(201);
    const consent = await consentItem(String(created.json.id));
    expect(consent).toEqual({
      accepted: { BOOL: true },
      policyVersion: { S: '2024-01' },
      policyUrl: { S: 'https://www.certicamara.com/' },
      noticeHash: { S: notice.en.hash },
      noticeLocale: { S: 'en' },
      channel: { S: 'web-form' },
      acceptedAt: consent.receivedAt,
      receivedAt: consent.receivedAt,
    });
    expect(Number(consent.receivedAt?.N)).toBeGreaterThan(START);
    // The acknowledgement names the policy version and the notice hash's first 12 characters.
    const [ack] = await waitFor(async () => {
      const mails = await mailsAbout(twin, String(created.json.id));
      return mails.length > 0 && mails;
    });
    expect(ack?.body.text).toContain(`version 2024-01; privacy notice ${notice.en.hash.slice(0, 12)}`);
  });

  it('from an integration (API key, no hash) records the channel api and the server’s hash', async () => {
    const { notice } = await served();
    const created = await postJson(twin.url, validSubmission());
    expect(created.status).toBe(201);
    const consent = await consentItem(String(created.json.id));
    expect(consent?.channel).toEqual({ S: 'api' });
    expect(consent?.noticeHash).toEqual({ S: notice.es.hash });
    expect(consent?.noticeLocale).toEqual({ S: 'es' });
  });

  it('naming the hash of another text is 400 notice_mismatch, with the field and version, and writes nothing', async () => {
    const { token, notice } = await served();
    const before = await twin.itemCount();
    const answer = await postJson(
      twin.url,
      validSubmission({
        consent: { accepted: true, policyVersion: '2024-01', noticeHash: notice.en.hash },
        form: { token, website: '' },
      }),
      AS_FORM,
    );
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      error: {
        code: 'notice_mismatch',
        field: 'consent.noticeHash',
        currentVersion: '2024-01',
        currentNoticeHash: notice.es.hash,
      },
    });
    expect(await twin.itemCount()).toBe(before);
  });
});

// SES bounce and complaint events recorded against the real table: history, the bounce flag, and the staff notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '#data/index.js';
import { envelopeFor } from '#domain/notifications.js';
import { HmacAccessTokens } from '#functions/adapters/hmac-tokens.js';
import { TicketMailComposer } from '#functions/notify/compose.js';
import { type SesEventBridgeEvent, sesEventsHandler } from '#functions/notify/ses-events-handler.js';
import { ladder } from '../helpers.js';
import { postJson, startTestTwin, type TestTwin, validSubmission } from './support.js';

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin();
});
afterAll(() => twin?.stop());

const sesEvent = (detail: Record<string, unknown>): SesEventBridgeEvent => ({
  version: '0',
  id: 'e1',
  'detail-type': 'Email Bounced',
  source: 'aws.ses',
  account: '123456789012',
  time: '2026-11-23T15:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail,
});

describe('SES mail events', () => {
  it('a permanent bounce of the requester flags the ticket, and the next staff mail says so', async () => {
    const { id } = (await postJson(twin.url, validSubmission())).json as { id: string };
    const handler = sesEventsHandler({ tickets: twin.store, clock: twin.clock });
    const outcome = await handler(
      sesEvent({
        eventType: 'Bounce',
        mail: { tags: { ticket: [id], notification: ['received-requester-ack'] } },
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'ANA.PEREZ@example.com' }] },
      }),
    );
    expect(outcome).toBe('flagged');
    const record = await twin.store.get(id);
    expect(record?.ticket.requesterEmailBounced).toBe(true);
    const bounced = record?.history.find((h) => h.event === 'bounced');
    expect(bounced?.note).toMatch(/rebotó en la dirección del solicitante \(permanente\)/);
    expect(bounced?.note).not.toContain('example.com');

    const composer = new TicketMailComposer({
      catalog,
      ladder,
      tokens: new HmacAccessTokens('x'.repeat(32)),
      publicBaseUrl: twin.url,
      privacyPolicyVersion: '2024-01',
    });
    if (!record) throw new Error('no record');
    const mail = composer.compose(
      { kind: 'routed' },
      record,
      envelopeFor({ kind: 'routed' }, record.ticket, ladder),
    );
    expect(mail.text).toContain('el correo del solicitante rebotó');
  });

  it('records transient bounces, staff bounces and complaints without flagging, and ignores foreign events', async () => {
    const { id } = (await postJson(twin.url, validSubmission())).json as { id: string };
    const handler = sesEventsHandler({ tickets: twin.store, clock: twin.clock });
    const tags = { ticket: [id], notification: ['received-routed'] };
    expect(
      await handler(
        sesEvent({
          eventType: 'Bounce',
          mail: { tags },
          bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'ana.perez@example.com' }] },
        }),
      ),
    ).toBe('recorded');
    expect(
      await handler(
        sesEvent({
          eventType: 'Bounce',
          mail: { tags },
          bounce: {
            bounceType: 'Permanent',
            bouncedRecipients: [{ emailAddress: 'soporte.certifactura@certicamara.com' }],
          },
        }),
      ),
    ).toBe('recorded');
    expect(
      await handler(
        sesEvent({
          eventType: 'Complaint',
          mail: { tags },
          complaint: { complainedRecipients: [{ emailAddress: 'ana.perez@example.com' }] },
        }),
      ),
    ).toBe('recorded');
    expect(await handler(sesEvent({ eventType: 'Delivery', mail: { tags } }))).toBe('ignored');
    expect(await handler(sesEvent({ eventType: 'Bounce', mail: { tags: {} } }))).toBe('ignored');
    expect(
      await handler(
        sesEvent({
          eventType: 'Bounce',
          mail: { tags: { ticket: ['CF-2026-999999'] } },
          bounce: { bounceType: 'Permanent', bouncedRecipients: [] },
        }),
      ),
    ).toBe('unknown-ticket');

    const record = await twin.store.get(id);
    expect(record?.ticket.requesterEmailBounced).toBeUndefined();
    expect(
      record?.history
        .map((h) => h.event)
        .filter((e) => e === 'bounced' || e === 'complaint')
        .sort(),
    ).toEqual(['bounced', 'bounced', 'complaint']);
  });

  it("records a PQRSA answer's delivery with SES's message id and time, and nothing for other mail", async () => {
    const pqrsa = (await postJson(twin.url, validSubmission({ type: 'queja', priority: 3 }))).json as {
      id: string;
    };
    const support = (await postJson(twin.url, validSubmission())).json as { id: string };
    const handler = sesEventsHandler({ tickets: twin.store, clock: twin.clock });
    const delivered = (id: string, kind: string) =>
      handler(
        sesEvent({
          eventType: 'Delivery',
          mail: {
            messageId: '0100018c-abc',
            tags: { ticket: [id], notification: ['resolved-requester'], kind: [kind] },
          },
          delivery: { timestamp: '2026-11-23T15:00:05.000Z', recipients: ['ana.perez@example.com'] },
        }),
      );
    expect(await delivered(pqrsa.id, 'resolution')).toBe('recorded');
    const entry = (await twin.store.get(pqrsa.id))?.history.find((h) => h.event === 'delivered');
    expect(entry).toMatchObject({ at: Date.parse('2026-11-23T15:00:05.000Z'), by: 'system' });
    expect(entry?.note).toContain('SES 0100018c-abc');
    expect(entry?.note).not.toContain('example.com');
    expect(await delivered(pqrsa.id, 'routed')).toBe('ignored');
    expect(await delivered(support.id, 'resolution')).toBe('ignored');
  });
});

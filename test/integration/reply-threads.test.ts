// Every mail about a ticket answers to its signed reply addresses, and later mails thread under the first ones: read
// back from the SES emulator's store (SES API v2 keeps the headers a mail was sent with).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bogota } from '../helpers.js';
import { actionTokens, followLink } from './staff-links.js';
import {
  headerOf,
  mailWith,
  postJson,
  type StoredMail,
  startTestTwin,
  type TestTwin,
  validSubmission,
  waitFor,
} from './support.js';

/** The Message-ID SES (here: the emulator, region `local`) gave a stored mail. */
const messageIdOf = (mail: StoredMail | undefined) => `<${mail?.messageId}@local.amazonses.com>`;

// Monday 23 November 2026, 10:00: Certifactura support is open, a P2 incident's first response is due at 12:00.
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ start: bogota('2026-11-23T10:00') });
});
afterAll(() => twin?.stop());

/** Waits until every notification of the ticket is recorded as sent (its SES message id in the outbox). */
const allSent = (id: string) =>
  waitFor(async () => {
    const record = await twin.store.get(id);
    return record?.notifications?.every((n) => n.status === 'sent') ? record : undefined;
  });

describe('reply addresses and threads', () => {
  it('sends staff mail to answer to the ticket’s s address and the requester’s to its r address, each later mail threaded', async () => {
    const { status, json } = await postJson(twin.url, validSubmission());
    expect(status).toBe(201);
    const { id } = json as { id: string };
    const [routed] = await mailWith(twin, id, 'P2 · Incidente');
    const [ack] = await mailWith(twin, id, 'recibimos su solicitud');
    const staffAddress = twin.replies.addressFor(id, 's');
    const requesterAddress = twin.replies.addressFor(id, 'r');
    expect(staffAddress).toMatch(/^cf-2026-\d{6}\.s\.[a-z2-7]{16}@respuestas\.localhost$/);
    expect(twin.replies.parse(staffAddress)).toEqual({ ticketId: id, party: 's' });

    expect(routed?.replyTo).toEqual([staffAddress]);
    expect(ack?.replyTo).toEqual([requesterAddress]);
    // The first mails start their threads: they answer to nothing.
    for (const first of [routed, ack]) expect(headerOf(first as StoredMail, 'In-Reply-To')).toBeUndefined();
    // The outbox records the id SES returned, which is what later mails thread on.
    const record = await allSent(id);
    expect(record.notifications?.find((n) => n.kind === 'routed')?.messageId).toBe(routed?.messageId);

    // Overdue: the escalation to level 2 is a staff mail, threaded under the routed mail.
    twin.clock.advance(2 * 3_600_000);
    expect(await twin.sweep()).toMatchObject({ escalated: 1 });
    const [escalated] = await mailWith(twin, id, 'ESCALADA A NIVEL 2');
    expect(escalated?.replyTo).toEqual([staffAddress]);
    expect(headerOf(escalated as StoredMail, 'In-Reply-To')).toBe(messageIdOf(routed));
    expect(headerOf(escalated as StoredMail, 'References')).toBe(messageIdOf(routed));

    // Level 2 acknowledges from its mail: the requester is told who handles it, threaded under the acknowledgement.
    await allSent(id);
    const [acknowledge] = actionTokens(escalated);
    expect((await followLink(twin.url, 'POST', acknowledge ?? '', { name: 'Laura Gómez' })).status).toBe(200);
    const [handling] = await mailWith(twin, id, 'está en atención');
    expect(handling?.destination.to).toEqual(['ana.perez@example.com']);
    expect(handling?.replyTo).toEqual([requesterAddress]);
    expect(headerOf(handling as StoredMail, 'In-Reply-To')).toBe(messageIdOf(ack));
    expect(headerOf(handling as StoredMail, 'References')).toBe(messageIdOf(ack));
    // Nothing of the staff side leaks into the requester's thread, nor the other way round.
    expect(JSON.stringify(handling)).not.toContain(staffAddress);
    expect(JSON.stringify(escalated)).not.toContain(requesterAddress);
  });
});

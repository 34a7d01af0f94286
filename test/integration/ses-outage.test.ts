// SES failing for a while: tickets are kept, the e-mails go out once it recovers, none twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bogota } from '../helpers.js';
import { mailsAbout, postJson, startTestTwin, type TestTwin, validSubmission, waitFor } from './support.js';

let twin: TestTwin;
beforeAll(async () => {
  // A Monday morning, pinned: support is open, so a P1 incident goes to the support mailbox (two notifications, no
  // page). On the wall clock this test failed at nights, weekends and holidays.
  twin = await startTestTwin({ start: bogota('2026-11-23T10:00') });
});
afterAll(() => twin?.stop());

const submit = async (overrides: Record<string, unknown> = {}) => {
  const response = await postJson(twin.url, validSubmission(overrides));
  expect(response.status).toBe(201);
  return response.json as { id: string; statusUrl: string };
};

const attemptsOf = async (id: string) => (await twin.store.notificationsOf(id)).map((n) => n.attempts);

describe('an SES outage', () => {
  it('keeps the tickets, retries with backoff once SES is back, and mails each notification once', async () => {
    twin.ses.down();
    const tickets = await Promise.all([submit(), submit({ type: 'queja' }), submit({ priority: 1 })]);
    for (const { id, statusUrl } of tickets) {
      expect((await fetch(statusUrl)).status).toBe(200);
      // The stream consumer tried each notification once and scheduled a retry.
      await waitFor(async () => (await attemptsOf(id)).every((a) => a === 1), {
        what: `first attempts of ${id}`,
      });
      const pending = await twin.store.notificationsOf(id);
      expect(pending.map((n) => [n.status, n.lastError])).toEqual([
        ['pending', 'ServiceUnavailable'],
        ['pending', 'ServiceUnavailable'],
      ]);
    }
    expect((await Promise.all(tickets.map(({ id }) => mailsAbout(twin, id)))).flat()).toEqual([]);

    // Still down at the next attempt: a second failure pushes the retry further out (2 minutes).
    twin.clock.advance(61_000);
    expect(await twin.redrive()).toMatchObject({ 'retry-scheduled': 6, sent: 0 });

    twin.ses.restore();
    twin.clock.advance(60_000);
    expect(await twin.redrive()).toMatchObject({ sent: 0 }); // not due yet
    twin.clock.advance(61_000);
    expect(await twin.redrive()).toMatchObject({ sent: 6 });
    expect(await twin.redrive()).toMatchObject({ sent: 0, skipped: 0 });

    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const { id } of tickets) {
      expect(await mailsAbout(twin, id)).toHaveLength(2);
      const record = await twin.store.get(id);
      expect(record?.history.map((h) => h.event)).toEqual(['received', 'notified', 'notified']);
      expect((await twin.store.notificationsOf(id)).map((n) => [n.status, n.attempts])).toEqual([
        ['sent', 2],
        ['sent', 2],
      ]);
    }
  });

  it('parks a notification SES rejects for its recipient and shows it in the ticket history', async () => {
    twin.ses.reject();
    const { id, statusUrl } = await submit();
    await waitFor(async () => (await twin.store.notificationsOf(id)).every((n) => n.status === 'parked'), {
      what: 'parked notifications',
    });
    twin.ses.restore();
    const view = (await (await fetch(statusUrl)).json()) as { history: { event: string; note?: string }[] };
    const parked = view.history.filter((h) => h.event === 'notification-parked');
    expect(parked).toHaveLength(2);
    expect(parked[0]?.note).toMatch(/MessageRejected/);
    twin.clock.advance(24 * 3_600_000);
    expect(await twin.redrive()).toMatchObject({ sent: 0 });
    expect(await mailsAbout(twin, id)).toEqual([]);
  });

  it('retries, never parks, while SES refuses because of the setup (sandbox or unverified identity), then sends', async () => {
    twin.ses.sandbox();
    const { id, statusUrl } = await submit();
    await waitFor(
      async () => (await twin.store.notificationsOf(id)).every((n) => n.lastError === 'MessageRejected'),
      { what: 'first attempts' },
    );
    // Waiting for the setup is counted apart: once SES works, an outage still gets all its retries.
    expect((await twin.store.notificationsOf(id)).map((n) => [n.status, n.attempts, n.setupWaits])).toEqual([
      ['pending', 1, 1],
      ['pending', 1, 1],
    ]);
    // Far past the attempts that park an outage: a setup error keeps every mail waiting for the fix.
    for (let i = 0; i < 40; i++) {
      twin.clock.advance(3_600_000);
      expect(await twin.redrive()).toMatchObject({ parked: 0, sent: 0 });
    }
    const view = (await (await fetch(statusUrl)).json()) as { history: { event: string }[] };
    expect(view.history.map((h) => h.event)).not.toContain('notification-parked');
    twin.ses.restore();
    twin.clock.advance(3_600_000);
    expect(await twin.redrive()).toMatchObject({ sent: 2 });
    expect(await mailsAbout(twin, id)).toHaveLength(2);
  });
});

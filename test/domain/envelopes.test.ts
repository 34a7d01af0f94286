// Who each mail answers to, and which earlier mail it threads under: staff mail to the ticket's staff address under
// the routed mail, the requester's to the requester address under the acknowledgement.
import { describe, expect, it } from 'vitest';
import {
  envelopeFor,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationRecord,
  threadFor,
} from '#domain/notifications.js';
import { bogota, engine, ladder, pqrsaTicket, receivedTicket, replies } from '../helpers.js';

const routing = engine.route(
  { product: 'certifactura', type: 'incidente', priority: 1 },
  bogota('2026-11-22T10:00'),
);
const ticket = receivedTicket(routing, {
  id: 'CF-2026-000042',
  subject: 'Caída',
  description: 'No firma',
  requester: { name: 'Ana', email: 'ana@example.com' },
});
const STAFF = 'cf-2026-000042.s.firma@respuestas.example.com';
const REQUESTER = 'cf-2026-000042.r.firma@respuestas.example.com';

const staffKinds: NotificationKind[] = ['routed', 'escalation', 'reminder', 'info-provided'];
const requesterKinds: NotificationKind[] = [
  'requester-ack',
  'handling',
  'resolution',
  'extension',
  'info-request',
  'withdrawal',
];

describe('envelopeFor', () => {
  it.each(staffKinds)(
    '%s mail to staff answers to the ticket’s staff address, never the requester',
    (kind) => {
      const envelope = envelopeFor({ kind, level: 2 }, ticket, ladder, replies);
      expect(envelope.replyTo).toEqual([STAFF]);
      expect([...envelope.to, ...envelope.cc, ...envelope.replyTo]).not.toContain('ana@example.com');
    },
  );

  it.each(requesterKinds)('%s mail to the requester answers to the ticket’s requester address', (kind) => {
    const envelope = envelopeFor({ kind }, ticket, ladder, replies);
    expect(envelope).toEqual({ to: ['ana@example.com'], cc: [], replyTo: [REQUESTER] });
  });

  it('gives a page no Reply-To, and without reply addresses (an audit line) no envelope has one', () => {
    expect(envelopeFor({ kind: 'page' }, ticket, ladder, replies)).toEqual({ to: [], cc: [], replyTo: [] });
    for (const kind of NOTIFICATION_KINDS)
      expect(envelopeFor({ kind, level: 2 }, ticket, ladder).replyTo, kind).toEqual([]);
  });

  it('signs for the ticket it is about', () => {
    const other = pqrsaTicket('peticion');
    expect(envelopeFor({ kind: 'reminder' }, other, ladder, replies).replyTo).toEqual([
      'cf-2026-000007.s.firma@respuestas.example.com',
    ]);
  });
});

describe('threadFor', () => {
  const sent = (kind: NotificationKind, messageId: string): NotificationRecord => ({
    ticketId: ticket.id,
    id: kind,
    kind,
    status: 'sent',
    attempts: 1,
    nextAttemptAt: null,
    messageId,
  });
  const outbox = [
    sent('routed', 'ses-routed'),
    sent('requester-ack', 'ses-ack'),
    sent('escalation', 'ses-esc'),
  ];

  it('threads staff mail under the routed mail and the requester’s under the acknowledgement', () => {
    for (const kind of staffKinds.slice(1))
      expect(threadFor(kind, outbox), kind).toEqual({ inReplyTo: 'ses-routed', references: ['ses-routed'] });
    for (const kind of requesterKinds.slice(1))
      expect(threadFor(kind, outbox), kind).toEqual({ inReplyTo: 'ses-ack', references: ['ses-ack'] });
  });

  it('starts no thread for the first mails, a page, or when the first mail was never sent', () => {
    for (const kind of ['routed', 'requester-ack', 'page'] as const)
      expect(threadFor(kind, outbox)).toEqual({});
    const parked = { ...sent('routed', 'x'), status: 'parked' as const };
    expect(threadFor('escalation', [parked])).toEqual({});
    expect(threadFor('resolution', [sent('routed', 'ses-routed')])).toEqual({});
    expect(threadFor('resolution')).toEqual({});
  });
});

// The incomplete request (Ley 1755 de 2015 art. 17; Ley 1581 de 2012 art. 15), with the real catalog and legal
// calendar. A petición received Wednesday 2026-11-18 at 10:00 is due Thursday 2026-12-10 at 17:00 (15 legal business
// days from the day after; Tuesday 8 December is a holiday). Staff may ask to complete it until the 10th business day
// after filing, Wednesday 2 December at 17:00. Asked on Tuesday 24 November (4 days used), 11 business days are
// left; answered on Friday 4 December, the term resumes with them from Monday 7 December: Tuesday 22 December.
import { describe, expect, it } from 'vitest';
import {
  completeByRequester,
  infoRequestBounds,
  infoRequested,
  mayRequestInfo,
  moreTimeForRequester,
  pendingInfoRequest,
  requestInfo,
} from '#domain/escalation/completion.js';
import { legalDueAtOf } from '#domain/escalation/extension.js';
import type { Ticket } from '#domain/ticket.js';
import { bogota, iso, policy, pqrsaTicket, refusal } from '../helpers.js';

const BY = 'Marta Gómez <pqrsa@certicamara.com> (nivel 1)';
const WHAT = 'Indique el número de la factura y adjunte la copia del contrato.';
const ANSWER = 'La factura es la FE-1234; el contrato va en el siguiente mensaje.';
const terms = policy.completion;

const ticket = (type: string, at = '2026-11-18T10:00'): Ticket => pqrsaTicket(type, at);

const asked = () => requestInfo(terms, ticket('peticion'), bogota('2026-11-24T10:00'), BY, WHAT).ticket;

describe('asking the requester to complete a petición', () => {
  it('may be asked until the 10th legal business day after filing, with the days the term has left', () => {
    const bounds = infoRequestBounds(ticket('peticion'), bogota('2026-11-24T10:00'), terms);
    expect(iso(bounds.askBy)).toBe('2026-12-02T17:00:00.000-05:00');
    expect(bounds.businessDaysLeft).toBe(11);
    expect(iso(bounds.answerDueAt)).toBe('2026-12-24T23:59:59.999-05:00');
  });

  it('suspends the legal term: nothing but the requester deadline is watched; audited and mailed', () => {
    const step = requestInfo(terms, ticket('peticion'), bogota('2026-11-24T10:00'), BY, WHAT);
    const t = step.ticket;
    expect(t.infoRequest).toEqual({
      at: bogota('2026-11-24T10:00'),
      businessDaysLeft: 11,
      answerDueAt: bogota('2026-12-24T23:59:59.999'),
    });
    expect(pendingInfoRequest(t)).toBeDefined();
    // Asking is a first response: the ticket is acknowledged, and no SLA or legal deadline runs meanwhile.
    expect(t.status).toBe('acknowledged');
    expect(t.acknowledgedAt).toBe(bogota('2026-11-24T10:00'));
    expect(t.watch).toEqual({
      responseDueAt: null,
      resolutionDueAt: null,
      reminders: [],
      requesterDueAt: bogota('2026-12-24T23:59:59.999'),
    });
    expect(t.dueAt).toBe(bogota('2026-12-24T23:59:59.999'));
    expect(step.history.map((h) => [h.event, h.by])).toEqual([['info-requested', BY]]);
    expect(step.history[0]?.note).toContain('11 días hábiles');
    expect(infoRequested(step.history[0]?.note)).toBe(WHAT);
    expect(step.notifications).toEqual([{ id: 'info-request-requester', kind: 'info-request' }]);
    // The sweeper has nothing to do on the old legal term's date, and the requester cannot escalate a ticket that
    // waits for them.
    expect(policy.sweepStep(t, bogota('2026-12-11T09:00'))).toBeUndefined();
    const escalation = policy.requesterMayEscalate(t, bogota('2026-12-11T09:00'));
    expect(escalation.allowed ? undefined : escalation.refusal.reason).toBe('suspended');
  });

  it('is refused after the 10th business day, a second time, for a support ticket and once closed', () => {
    expect(
      refusal(() => infoRequestBounds(ticket('peticion'), bogota('2026-12-02T17:01'), terms)).reason,
    ).toBe('too_late');
    expect(mayRequestInfo(ticket('peticion'), bogota('2026-12-02T16:59'), terms)).toBe(true);
    expect(mayRequestInfo(ticket('peticion'), bogota('2026-12-03T08:00'), terms)).toBe(false);
    expect(refusal(() => requestInfo(terms, asked(), bogota('2026-11-25T10:00'), BY, WHAT)).reason).toBe(
      'already_requested',
    );
    expect(
      refusal(() => requestInfo(terms, ticket('incidente'), bogota('2026-11-18T11:00'), BY, WHAT)).reason,
    ).toBe('not_applicable');
    const resolved = policy.resolve(ticket('peticion'), bogota('2026-11-19T10:00'), BY, 'Respondida.').ticket;
    expect(refusal(() => requestInfo(terms, resolved, bogota('2026-11-20T10:00'), BY, WHAT)).reason).toBe(
      'already_resolved',
    );
  });

  it('refuses an extension while the term is suspended', () => {
    expect(refusal(() => policy.extensionBounds(asked(), bogota('2026-11-30T10:00'))).reason).toBe(
      'suspended',
    );
  });
});

describe('the requester completes it', () => {
  const answered = () => completeByRequester(terms, asked(), bogota('2026-12-04T15:00'), ANSWER);

  it('resumes the legal term with the 11 days it had left, from the day after the answer', () => {
    const step = answered();
    const t = step.ticket;
    expect(iso(t.infoRequest?.resumedDueAt ?? 0)).toBe('2026-12-22T17:00:00.000-05:00');
    expect(iso(legalDueAtOf(t) ?? 0)).toBe('2026-12-22T17:00:00.000-05:00');
    expect(pendingInfoRequest(t)).toBeUndefined();
    expect(t.watch.resolutionDueAt).toBe(bogota('2026-12-22T17:00'));
    expect(t.watch.requesterDueAt).toBeUndefined();
    // The reminders follow the resumed term (5 and 1 legal business days before, at the PQRSA desk's opening).
    expect(t.watch.reminders.map((r) => [iso(r.at), r.businessDaysBefore])).toEqual([
      ['2026-12-15T07:00:00.000-05:00', 5],
      ['2026-12-21T07:00:00.000-05:00', 1],
    ]);
    expect(step.history.map((h) => [h.event, h.by, h.note])).toEqual([
      ['info-provided', 'requester', ANSWER],
    ]);
    expect(step.notifications).toEqual([{ id: 'info-provided-staff', kind: 'info-provided' }]);
  });

  it('lets staff extend the resumed term, counted from its end', () => {
    const bounds = policy.extensionBounds(answered().ticket, bogota('2026-12-10T10:00'));
    expect(iso(bounds.current)).toBe('2026-12-22T17:00:00.000-05:00');
    // 15 more legal business days after 22 December: 25 December, 1 January and 11 January (Reyes) are holidays.
    expect(iso(bounds.max)).toBe('2027-01-15T17:00:00.000-05:00');
  });

  it('escalates at the resumed term, not the initial one', () => {
    const t = answered().ticket;
    expect(policy.sweepStep(t, bogota('2026-12-11T09:00'))).toBeUndefined();
    const step = policy.sweepStep(t, bogota('2026-12-22T17:00'));
    expect(step?.ticket.escalationLevel).toBe(3);
  });

  it('refuses an answer when none was asked, after the deadline, or a second time', () => {
    expect(
      refusal(() => completeByRequester(terms, ticket('peticion'), bogota('2026-11-24T10:00'), ANSWER))
        .reason,
    ).toBe('not_waiting');
    expect(
      refusal(() => completeByRequester(terms, asked(), bogota('2026-12-25T00:00'), ANSWER)).reason,
    ).toBe('answer_period_over');
    expect(
      refusal(() => completeByRequester(terms, answered().ticket, bogota('2026-12-05T10:00'), ANSWER)).reason,
    ).toBe('not_waiting');
  });
});

describe('more time, and withdrawal', () => {
  it('gives the requester, once, as much time again', () => {
    const step = moreTimeForRequester(terms, asked(), bogota('2026-12-20T10:00'));
    expect(iso(step.ticket.infoRequest?.answerDueAt ?? 0)).toBe('2027-01-24T23:59:59.999-05:00');
    expect(step.ticket.watch.requesterDueAt).toBe(bogota('2027-01-24T23:59:59.999'));
    expect(step.history.map((h) => [h.event, h.by])).toEqual([['info-time-extended', 'requester']]);
    expect(step.notifications).toEqual([]);
    expect(refusal(() => moreTimeForRequester(terms, step.ticket, bogota('2026-12-21T10:00'))).reason).toBe(
      'already_more_time',
    );
    expect(refusal(() => moreTimeForRequester(terms, asked(), bogota('2026-12-25T08:00'))).reason).toBe(
      'answer_period_over',
    );
  });

  it('withdraws the request when the deadline passes unanswered, with a reasoned notice', () => {
    const t = asked();
    expect(policy.sweepStep(t, bogota('2026-12-24T23:00'))).toBeUndefined();
    const step = policy.sweepStep(t, bogota('2026-12-25T00:00:01'));
    expect(step?.ticket.status).toBe('resolved');
    expect(step?.ticket.closedAs).toBe('withdrawn');
    expect(step?.ticket.resolvedAt).toBe(bogota('2026-12-25T00:00:01'));
    expect(step?.ticket.dueAt).toBeNull();
    expect(step?.history.map((h) => [h.event, h.by])).toEqual([['withdrawn', 'sweeper']]);
    expect(step?.history[0]?.note).toContain('Ley 1755 de 2015, art. 17');
    expect(step?.history[0]?.note).toContain('Puede presentarla de nuevo');
    expect(step?.notifications).toEqual([{ id: 'withdrawn-requester', kind: 'withdrawal' }]);
  });
});

describe('a habeas-data reclamo (Ley 1581 art. 15)', () => {
  it('may be flagged incomplete within 5 business days; the requester has two months', () => {
    const t = ticket('datos-reclamo');
    const bounds = infoRequestBounds(t, bogota('2026-11-20T10:00'), terms);
    expect(iso(bounds.askBy)).toBe('2026-11-25T17:00:00.000-05:00');
    expect(iso(bounds.answerDueAt)).toBe('2027-01-20T23:59:59.999-05:00');
    expect(refusal(() => infoRequestBounds(t, bogota('2026-11-26T08:00'), terms)).reason).toBe('too_late');
  });

  it('is withdrawn under art. 15 after the two months', () => {
    const t = requestInfo(terms, ticket('datos-reclamo'), bogota('2026-11-20T10:00'), BY, WHAT).ticket;
    const step = policy.sweepStep(t, bogota('2027-01-21T00:00'));
    expect(step?.ticket.closedAs).toBe('withdrawn');
    expect(step?.history[0]?.note).toContain('Ley 1581 de 2012, art. 15');
  });
});

// Properties that hold for every request at every moment, checked with fast-check over 2024–2031.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { catalog } from '#data/index.js';
import { DESTINATIONS, PRIORITIES } from '#domain/catalog.js';
import type { RoutingDecision } from '#domain/routing/decision.js';
import { ClosedDates } from '#domain/time/calendar.js';
import { BOGOTA, MINUTE_MS } from '#domain/time/instant.js';
import type { Timetable } from '#domain/time/timetable.js';
import { bogota, engine, iso } from '../helpers.js';

const request = fc.record({
  product: fc.constantFrom(...catalog.products.map((p) => p.id)),
  type: fc.constantFrom(...catalog.requestTypes.map((t) => t.id)),
  priority: fc.constantFrom(...PRIORITIES),
});
const FROM = bogota('2024-01-01T00:00');
const TO = bogota('2031-12-31T23:59');
// Besides arbitrary milliseconds, instants on whole minutes and on the half hour, where openings, closings and
// deadlines meet (a P2 received at 17:00 falls due exactly at the 19:00 close).
const HALF_HOUR = 30 * MINUTE_MS;
const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc.integer({ min: FROM / MINUTE_MS, max: TO / MINUTE_MS }).map((m) => m * MINUTE_MS),
  fc.integer({ min: FROM / HALF_HOUR, max: Math.floor(TO / HALF_HOUR) }).map((h) => h * HALF_HOUR),
);
const RUNS = { numRuns: 3000 };
/** Colombian public holidays alone: the legal calendar's closed days. */
const HOLIDAYS = new ClosedDates();

function decide(r: { product: string; type: string; priority: (typeof PRIORITIES)[number] }, at: number) {
  return engine.decide(r, at);
}

/** The clock a deadline is counted on, as the rules define it. */
function clockOf(d: RoutingDecision): Timetable | undefined {
  const desk = engine.desk(d.product, d.queue);
  if (d.queue === 'pqrsa') return desk.timetable;
  return catalog.sla[d.priority].clock === 'always' ? undefined : desk.timetable;
}

/** Open, or exactly on a closing minute (the end of open time). */
function inOpenTime(timetable: Timetable, at: number): boolean {
  return timetable.isOpen(at) || timetable.isOpen(at - 1);
}

/**
 * `due` lies in open time (a closing minute counts), has exactly `minutes` of open time since `at`, and is the
 * earliest such instant: a deadline on a closing minute stays there instead of rolling to the next opening.
 */
function expectEarliestAfterOpenTime(clock: Timetable, at: number, due: number, minutes: number) {
  expect(inOpenTime(clock, due)).toBe(true);
  expect(clock.openMillisBetween(at, due)).toBe(minutes * MINUTE_MS);
  expect(clock.openMillisBetween(at, due - 1)).toBeLessThan(minutes * MINUTE_MS);
}

describe('routing properties', () => {
  it('every decision has a destination and a mailbox from the catalog', () => {
    fc.assert(
      fc.property(request, instant, (r, at) => {
        const d = decide(r, at);
        const product = catalog.products.find((p) => p.id === r.product);
        const mailboxes = product?.channels.flatMap((c) =>
          c.contact.type === 'email' ? [c.contact.email] : [],
        );
        expect(DESTINATIONS).toContain(d.destination);
        expect(mailboxes).toContain(d.mailbox);
        expect(d.escalation.level).toBe(d.escalationLevel);
        expect(d.reasons.length).toBeGreaterThanOrEqual(3);
      }),
      RUNS,
    );
  });

  it('nextOpenAt is null exactly when open, otherwise later than receipt, open then, and the first such instant', () => {
    fc.assert(
      fc.property(request, instant, (r, at) => {
        const d = decide(r, at);
        const timetable = engine.desk(d.product, d.queue).timetable;
        expect(d.openNow).toBe(timetable.isOpen(at));
        if (d.openNow) {
          expect(d.nextOpenAt).toBeNull();
          return;
        }
        const next = d.nextOpenAt as number;
        expect(next).toBeGreaterThan(at);
        expect(timetable.isOpen(next)).toBe(true);
        expect(timetable.isOpen(next - 1)).toBe(false);
        expect(timetable.openMillisBetween(at, next)).toBe(0);
      }),
      RUNS,
    );
  });

  it('no deadline falls strictly inside closed time of its clock, and each is exactly its minutes of open time', () => {
    fc.assert(
      fc.property(request, instant, (r, at) => {
        const d = decide(r, at);
        const sla = catalog.sla[d.priority];
        const clock = clockOf(d);
        expect(d.firstResponseDueAt).toBeGreaterThan(at);
        expect(d.resolutionDueAt).toBeGreaterThanOrEqual(d.firstResponseDueAt);
        if (clock === undefined) {
          expect(d.firstResponseDueAt - at).toBe(sla.firstResponseMinutes * MINUTE_MS);
          expect(d.resolutionDueAt - at).toBe(sla.resolutionMinutes * MINUTE_MS);
          return;
        }
        expectEarliestAfterOpenTime(clock, at, d.firstResponseDueAt, sla.firstResponseMinutes);
        if (d.queue === 'support')
          expectEarliestAfterOpenTime(clock, at, d.resolutionDueAt, sla.resolutionMinutes);
      }),
      RUNS,
    );
  });

  it('the PQRSA term spans exactly its business days from the legal receipt day and falls due at 17:00', () => {
    fc.assert(
      fc.property(request, instant, (r, at) => {
        const d = decide(r, at);
        if (d.queue === 'support') {
          expect(d.legalDueAt).toBeNull();
          return;
        }
        const due = d.legalDueAt as number;
        const term = catalog.requestTypes.find((t) => t.id === d.type)?.term;
        if (term === undefined) throw new Error(`no term for ${d.type}`);
        expect(d.resolutionDueAt).toBe(due);
        // Exactly the term's business days after the legal receipt day (the receipt day itself being day 1 when the
        // term counts from it), and that day is the Bogotá date of receipt whenever that is a business day.
        const receipt = engine.businessDays.receiptDay(at);
        const counted = term.countFrom === 'receipt-day' ? term.businessDays - 1 : term.businessDays;
        expect(engine.businessDays.countBetween(receipt, due)).toBe(counted);
        const local = DateTime.fromMillis(at, { zone: BOGOTA });
        const businessDate =
          local.weekday <= 5 && HOLIDAYS.holidayName(local.toISODate() as string) === undefined;
        expect(receipt <= at).toBe(businessDate);
        if (businessDate) expect(iso(receipt)).toBe(iso(local.startOf('day').toMillis()));
        else expect(engine.businessDays.countBetween(at, receipt)).toBe(1);
        // 17:00 closes the PQRSA day: a closing minute of the PQRSA schedule.
        const pqrsa = engine.desk(d.product, 'pqrsa').timetable;
        expect(pqrsa.isOpen(due)).toBe(false);
        expect(pqrsa.isOpen(due - 1)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the P1 line is chosen exactly for priority-1 incidents while support is closed', () => {
    fc.assert(
      fc.property(request, instant, (r, at) => {
        const d = decide(r, at);
        const supportOpen = engine.desk(d.product, 'support').timetable.isOpen(at);
        const critical = d.type === 'incidente' && d.priority === 'P1';
        expect(d.destination === 'p1-line').toBe(critical && !supportOpen);
        expect(d.contactNow.channel === 'p1-line').toBe(critical);
      }),
      RUNS,
    );
  });
});

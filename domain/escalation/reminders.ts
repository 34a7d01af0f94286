// PQRSA reminders: some business days before a legal term, at the PQRSA desk's opening that day, the PQRSA mailbox
// (level 2 in Cc) hears how many business days are left. Planned whenever a term is set (receipt, extension, resumption).
import type { LegalTermPolicy } from '../catalog.js';
import { type PluralForms, plural } from '../plural.js';
import type { Desks } from '../routing/desks.js';
import type { Ticket, Watch } from '../ticket.js';
import type { BusinessDays } from '../time/business-days.js';
import type { Instant } from '../time/instant.js';
import { type Transition, transitionFor } from './transition.js';

const DAYS_LEFT: PluralForms = { one: 'Falta # día hábil', other: 'Faltan # días hábiles' };

export type Reminder = Watch['reminders'][number];

/** What reminders are planned with: the PQRSA desks' hours and the legal calendar. */
export interface ReminderTerms {
  readonly desks: Desks;
  readonly legalTerm: Pick<LegalTermPolicy, 'remindBusinessDaysBefore'>;
  readonly businessDays: BusinessDays;
}

/** The reminders of a legal term ending at `legalDueAt` still ahead after `after`, earliest first. */
export function remindersBefore(
  terms: ReminderTerms,
  product: string,
  legalDueAt: Instant,
  after: Instant,
): Watch['reminders'] {
  const { businessDays, desks, legalTerm } = terms;
  const timetable = desks.desk(product, 'pqrsa').timetable;
  return legalTerm.remindBusinessDaysBefore
    .map((days) => ({
      at: timetable.openingAtOrAfter(businessDays.businessDayBefore(legalDueAt, days)),
      businessDaysBefore: days,
    }))
    .filter((r) => r.at > after)
    .sort((a, b) => a.at - b.at);
}

/** A PQRSA reminder: the PQRSA mailbox and level 2 hear how many business days are left. */
export function remind(ticket: Ticket, now: Instant, reminder: Reminder): Transition {
  const days = reminder.businessDaysBefore;
  return transitionFor(ticket, {
    watch: { ...ticket.watch, reminders: ticket.watch.reminders.slice(1) },
    history: [
      {
        at: now,
        event: 'reminded',
        by: 'sweeper',
        note: `${plural('es', days, DAYS_LEFT)} para el término legal sin respuesta: recordatorio al buzón PQRSA y al nivel 2.`,
      },
    ],
    // Named by its time too: after an extension or a suspension the same reminder is planned again for the new term.
    notifications: [{ id: `reminder-${days}-${reminder.at}`, kind: 'reminder', businessDaysLeft: days }],
  });
}

// The whole catalog as raw data (typed, but validated only when loaded through data/index.ts).
import type { Catalog } from '#domain/catalog.js';
import { biometria } from './products/biometria.js';
import { certifactura } from './products/certifactura.js';
import { requestTypes } from './request-types.js';
import { rules } from './rules.js';
import { schedules } from './schedules.js';

export const rawCatalog: Catalog = {
  timeZone: 'America/Bogota',
  calendar: {
    // Company closures beyond the public holidays go here, e.g. { date: '2026-12-24', note: 'Nochebuena' }. They
    // close desks and pause SLA clocks; legal terms run on regardless.
    extraClosedDates: [],
  },
  schedules,
  requestTypes,
  products: [certifactura, biometria],
  rules,
  // Minutes of open time. `always` counts on the 7×24 clock; `queue` on the product's support schedule (PQRSA
  // first responses always count on the PQRSA schedule, and their resolution falls due with the type's term).
  sla: {
    P1: { firstResponseMinutes: 30, resolutionMinutes: 240, clock: 'always' },
    P2: { firstResponseMinutes: 120, resolutionMinutes: 720, clock: 'queue' },
    P3: { firstResponseMinutes: 240, resolutionMinutes: 2160, clock: 'queue' },
    P4: { firstResponseMinutes: 480, resolutionMinutes: 3600, clock: 'queue' },
  },
  pqrsa: {
    defaultPriority: 'P3',
    name: 'Atención PQRSA',
    // The legal calendar (each type's term is in request-types.ts). Assumption for a private company: legal business
    // days are Monday–Friday minus the national holidays, whatever the desks' hours; company closures don't count.
    // No daily cut-off: add `dailyCutOff: 'HH:mm'` only if the company publishes one (docs/legal.md).
    legalTerm: {
      businessWeekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      dueTime: '17:00',
      remindBusinessDaysBefore: [5, 1],
    },
  },
};

// Weekly schedules, in America/Bogota, with the label each seed page publishes.
import type { Schedule } from '#domain/catalog.js';

const weekdays = (from: string, to: string) =>
  ({
    mon: [[from, to]],
    tue: [[from, to]],
    wed: [[from, to]],
    thu: [[from, to]],
    fri: [[from, to]],
  }) as const;

export const schedules: readonly Schedule[] = [
  {
    // Certifactura's phone, e-mail and chat rows, and its first escalation level.
    id: 'certifactura-soporte',
    label: 'Lunes a viernes: 7 a.m. a 7 p.m. Sábado: 8 a.m. a 1 p.m.',
    kind: 'weekly',
    hours: { ...weekdays('07:00', '19:00'), sat: [['08:00', '13:00']] },
    // Assumption (not in the seeds): Colombian public holidays close every schedule that is not 7×24.
    closedOnHolidays: true,
    exceptions: [],
  },
  {
    // The P1 line of both products, and all of biometría's support channels.
    id: '7x24',
    label: '7 días 24 horas',
    kind: '7x24',
  },
  {
    // The PQRSA mailbox and line, identical on both pages.
    id: 'pqrsa',
    label: 'Lunes a viernes: 7 a.m. a 5 p.m.',
    kind: 'weekly',
    hours: weekdays('07:00', '17:00'),
    closedOnHolidays: true,
    exceptions: [],
  },
];

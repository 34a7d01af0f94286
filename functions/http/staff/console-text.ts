// The staff console's wording for its queue, search and report pages and its error pages, in Spanish and English.
// Counted phrases go through the locale's plural rules (domain/plural.ts), never "día(s)".
import { plural } from '#domain/plural.js';
import { TERM_WITHIN_MAX } from '#domain/staff/queue.js';
import type { Locale } from '#domain/ticket.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A span as a short count: minutes under an hour, hours under two days, then days. */
function span(ms: number, locale: Locale): string {
  const abs = Math.abs(ms);
  if (abs < HOUR_MS) return `${Math.max(1, Math.floor(abs / 60_000))} min`;
  if (abs < 2 * DAY_MS) return `${Math.floor(abs / HOUR_MS)} h`;
  const days = Math.floor(abs / DAY_MS);
  return locale === 'es' ? plural('es', days, { one: '# día', other: '# días' }) : `${days} d`;
}

const es = {
  queueTitle: 'Colas de trabajo',
  filters: 'Filtros',
  filterFields: {
    product: 'Producto',
    queue: 'Cola',
    type: 'Tipo',
    level: 'Nivel',
    overdue: 'Vencimiento',
    termWithin: 'Término legal (días hábiles)',
  },
  filterHelp: {
    product: 'Elija uno de los productos de la lista.',
    queue: 'Debe ser support o pqrsa.',
    type: 'Debe ser un tipo de solicitud (letras minúsculas, dígitos y guiones).',
    level: 'Debe ser 1, 2 o 3.',
    overdue: 'Debe ser 1 (solo vencidas) o vacío.',
    termWithin: `Debe ser un número entero de días hábiles de 0 a ${TERM_WITHIN_MAX}.`,
  },
  filterErrors: 'Revise los filtros:',
  all: 'Todos',
  allQueues: 'Todas',
  onlyOverdue: 'Solo vencidas',
  apply: 'Filtrar',
  queues: { support: 'Soporte', pqrsa: 'PQRSA' },
  columns: {
    radicado: 'Radicado',
    subject: 'Asunto',
    queue: 'Cola',
    type: 'Tipo',
    priority: 'Prioridad',
    status: 'Estado',
    level: 'Nivel',
    due: 'Próximo vencimiento',
    term: 'Término legal',
  },
  count: (n: number) => plural('es', n, { one: '# solicitud abierta', other: '# solicitudes abiertas' }),
  empty: 'No hay solicitudes abiertas que coincidan.',
  capped: (n: number) =>
    `Se leen las ${n} solicitudes de vencimiento más próximo de cada cola: las demás no se listan (ni se filtran) hasta que estas se atiendan.`,
  noQueues: 'Su dirección no atiende ninguna cola.',
  erased: '(datos suprimidos)',
  overdueBy: (ms: number) => `vencida hace ${span(ms, 'es')}`,
  dueIn: (ms: number) => `vence en ${span(ms, 'es')}`,
  nothingDue: 'sin vencimiento pendiente',
  termLeft: (days: number) =>
    days === 0
      ? 'vence hoy'
      : plural('es', days, { one: 'queda # día hábil', other: 'quedan # días hábiles' }),
  termOverdue: (days: number) =>
    days === 0
      ? 'término vencido hoy'
      : plural('es', days, {
          one: 'término vencido hace # día hábil',
          other: 'término vencido hace # días hábiles',
        }),
  termSuspended: 'suspendido: se espera que el solicitante complete la solicitud',
  termAnswered: 'respondida dentro del trámite',
  searchTitle: 'Buscar',
  searchLabel: 'Radicado o correo del solicitante',
  searchHint: 'Por ejemplo CERT-2026-000123 o nombre@empresa.com (coincidencia exacta).',
  searchButton: 'Buscar',
  searchBad: 'El campo q debe ser un radicado (por ejemplo CERT-2026-000123) o un correo electrónico.',
  searchResults: (n: number) => plural('es', n, { one: '# solicitud', other: '# solicitudes' }),
  searchNone: 'No hay solicitudes de ese correo en sus colas.',
  notFoundTitle: 'No encontrada',
  notFound:
    'No hay ninguna solicitud con ese radicado en las colas que usted atiende, o la página no existe.',
  forbiddenTitle: 'Formulario vencido',
  forbidden:
    'El formulario no es válido para esta sesión. Vuelva a la página, recárguela y envíelo de nuevo.',
  badFormTitle: 'Formulario no válido',
  badForm: 'El envío debe ser un formulario (application/x-www-form-urlencoded) en UTF-8.',
  tooLargeTitle: 'Formulario demasiado grande',
  tooLarge: 'El formulario supera 16 KB. Acorte el texto y envíelo de nuevo.',
  reportTitle: (year: number) => `Informe PQRSA ${year}`,
  reportYear: 'Año',
  reportShow: 'Ver',
  reportYearBad: 'El campo year debe ser un año de cuatro cifras entre 2000 y 2100.',
  reportMonthBad: 'El campo month debe tener la forma AAAA-MM, por ejemplo 2026-03.',
  reportChart: 'Solicitudes PQRSA por mes',
  reportCsv: (month: string) => `Descargar ${month} en CSV`,
  reportEmptyMonth: 'Sin solicitudes PQRSA este mes.',
  reportColumns: {
    product: 'Producto',
    type: 'Tipo',
    received: 'Recibidas',
    answeredInTerm: 'Respondidas en término',
    answeredLate: 'Respondidas fuera de término',
    extended: 'Con prórroga',
    withdrawn: 'Desistidas',
    openInTerm: 'Abiertas en término',
    openOverdue: 'Abiertas vencidas',
    medianBusinessDays: 'Mediana de días hábiles para responder',
  },
  monthNames: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ],
};

export type ConsoleText = typeof es;

const en: ConsoleText = {
  queueTitle: 'Work queues',
  filters: 'Filters',
  filterFields: {
    product: 'Product',
    queue: 'Queue',
    type: 'Type',
    level: 'Level',
    overdue: 'Deadline',
    termWithin: 'Legal term (business days)',
  },
  filterHelp: {
    product: 'Choose one of the products in the list.',
    queue: 'Must be support or pqrsa.',
    type: 'Must be a request type (lower-case letters, digits and hyphens).',
    level: 'Must be 1, 2 or 3.',
    overdue: 'Must be 1 (overdue only) or empty.',
    termWithin: `Must be a whole number of business days from 0 to ${TERM_WITHIN_MAX}.`,
  },
  filterErrors: 'Check the filters:',
  all: 'All',
  allQueues: 'All',
  onlyOverdue: 'Overdue only',
  apply: 'Filter',
  queues: { support: 'Support', pqrsa: 'PQRSA' },
  columns: {
    radicado: 'Reference',
    subject: 'Subject',
    queue: 'Queue',
    type: 'Type',
    priority: 'Priority',
    status: 'Status',
    level: 'Level',
    due: 'Next deadline',
    term: 'Legal term',
  },
  count: (n: number) => plural('en', n, { one: '# open request', other: '# open requests' }),
  empty: 'No open requests match.',
  capped: (n: number) =>
    `The ${n} requests with the nearest deadlines of each queue are read: the others are not listed (nor filtered) until these are handled.`,
  noQueues: 'Your address acts for no queue.',
  erased: '(personal data erased)',
  overdueBy: (ms: number) => `overdue by ${span(ms, 'en')}`,
  dueIn: (ms: number) => `due in ${span(ms, 'en')}`,
  nothingDue: 'no deadline pending',
  termLeft: (days: number) =>
    days === 0
      ? 'due today'
      : plural('en', days, { one: '# business day left', other: '# business days left' }),
  termOverdue: (days: number) =>
    days === 0
      ? 'term passed today'
      : plural('en', days, {
          one: 'term passed # business day ago',
          other: 'term passed # business days ago',
        }),
  termSuspended: 'suspended: waiting for the requester to complete the request',
  termAnswered: 'answered',
  searchTitle: 'Search',
  searchLabel: 'Reference or requester e-mail',
  searchHint: 'For example CERT-2026-000123 or name@company.com (exact match).',
  searchButton: 'Search',
  searchBad: 'The q field must be a reference (for example CERT-2026-000123) or an e-mail address.',
  searchResults: (n: number) => plural('en', n, { one: '# request', other: '# requests' }),
  searchNone: 'No requests from that address in your queues.',
  notFoundTitle: 'Not found',
  notFound: 'There is no request with that reference in the queues you act for, or the page does not exist.',
  forbiddenTitle: 'Form expired',
  forbidden: 'The form is not valid for this session. Go back, reload the page and send it again.',
  badFormTitle: 'Invalid form',
  badForm: 'The submission must be a form (application/x-www-form-urlencoded) in UTF-8.',
  tooLargeTitle: 'Form too large',
  tooLarge: 'The form is larger than 16 KB. Shorten the text and send it again.',
  reportTitle: (year: number) => `PQRSA report ${year}`,
  reportYear: 'Year',
  reportShow: 'Show',
  reportYearBad: 'The year field must be a four-digit year from 2000 to 2100.',
  reportMonthBad: 'The month field must look like YYYY-MM, for example 2026-03.',
  reportChart: 'PQRSA requests per month',
  reportCsv: (month: string) => `Download ${month} as CSV`,
  reportEmptyMonth: 'No PQRSA requests this month.',
  reportColumns: {
    product: 'Product',
    type: 'Type',
    received: 'Received',
    answeredInTerm: 'Answered in term',
    answeredLate: 'Answered late',
    extended: 'Extended',
    withdrawn: 'Withdrawn',
    openInTerm: 'Open in term',
    openOverdue: 'Open overdue',
    medianBusinessDays: 'Median business days to answer',
  },
  monthNames: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

export const CONSOLE_TEXT: Readonly<Record<Locale, ConsoleText>> = { es, en };

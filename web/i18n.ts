// Every text of the web form and the status page, in Spanish (default) and English.
import type { TypeTerm } from '#domain/catalog.js';
import { isLegalTerm, termBasisText } from '#domain/terms.js';
import type { Locale } from '#domain/ticket.js';

const es = {
  documentTitle: 'Solicitud de soporte o PQRSA · Certicámara',
  statusDocumentTitle: 'Estado de su solicitud · Certicámara',
  skip: 'Saltar al contenido',
  switchTo: 'English',
  switchToLabel: 'Read this page in English',
  title: 'Solicitud de soporte o PQRSA',
  intro:
    'Cuéntenos qué necesita. Mientras llena el formulario le mostramos a dónde irá su solicitud, si el canal está abierto ahora y cuándo le responderemos.',
  required: 'obligatorio',
  sectionRequest: 'Su solicitud',
  product: 'Producto',
  type: 'Tipo de solicitud',
  typeGroupSupport: 'Soporte técnico',
  typeGroupPqrsa:
    'PQRSA: peticiones, consultas, quejas, reclamos, sugerencias, apelaciones y datos personales',
  priority: 'Prioridad',
  priorityOptional: 'Opcional para PQRSA; si no la indica usamos P3.',
  priorityHint:
    'Crítica (P1) significa que el servicio está caído o detenido para usted y no hay alternativa: en ese caso llame también a la línea P1.',
  priorities: {
    P1: 'P1 · Crítica: el servicio no funciona y no hay alternativa',
    P2: 'P2 · Alta: una función importante falla',
    P3: 'P3 · Media: hay una alternativa mientras se resuelve',
    P4: 'P4 · Baja: una duda o algo menor',
  },
  noPriority: 'Sin prioridad (P3)',
  sectionDetail: 'Detalle',
  subject: 'Asunto',
  description: 'Descripción',
  descriptionHint: 'Qué pasó, desde cuándo y qué mensaje de error vio. No escriba contraseñas.',
  sectionYou: 'Sus datos',
  name: 'Nombre completo',
  email: 'Correo electrónico',
  phone: 'Teléfono (opcional)',
  documentId: 'Número de documento (opcional)',
  consentBefore:
    'Autorizo a Certicámara a tratar mis datos personales para atender esta solicitud, según la Ley 1581 de 2012 y su ',
  noticeTitle: 'Aviso de privacidad',
  consentLink: 'política de tratamiento de datos personales',
  consentAfter: '.',
  honeypot: 'Deje este campo vacío',
  submit: 'Enviar solicitud',
  submitting: 'Enviando…',
  errorSummary: 'Revise estos campos:',
  previewTitle: 'A dónde va su solicitud',
  previewIdle: 'Elija el producto y el tipo de solicitud para ver a dónde irá.',
  destinations: {
    'support-mailbox': 'Buzón de soporte de {product} ({mailbox})',
    'pqrsa-mailbox': 'Buzón PQRSA ({mailbox})',
    'p1-line': 'Línea P1 de incidentes críticos (7 días, 24 horas), con copia al buzón {mailbox}',
  },
  level: 'Nivel de escalamiento {n}: {name}',
  openNow: 'El canal está abierto ahora.',
  closedNow: 'El canal está cerrado ahora; abre el {when}',
  firstResponse: 'Objetivo de primera respuesta: {when}',
  resolution: 'Objetivo de solución: {when}',
  legal: 'Término legal ({basis}): {when}',
  companyTerm: 'Término ({basis}): {when}',
  termExtended: '{line} (prorrogado)',
  callP1Now: 'Llame ahora a la línea P1',
  callP1Closed: 'El soporte está cerrado en este momento. Para un incidente crítico, llame ahora:',
  callP1Open: 'Para un incidente crítico, Certicámara recomienda llamar también a la línea P1:',
  callPhone: 'Para atención inmediata, llame al {number}{options}.',
  option: 'opción {n}',
  writeMailbox: 'Le responderemos desde {mailbox}.',
  whyTitle: 'Por qué',
  resultTitle: 'Recibimos su solicitud',
  resultRadicado: 'Su número de radicado:',
  resultKeep:
    'Guárdelo para cualquier consulta. También se lo enviamos por correo con el enlace de seguimiento.',
  resultStatus: 'Ver el estado de su solicitud',
  another: 'Enviar otra solicitud',
  lookupTitle: '¿Perdió el enlace de su solicitud?',
  lookupIntro: 'Escriba su correo y le enviaremos los enlaces de sus solicitudes abiertas.',
  lookupSubmit: 'Enviarme los enlaces',
  networkError:
    'No pudimos conectar con el servicio. Revise su conexión e intente de nuevo: si la solicitud ya llegó, no se duplicará.',
  busy: 'El servicio está ocupado; reintentamos en unos segundos…',
  statusTitle: 'Estado de su solicitud',
  statusLoading: 'Cargando…',
  statusNotFound:
    'No encontramos la solicitud, o el enlace no es válido. Pida los enlaces de nuevo desde el formulario.',
  statusLabel: 'Estado',
  statuses: { received: 'Recibida', acknowledged: 'En atención', resolved: 'Resuelta' },
  escalateTitle: '¿Sin respuesta a tiempo?',
  escalateIntro:
    'Venció el plazo y puede pedir que su solicitud suba al siguiente nivel de escalamiento. Cuéntenos por qué.',
  escalateReason: 'Motivo',
  escalateButton: 'Pedir escalamiento',
  escalateDone: 'Listo: su solicitud subió de nivel y avisamos a sus responsables.',
  escalateNotYet: 'Si no recibe respuesta, podrá pedir escalamiento a partir del {when}',
  escalateAlready: 'Ya pidió escalar la solicitud en este nivel.',
  escalateFailed: 'No se pudo escalar la solicitud: {reason}',
  statusWithdrawn: 'Desistida',
  withdrawnNote:
    'La solicitud se cerró como desistida porque no se completó en el plazo. Puede presentarla de nuevo:',
  fileAgain: 'hacer una nueva solicitud',
  markTitle: 'Reclamo en trámite',
  markWhy:
    'La ley (Ley 1581 de 2012, art. 15) exige que sus datos lleven esta marca hasta que se decida el reclamo.',
  termSuspended: 'suspendido hasta que usted complete la solicitud',
  completionTitle: 'Complete su solicitud',
  conversationTitle: 'Conversación',
  conversationHint:
    'Para escribir al equipo que atiende su solicitud, responda al último correo que recibió sobre ella.',
  conversationYou: 'Usted',
  conversationStaff: 'Equipo de atención, nivel {level}',
  completionIntro: 'Para atender su solicitud necesitamos que la complete. El equipo de atención le pidió:',
  completionDue: 'Responda a más tardar el {when}',
  completionSuspended:
    'Mientras tanto el término legal está suspendido: le quedan {days}, que vuelven a correr cuando usted responda.',
  businessDays: { one: '1 día hábil', other: '{n} días hábiles' },
  completionAnswer: 'Su respuesta',
  completionHint: 'Entre 10 y 2000 caracteres.',
  completionButton: 'Enviar respuesta',
  moreTimeHint: '¿Necesita más tiempo? Puede pedirlo una vez y el plazo se amplía por otro tanto.',
  moreTimeButton: 'Pedir más tiempo',
  completionDone: 'Gracias: recibimos su respuesta y el término legal volvió a correr.',
  moreTimeDone: 'Listo: ahora tiene hasta el {when} para completar la solicitud.',
  completionFailed: 'No se pudo enviar su respuesta: {reason}',
  moreTimeFailed: 'No se pudo ampliar el plazo: {reason}',
  completionAnswered: 'Usted completó la solicitud el {when} y el término legal volvió a correr.',
  received: 'Recibida',
  history: 'Historial',
  events: {
    received: 'Recibida',
    notified: 'Aviso enviado',
    'notification-failed': 'Aviso no enviado',
    'notification-parked': 'Aviso apartado',
    'acknowledgement-withheld': 'Acuse de recibo no enviado (límite por hora)',
    paged: 'Alerta de guardia',
    bounced: 'Correo rebotado',
    complaint: 'Correo marcado como no deseado',
    acknowledged: 'En atención',
    escalated: 'Escalada',
    reminded: 'Recordatorio',
    extended: 'Término prorrogado',
    resolved: 'Resuelta',
    'personal-data-erased': 'Datos personales suprimidos',
    'info-requested': 'Se pidió completar la solicitud',
    'info-time-extended': 'Más tiempo para completarla',
    'info-provided': 'Solicitud completada',
    withdrawn: 'Desistida',
    'data-suppressed': 'Supresión de datos aplicada',
    message: 'Mensaje',
    reopened: 'Reabierta',
  },
  by: {
    requester: 'usted',
    system: 'el sistema',
    sweeper: 'el control de plazos',
    staff: 'el equipo de atención, nivel {level}',
  },
  newRequest: 'Hacer una nueva solicitud',
} as const;

type Strings = {
  readonly [K in keyof typeof es]: (typeof es)[K] extends string
    ? string
    : Readonly<Record<keyof (typeof es)[K], string>>;
};

const en: Strings = {
  documentTitle: 'Support request or PQRSA · Certicámara',
  statusDocumentTitle: 'Status of your request · Certicámara',
  skip: 'Skip to content',
  switchTo: 'Español',
  switchToLabel: 'Leer esta página en español',
  title: 'Support request or PQRSA',
  intro:
    'Tell us what you need. While you fill in the form we show where your request will go, whether the channel is open now and when we will answer.',
  required: 'required',
  sectionRequest: 'Your request',
  product: 'Product',
  type: 'Type of request',
  typeGroupSupport: 'Technical support',
  typeGroupPqrsa:
    'PQRSA: petitions, consultations, complaints, claims, suggestions, appeals and personal data',
  priority: 'Priority',
  priorityOptional: 'Optional for PQRSA; without one we use P3.',
  priorityHint:
    'Critical (P1) means the service is down or stopped for you with no workaround: then also call the P1 line.',
  priorities: {
    P1: 'P1 · Critical: the service does not work and there is no workaround',
    P2: 'P2 · High: an important function fails',
    P3: 'P3 · Medium: there is a workaround meanwhile',
    P4: 'P4 · Low: a question or something minor',
  },
  noPriority: 'No priority (P3)',
  sectionDetail: 'Details',
  subject: 'Subject',
  description: 'Description',
  descriptionHint: 'What happened, since when, and what error message you saw. Do not write passwords.',
  sectionYou: 'About you',
  name: 'Full name',
  email: 'E-mail',
  phone: 'Phone (optional)',
  documentId: 'ID document number (optional)',
  consentBefore:
    'I authorize Certicámara to process my personal data to handle this request, under Ley 1581 de 2012 and its ',
  noticeTitle: 'Privacy notice',
  consentLink: 'personal data processing policy',
  consentAfter: '.',
  honeypot: 'Leave this field empty',
  submit: 'Send request',
  submitting: 'Sending…',
  errorSummary: 'Please check these fields:',
  previewTitle: 'Where your request goes',
  previewIdle: 'Choose the product and the type of request to see where it will go.',
  destinations: {
    'support-mailbox': '{product} support mailbox ({mailbox})',
    'pqrsa-mailbox': 'PQRSA mailbox ({mailbox})',
    'p1-line': 'P1 line for critical incidents (24/7), copied to {mailbox}',
  },
  level: 'Escalation level {n}: {name}',
  openNow: 'The channel is open now.',
  closedNow: 'The channel is closed now; it opens {when}',
  firstResponse: 'First response target: {when}',
  resolution: 'Resolution target: {when}',
  legal: 'Legal deadline ({basis}): {when}',
  companyTerm: 'Deadline ({basis}): {when}',
  termExtended: '{line} (extended)',
  callP1Now: 'Call the P1 line now',
  callP1Closed: 'Support is closed right now. For a critical incident, call now:',
  callP1Open: 'For a critical incident, Certicámara recommends also calling the P1 line:',
  callPhone: 'For immediate attention, call {number}{options}.',
  option: 'option {n}',
  writeMailbox: 'We will answer from {mailbox}.',
  whyTitle: 'Why',
  resultTitle: 'We received your request',
  resultRadicado: 'Your reference number:',
  resultKeep: 'Keep it for any follow-up. We also e-mailed it to you with the tracking link.',
  resultStatus: 'See the status of your request',
  another: 'Send another request',
  lookupTitle: 'Lost the link to your request?',
  lookupIntro: 'Enter your e-mail and we will send you the links to your open requests.',
  lookupSubmit: 'Send me the links',
  networkError:
    'We could not reach the service. Check your connection and try again: if the request already arrived, it will not be duplicated.',
  busy: 'The service is busy; retrying in a few seconds…',
  statusTitle: 'Status of your request',
  statusLoading: 'Loading…',
  statusNotFound:
    'We could not find the request, or the link is not valid. Ask for the links again from the form.',
  statusLabel: 'Status',
  statuses: { received: 'Received', acknowledged: 'Being handled', resolved: 'Resolved' },
  escalateTitle: 'No answer in time?',
  escalateIntro:
    'The deadline has passed and you can ask for your request to go up one escalation level. Tell us why.',
  escalateReason: 'Reason',
  escalateButton: 'Ask to escalate',
  escalateDone: 'Done: your request went up one level and its new handlers were told.',
  escalateNotYet: 'If you get no answer, you can ask to escalate from {when}',
  escalateAlready: 'You already asked to escalate at this level.',
  escalateFailed: 'The request could not be escalated: {reason}',
  statusWithdrawn: 'Withdrawn',
  withdrawnNote:
    'The request was closed as withdrawn because it was not completed in time. You may file it again:',
  fileAgain: 'make a new request',
  markTitle: 'Claim in progress',
  markWhy: 'The law (Ley 1581 de 2012, art. 15) keeps this mark on your record until the claim is decided.',
  termSuspended: 'suspended until you complete the request',
  completionTitle: 'Complete your request',
  conversationTitle: 'Conversation',
  conversationHint:
    'To write to the team handling your request, reply to the last e-mail you received about it.',
  conversationYou: 'You',
  conversationStaff: 'Support team, level {level}',
  completionIntro: 'We need you to complete your request before we can handle it. The support team asked:',
  completionDue: 'Please answer by {when}',
  completionSuspended:
    'Meanwhile the legal term is suspended: {days} are left, and they run again once you answer.',
  businessDays: { one: '1 business day', other: '{n} business days' },
  completionAnswer: 'Your answer',
  completionHint: 'Between 10 and 2000 characters.',
  completionButton: 'Send answer',
  moreTimeHint: 'Need more time? You may ask once, and the deadline is extended by as much again.',
  moreTimeButton: 'Ask for more time',
  completionDone: 'Thank you: we received your answer and the legal term is running again.',
  moreTimeDone: 'Done: you now have until {when} to complete the request.',
  completionFailed: 'Your answer could not be sent: {reason}',
  moreTimeFailed: 'The deadline could not be extended: {reason}',
  completionAnswered: 'You completed the request on {when} and the legal term is running again.',
  received: 'Received',
  history: 'History',
  events: {
    received: 'Received',
    notified: 'Notice sent',
    'notification-failed': 'Notice not sent',
    'notification-parked': 'Notice set aside',
    'acknowledgement-withheld': 'Acknowledgement not sent (hourly limit)',
    paged: 'On-call alert',
    bounced: 'E-mail bounced',
    complaint: 'E-mail marked as spam',
    acknowledged: 'Being handled',
    escalated: 'Escalated',
    reminded: 'Reminder',
    extended: 'Term extended',
    resolved: 'Resolved',
    'personal-data-erased': 'Personal data erased',
    'info-requested': 'Asked to complete the request',
    'info-time-extended': 'More time to complete it',
    'info-provided': 'Request completed',
    withdrawn: 'Withdrawn',
    'data-suppressed': 'Data erasure applied',
    message: 'Message',
    reopened: 'Reopened',
  },
  by: {
    requester: 'you',
    system: 'the system',
    sweeper: 'the deadline watch',
    staff: 'the support team, level {level}',
  },
  newRequest: 'Make a new request',
};

export const STRINGS: Readonly<Record<Locale, Strings>> = { es, en };
export type { Strings };

/** `{name}` placeholders filled from `values`. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => String(values[key] ?? whole));
}

/**
 * The line of the date a request must be answered by: a PQRSA type's term with its basis (`Término legal (Ley 1755
 * de 2015, art. 14, num. 1): …`, or `Término (política de la empresa): …`), marked when staff extended it, and saying
 * it is suspended instead of a date while the requester is asked to complete the request; else the support
 * resolution target.
 */
export function dueLine(
  locale: Locale,
  term: TypeTerm | undefined,
  due: { legalDueAt: string | null; resolutionDueAt: string; legalTermSuspended?: boolean | undefined },
  when: (iso: string) => string,
  extended = false,
): string {
  const t = STRINGS[locale];
  if (due.legalDueAt === null || term === undefined)
    return fill(t.resolution, { when: when(due.resolutionDueAt) });
  const line = fill(isLegalTerm(term) ? t.legal : t.companyTerm, {
    basis: termBasisText(term.basis, locale),
    when: due.legalTermSuspended ? t.termSuspended : when(due.legalDueAt),
  });
  return extended ? fill(t.termExtended, { line }) : line;
}

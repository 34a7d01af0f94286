// The staff console's ticket page in Spanish and English: labels, the history's events, the actions' forms and what
// each one says once done.
import type { ConsoleAction } from '#domain/staff/actions.js';
import type { HistoryEvent, Locale, TicketStatus } from '#domain/ticket.js';

interface ActionText {
  /** The form's heading. */
  readonly title: string;
  /** The submit button's accessible name: unique on the page. */
  readonly button: string;
  /** The status message once done. */
  readonly done: string;
}

export interface TicketText {
  readonly sections: Readonly<
    Record<'ticket' | 'routing' | 'deadlines' | 'requester' | 'history' | 'attachments' | 'actions', string>
  >;
  readonly fields: Readonly<
    Record<
      | 'radicado'
      | 'subject'
      | 'description'
      | 'product'
      | 'type'
      | 'priority'
      | 'status'
      | 'level'
      | 'received'
      | 'destination'
      | 'mailbox'
      | 'reasons'
      | 'firstResponse'
      | 'levelWindow'
      | 'resolution'
      | 'legalTerm'
      | 'extension'
      | 'suspension'
      | 'nextDue'
      | 'name'
      | 'email'
      | 'phone',
      string
    >
  >;
  readonly statuses: Readonly<Record<TicketStatus, string>>;
  readonly withdrawn: string;
  readonly erased: string;
  readonly none: string;
  readonly answeredAt: (when: string) => string;
  readonly businessDaysLeft: (when: string, days: number) => string;
  readonly extended: (from: string, to: string, on: string) => string;
  readonly suspended: (since: string, days: number, answerBy: string) => string;
  readonly resumed: (answered: string, due: string) => string;
  readonly internal: string;
  readonly noHistory: string;
  readonly noAttachments: string;
  readonly size: (kb: number) => string;
  readonly noActions: string;
  readonly events: Readonly<Record<HistoryEvent, string>>;
  readonly actions: Readonly<Record<ConsoleAction, ActionText>>;
  readonly labels: {
    readonly replyText: string;
    readonly internalNote: string;
    readonly resolveNote: string;
    readonly extendReasons: string;
    readonly extendDueDate: (current: string, max: string) => string;
    readonly requestInfoNote: (askBy: string, days: number, answerBy: string) => string;
    readonly escalateReason: (level: number) => string;
  };
  readonly errorsTitle: string;
  readonly commandInReply: string;
  readonly refused: string;
}

const es: TicketText = {
  sections: {
    ticket: 'Solicitud',
    routing: 'Enrutamiento',
    deadlines: 'Plazos',
    requester: 'Solicitante',
    history: 'Historial',
    attachments: 'Archivos adjuntos',
    actions: 'Acciones',
  },
  fields: {
    radicado: 'Radicado',
    subject: 'Asunto',
    description: 'Descripción',
    product: 'Producto',
    type: 'Tipo',
    priority: 'Prioridad',
    status: 'Estado',
    level: 'Nivel de escalamiento',
    received: 'Recibida',
    destination: 'Destino',
    mailbox: 'Buzón',
    reasons: 'Motivos',
    firstResponse: 'Primera respuesta',
    levelWindow: 'Plazo del nivel actual',
    resolution: 'Solución',
    legalTerm: 'Término legal vigente',
    extension: 'Prórroga',
    suspension: 'Suspensión por información faltante',
    nextDue: 'Próximo vencimiento vigilado',
    name: 'Nombre',
    email: 'Correo electrónico',
    phone: 'Teléfono',
  },
  statuses: { received: 'Recibida', acknowledged: 'Con acuse de recibo', resolved: 'Resuelta' },
  withdrawn: 'desistida',
  erased: 'datos suprimidos',
  none: '—',
  answeredAt: (when) => `respondida el ${when}`,
  businessDaysLeft: (when, days) => `${when} (quedan ${days} ${days === 1 ? 'día hábil' : 'días hábiles'})`,
  extended: (from, to, on) => `del ${from} al ${to} (concedida el ${on})`,
  suspended: (since, days, answerBy) =>
    `desde el ${since}, con ${days} ${days === 1 ? 'día hábil' : 'días hábiles'} por correr; el solicitante debe responder antes del ${answerBy}`,
  resumed: (answered, due) =>
    `el solicitante respondió el ${answered}; el término se reanudó hasta el ${due}`,
  internal: 'Nota interna (no la ve el solicitante)',
  noHistory: 'Sin movimientos.',
  noAttachments: 'Sin archivos adjuntos.',
  size: (kb) => `${kb} KB`,
  noActions: 'No hay acciones disponibles para esta solicitud.',
  events: {
    received: 'Recibida',
    notified: 'Notificación enviada',
    'notification-failed': 'Notificación fallida',
    'notification-parked': 'Notificación detenida',
    'acknowledgement-withheld': 'Acuse automático retenido',
    paged: 'Guardia avisada',
    bounced: 'Correo rebotado',
    complaint: 'Queja de correo no deseado',
    delivered: 'Respuesta entregada',
    acknowledged: 'Acuse de recibo',
    escalated: 'Escalada',
    reminded: 'Recordatorio',
    extended: 'Término prorrogado',
    'info-requested': 'Información solicitada',
    'info-time-extended': 'Más tiempo para completar',
    'info-provided': 'Información recibida',
    withdrawn: 'Desistida',
    resolved: 'Resuelta',
    'personal-data-erased': 'Datos personales suprimidos',
    'data-suppressed': 'Supresión de datos',
    message: 'Mensaje',
    note: 'Nota interna',
    'external-message': 'Mensaje de un tercero (para revisión)',
    reopened: 'Reabierta',
    'follow-up': 'Seguimiento',
    'attachment-added': 'Archivos adjuntos',
  },
  actions: {
    acknowledge: {
      title: 'Acuse de recibo',
      button: 'Acusar recibo',
      done: 'Se registró el acuse de recibo.',
    },
    reply: {
      title: 'Responder al solicitante',
      button: 'Enviar respuesta o nota',
      done: 'Se registró la respuesta.',
    },
    extend: {
      title: 'Prorrogar el término legal',
      button: 'Prorrogar el término',
      done: 'Se prorrogó el término.',
    },
    'request-info': {
      title: 'Pedir información faltante',
      button: 'Pedir la información',
      done: 'Se pidió al solicitante completar la solicitud.',
    },
    resolve: { title: 'Resolver', button: 'Resolver la solicitud', done: 'La solicitud quedó resuelta.' },
    escalate: { title: 'Escalar ahora', button: 'Escalar un nivel', done: 'La solicitud se escaló.' },
  },
  labels: {
    replyText: 'Mensaje',
    internalNote: 'Nota interna: no se envía al solicitante',
    resolveNote: 'Respuesta final para el solicitante (mínimo 10 caracteres)',
    extendReasons: 'Motivos de la prórroga, para el solicitante (mínimo 10 caracteres)',
    extendDueDate: (current, max) => `Nueva fecha de vencimiento (después del ${current}, hasta el ${max})`,
    requestInfoNote: (askBy, days, answerBy) =>
      `Qué debe completar el solicitante (puede pedirse hasta el ${askBy}; el término queda suspendido con ${days} días hábiles; plazo para responder: ${answerBy})`,
    escalateReason: (level) => `Motivo para escalar al nivel ${level} (10 a 1000 caracteres)`,
  },
  errorsTitle: 'Revise los campos marcados.',
  commandInReply:
    'Una respuesta no puede empezar con #nota o #resolver: marque la nota interna o use el formulario de resolver.',
  refused: 'No se hizo ningún cambio',
};

const en: TicketText = {
  sections: {
    ticket: 'Request',
    routing: 'Routing',
    deadlines: 'Deadlines',
    requester: 'Requester',
    history: 'History',
    attachments: 'Attachments',
    actions: 'Actions',
  },
  fields: {
    radicado: 'Radicado',
    subject: 'Subject',
    description: 'Description',
    product: 'Product',
    type: 'Type',
    priority: 'Priority',
    status: 'Status',
    level: 'Escalation level',
    received: 'Received',
    destination: 'Destination',
    mailbox: 'Mailbox',
    reasons: 'Reasons',
    firstResponse: 'First response',
    levelWindow: 'Current level’s deadline',
    resolution: 'Resolution',
    legalTerm: 'Legal term in force',
    extension: 'Extension',
    suspension: 'Suspended for missing information',
    nextDue: 'Next watched deadline',
    name: 'Name',
    email: 'E-mail',
    phone: 'Phone',
  },
  statuses: { received: 'Received', acknowledged: 'Acknowledged', resolved: 'Resolved' },
  withdrawn: 'withdrawn',
  erased: 'data erased',
  none: '—',
  answeredAt: (when) => `answered on ${when}`,
  businessDaysLeft: (when, days) => `${when} (${days} business ${days === 1 ? 'day' : 'days'} left)`,
  extended: (from, to, on) => `from ${from} to ${to} (granted on ${on})`,
  suspended: (since, days, answerBy) =>
    `since ${since}, with ${days} business ${days === 1 ? 'day' : 'days'} to run; the requester must answer by ${answerBy}`,
  resumed: (answered, due) => `the requester answered on ${answered}; the term resumed until ${due}`,
  internal: 'Internal note (the requester does not see it)',
  noHistory: 'Nothing recorded.',
  noAttachments: 'No attachments.',
  size: (kb) => `${kb} KB`,
  noActions: 'No actions are available for this request.',
  events: {
    received: 'Received',
    notified: 'Notification sent',
    'notification-failed': 'Notification failed',
    'notification-parked': 'Notification stopped',
    'acknowledgement-withheld': 'Automatic acknowledgement withheld',
    paged: 'On-call staff paged',
    bounced: 'Mail bounced',
    complaint: 'Spam complaint',
    delivered: 'Answer delivered',
    acknowledged: 'Acknowledged',
    escalated: 'Escalated',
    reminded: 'Reminder',
    extended: 'Term extended',
    'info-requested': 'Information requested',
    'info-time-extended': 'More time to complete',
    'info-provided': 'Information received',
    withdrawn: 'Withdrawn',
    resolved: 'Resolved',
    'personal-data-erased': 'Personal data erased',
    'data-suppressed': 'Data suppression',
    message: 'Message',
    note: 'Internal note',
    'external-message': 'Message from a third party (for review)',
    reopened: 'Reopened',
    'follow-up': 'Follow-up',
    'attachment-added': 'Attachments',
  },
  actions: {
    acknowledge: {
      title: 'Acknowledge',
      button: 'Acknowledge receipt',
      done: 'The acknowledgement was recorded.',
    },
    reply: { title: 'Reply to the requester', button: 'Send reply or note', done: 'The reply was recorded.' },
    extend: { title: 'Extend the legal term', button: 'Extend the term', done: 'The term was extended.' },
    'request-info': {
      title: 'Ask for missing information',
      button: 'Ask for the information',
      done: 'The requester was asked to complete the request.',
    },
    resolve: { title: 'Resolve', button: 'Resolve the request', done: 'The request is resolved.' },
    escalate: { title: 'Escalate now', button: 'Escalate one level', done: 'The request was escalated.' },
  },
  labels: {
    replyText: 'Message',
    internalNote: 'Internal note: not sent to the requester',
    resolveNote: 'Final answer for the requester (at least 10 characters)',
    extendReasons: 'Reasons for the extension, for the requester (at least 10 characters)',
    extendDueDate: (current, max) => `New due date (after ${current}, up to ${max})`,
    requestInfoNote: (askBy, days, answerBy) =>
      `What the requester must complete (may be asked until ${askBy}; the term is suspended with ${days} business days; answer deadline: ${answerBy})`,
    escalateReason: (level) => `Reason to escalate to level ${level} (10 to 1000 characters)`,
  },
  errorsTitle: 'Check the marked fields.',
  commandInReply:
    'A reply may not start with #nota or #resolver: tick the internal note, or use the resolve form.',
  refused: 'Nothing was changed',
};

export const TICKET_TEXT: Readonly<Record<Locale, TicketText>> = { es, en };

// Request types: the two support types and the five PQRSA types, with what each means (shown on the form).
import type { RequestTypeDef } from '#domain/catalog.js';

/** Ley 1755 de 2015, art. 14: 15 business days is the general term for a petition; change per type here. */
const LEGAL_TERM_BUSINESS_DAYS = 15;

export const requestTypes: readonly RequestTypeDef[] = [
  {
    id: 'incidente',
    queue: 'support',
    label: { es: 'Incidente', en: 'Incident' },
    description: {
      es: 'Algo que funcionaba dejó de funcionar o falla (por ejemplo, no se pueden emitir facturas).',
      en: 'Something that worked has stopped working or fails (for example, invoices cannot be issued).',
    },
    aliases: ['incidentes', 'incidencia', 'falla'],
  },
  {
    id: 'requerimiento',
    queue: 'support',
    label: { es: 'Requerimiento', en: 'Service request' },
    description: {
      es: 'Una solicitud de servicio, configuración o información que no es una falla.',
      en: 'A request for a service, a configuration change or information that is not a failure.',
    },
    aliases: ['requerimientos', 'request', 'solicitud'],
  },
  {
    id: 'peticion',
    queue: 'pqrsa',
    label: { es: 'Petición', en: 'Petition' },
    description: {
      es: 'Solicitud respetuosa de información, documentos o una actuación de Certicámara.',
      en: 'A request for information, documents or an action from Certicámara.',
    },
    aliases: ['peticiones'],
    legalTermBusinessDays: LEGAL_TERM_BUSINESS_DAYS,
  },
  {
    id: 'queja',
    queue: 'pqrsa',
    label: { es: 'Queja', en: 'Complaint' },
    description: {
      es: 'Inconformidad con la conducta o la atención de una persona de Certicámara.',
      en: 'Dissatisfaction with the conduct or the attention of a Certicámara employee.',
    },
    aliases: ['quejas'],
    legalTermBusinessDays: LEGAL_TERM_BUSINESS_DAYS,
  },
  {
    id: 'reclamo',
    queue: 'pqrsa',
    label: { es: 'Reclamo', en: 'Claim' },
    description: {
      es: 'Inconformidad con el servicio prestado o con un cobro, pidiendo que se corrija.',
      en: 'Dissatisfaction with the service delivered or a charge, asking for it to be corrected.',
    },
    aliases: ['reclamos', 'reclamacion'],
    legalTermBusinessDays: LEGAL_TERM_BUSINESS_DAYS,
  },
  {
    id: 'sugerencia',
    queue: 'pqrsa',
    label: { es: 'Sugerencia', en: 'Suggestion' },
    description: {
      es: 'Una propuesta para mejorar el servicio.',
      en: 'A proposal to improve the service.',
    },
    aliases: ['sugerencias'],
    legalTermBusinessDays: LEGAL_TERM_BUSINESS_DAYS,
  },
  {
    id: 'apelacion',
    queue: 'pqrsa',
    label: { es: 'Apelación', en: 'Appeal' },
    description: {
      es: 'Solicitud de revisión de una respuesta que Certicámara ya dio.',
      en: 'A request to review an answer Certicámara already gave.',
    },
    aliases: ['apelaciones'],
    legalTermBusinessDays: LEGAL_TERM_BUSINESS_DAYS,
  },
];

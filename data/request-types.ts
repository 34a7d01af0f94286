// Request types: the two support types and the PQRSA types, with what each means (shown on the form) and, for PQRSA,
// its term: basis, business days, counting start and maximum extension. docs/legal.md explains each choice.
import type { RequestTypeDef, TypeTerm } from '#domain/catalog.js';

const LEY_1755 = 'Ley 1755 de 2015';
const LEY_1581 = 'Ley 1581 de 2012';

/**
 * Ley 1755 art. 17: an incomplete petition may be completed on request within 10 days of filing; the requester has one
 * month. The company's own terms and the habeas-data consulta (Ley 1581 says nothing of it) follow the same rule.
 */
const LEY_1755_COMPLETION = { askWithinBusinessDays: 10, answerMonths: 1 } as const;

/**
 * Ley 1755 art. 14: 15 business days from the day after receipt; the parágrafo allows an extension up to twice the
 * initial term in all, so as many days again.
 */
const peticionTerm = (article: string, days: number, kind: 'law' | 'analogy' = 'law'): TypeTerm => ({
  basis: { kind, law: LEY_1755, article },
  businessDays: days,
  countFrom: 'next-business-day',
  maxExtensionBusinessDays: days,
  completion: LEY_1755_COMPLETION,
});

/** No law sets these terms: the company's own, kept like the general petition's. Change them here. */
const COMPANY_TERM: TypeTerm = {
  basis: { kind: 'company-policy' },
  businessDays: 15,
  countFrom: 'next-business-day',
  maxExtensionBusinessDays: 15,
  completion: LEY_1755_COMPLETION,
};

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
      es: 'Una solicitud respetuosa para que Certicámara haga algo o resuelva un asunto suyo.',
      en: 'A formal request asking Certicámara to do something or settle a matter of yours.',
    },
    aliases: ['peticiones', 'peticion general', 'derecho de peticion'],
    term: peticionTerm('art. 14', 15),
  },
  {
    id: 'peticion-documentos',
    queue: 'pqrsa',
    label: { es: 'Petición de documentos o información', en: 'Request for documents or information' },
    description: {
      es: 'Pedir copia de documentos o información que tiene Certicámara.',
      en: 'Asking for copies of documents or for information Certicámara holds.',
    },
    aliases: ['peticion de documentos', 'peticion de informacion', 'documentos', 'informacion'],
    term: peticionTerm('art. 14, num. 1', 10),
  },
  {
    id: 'consulta',
    queue: 'pqrsa',
    label: { es: 'Consulta', en: 'Consultation' },
    description: {
      es: 'Pedir el concepto u opinión de Certicámara sobre un tema de sus servicios.',
      en: 'Asking for Certicámara’s opinion or position on a matter of its services.',
    },
    aliases: ['consultas', 'concepto'],
    // Written for authorities; applied to a private company by analogy (art. 32 refers to the same rules).
    term: peticionTerm('art. 14, num. 2', 30, 'analogy'),
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
    term: peticionTerm('art. 14', 15),
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
    term: peticionTerm('art. 14', 15),
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
    term: COMPANY_TERM,
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
    term: COMPANY_TERM,
  },
  {
    id: 'datos-consulta',
    queue: 'pqrsa',
    label: { es: 'Consulta de datos personales', en: 'Personal data inquiry' },
    description: {
      es: 'Saber qué datos personales suyos tiene Certicámara y cómo los usa (habeas data).',
      en: 'Finding out which of your personal data Certicámara holds and how it uses them (habeas data).',
    },
    aliases: ['consulta habeas data', 'habeas data consulta', 'consulta de datos'],
    term: {
      basis: { kind: 'law', law: LEY_1581, article: 'art. 14' },
      businessDays: 10,
      countFrom: 'receipt-day',
      maxExtensionBusinessDays: 5,
      completion: LEY_1755_COMPLETION,
    },
  },
  {
    id: 'datos-reclamo',
    queue: 'pqrsa',
    label: { es: 'Reclamo de datos personales', en: 'Personal data claim' },
    description: {
      es: 'Pedir que se corrijan, actualicen o supriman sus datos personales, o revocar su autorización (habeas data).',
      en: 'Asking for your personal data to be corrected, updated or deleted, or withdrawing your consent (habeas data).',
    },
    aliases: ['reclamo habeas data', 'habeas data reclamo', 'reclamo de datos', 'supresion de datos'],
    term: {
      basis: { kind: 'law', law: LEY_1581, article: 'art. 15' },
      businessDays: 15,
      countFrom: 'next-business-day',
      maxExtensionBusinessDays: 8,
      // Art. 15: an incomplete reclamo is flagged within 5 days of receipt; two months without an answer, withdrawn.
      completion: { askWithinBusinessDays: 5, answerMonths: 2 },
    },
  },
];

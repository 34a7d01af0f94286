// Field problems in the requester's language (es/en), shared by the API's errors and the browser form.
import type { FieldIssue, FieldIssueCode } from '../errors.js';
import type { Locale } from '../ticket.js';

type Template = (issue: FieldIssue) => string;

const list = (issue: FieldIssue) => (issue.allowed ?? []).join(', ');

const FIELD_MESSAGES: Readonly<Record<Locale, Readonly<Record<FieldIssueCode, Template>>>> = {
  es: {
    required: () => 'Es obligatorio.',
    unknown_value: (i) => `No es un valor permitido; use uno de: ${list(i)}.`,
    invalid_priority: () => 'Debe ser 1 a 4 o P1 a P4 (1 = crítica).',
    too_short: (i) => `Debe tener al menos ${i.params?.min ?? 1} caracteres.`,
    too_long: (i) => `Debe tener como máximo ${i.params?.max ?? 0} caracteres.`,
    invalid_email: () => 'Debe ser un correo electrónico válido, por ejemplo nombre@empresa.com.',
    invalid_phone: () => 'Debe ser un teléfono de 7 a 20 dígitos, por ejemplo +57 300 123 4567.',
    invalid_document: () => 'Debe tener de 4 a 20 letras, dígitos, puntos o guiones.',
    invalid_type: () => 'No tiene el tipo de dato esperado.',
    not_allowed: () => 'No es un campo permitido.',
    control_characters: () => 'Contiene caracteres de control no permitidos.',
    single_line: () => 'Debe ser una sola línea.',
    must_accept: () => 'Debe aceptar el tratamiento de sus datos personales (Ley 1581 de 2012).',
    invalid_value: (i) => `Debe ser uno de: ${list(i)}.`,
    invalid_instant: () =>
      'Debe ser una fecha y hora ISO-8601 entre 2000 y 2100, por ejemplo 2026-11-21T15:00.',
    ill_formed_text: () =>
      'Contiene texto mal formado (un carácter Unicode incompleto, un sustituto UTF-16 suelto); envíelo de nuevo como texto válido.',
    too_deep: (i) => `El cuerpo anida más de ${i.params?.max ?? 0} niveles.`,
    too_many_values: (i) => `El cuerpo tiene más de ${i.params?.max ?? 0} valores.`,
    too_large: (i) => `Debe ser de como máximo ${i.params?.max ?? 0} bytes.`,
    too_many: (i) => `Admite como máximo ${i.params?.max ?? 0} elementos.`,
  },
  en: {
    required: () => 'Is required.',
    unknown_value: (i) => `Is not an allowed value; use one of: ${list(i)}.`,
    invalid_priority: () => 'Must be 1 to 4 or P1 to P4 (1 = critical).',
    too_short: (i) => `Must be at least ${i.params?.min ?? 1} characters.`,
    too_long: (i) => `Must be at most ${i.params?.max ?? 0} characters.`,
    invalid_email: () => 'Must be a valid e-mail address, for example name@company.com.',
    invalid_phone: () => 'Must be a phone number of 7 to 20 digits, for example +57 300 123 4567.',
    invalid_document: () => 'Must be 4 to 20 letters, digits, dots or hyphens.',
    invalid_type: () => 'Does not have the expected type.',
    not_allowed: () => 'Is not an allowed field.',
    control_characters: () => 'Contains control characters that are not allowed.',
    single_line: () => 'Must be a single line.',
    must_accept: () => 'You must accept the processing of your personal data (Ley 1581 de 2012).',
    invalid_value: (i) => `Must be one of: ${list(i)}.`,
    invalid_instant: () =>
      'Must be an ISO-8601 date and time between 2000 and 2100, for example 2026-11-21T15:00.',
    ill_formed_text: () =>
      'Contains ill-formed text (an incomplete Unicode character, a lone UTF-16 surrogate); send it again as valid text.',
    too_deep: (i) => `The body nests more than ${i.params?.max ?? 0} levels deep.`,
    too_many_values: (i) => `The body has more than ${i.params?.max ?? 0} values.`,
    too_large: (i) => `Must be at most ${i.params?.max ?? 0} bytes.`,
    too_many: (i) => `Takes at most ${i.params?.max ?? 0} items.`,
  },
};

/** The issue's message in the given language (its English text when it has no code). */
export function fieldMessage(issue: FieldIssue, locale: Locale): string {
  return issue.code ? FIELD_MESSAGES[locale][issue.code](issue) : issue.message;
}

// The API's error codes and their messages in the request's language. docs/api.md documents this table.
import type { Locale } from '#domain/ticket.js';

export const ERROR_MESSAGES = {
  invalid_json: {
    es: 'El cuerpo de la solicitud no es JSON válido en UTF-8.',
    en: 'The request body is not valid JSON in UTF-8.',
  },
  validation_failed: {
    es: 'Hay campos con problemas; revise cada uno.',
    en: 'Some fields have problems; check each one.',
  },
  proof_required: {
    es: 'Envíe la solicitud desde el formulario web, o con la clave de API (X-Api-Key) de su integración.',
    en: 'Send the request from the web form, or with your integration’s API key (X-Api-Key).',
  },
  invalid_api_key: {
    es: 'La clave de API no es válida o fue revocada.',
    en: 'The API key is not valid or was revoked.',
  },
  policy_version_mismatch: {
    es: 'La política de tratamiento de datos personales cambió: recargue el formulario, lea la versión vigente y acéptela.',
    en: 'The personal-data policy has changed: reload the form, read the version in force and accept it.',
  },
  notice_mismatch: {
    es: 'El aviso de privacidad cambió: recargue el formulario, lea el aviso vigente y acéptelo.',
    en: 'The privacy notice has changed: reload the form, read the notice in force and accept it.',
  },
  rejected: {
    es: 'No pudimos procesar la solicitud. Recargue la página e intente de nuevo.',
    en: 'We could not process the request. Reload the page and try again.',
  },
  invalid_idempotency_key: {
    es: 'El encabezado Idempotency-Key debe tener entre 1 y 255 caracteres visibles.',
    en: 'The Idempotency-Key header must have 1 to 255 visible characters.',
  },
  not_found: {
    es: 'No existe, o el enlace no es válido.',
    en: 'Not found, or the link is not valid.',
  },
  idempotency_key_in_flight: {
    es: 'Una solicitud con la misma Idempotency-Key aún se está procesando; intente de nuevo en unos segundos.',
    en: 'A request with the same Idempotency-Key is still being processed; try again in a few seconds.',
  },
  payload_too_large: {
    es: 'La solicitud supera el tamaño máximo de 65.536 bytes.',
    en: 'The request exceeds the maximum size of 65,536 bytes.',
  },
  unsupported_media_type: {
    es: 'El cuerpo debe enviarse como application/json.',
    en: 'The body must be sent as application/json.',
  },
  idempotency_key_reused: {
    es: 'Esta Idempotency-Key ya se usó con otro contenido; use una clave nueva para una solicitud distinta.',
    en: 'This Idempotency-Key was already used with a different body; use a new key for a different request.',
  },
  action_refused: {
    es: 'No se puede hacer eso ahora; vea el motivo.',
    en: 'That cannot be done now; see the reason.',
  },
  service_unavailable: {
    es: 'El servicio está ocupado; no se guardó nada. Intente de nuevo en unos segundos.',
    en: 'The service is busy; nothing was saved. Try again in a few seconds.',
  },
  internal_error: {
    es: 'Ocurrió un error interno. Si persiste, comuníquese con soporte e indique el identificador.',
    en: 'An internal error occurred. If it persists, contact support and quote the identifier.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Why a lifecycle action was refused (`error.reason` of an `action_refused` answer). */
export const REFUSAL_MESSAGES = {
  already_acknowledged: {
    es: 'La solicitud ya tenía acuse de recibo.',
    en: 'The request was already acknowledged.',
  },
  already_resolved: { es: 'La solicitud ya está resuelta.', en: 'The request is already resolved.' },
  not_yet: {
    es: 'Podrá escalar cuando venza el plazo de primera respuesta.',
    en: 'You can escalate once the first-response deadline has passed.',
  },
  already_escalated: {
    es: 'Ya pidió escalar la solicitud en este nivel.',
    en: 'You already asked to escalate at this level.',
  },
  top_level: {
    es: 'La solicitud ya está en el nivel más alto de escalamiento.',
    en: 'The request is already at the highest escalation level.',
  },
  stale: {
    es: 'La solicitud cambió mientras tanto; vuelva a cargar la página.',
    en: 'The request changed in the meantime; reload the page.',
  },
  not_extendable: {
    es: 'El término de este tipo de solicitud no admite prórroga.',
    en: 'The term of this type of request cannot be extended.',
  },
  already_extended: {
    es: 'El término ya fue prorrogado una vez.',
    en: 'The term was already extended once.',
  },
  term_passed: { es: 'El término legal ya venció.', en: 'The legal term has already ended.' },
  due_date: {
    es: 'La nueva fecha de vencimiento no es válida.',
    en: 'The new due date is not valid.',
  },
  suspended: {
    es: 'El término está suspendido mientras el solicitante completa la solicitud.',
    en: 'The term is suspended while the requester completes the request.',
  },
  not_applicable: {
    es: 'Este tipo de solicitud no tiene término legal.',
    en: 'This type of request has no legal term.',
  },
  already_requested: {
    es: 'Ya se pidió una vez completar la solicitud.',
    en: 'The requester was already asked once to complete the request.',
  },
  too_late: {
    es: 'Ya pasó el plazo para pedir que se complete la solicitud.',
    en: 'The time to ask for the request to be completed has passed.',
  },
  not_waiting: {
    es: 'La solicitud no está a la espera de que usted la complete.',
    en: 'The request is not waiting for you to complete it.',
  },
  already_more_time: {
    es: 'Ya pidió una vez más tiempo para completar la solicitud.',
    en: 'You already asked once for more time to complete the request.',
  },
  answer_period_over: {
    es: 'El plazo para completar la solicitud ya venció.',
    en: 'The time to complete the request has ended.',
  },
  too_many_attachments: {
    es: 'Una solicitud admite como máximo 5 archivos adjuntos en total.',
    en: 'A request takes at most 5 attached files in all.',
  },
  erased: {
    es: 'Los datos de esta solicitud fueron suprimidos; ya no admite archivos.',
    en: 'This request’s data was erased; it no longer takes files.',
  },
  data_erased: {
    es: 'Los datos personales de esta solicitud fueron suprimidos; ya no admite acciones.',
    en: 'This request’s personal data was erased; it takes no more actions.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_json: 400,
  policy_version_mismatch: 400,
  notice_mismatch: 400,
  proof_required: 401,
  invalid_api_key: 401,
  validation_failed: 400,
  rejected: 400,
  invalid_idempotency_key: 400,
  not_found: 404,
  idempotency_key_in_flight: 409,
  action_refused: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  service_unavailable: 503,
  internal_error: 500,
};

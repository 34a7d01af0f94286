// POST /requests/lookup { email }: always 202, whether or not the address has tickets; the links go by e-mail.
import { requestStatusLinks } from '#domain/intake/lookup.js';
import type { Clock, LookupQueue } from '#domain/ports.js';
import { logger } from '../logger.js';
import { type HttpHandler, httpHandler, json, readJsonBody, requestLocale } from './kit.js';

export interface LookupRequestsDeps {
  readonly lookups: LookupQueue;
  readonly clock: Clock;
}

const ACCEPTED = {
  es: 'Si hay solicitudes abiertas con ese correo, le enviaremos sus enlaces en unos minutos.',
  en: 'If there are open requests with that address, we will e-mail their links within minutes.',
} as const;

export function lookupRequestsHandler(deps: LookupRequestsDeps): HttpHandler {
  return httpHandler('lookup-requests', async (event) => {
    const body = readJsonBody(event);
    const outcome = await requestStatusLinks(deps, body);
    logger.info('status links requested', { outcome });
    const locale = requestLocale(event, (body as { locale?: unknown } | null)?.locale);
    return json(202, { status: 'accepted', message: ACCEPTED[locale] });
  });
}

// POST /requests/lookup { email, locale?, kind? }: always 202, whether or not the address has tickets; the links (or,
// with kind "export", a copy of the data held) go by e-mail to that address.
import { requestStatusLinks } from '#domain/intake/lookup.js';
import type { Clock, LookupQueue } from '#domain/ports.js';
import { logger } from '../logger.js';
import { type HttpHandler, httpHandler, json, readJsonBody, requestLocale } from './kit.js';

export interface LookupRequestsDeps {
  readonly lookups: LookupQueue;
  readonly clock: Clock;
}

const ACCEPTED = {
  links: {
    es: 'Si hay solicitudes abiertas con ese correo, le enviaremos sus enlaces en unos minutos.',
    en: 'If there are open requests with that address, we will e-mail their links within minutes.',
  },
  export: {
    es: 'Si hay solicitudes con ese correo, le enviaremos a esa dirección una copia de sus datos en unos minutos.',
    en: 'If there are requests with that address, we will e-mail a copy of their data to it within minutes.',
  },
} as const;

export function lookupRequestsHandler(deps: LookupRequestsDeps): HttpHandler {
  return httpHandler('lookup-requests', async (event) => {
    const body = readJsonBody(event);
    const outcome = await requestStatusLinks(deps, body);
    logger.info('status links requested', { outcome });
    const locale = requestLocale(event, (body as { locale?: unknown } | null)?.locale);
    const kind = (body as { kind?: unknown } | null)?.kind === 'export' ? 'export' : 'links';
    return json(202, { status: 'accepted', message: ACCEPTED[kind][locale] });
  });
}

// GET /requests/{id}: the ticket, its routing, deadlines and history, for the holder of its access token. A wrong
// or missing token answers exactly like an unknown id (404), so ids cannot be probed.
import { NotFoundError } from '#domain/errors.js';
import type { AccessTokens, TicketRepository } from '#domain/ports.js';
import { parseRadicado } from '#domain/radicado.js';
import { type HttpEvent, type HttpHandler, header, httpHandler, json } from './kit.js';
import { ticketView } from './views.js';

export interface GetRequestDeps {
  readonly tickets: Pick<TicketRepository, 'get'>;
  readonly tokens: AccessTokens;
}

export function getRequestHandler(deps: GetRequestDeps): HttpHandler {
  return httpHandler('get-request', async (event) => {
    const id = event.pathParameters?.id ?? '';
    const token = accessToken(event);
    if (!parseRadicado(id) || token === undefined || !deps.tokens.verify(id, token))
      throw new NotFoundError();
    const record = await deps.tickets.get(id);
    if (!record) throw new NotFoundError();
    return json(200, ticketView(record));
  });
}

/** `?token=` or `Authorization: Bearer <token>`. */
function accessToken(event: HttpEvent): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(event, 'authorization') ?? '');
  return bearer?.[1] ?? event.queryStringParameters?.token;
}

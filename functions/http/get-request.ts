// GET /requests/{id}: the ticket, its routing, deadlines and history, for the holder of its access token. A wrong
// or missing token answers exactly like an unknown id (404), so ids cannot be probed.
// POST /requests/{id}/escalate { reason }: the requester asks to escalate (same token), once per level, after the
// first-response deadline.
// POST /requests/{id}/complete { answer } or { moreTime: true }: the requester completes the request staff asked
// them to complete (the legal term resumes), or asks once for more time. The same function serves both POSTs.

import { NotFoundError } from '#domain/errors.js';
import { completeAsRequester, escalateAsRequester } from '#domain/escalation/actions.js';
import type { EscalationPolicy } from '#domain/escalation/policy.js';
import type { AccessTokens, Clock, TicketRepository } from '#domain/ports.js';
import { parseRadicado } from '#domain/radicado.js';
import { type HttpEvent, type HttpHandler, header, httpHandler, json, readJsonBody } from './kit.js';
import { type AttachmentLink, ticketView } from './views.js';

export interface GetRequestDeps {
  readonly tickets: Pick<TicketRepository, 'get' | 'applyTransition'>;
  readonly tokens: AccessTokens;
  readonly policy: EscalationPolicy;
  readonly clock: Clock;
  /** The signed download links of the ticket's files, as of now. */
  readonly attachmentLink?: (now: number) => AttachmentLink;
}

export function getRequestHandler(deps: GetRequestDeps): HttpHandler {
  return httpHandler('get-request', async (event) => {
    const id = event.pathParameters?.id ?? '';
    const token = accessToken(event);
    if (!parseRadicado(id) || token === undefined || !deps.tokens.verify(id, token))
      throw new NotFoundError();
    const record = await deps.tickets.get(id);
    if (!record) throw new NotFoundError();
    const now = deps.clock.now();
    const may = deps.policy.requesterMayEscalate(record.ticket, now);
    return json(200, ticketView(record, may, deps.attachmentLink?.(now)));
  });
}

export function escalateRequestHandler(deps: GetRequestDeps): HttpHandler {
  return httpHandler('escalate-request', async (event) => {
    const id = event.pathParameters?.id ?? '';
    if (!parseRadicado(id)) throw new NotFoundError();
    const token = accessToken(event);
    const body = readJsonBody(event);
    const act = event.routeKey.endsWith('/complete') ? completeAsRequester : escalateAsRequester;
    const record = await act(deps, id, token, body);
    const now = deps.clock.now();
    const may = deps.policy.requesterMayEscalate(record.ticket, now);
    return json(200, ticketView(record, may, deps.attachmentLink?.(now)));
  });
}

/** `?token=` or `Authorization: Bearer <token>`. */
export function accessToken(event: HttpEvent): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(event, 'authorization') ?? '');
  return bearer?.[1] ?? event.queryStringParameters?.token;
}

// POST /requests: validate, route and record a request; replays are answered with the same ticket.
import { type IntakeDeps, submitRequest } from '#domain/intake/submit.js';
import type { AccessTokens } from '#domain/ports.js';
import { logger } from '../logger.js';
import { countBy, METRIC } from '../metrics.js';
import { idempotencyRequest } from './idempotency.js';
import { type HttpHandler, header, httpHandler, json, readJsonBody } from './kit.js';
import { createdView, linksFor } from './views.js';

export interface CreateRequestDeps {
  readonly intake: IntakeDeps;
  readonly tokens: AccessTokens;
  readonly publicBaseUrl: string;
}

export function createRequestHandler(deps: CreateRequestDeps): HttpHandler {
  return httpHandler('create-request', async (event) => {
    const body = readJsonBody(event);
    const idempotency = idempotencyRequest(event, body);
    const apiKey = header(event, 'x-api-key');
    const { ticket, replayed } = await submitRequest(deps.intake, body, idempotency, {
      ...(apiKey === undefined ? {} : { apiKey }),
    });
    logger.info(replayed ? 'submission replayed' : 'ticket created', {
      ticketId: ticket.id,
      product: ticket.product,
      type: ticket.type,
      priority: ticket.priority,
      destination: ticket.routing.destination,
      escalationLevel: ticket.escalationLevel,
    });
    if (!replayed) {
      const { product, queue, routing } = ticket;
      countBy(METRIC.ticketCreated, { product, queue, destination: routing.destination });
    }
    const links = linksFor(deps.publicBaseUrl, ticket.id, deps.tokens.issue(ticket.id));
    return json(201, createdView(ticket, links), {
      location: links.statusUrl.split('?')[0] ?? links.statusUrl,
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
  });
}

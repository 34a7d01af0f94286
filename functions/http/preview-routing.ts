// GET /routing?product=&type=&priority=&at=: the routing decision a form can show before submitting.
import type { Clock } from '#domain/ports.js';
import { decisionToJson } from '#domain/routing/decision.js';
import type { RoutingEngine } from '#domain/routing/engine.js';
import { type HttpHandler, httpHandler, json } from './kit.js';

export interface PreviewRoutingDeps {
  readonly engine: RoutingEngine;
  readonly clock: Clock;
}

export function previewRoutingHandler(deps: PreviewRoutingDeps): HttpHandler {
  return httpHandler('preview-routing', async (event) => {
    const query = event.queryStringParameters ?? {};
    const { request, at } = deps.engine.parseWithTime(query, deps.clock.now());
    return json(200, decisionToJson(deps.engine.decide(request, at)));
  });
}

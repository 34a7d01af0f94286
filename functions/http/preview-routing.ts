// GET /routing?product=&type=&priority=&at=: the routing decision a form can show before submitting.
import type { Clock } from '#domain/ports.js';
import type { Router } from '#domain/routing/decide.js';
import { decisionToJson } from '#domain/routing/decision.js';
import type { RequestVocabulary } from '#domain/routing/request.js';
import { type HttpHandler, httpHandler, json } from './kit.js';

export interface PreviewRoutingDeps {
  readonly vocabulary: RequestVocabulary;
  readonly router: Router;
  readonly clock: Clock;
}

export function previewRoutingHandler(deps: PreviewRoutingDeps): HttpHandler {
  return httpHandler('preview-routing', async (event) => {
    const query = event.queryStringParameters ?? {};
    const { request, at } = deps.vocabulary.parseWithTime(query, deps.clock.now());
    return json(200, decisionToJson(deps.router.decide(request, at)));
  });
}

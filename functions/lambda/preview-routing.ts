// Lambda entry: GET /routing. Needs no settings and no AWS client: the catalog is compiled in.
import { catalog } from '#data/index.js';
import { RoutingEngine } from '#domain/routing/engine.js';
import { previewRoutingHandler } from '../http/preview-routing.js';

export const handler = previewRoutingHandler({
  engine: new RoutingEngine(catalog),
  clock: { now: () => Date.now() },
});

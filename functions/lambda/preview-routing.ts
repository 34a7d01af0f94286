// Lambda entry: GET /routing. Needs no settings and no AWS client: the catalog is compiled in.
import { catalog } from '#data/index.js';
import { RoutingEngine } from '#domain/routing/engine.js';
import { previewRoutingHandler } from '../http/preview-routing.js';

const { vocabulary, router } = new RoutingEngine(catalog);

export const handler = previewRoutingHandler({ vocabulary, router, clock: { now: () => Date.now() } });

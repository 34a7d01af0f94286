// Lambda entry: GET /routing. Needs no settings: the catalog is compiled in.
import { previewRoutingHandler } from '../http/preview-routing.js';
import { previewRoutingDeps } from '../wiring.js';

export const handler = previewRoutingHandler(previewRoutingDeps());

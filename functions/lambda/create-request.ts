// Lambda entry: POST /requests. Settings are checked at cold start; secrets are read through a short cache
// on every invocation, so a rotation reaches it within minutes (functions/secrets.ts).
import { createRequestHandler } from '../http/create-request.js';
import { withRotatingSecrets } from '../secrets.js';
import { CREATE_REQUEST_SETTINGS, createRequestDeps, store, systemClock } from '../wiring.js';

export const handler = await withRotatingSecrets(CREATE_REQUEST_SETTINGS, (config, rings) =>
  createRequestHandler(createRequestDeps(config, systemClock, store(config), rings)),
);

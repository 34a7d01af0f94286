// Lambda entry: POST /requests/{id}/escalate, the requester's escalation. Settings are checked at cold start; secrets are read through a short cache
// on every invocation, so a rotation reaches it within minutes (functions/secrets.ts).
import { escalateRequestHandler } from '../http/get-request.js';
import { withRotatingSecrets } from '../secrets.js';
import { GET_REQUEST_SETTINGS, getRequestDeps, store, systemClock } from '../wiring.js';

export const handler = await withRotatingSecrets(GET_REQUEST_SETTINGS, (config, rings) =>
  escalateRequestHandler(getRequestDeps(config, systemClock, store(config), rings)),
);

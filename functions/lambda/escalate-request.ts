// Lambda entry: POST /requests/{id}/escalate, the requester's escalation. Settings are checked at cold start; its secrets are read through a short cache on every
// invocation, so a rotation reaches it within minutes (functions/secrets.ts).
import { loadConfig } from '../config.js';
import { escalateRequestHandler } from '../http/get-request.js';
import { loadSecrets, refreshingSecrets } from '../secrets.js';
import { GET_REQUEST_SETTINGS, getRequestDeps, store, systemClock } from '../wiring.js';

const secrets = await loadSecrets(process.env);
const config = loadConfig(secrets.env, GET_REQUEST_SETTINGS);
export const handler = refreshingSecrets(
  secrets,
  escalateRequestHandler(getRequestDeps(config, systemClock, store(config), secrets.rings)),
);

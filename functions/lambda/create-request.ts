// Lambda entry: POST /requests. Settings are checked at cold start; its secrets are read through a short cache on every
// invocation, so a rotation reaches it within minutes (functions/secrets.ts).
import { loadConfig } from '../config.js';
import { createRequestHandler } from '../http/create-request.js';
import { loadSecrets, refreshingSecrets } from '../secrets.js';
import { CREATE_REQUEST_SETTINGS, createRequestDeps, store, systemClock } from '../wiring.js';

const secrets = await loadSecrets(process.env);
const config = loadConfig(secrets.env, CREATE_REQUEST_SETTINGS);
export const handler = refreshingSecrets(
  secrets,
  createRequestHandler(createRequestDeps(config, systemClock, store(config), secrets.rings)),
);

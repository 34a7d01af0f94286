// Lambda entry: POST /requests. Settings (and the token secret) are read and checked at cold start.
import { loadConfig } from '../config.js';
import { createRequestHandler } from '../http/create-request.js';
import { withSecrets } from '../secrets.js';
import { CREATE_REQUEST_SETTINGS, createRequestDeps } from '../wiring.js';

export const handler = createRequestHandler(
  createRequestDeps(loadConfig(await withSecrets(process.env), CREATE_REQUEST_SETTINGS)),
);

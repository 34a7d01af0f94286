// Lambda entry: POST /requests. Settings are checked at cold start.
import { loadConfig } from '../config.js';
import { createRequestHandler } from '../http/create-request.js';
import { CREATE_REQUEST_SETTINGS, createRequestDeps } from '../wiring.js';

export const handler = createRequestHandler(
  createRequestDeps(loadConfig(process.env, CREATE_REQUEST_SETTINGS)),
);

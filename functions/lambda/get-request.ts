// Lambda entry: GET /requests/{id}. Settings are checked at cold start.
import { loadConfig } from '../config.js';
import { getRequestHandler } from '../http/get-request.js';
import { withSecrets } from '../secrets.js';
import { GET_REQUEST_SETTINGS, getRequestDeps } from '../wiring.js';

export const handler = getRequestHandler(
  getRequestDeps(loadConfig(await withSecrets(process.env), GET_REQUEST_SETTINGS)),
);

// Lambda entry: POST /requests/{id}/escalate, the requester's escalation. Settings are checked at cold start.
import { loadConfig } from '../config.js';
import { escalateRequestHandler } from '../http/get-request.js';
import { withSecrets } from '../secrets.js';
import { GET_REQUEST_SETTINGS, getRequestDeps } from '../wiring.js';

export const handler = escalateRequestHandler(
  getRequestDeps(loadConfig(await withSecrets(process.env), GET_REQUEST_SETTINGS)),
);

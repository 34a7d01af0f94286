// Lambda entry: the scheduled retry of notifications that failed. Settings are checked at cold start.
import { loadConfig } from '../config.js';
import { redriveHandler } from '../notify/redrive-handler.js';
import { withSecrets } from '../secrets.js';
import { DELIVERY_SETTINGS, deliveryDeps } from '../wiring.js';

export const handler = redriveHandler(
  deliveryDeps(loadConfig(await withSecrets(process.env), DELIVERY_SETTINGS)),
);

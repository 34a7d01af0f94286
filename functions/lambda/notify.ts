// Lambda entry: the table's stream consumer that sends notifications. Settings are checked at cold start.
import { loadConfig } from '../config.js';
import { notificationStreamHandler } from '../notify/stream-handler.js';
import { withSecrets } from '../secrets.js';
import { DELIVERY_SETTINGS, deliveryDeps } from '../wiring.js';

export const handler = notificationStreamHandler(
  deliveryDeps(loadConfig(await withSecrets(process.env), DELIVERY_SETTINGS)),
);

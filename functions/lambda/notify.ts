// Lambda entry: the table's stream consumer that sends notifications. Settings are checked at cold start; secrets are read through a short cache
// on every invocation, so a rotation reaches it within minutes (functions/secrets.ts).
import { notificationStreamHandler } from '../notify/stream-handler.js';
import { withRotatingSecrets } from '../secrets.js';
import { DELIVERY_SETTINGS, deliveryDeps, store, systemClock } from '../wiring.js';

export const handler = await withRotatingSecrets(DELIVERY_SETTINGS, (config, rings) =>
  notificationStreamHandler(deliveryDeps(config, systemClock, store(config), undefined, rings)),
);

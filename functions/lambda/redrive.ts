// Lambda entry: the scheduled retry of notifications that failed. Settings are checked at cold start; secrets are read through a short cache
// on every invocation, so a rotation reaches it within minutes (functions/secrets.ts).
import { redriveHandler } from '../notify/redrive-handler.js';
import { withRotatingSecrets } from '../secrets.js';
import { DELIVERY_SETTINGS, deliveryDeps, store, systemClock } from '../wiring.js';

export const handler = await withRotatingSecrets(DELIVERY_SETTINGS, (config, rings) =>
  redriveHandler(deliveryDeps(config, systemClock, store(config), undefined, rings)),
);

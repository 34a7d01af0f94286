// Lambda entry: the table's stream consumer that sends notifications. Settings are checked at cold start; its secrets are read through a short cache on every
// invocation, so a rotation reaches it within minutes (functions/secrets.ts).
import { loadConfig } from '../config.js';
import { notificationStreamHandler } from '../notify/stream-handler.js';
import { loadSecrets, refreshingSecrets } from '../secrets.js';
import { DELIVERY_SETTINGS, deliveryDeps, store, systemClock } from '../wiring.js';

const secrets = await loadSecrets(process.env);
const config = loadConfig(secrets.env, DELIVERY_SETTINGS);
export const handler = refreshingSecrets(
  secrets,
  notificationStreamHandler(deliveryDeps(config, systemClock, store(config), undefined, secrets.rings)),
);

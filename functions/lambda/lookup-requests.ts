// Lambda entry: POST /requests/lookup. Settings are checked at cold start.
import { loadConfig } from '../config.js';
import { lookupRequestsHandler } from '../http/lookup-requests.js';
import { LOOKUP_SETTINGS, store, systemClock } from '../wiring.js';

export const handler = lookupRequestsHandler({
  lookups: store(loadConfig(process.env, LOOKUP_SETTINGS)),
  clock: systemClock,
});

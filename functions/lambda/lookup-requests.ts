// Lambda entry: POST /requests/lookup. Settings are checked at cold start, with the address-hash key (its rate
// windows are keyed by it; functions/secrets.ts).
import { lookupRequestsHandler } from '../http/lookup-requests.js';
import { withRotatingSecrets } from '../secrets.js';
import { LOOKUP_SETTINGS, store, systemClock } from '../wiring.js';

export const handler = await withRotatingSecrets(LOOKUP_SETTINGS, (config) =>
  lookupRequestsHandler({ lookups: store(config), clock: systemClock }),
);

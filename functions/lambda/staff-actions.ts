// Lambda entry: GET and POST /actions, the acknowledge/resolve links of staff mail. Settings are checked at cold start; secrets are read through a short cache
// on every invocation, so a rotation reaches it within minutes (functions/secrets.ts).
import { staffActionsHandler } from '../http/staff-actions.js';
import { withRotatingSecrets } from '../secrets.js';
import { STAFF_ACTION_SETTINGS, staffActionDeps, store, systemClock } from '../wiring.js';

export const handler = await withRotatingSecrets(STAFF_ACTION_SETTINGS, (config, rings) =>
  staffActionsHandler(staffActionDeps(config, systemClock, store(config), rings)),
);

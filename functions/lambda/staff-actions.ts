// Lambda entry: GET and POST /actions, the acknowledge/resolve links of staff mail. Settings are checked at cold
// start.
import { loadConfig } from '../config.js';
import { staffActionsHandler } from '../http/staff-actions.js';
import { withSecrets } from '../secrets.js';
import { STAFF_ACTION_SETTINGS, staffActionDeps } from '../wiring.js';

export const handler = staffActionsHandler(
  staffActionDeps(loadConfig(await withSecrets(process.env), STAFF_ACTION_SETTINGS)),
);

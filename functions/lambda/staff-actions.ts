// Lambda entry: GET and POST /actions, the acknowledge/resolve links of staff mail. Settings are checked at cold start; its secrets are read through a short cache on every
// invocation, so a rotation reaches it within minutes (functions/secrets.ts).
import { loadConfig } from '../config.js';
import { staffActionsHandler } from '../http/staff-actions.js';
import { loadSecrets, refreshingSecrets } from '../secrets.js';
import { STAFF_ACTION_SETTINGS, staffActionDeps, store, systemClock } from '../wiring.js';

const secrets = await loadSecrets(process.env);
const config = loadConfig(secrets.env, STAFF_ACTION_SETTINGS);
export const handler = refreshingSecrets(
  secrets,
  staffActionsHandler(staffActionDeps(config, systemClock, store(config), secrets.rings)),
);

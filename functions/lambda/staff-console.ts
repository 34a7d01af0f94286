// Lambda entry: GET and POST /staff/*, the staff console. Settings are checked at cold start; secrets are read through
// a short cache on every invocation, so a rotation reaches it within minutes (functions/secrets.ts).
import { withRotatingSecrets } from '../secrets.js';
import { STAFF_CONSOLE_SETTINGS, staffConsoleHandler } from '../staff-wiring.js';
import { store, systemClock } from '../wiring.js';

export const handler = await withRotatingSecrets(STAFF_CONSOLE_SETTINGS, (config, rings) =>
  staffConsoleHandler(config, systemClock, store(config), rings),
);

// Lambda entry: mail received on the receiving domain (SES receipt rule: the raw message to S3, then this function).
// Settings are checked at cold start; the reply-address secret is read through a short cache (functions/secrets.ts).
import { receiveMailHandler } from '../notify/receive-handler.js';
import { RECEIVE_SETTINGS, receiveDeps } from '../receive-wiring.js';
import { withRotatingSecrets } from '../secrets.js';
import { systemClock } from '../wiring.js';

export const handler = await withRotatingSecrets(RECEIVE_SETTINGS, (config, rings) =>
  receiveMailHandler(receiveDeps(config, systemClock, rings)),
);

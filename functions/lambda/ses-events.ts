// Lambda entry: SES bounce and complaint events from the configuration set, via EventBridge.
import { loadConfig } from '../config.js';
import { sesEventsHandler } from '../notify/ses-events-handler.js';
import { store, systemClock } from '../wiring.js';

const config = loadConfig(process.env, ['TABLE_NAME', 'AWS_REGION', 'DYNAMODB_ENDPOINT']);
export const handler = sesEventsHandler({ tickets: store(config), clock: systemClock });

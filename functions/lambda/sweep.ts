// Lambda entry: the SLA sweeper, on an EventBridge schedule every minute. Settings are checked at cold start.
import { loadConfig } from '../config.js';
import { sweepHandler } from '../lifecycle/sweep-handler.js';
import { SWEEP_SETTINGS, sweepDeps } from '../wiring.js';

export const handler = sweepHandler(sweepDeps(loadConfig(process.env, SWEEP_SETTINGS)));

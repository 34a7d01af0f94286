// `npm start`: the local twin. DynamoDB Local and the SES emulator start with it, and stop with it on Ctrl-C.
// Settings: PORT (3000), DYNAMODB_PORT (8000), SES_PORT (8005), DATA_DIR (.data), NOW (ISO instant, optional),
// ALLOWED_ORIGINS (extra CORS origins, comma-separated), RATE_LIMIT_PER_5MIN (100 POSTs per client IP, 0 off),
// STAFF_RATE_LIMIT_PER_5MIN (1000 console ticket actions per client IP, 0 off),
// ACK_LIMIT_PER_HOUR (3 acknowledgements per address, 0 off), LOG_LEVEL (WARN), SMTP_PORT (2525: mail in),
// RECEIVING_DOMAIN (respuestas.localhost), STAFF_PEOPLE (JSON; one example person).
import { resolve } from 'node:path';

process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LOG_LEVEL ?? 'WARN';
// Metrics are CloudWatch embedded-metric lines in AWS; locally they would only crowd the terminal.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
// Run with an older Node than the project's (npm scripts use Node 24), the SDK's Node 22 notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { parseInstant } = await import('#domain/time/instant.js');
const { startTwin } = await import('./twin/twin.js');
const { TWIN_STAFF_PEOPLE } = await import('./twin/mail-in.js');

/** A whole number from the environment, from 0 to `max`; anything else stops with the setting's name. */
function wholeNumber(name: string, fallback: number, max: number, what: string): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    console.error(`${name} must be ${what}, got ${JSON.stringify(process.env[name])}`);
    process.exit(2);
  }
  return value;
}
const port = (name: string, fallback: number) =>
  wholeNumber(name, fallback, 65535, 'a port number (0–65535)');
const count = (name: string, fallback: number) =>
  wholeNumber(name, fallback, Number.MAX_SAFE_INTEGER, 'a whole number (0 turns it off)');

let now: number | undefined;
if (process.env.NOW) {
  now = parseInstant(process.env.NOW);
  if (now === undefined) {
    console.error(`NOW must be an ISO-8601 instant (e.g. 2026-11-22T10:00:00-05:00), got ${process.env.NOW}`);
    process.exit(2);
  }
}

const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const twin = await startTwin({
  port: port('PORT', 3000),
  dynamoPort: port('DYNAMODB_PORT', 8000),
  sesPort: port('SES_PORT', 8005),
  smtpPort: port('SMTP_PORT', 2525),
  ...(process.env.RECEIVING_DOMAIN ? { receivingDomain: process.env.RECEIVING_DOMAIN } : {}),
  ...(process.env.STAFF_PEOPLE ? { staffPeople: process.env.STAFF_PEOPLE } : {}),
  dataDir,
  ...(now === undefined ? {} : { now }),
  allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '').split(',').filter(Boolean),
  rateLimitPer5Min: count('RATE_LIMIT_PER_5MIN', 100),
  staffRateLimitPer5Min: count('STAFF_RATE_LIMIT_PER_5MIN', 1000),
  ackLimitPerHour: count('ACK_LIMIT_PER_HOUR', 3),
});

/** The twin's one configured person, who may sign in to the console (any role mailbox of the catalog may too). */
const TWIN_PERSON = (JSON.parse(TWIN_STAFF_PEOPLE) as { email: string }[])[0]?.email;

process.stdout.write(
  [
    'Certicámara ticket router: local twin',
    `  API and form    ${twin.url}`,
    `  Staff console   ${twin.url}/staff   (sign in as ${TWIN_PERSON}: the link arrives in the mail viewer)`,
    `  Mail viewer     ${twin.sesUrl}   (JSON: ${twin.sesUrl}/store)`,
    `  DynamoDB Local  ${twin.dynamoEndpoint}   (data in ${dataDir})`,
    `  Mail in         ${twin.smtpUrl} (any address @${twin.receivingDomain})`,
    ...(now === undefined ? [] : [`  Clock           started at ${process.env.NOW}`]),
    '  Ctrl-C stops everything.',
    '',
  ].join('\n'),
);

/** A stop that takes longer (a handler stuck on a loaded machine) is cut short: exiting kills Java too. */
const STOP_WITHIN_MS = 10_000;
let stopping = false;
function shutdown(why: string): void {
  if (stopping) return;
  stopping = true;
  const began = Date.now();
  process.stdout.write(`\nstopping (${why})…\n`);
  setTimeout(() => {
    console.error(`not stopped within ${STOP_WITHIN_MS / 1000} s: exiting anyway (DynamoDB Local is killed)`);
    process.exit(1);
  }, STOP_WITHIN_MS);
  twin.stop().then(
    () => {
      process.stdout.write(`stopped in ${Date.now() - began} ms\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
// `npm start` runs this under `sh -c`, and a signal sent to npm alone ends that shell without passing the signal
// on: this process then outlives its parent. Stop with it, so no twin (or Java) is left behind.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) shutdown('parent process exited');
}, 500).unref();

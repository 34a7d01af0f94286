// `npm run bench`: every benchmark, printed with its figures, targets and ratios; `-- --json` prints one JSON object
// keyed by benchmark instead. `-- --quick` shortens the rounds; `-- --skip-slow` (or BENCH_SKIP_SLOW=1) leaves out
// the cold-start, load and staff console benchmarks, which bundle every function or start DynamoDB Local;
// `-- --only <name>` runs one (routing, handler, cold-start, load, capacity: the load's, staff). Benchmarks, not
// tests: the numbers depend on the machine.
import { cpus } from 'node:os';
import { WCU_BUDGET_PER_SUBMISSION } from '../scripts/capacity.js';
import { benchColdStart } from './cold-start.js';
import { benchHandler } from './handler.js';
import { benchLoad, LOAD_PROOF, LOAD_SWITCHES } from './load.js';
import { benchRouting } from './routing.js';
import { benchStaff, type PageFigures } from './staff.js';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const skipSlow = process.argv.includes('--skip-slow') || process.env.BENCH_SKIP_SLOW === '1';
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const BENCHES = ['routing', 'handler', 'cold-start', 'load', 'capacity', 'staff'];
if (onlyAt >= 0 && !BENCHES.includes(only ?? '')) {
  throw new Error(`--only takes one of ${BENCHES.join(', ')}`);
}
/** Whether a benchmark runs: all of them but the slow ones with --skip-slow, or the one --only names. */
const runs = (name: string, slow = false) =>
  only === undefined ? !(slow && skipSlow) : only === name || (name === 'load' && only === 'capacity');
const options = quick
  ? { rounds: 3, roundMs: 250, warmupMs: 200 }
  : { rounds: 5, roundMs: 1000, warmupMs: 500 };

const TARGETS = {
  opsPerSec: 1_000_000,
  ratio: 50,
  handlerP99Ms: 1,
  overEmptyMs: 50,
  bytesWithoutSdk: 150 * 1024,
  wcuPerSubmission: WCU_BUDGET_PER_SUBMISSION,
  // A page a person waits for, on the emulator (Lambda and API Gateway add their own), and read units that stay
  // bounded by the page's cap however long the queue or the year: docs/performance.md says why these.
  staffQueue: { p99Ms: 250, rcu: 40 },
  staffReport: { p99Ms: 1500, rcu: 400 },
  staffCsv: { p99Ms: 250, rcu: 40 },
} as const;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const say = (line = '') => {
  if (!json) process.stdout.write(`${line}\n`);
};
const mark = (ok: boolean) => (ok ? 'ok' : 'ABOVE TARGET');

const results: Record<string, unknown> = {};

if (runs('routing')) {
  const routing = await benchRouting(options);
  results.routing = routing;
  say(
    `routing  (median of ${options.rounds} rounds × ${options.roundMs} ms, one core, Node ${process.version})`,
  );
  say(
    `  engine: ${fmt(routing.opsPerSec)} complete decisions/s   target ≥ ${fmt(TARGETS.opsPerSec)}   ${routing.opsPerSec >= TARGETS.opsPerSec ? 'ok' : 'BELOW TARGET'}`,
  );
  say(`  peer:   ${fmt(routing.peerOpsPerSec)} decisions/s (json-rules-engine + the same calendar code)`);
  say(
    `  ratio:  ${routing.ratio.toFixed(1)}×   target ≥ ${TARGETS.ratio}×   ${routing.ratio >= TARGETS.ratio ? 'ok' : 'BELOW TARGET'}`,
  );
  say('  (decisions return instants as epoch ms; ISO-8601 formatting happens outside the timed loop)');
}

if (runs('handler')) {
  const handler = await benchHandler(quick ? { invocations: 5_000, warmup: 500 } : {});
  results.handler = { p50Ms: handler.p50Ms, p99Ms: handler.p99Ms };
  say();
  say(
    `handler  POST /requests, in-memory register, ${fmt(handler.invocations)} invocations one after another`,
  );
  say(
    `  p50 ${handler.p50Ms.toFixed(3)} ms   p99 ${handler.p99Ms.toFixed(3)} ms   target p99 < ${TARGETS.handlerP99Ms} ms   ${mark(handler.p99Ms < TARGETS.handlerP99Ms)}`,
  );
}

if (runs('cold-start', true)) {
  const cold = await benchColdStart();
  results.coldStart = cold.functions;
  say();
  say(
    `cold start  median import of the bundle in a fresh Node process; empty handler: ${cold.emptyMs.toFixed(0)} ms; one that only creates the DynamoDB and Secrets Manager clients: ${cold.sdkMs.toFixed(0)} ms (${(cold.sdkMs - cold.emptyMs).toFixed(0)} ms over empty)`,
  );
  say(
    `  ${'function'.padEnd(17)}${'import'.padStart(8)}${'over empty'.padStart(12)}${'over SDK'.padStart(10)}${'bundle'.padStart(10)}${'w/o SDK'.padStart(10)}`,
  );
  say(
    `  libraries added for go-live, alone over empty: ${Object.entries(cold.libraries)
      .map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`)
      .join(', ')}`,
  );
  const tracerFits = Object.values(cold.functions).every((c) => c.overSdkMs === null || c.overSdkMs < 30);
  say(
    `  Powertools Tracer: added only if every function's code stays under 30 ms over the SDK-only handler: ${tracerFits ? 'it does' : 'it does not, so the functions keep Lambda active tracing without the Tracer library'}`,
  );
  for (const [name, c] of Object.entries(cold.functions)) {
    const notes = [
      c.overEmptyMs < TARGETS.overEmptyMs ? '' : 'time ABOVE TARGET',
      c.bytesWithoutSdk > TARGETS.bytesWithoutSdk
        ? 'size over 150 KB (luxon is 69 KB of it, see docs/performance.md)'
        : '',
    ].filter(Boolean);
    say(
      `  ${name.padEnd(17)}${`${c.importMs.toFixed(0)} ms`.padStart(8)}${`${c.overEmptyMs.toFixed(0)} ms`.padStart(12)}${(c.overSdkMs === null ? 'no SDK' : `${c.overSdkMs.toFixed(0)} ms`).padStart(10)}${`${(c.bytes / 1024).toFixed(0)} KiB`.padStart(10)}${`${(c.bytesWithoutSdk / 1024).toFixed(0)} KiB`.padStart(10)}   ${notes.length > 0 ? notes.join('; ') : 'ok'}`,
    );
  }
}

if (runs('load', true)) {
  const { load, dynamodb } = await benchLoad(quick ? { amount: 200, connections: 10 } : {});
  results.load = load;
  results.dynamodb = dynamodb;
  say();
  say('load  autocannon (second process) → local twin on loopback, DynamoDB Local embedded, 10 connections');
  say(
    `  submits with ${LOAD_PROOF}; switches: RATE_LIMIT_PER_5MIN=${LOAD_SWITCHES.rateLimitPer5Min}, ACK_LIMIT_PER_HOUR=${LOAD_SWITCHES.ackLimitPerHour} (0 = off)`,
  );
  say(
    `  ${load.requestsPerSec.toFixed(0)} submissions/s   p99 ${load.p99Ms.toFixed(0)} ms   201s ${load.accepted}   tickets ${load.tickets}   mails recorded as sent ${load.emails}   ${load.tickets === load.accepted && load.emails === 2 * load.accepted ? 'ok' : 'MISMATCH'}`,
  );
  say();
  say(
    'dynamodb  ReturnConsumedCapacity: one submission from the web form, both mails delivered (docs/records.md)',
  );
  for (const line of dynamodb.table.split('\n')) say(`  ${line}`);
  say(
    `  ${dynamodb.wcuPerSubmission.toFixed(1)} WCU per submission   target ≤ ${TARGETS.wcuPerSubmission}   ${mark(dynamodb.wcuPerSubmission <= TARGETS.wcuPerSubmission)}   ${dynamodb.rcuPerStatusRead.toFixed(1)} RCU per status read`,
  );
}

if (runs('staff', true)) {
  const staff = await benchStaff(quick ? { views: 10 } : {});
  results.staff = staff;
  say();
  say(
    `staff console  DynamoDB Local: ${fmt(staff.openTickets)} open tickets in certifactura/support, a year of PQRSA (${fmt(staff.pqrsaTickets)}), the console's handler with a session on the table (seeded in ${staff.seedSeconds.toFixed(0)} s)`,
  );
  const row = (name: string, page: PageFigures, target: { p99Ms: number; rcu: number }) =>
    say(
      `  ${name.padEnd(40)} p50 ${page.p50Ms.toFixed(0).padStart(4)} ms   p99 ${page.p99Ms.toFixed(0).padStart(4)} ms (target < ${target.p99Ms}, ×${(page.p99Ms / target.p99Ms).toFixed(2)})   ${page.rcuPerView.toFixed(1).padStart(6)} RCU (target ≤ ${target.rcu}, ×${(page.rcuPerView / target.rcu).toFixed(2)})   ${(page.bytes / 1024).toFixed(1).padStart(6)} KiB (${(page.wireBytes / 1024).toFixed(1)} KiB gzipped)   ${mark(page.p99Ms < target.p99Ms && page.rcuPerView <= target.rcu)}`,
    );
  row('GET /staff (both queues, 200 each)', staff.queuePage, TARGETS.staffQueue);
  row('GET /staff, legacyQueueIndex table', staff.legacyQueuePage, TARGETS.staffQueue);
  row('GET /staff/reports/pqrsa (a year)', staff.reportPage, TARGETS.staffReport);
  row('GET /staff/reports/pqrsa.csv (a month)', staff.reportCsv, TARGETS.staffCsv);
  say(
    `  the report's twelve month queries alone, in parallel: p50 ${staff.reportReadsP50Ms.toFixed(0)} ms (the rest of its p50 is the report's sums and its HTML)`,
  );
  say(
    `  (${staff.queuePage.views} views each, one after another, after two unmeasured; RCU include the session check)`,
  );
}
say();
say(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);

if (json) process.stdout.write(`${JSON.stringify(results)}\n`);

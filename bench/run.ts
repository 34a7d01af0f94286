// `npm run bench`: every benchmark, printed with its figures, targets and ratios; `-- --json` prints one JSON object
// keyed by benchmark instead. `-- --quick` shortens the rounds; `-- --skip-slow` (or BENCH_SKIP_SLOW=1) leaves out
// the cold-start and load benchmarks, which bundle every function and start DynamoDB Local. Benchmarks, not tests:
// the numbers depend on the machine.
import { cpus } from 'node:os';
import { WCU_BUDGET_PER_SUBMISSION } from '../scripts/capacity.js';
import { benchColdStart } from './cold-start.js';
import { benchHandler } from './handler.js';
import { benchLoad, LOAD_PROOF, LOAD_SWITCHES } from './load.js';
import { benchRouting } from './routing.js';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const skipSlow = process.argv.includes('--skip-slow') || process.env.BENCH_SKIP_SLOW === '1';
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
} as const;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const say = (line = '') => {
  if (!json) process.stdout.write(`${line}\n`);
};
const mark = (ok: boolean) => (ok ? 'ok' : 'ABOVE TARGET');

const results: Record<string, unknown> = {};

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

const handler = await benchHandler(quick ? { invocations: 5_000, warmup: 500 } : {});
results.handler = { p50Ms: handler.p50Ms, p99Ms: handler.p99Ms };
say();
say(`handler  POST /requests, in-memory register, ${fmt(handler.invocations)} invocations one after another`);
say(
  `  p50 ${handler.p50Ms.toFixed(3)} ms   p99 ${handler.p99Ms.toFixed(3)} ms   target p99 < ${TARGETS.handlerP99Ms} ms   ${mark(handler.p99Ms < TARGETS.handlerP99Ms)}`,
);

if (!skipSlow) {
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
say();
say(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);

if (json) process.stdout.write(`${JSON.stringify(results)}\n`);

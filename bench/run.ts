// `npm run bench`: every benchmark, printed with its figures and ratios; `-- --json` prints one JSON object keyed
// by benchmark instead. Benchmarks, not tests: the numbers depend on the machine.
import { benchRouting } from './routing.js';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const options = quick
  ? { rounds: 3, roundMs: 250, warmupMs: 200 }
  : { rounds: 5, roundMs: 1000, warmupMs: 500 };

const TARGETS = { opsPerSec: 1_000_000, ratio: 50 } as const;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const routing = await benchRouting(options);

if (json) {
  process.stdout.write(`${JSON.stringify({ routing })}\n`);
} else {
  const mark = (ok: boolean) => (ok ? 'ok' : 'BELOW TARGET');
  process.stdout.write(
    [
      `routing  (median of ${options.rounds} rounds × ${options.roundMs} ms, one core, Node ${process.version})`,
      `  engine: ${fmt(routing.opsPerSec)} complete decisions/s   target ≥ ${fmt(TARGETS.opsPerSec)}   ${mark(routing.opsPerSec >= TARGETS.opsPerSec)}`,
      `  peer:   ${fmt(routing.peerOpsPerSec)} decisions/s (json-rules-engine + the same calendar code)`,
      `  ratio:  ${routing.ratio.toFixed(1)}×   target ≥ ${TARGETS.ratio}×   ${mark(routing.ratio >= TARGETS.ratio)}`,
      '  (decisions return instants as epoch ms; ISO-8601 formatting happens outside the timed loop)',
      '',
    ].join('\n'),
  );
}

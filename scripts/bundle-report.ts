// `npm run bundle-report`: bundles every Lambda function the way the CDK stack does (esbuild, minified ESM), once
// with the AWS SDK clients inside and once leaving them to the Lambda runtime, and prints each bundle's size and
// the time a fresh Node process takes to import it (the module-loading part of a cold start). `--json` for JSON.
import { BUNDLING, entryPath, FUNCTION_ENTRIES } from '../infra/constructs/bundling.js';
import { bundle, bundleDir, RUNS, type Variant } from './bundles.js';

const report: Record<string, { bundled: Variant; runtime: Variant }> = {};
const scratch = await bundleDir();
try {
  for (const name of FUNCTION_ENTRIES) {
    report[name] = {
      bundled: await bundle(entryPath(name), name, true, scratch.dir),
      runtime: await bundle(entryPath(name), name, false, scratch.dir),
    };
  }
} finally {
  scratch.dispose();
}

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`.padStart(9);
  const ms = (n: number) => `${n.toFixed(0)} ms`.padStart(7);
  const lines = [
    `Lambda bundles (esbuild, minified ESM, ${BUNDLING.target}); import time: median of ${RUNS} fresh Node ${process.version} processes`,
    '',
    `${'function'.padEnd(16)} ${'SDK bundled'.padStart(9)} ${'gzip'.padStart(9)} ${'import'.padStart(7)}   ${'SDK from runtime'.padStart(9)} ${'gzip'.padStart(9)} ${'import'.padStart(7)}`,
  ];
  for (const [name, { bundled, runtime }] of Object.entries(report)) {
    lines.push(
      `${name.padEnd(16)} ${kib(bundled.bytes)} ${kib(bundled.gzipBytes)} ${ms(bundled.importMs)}   ${kib(runtime.bytes).padStart(16)} ${kib(runtime.gzipBytes)} ${ms(runtime.importMs)}`,
    );
  }
  lines.push('', 'Largest parts of the bundles (SDK bundled):');
  for (const [name, { bundled }] of Object.entries(report)) {
    lines.push(
      `  ${name}: ${bundled.topInputs.map(([p, b]) => `${p} ${(b / 1024).toFixed(0)}K`).join(', ')}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

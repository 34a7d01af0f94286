// `npm run bundle-report`: bundles every Lambda function the way the CDK stack does (esbuild, minified ESM), once
// with the AWS SDK clients inside and once leaving them to the Lambda runtime, and prints each bundle's size and
// the time a fresh Node process takes to import it (the module-loading part of a cold start). `--json` for JSON.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import {
  BUNDLING,
  entryPath,
  FUNCTION_ENTRIES,
  type FunctionName,
  PROJECT_ROOT,
} from '../infra/constructs/bundling.js';
import { writeWeb } from './web-build.js';

const RUNS = Number(process.env.IMPORT_RUNS ?? 7);

interface Variant {
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Median milliseconds to import the bundle in a fresh process (settings the module reads are provided). */
  readonly importMs: number;
  readonly topInputs: readonly (readonly [string, number])[];
}

const ENV = {
  TABLE_NAME: 'tickets',
  PUBLIC_BASE_URL: 'https://api.example.com',
  TOKEN_SECRET: 'x'.repeat(40),
  ACTION_LINK_SECRET: 'y'.repeat(40),
  MAIL_FROM: 'router@example.com',
  PAGER_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:p1-alerts',
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

async function bundle(name: FunctionName, sdkBundled: boolean, outdir: string): Promise<Variant> {
  const outfile = join(outdir, `${name}-${sdkBundled ? 'bundled' : 'runtime'}.mjs`);
  const result = await build({
    entryPoints: [entryPath(name)],
    outfile,
    bundle: true,
    platform: 'node',
    target: BUNDLING.target,
    format: BUNDLING.format,
    minify: BUNDLING.minify,
    sourcemap: 'external',
    banner: { js: BUNDLING.banner },
    mainFields: [...BUNDLING.mainFields],
    external: sdkBundled ? [] : ['@aws-sdk/*', '@smithy/*'],
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: PROJECT_ROOT,
  });
  const bytes = statSync(outfile).size;
  return {
    bytes,
    gzipBytes: gzipSync(readFileSync(outfile)).byteLength,
    importMs: medianImportMs(outfile),
    topInputs: topPackages(result.metafile, outfile),
  };
}

/** Import the bundle in a fresh Node process, RUNS times; external SDK modules resolve from node_modules. */
function medianImportMs(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t));`;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...ENV, NODE_PATH: join(PROJECT_ROOT, 'node_modules') },
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`importing ${file} failed: ${run.stderr}`);
    times.push(Number(run.stdout));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

function topPackages(metafile: Metafile, outfile: string): (readonly [string, number])[] {
  const output = Object.entries(metafile.outputs).find(([path]) =>
    outfile.endsWith(path.replace(/^.*\//, '')),
  )?.[1];
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = match?.[1] ?? `(project) ${path.split('/')[0]}`;
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
}

const outdir = mkdtempSync(join(tmpdir(), 'bundles-'));
// External SDK imports must resolve from the bundles' folder, as /var/runtime does in Lambda.
mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, 'package.json'), '{"type":"module"}');
spawnSync('ln', ['-s', join(PROJECT_ROOT, 'node_modules'), join(outdir, 'node_modules')]);
// The web function reads its pages from web/ beside its bundle, as the deployed asset has them.
await writeWeb(join(outdir, 'web'));

const report: Record<string, { bundled: Variant; runtime: Variant }> = {};
try {
  for (const name of FUNCTION_ENTRIES) {
    report[name] = { bundled: await bundle(name, true, outdir), runtime: await bundle(name, false, outdir) };
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
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

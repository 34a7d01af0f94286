// Bundling and import-time measurement shared by `npm run bundle-report` and the cold-start benchmark: each Lambda
// entry bundled the way the CDK stack does it (esbuild, minified ESM), then imported in fresh Node processes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { BUNDLING, PROJECT_ROOT } from '../infra/constructs/bundling.js';
import { writeWeb } from './web-build.js';

export const RUNS = Number(process.env.IMPORT_RUNS ?? 7);

export interface Variant {
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
  FORM_TOKEN_SECRET: 'z'.repeat(40),
  REQUESTER_HASH_SECRET: 'h'.repeat(40),
  POWERTOOLS_METRICS_DISABLED: 'true',
  MAIL_FROM: 'router@example.com',
  RECEIVING_DOMAIN: 'respuestas.example.com',
  // The receiving function's bucket of raw mail (its prefix and STAFF_PEOPLE have defaults).
  INBOUND_BUCKET: 'certicamara-inbound',
  PAGER_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:p1-alerts',
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

/** Bundles `entry` into `outdir` as `<label>-bundled.mjs` (SDK inside) or `<label>-runtime.mjs` (SDK left out). */
export async function bundle(
  entry: string,
  label: string,
  sdkBundled: boolean,
  outdir: string,
): Promise<Variant> {
  const outfile = join(outdir, `${label}-${sdkBundled ? 'bundled' : 'runtime'}.mjs`);
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: BUNDLING.target,
    format: BUNDLING.format,
    minify: BUNDLING.minify,
    sourcemap: 'external',
    banner: { js: BUNDLING.banner },
    define: { ...BUNDLING.define },
    alias: { ...BUNDLING.alias },
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
export function medianImportMs(file: string): number {
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

/**
 * A scratch folder for bundles: external SDK imports resolve from it (as /var/runtime does in Lambda), and the web
 * function finds its pages in web/ beside its bundle, as the deployed asset has them. `dispose` removes it.
 */
export async function bundleDir(): Promise<{ readonly dir: string; dispose(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'bundles-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  spawnSync('ln', ['-s', join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules')]);
  await writeWeb(join(dir, 'web'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

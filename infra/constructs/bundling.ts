// How every Lambda function is bundled (esbuild, no Docker), shared by the CDK construct and `npm run bundle-report`.
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One small entry file per function under functions/lambda. */
export const FUNCTION_ENTRIES = [
  'create-request',
  'get-request',
  'preview-routing',
  'lookup-requests',
  'escalate-request',
  'staff-actions',
  'staff-console',
  'attachments',
  'web',
  'notify',
  'redrive',
  'ses-events',
  'receive-mail',
  'sweep',
] as const;
export type FunctionName = (typeof FUNCTION_ENTRIES)[number];

export const entryPath = (name: FunctionName) => `${PROJECT_ROOT}functions/lambda/${name}.ts`;

/**
 * ESM (top-level await reads secrets at cold start), minified, with external source maps. The AWS SDK clients are
 * bundled, not taken from the runtime: see "Bundling" in docs/performance.md for the measurements behind it.
 */
export const BUNDLING = {
  target: 'node24',
  format: 'esm',
  minify: true,
  sourceMap: true,
  /** ESM bundles of CommonJS dependencies still call `require`; give them one. */
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  mainFields: ['module', 'main'],
  /** The catalog was validated at synth (infra/app.ts): the bundles skip the check at cold start (data/index.ts). */
  define: { __CATALOG_VALIDATED__: 'true' },
  /** Credentials from the environment only, as Lambda provides them (functions/adapters/lambda-credentials.ts). */
  alias: { '@aws-sdk/credential-provider-node': `${PROJECT_ROOT}functions/adapters/lambda-credentials.ts` },
} as const;

// Cold start, the part we control: the time a fresh Node process takes to import each function's bundle (as
// deployed: minified ESM, SDK inside), against an empty handler bundled the same way (and against one that only
// creates the SDK clients, to tell the SDK's share from ours), and each bundle's size.
import { fileURLToPath } from 'node:url';
import { entryPath, FUNCTION_ENTRIES } from '../infra/constructs/bundling.js';
import { bundle, bundleDir } from '../scripts/bundles.js';

export interface ColdStart {
  readonly importMs: number;
  readonly overEmptyMs: number;
  /**
   * Beyond a handler that only creates the DynamoDB and Secrets Manager clients: our code and libraries. Null for a
   * function without AWS SDK clients (its whole import is ours).
   */
  readonly overSdkMs: number | null;
  /** The bundle as deployed (SDK inside). */
  readonly bytes: number;
  /** Without the AWS SDK, which the Lambda runtime also provides. */
  readonly bytesWithoutSdk: number;
}

export async function benchColdStart(): Promise<{
  emptyMs: number;
  sdkMs: number;
  /** Libraries added for go-live, each alone over the empty handler (ms). */
  libraries: Record<string, number>;
  functions: Record<string, ColdStart>;
}> {
  const scratch = await bundleDir();
  const baseline = (file: string) =>
    bundle(fileURLToPath(new URL(`./${file}.ts`, import.meta.url)), file, true, scratch.dir);
  try {
    const empty = await baseline('empty-handler');
    const sdk = await baseline('sdk-handler');
    const libraries = {
      'Powertools Metrics': (await baseline('metrics-handler')).importMs - empty.importMs,
      'Powertools Parameters (SecretsProvider)':
        (await baseline('parameters-handler')).importMs - empty.importMs,
    };
    const functions: Record<string, ColdStart> = {};
    for (const name of FUNCTION_ENTRIES) {
      const bundled = await bundle(entryPath(name), name, true, scratch.dir);
      const runtime = await bundle(entryPath(name), name, false, scratch.dir);
      functions[name] = {
        importMs: bundled.importMs,
        overEmptyMs: bundled.importMs - empty.importMs,
        overSdkMs: bundled.bytes === runtime.bytes ? null : bundled.importMs - sdk.importMs,
        bytes: bundled.bytes,
        bytesWithoutSdk: runtime.bytes,
      };
    }
    return { emptyMs: empty.importMs, sdkMs: sdk.importMs, libraries, functions };
  } finally {
    scratch.dispose();
  }
}

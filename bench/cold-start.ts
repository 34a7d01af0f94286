// Cold start, the part we control: the time a fresh Node process takes to import each function's bundle (as
// deployed: minified ESM, SDK inside), against an empty handler bundled the same way, and each bundle's size.
import { fileURLToPath } from 'node:url';
import { entryPath, FUNCTION_ENTRIES } from '../infra/constructs/bundling.js';
import { bundle, bundleDir } from '../scripts/bundles.js';

export interface ColdStart {
  readonly importMs: number;
  readonly overEmptyMs: number;
  /** The bundle as deployed (SDK inside). */
  readonly bytes: number;
  /** Without the AWS SDK, which the Lambda runtime also provides. */
  readonly bytesWithoutSdk: number;
}

export async function benchColdStart(): Promise<{ emptyMs: number; functions: Record<string, ColdStart> }> {
  const scratch = await bundleDir();
  try {
    const empty = await bundle(
      fileURLToPath(new URL('./empty-handler.ts', import.meta.url)),
      'empty',
      true,
      scratch.dir,
    );
    const functions: Record<string, ColdStart> = {};
    for (const name of FUNCTION_ENTRIES) {
      const bundled = await bundle(entryPath(name), name, true, scratch.dir);
      const runtime = await bundle(entryPath(name), name, false, scratch.dir);
      functions[name] = {
        importMs: bundled.importMs,
        overEmptyMs: bundled.importMs - empty.importMs,
        bytes: bundled.bytes,
        bytesWithoutSdk: runtime.bytes,
      };
    }
    return { emptyMs: empty.importMs, functions };
  } finally {
    scratch.dispose();
  }
}

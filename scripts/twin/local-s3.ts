// The twin's S3: s3rver in this process, with the buckets the functions use created at start. It speaks the S3 API
// the SDK's path-style client calls (functions/adapters/s3-raw-mail.ts s3Client with S3_ENDPOINT) and keeps objects as
// files under `directory`.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from './emulators.js';

/** What the twin uses of s3rver (it ships no types). */
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  configureBuckets: readonly { name: string }[];
}) => S3rverServer;

/**
 * Starts s3rver on 127.0.0.1:`port` (0: a free one the system picks, so none can be taken in between) with `buckets`
 * created. Objects live under `directory` (kept), or in a temporary folder removed on stop.
 */
export async function startLocalS3(options: {
  readonly port?: number;
  readonly directory?: string;
  readonly buckets: readonly string[];
}): Promise<Emulator> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const temporary = options.directory ? undefined : mkdtempSync(join(tmpdir(), 'twin-s3-'));
  const directory = options.directory ?? (temporary as string);
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  const removeTemporary = () => {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  };
  let address: AddressInfo;
  try {
    address = await server.run();
  } catch (error) {
    removeTemporary();
    throw error;
  }
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    async stop() {
      await server.close();
      removeTemporary();
    },
  };
}

// The twin's S3: s3rver in this process, with the buckets the functions use created at start. It speaks the S3 API
// the SDK's path-style client calls (functions/adapters/s3-raw-mail.ts s3Client with S3_ENDPOINT) and keeps objects as
// files under `directory`. It plays GuardDuty Malware Protection too: every object created under `cleanPrefix` is
// tagged `GuardDutyMalwareScanStatus=NO_THREATS_FOUND` right after (the twin scans nothing; it tags uploads clean).
// The buckets take browser POSTs (presigned uploads) from any origin; s3rver does not check a POST's policy.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { SCAN_CLEAN, SCAN_TAG } from '#functions/adapters/s3-attachments.js';
import { s3Client } from '#functions/adapters/s3-raw-mail.js';
import type { Emulator } from './emulators.js';

/** What the twin uses of s3rver (it ships no types). */
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  on(event: 'event', listener: (event: S3rverEvent) => void): void;
}
interface S3rverEvent {
  readonly Records: readonly {
    readonly eventName: string;
    readonly s3: { readonly bucket: { readonly name: string }; readonly object: { readonly key: string } };
  }[];
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  configureBuckets: readonly { name: string; configs: readonly string[] }[];
}) => S3rverServer;

/**
 * Starts s3rver on 127.0.0.1:`port` (0: a free one the system picks, so none can be taken in between) with `buckets`
 * created. Objects live under `directory` (kept), or in a temporary folder removed on stop.
 */
export async function startLocalS3(options: {
  readonly port?: number;
  readonly directory?: string;
  readonly buckets: readonly string[];
  /** Objects created under this prefix are tagged clean, as GuardDuty tags what it scanned clean. */
  readonly cleanPrefix?: string;
  readonly onError?: (error: unknown) => void;
}): Promise<Emulator> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const temporary = options.directory ? undefined : mkdtempSync(join(tmpdir(), 'twin-s3-'));
  const directory = options.directory ?? (temporary as string);
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    directory,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [BROWSER_UPLOADS] })),
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
  const endpoint = `http://127.0.0.1:${address.port}`;
  const s3 = s3Client({ AWS_REGION: 'local', S3_ENDPOINT: endpoint });
  const { cleanPrefix } = options;
  if (cleanPrefix !== undefined) {
    server.on('event', ({ Records }) => {
      for (const { eventName, s3: where } of Records) {
        if (!eventName.startsWith('ObjectCreated:') || !where.object.key.startsWith(cleanPrefix)) continue;
        const Tagging = { TagSet: [{ Key: SCAN_TAG, Value: SCAN_CLEAN }] };
        const tag = new PutObjectTaggingCommand({
          Bucket: where.bucket.name,
          Key: where.object.key,
          Tagging,
        });
        s3.send(tag).catch((error: unknown) => options.onError?.(error));
      }
    });
  }
  return {
    endpoint,
    async stop() {
      await server.close();
      s3.destroy();
      removeTemporary();
    },
  };
}

/** Browser uploads (presigned POSTs) from any local page; S3 in AWS allows the configured origins only. */
const BROWSER_UPLOADS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>POST</AllowedMethod>
<AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

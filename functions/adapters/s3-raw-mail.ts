// The RawMailStore port on S3: SES's receipt rule writes each received message to the bucket (S3 action), and the
// receiving function reads it back by key. In the twin the same code reads from s3rver.
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { RawMailStore } from '#domain/ports.js';

const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** An S3 client for the configured region, or for a local endpoint (path-style, s3rver's credentials). */
export function s3Client(config: {
  readonly AWS_REGION: string;
  readonly S3_ENDPOINT?: string | undefined;
}): S3Client {
  return new S3Client({
    region: config.AWS_REGION,
    ...(config.S3_ENDPOINT
      ? { endpoint: config.S3_ENDPOINT, forcePathStyle: true, credentials: LOCAL_CREDENTIALS }
      : {}),
  });
}

export class S3RawMailStore implements RawMailStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async get(key: string): Promise<Uint8Array> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!object.Body) throw new Error(`received mail ${key} has no body`);
    return object.Body.transformToByteArray();
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

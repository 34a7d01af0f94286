// Attachments on S3, beside the received mail (`attachments/<radicado>/<id>` in the same bucket): presigned POST forms
// for the requester's uploads (exact key, exact type, 1 byte to the declared size, 10 minutes), the files of received
// mail written by the receiving function, the scan verdict GuardDuty tags each object with, presigned GETs of a few
// minutes for the download route, and deleting a ticket's files when its data is erased.
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type AttachmentStore, attachmentPrefix, UPLOAD_WINDOW_MS } from '#domain/attachments.js';

/** The tag GuardDuty Malware Protection for S3 puts on every object it scanned, and its clean value. */
export const SCAN_TAG = 'GuardDutyMalwareScanStatus';
export const SCAN_CLEAN = 'NO_THREATS_FOUND';
/** How long a presigned GET works: the link in a mail or page is redirected to one at each use. */
export const DOWNLOAD_URL_SECONDS = 300;

/** Whether a stored file may be served: not there (yet), not scanned yet, scanned and blocked, or clean. */
export type FileState = 'missing' | 'scanning' | 'blocked' | 'clean';

export interface UploadForm {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

export class S3Attachments implements AttachmentStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    /** Off for accounts without GuardDuty Malware Protection: a file is served once it exists. */
    private readonly scanning: boolean,
  ) {}

  /** A form the browser posts with the file as its last field, `file`. */
  async uploadForm(key: string, type: string, maxBytes: number): Promise<UploadForm> {
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Fields: { 'Content-Type': type },
      Conditions: [
        ['content-length-range', 1, maxBytes],
        ['eq', '$Content-Type', type],
      ],
      Expires: UPLOAD_WINDOW_MS / 1000,
    });
    return { url, fields };
  }

  async put(key: string, type: string, content: Uint8Array): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: content, ContentType: type }),
    );
  }

  async state(key: string): Promise<FileState> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (isMissing(error)) return 'missing';
      throw error;
    }
    if (!this.scanning) return 'clean';
    const { TagSet = [] } = await this.s3.send(
      new GetObjectTaggingCommand({ Bucket: this.bucket, Key: key }),
    );
    const status = TagSet.find((t) => t.Key === SCAN_TAG)?.Value;
    if (status === undefined) return 'scanning';
    return status === SCAN_CLEAN ? 'clean' : 'blocked';
  }

  /** A GET valid DOWNLOAD_URL_SECONDS that saves the file under its name, with its recorded type. */
  downloadUrl(key: string, name: string, type: string): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: contentDisposition(name),
      ResponseContentType: type,
    });
    return getSignedUrl(this.s3, command, { expiresIn: DOWNLOAD_URL_SECONDS });
  }

  async deleteAll(ticketId: string): Promise<void> {
    const Prefix = attachmentPrefix(ticketId);
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix, ContinuationToken: token }),
      );
      const objects = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (objects.length > 0)
        await this.s3.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: objects, Quiet: true } }),
        );
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}

function isMissing(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404;
}

/** `attachment` with an ASCII fallback name and the exact one in RFC 5987 form. */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const exact = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

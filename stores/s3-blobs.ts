/**
 * The bucket on S3 (or s3rver locally). Streams go up as multipart uploads (lib-storage), so a report of a
 * million lines never sits in memory. Checksums only when required: s3rver stores stream uploads with their
 * chunk framing otherwise.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Readable as NodeReadable, pipeline, Transform } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { type BlobStore, type BlobVersion, ReplacedError } from '../pipeline/ports';

export function s3Client(config: S3ClientConfig = {}): S3Client {
  return new S3Client({
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...config,
  });
}

const isMissing = (err: unknown) =>
  err instanceof NoSuchKey ||
  err instanceof NotFound ||
  (err as { name?: string }).name === 'NotFound' ||
  (err as { name?: string }).name === 'NoSuchKey';

/** S3 keys in events and copy sources are URL-encoded; the keys we use are not. */
const copySource = (bucket: string, key: string) =>
  `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;

export class S3BlobStore implements BlobStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    /**
     * s3rver: it ignores If-Match, and writes an upload over the object it replaces before the ETag changes, so a
     * read of a version checks the MD5 of its bytes against the ETag (on S3 an ETag need not be the MD5, e.g. with
     * SSE-KMS), and a copy or delete of a version looks first. S3 itself checks atomically.
     */
    private readonly s3rver = false,
  ) {}

  async put(
    key: string,
    body: string | Buffer | Iterable<string> | AsyncIterable<string | Buffer>,
  ): Promise<void> {
    const Body = typeof body === 'string' || Buffer.isBuffer(body) ? body : NodeReadable.from(body);
    await new Upload({ client: this.client, params: { Bucket: this.bucket, Key: key, Body } }).done();
  }

  async open(key: string, version?: BlobVersion): Promise<Readable> {
    const res = await this.conditional(key, () =>
      this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          VersionId: version?.versionId,
          IfMatch: version && !version.versionId ? version.tag : undefined,
        }),
      ),
    );
    const body = res.Body as Readable;
    if (!version || version.versionId) return body;
    // s3rver does not know If-Match: the ETag of what came back tells too, and (s3rver) the bytes themselves.
    if (res.ETag !== version.tag) {
      body.destroy();
      throw new ReplacedError(key);
    }
    const md5 = this.s3rver ? /^"([0-9a-f]{32})"$/.exec(version.tag)?.[1] : undefined;
    if (!md5) return body;
    const hash = createHash('md5');
    const checked = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
      flush(done) {
        done(hash.digest('hex') === md5 ? null : new ReplacedError(key));
      },
    });
    pipeline(body, checked, () => undefined);
    return checked;
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  async copy(from: string, to: string, version?: BlobVersion): Promise<void> {
    const source = copySource(this.bucket, from);
    if (this.s3rver && version && !version.versionId) await this.stillCurrent(from, version);
    await this.conditional(from, () =>
      this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: to,
          CopySource: version?.versionId
            ? `${source}?versionId=${encodeURIComponent(version.versionId)}`
            : source,
          CopySourceIfMatch: version && !version.versionId ? version.tag : undefined,
        }),
      ),
    );
  }

  /** With a version: only while the object is still that version (If-Match); a newer upload stays. */
  async delete(key: string, version?: BlobVersion): Promise<void> {
    if (this.s3rver && version) await this.stillCurrent(key, version);
    await this.conditional(key, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key, IfMatch: version?.tag })),
    );
  }

  /** For s3rver, which ignores If-Match on copy and delete: a look first. */
  private async stillCurrent(key: string, version: BlobVersion): Promise<void> {
    const now = await this.version(key);
    if (now !== null && (now.tag !== version.tag || now.size !== version.size)) throw new ReplacedError(key);
  }

  /** A failed precondition (412) means the object was replaced since its version was taken. */
  private async conditional<T>(key: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (err) {
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'PreconditionFailed' || e.$metadata?.httpStatusCode === 412)
        throw new ReplacedError(key);
      throw err;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of res.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = res.NextContinuationToken;
    } while (token);
    return keys.sort();
  }

  async version(key: string): Promise<BlobVersion | null> {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        tag: res.ETag ?? '',
        ...(res.VersionId && res.VersionId !== 'null' ? { versionId: res.VersionId } : {}),
        modified: res.LastModified ?? new Date(0),
        ...(res.ContentLength !== undefined ? { size: res.ContentLength } : {}),
      };
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }
}

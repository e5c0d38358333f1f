/**
 * A BlobStore wrapper that enforces the S3 part of an IAM role's policy, like test/helpers/iam-blobs.ts (same mapping
 * of each call to the actions S3 checks for what stores/s3-blobs.ts sends), with what the stand-in folder hides on
 * top of it:
 *
 * - the bucket is versioned (storage.ts), so `version` gives a VersionId, and reading or copying that version is
 *   s3:GetObjectVersion, as on AWS;
 * - a GET or HEAD of a key that does not exist answers 404 only when the role has s3:ListBucket on the bucket;
 *   otherwise S3 answers 403 (AccessDenied; a HEAD has no body, the SDK names it "Forbidden"), so `exists` throws
 *   instead of saying false;
 * - every request is recorded in the RolePolicy, allowed or not, for the least-privilege comparison.
 */
import type { Readable } from 'node:stream';
import type { BlobStore, BlobVersion } from '../../pipeline/ports';
import type { RolePolicy } from './iam-policy';

/** S3's answer to a request the caller's policy does not allow (as the SDK v3 throws it). */
export class S3AccessDenied extends Error {
  readonly $fault = 'client';
  readonly $metadata = { httpStatusCode: 403 };
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface BucketOptions {
  /** A versioned bucket (the raw bucket is): versions carry a VersionId. Default true. */
  readonly versioned?: boolean;
}

export function iamEnforcingBucket(
  inner: BlobStore,
  policy: RolePolicy,
  bucketArn: string,
  options: BucketOptions = {},
): BlobStore {
  const versioned = options.versioned ?? true;
  const obj = (key: string) => `${bucketArn}/${key}`;
  const deny = (head: boolean, action: string, resource: string) =>
    head
      ? new S3AccessDenied('Forbidden', 'UnknownError')
      : new S3AccessDenied(
          'AccessDenied',
          `User is not authorized to perform: ${action} on resource: ${resource}`,
        );
  const need = (call: string, head: boolean, checks: readonly (readonly [string, string])[]) => {
    for (const [action, resource] of checks)
      if (!policy.check(call, action, resource)) throw deny(head, action, resource);
  };
  /** A missing key: 404 with s3:ListBucket, else 403 (S3 does not tell who may not list whether a key exists). */
  const whenMissing = async (call: string, head: boolean, key: string) => {
    if (await inner.exists(key)) return;
    need(`${call} (missing: 404 needs s3:ListBucket)`, head, [['s3:ListBucket', bucketArn]]);
  };
  const getAction = (v?: BlobVersion) => (v?.versionId ? 's3:GetObjectVersion' : 's3:GetObject');
  return {
    put: async (key, body) => {
      need(`put ${key}`, false, [['s3:PutObject', obj(key)]]);
      return inner.put(key, body);
    },
    open: async (key, version): Promise<Readable> => {
      need(`open ${key}`, false, [[getAction(version), obj(key)]]);
      await whenMissing(`open ${key}`, false, key);
      return inner.open(key, version);
    },
    exists: async (key) => {
      need(`exists (HeadObject) ${key}`, true, [['s3:GetObject', obj(key)]]);
      await whenMissing(`exists (HeadObject) ${key}`, true, key);
      return inner.exists(key);
    },
    version: async (key) => {
      need(`version (HeadObject) ${key}`, true, [['s3:GetObject', obj(key)]]);
      await whenMissing(`version (HeadObject) ${key}`, true, key);
      const v = await inner.version(key);
      // The stand-in ignores a VersionId and keeps checking its own tag: the id only decides the action.
      return v && versioned ? { ...v, versionId: v.versionId ?? `v-${v.tag}` } : v;
    },
    copy: async (from, to, version) => {
      need(`copy ${from} -> ${to}`, false, [
        [getAction(version), obj(from)],
        ['s3:PutObject', obj(to)],
      ]);
      await whenMissing(`copy ${from} -> ${to}`, false, from);
      return inner.copy(from, to, version);
    },
    delete: async (key, version) => {
      // A conditional delete (If-Match) needs s3:GetObject besides s3:DeleteObject (as in iam-blobs.ts).
      need(`delete ${key}`, false, [
        ['s3:DeleteObject', obj(key)],
        ...(version ? [['s3:GetObject', obj(key)] as const] : []),
      ]);
      return inner.delete(key, version);
    },
    list: async (prefix) => {
      need(`list ${prefix}`, false, [['s3:ListBucket', bucketArn]]);
      return inner.list(prefix);
    },
  };
}

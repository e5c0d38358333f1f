/**
 * A BlobStore wrapper that enforces the S3 part of an IAM role's policy taken from the synthesised
 * template, the way S3 would: every call is mapped to the IAM actions S3 checks for the API it sends
 * (stores/s3-blobs.ts), and a call that is not allowed fails like S3 fails (HEAD: 403 "Forbidden", others:
 * "AccessDenied"). Only Allow statements with object ARNs `<Raw.Arn>/<prefix>*` and the bucket ARN are modelled.
 */
import type { Readable } from 'node:stream';
import type { BlobStore, BlobVersion } from '../../pipeline/ports';
import { actionsOf, resourcesOfStatement, type Statement } from '../infra/synth';

export interface Denial {
  readonly call: string;
  readonly action: string;
  readonly resource: string;
}

const globToRegExp = (glob: string) =>
  new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

export function allows(statements: readonly Statement[], action: string, resource: string): boolean {
  return statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      !s.Condition &&
      actionsOf(s).some((a) => globToRegExp(a).test(action)) &&
      resourcesOfStatement(s).some((r) => globToRegExp(r).test(resource)),
  );
}

class S3Error extends Error {
  readonly $metadata = { httpStatusCode: 403 };
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export function iamEnforcingBlobs(
  inner: BlobStore,
  statements: readonly Statement[],
  bucketArn: string,
  denials: Denial[],
): BlobStore {
  const obj = (key: string) => `${bucketArn}/${key}`;
  const need = (call: string, head: boolean, checks: [string, string][]) => {
    for (const [action, resource] of checks) {
      if (!allows(statements, action, resource)) {
        denials.push({ call, action, resource });
        throw head
          ? new S3Error('Forbidden', 'UnknownError') // what the SDK gives for a 403 on HEAD (no body)
          : new S3Error(
              'AccessDenied',
              `User is not authorized to perform: ${action} on resource: ${resource}`,
            );
      }
    }
  };
  const getAction = (v?: BlobVersion) => (v?.versionId ? 's3:GetObjectVersion' : 's3:GetObject');
  return {
    put: async (key, body) => {
      need(`put ${key}`, false, [['s3:PutObject', obj(key)]]);
      return inner.put(key, body);
    },
    open: async (key, version): Promise<Readable> => {
      need(`open ${key}`, false, [[getAction(version), obj(key)]]);
      return inner.open(key, version);
    },
    exists: async (key) => {
      need(`exists (HeadObject) ${key}`, true, [['s3:GetObject', obj(key)]]);
      return inner.exists(key);
    },
    version: async (key) => {
      need(`version (HeadObject) ${key}`, true, [['s3:GetObject', obj(key)]]);
      return inner.version(key);
    },
    copy: async (from, to, version) => {
      need(`copy ${from} -> ${to}`, false, [
        [getAction(version), obj(from)],
        ['s3:PutObject', obj(to)],
      ]);
      return inner.copy(from, to, version);
    },
    delete: async (key, version) => {
      // A conditional delete (If-Match) needs s3:GetObject besides s3:DeleteObject (S3 user guide).
      need(`delete ${key}`, false, [
        ['s3:DeleteObject', obj(key)],
        ...(version ? ([['s3:GetObject', obj(key)]] as [string, string][]) : []),
      ]);
      return inner.delete(key, version);
    },
    list: async (prefix) => {
      need(`list ${prefix}`, false, [['s3:ListBucket', bucketArn]]);
      return inner.list(prefix);
    },
  };
}

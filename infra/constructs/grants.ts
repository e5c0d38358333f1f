/**
 * Least-privilege statements written out by hand, so each role gets exactly the actions the code calls (the L2
 * `grant*` helpers add wildcard KMS actions such as `kms:GenerateDataKey*` that the pipeline never needs).
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';
import { acknowledge, arnToken } from '../nag';
import type { Storage } from './storage';

export type S3Access = 'read' | 'read-version' | 'write' | 'delete';

const S3_ACTIONS: Record<S3Access, string[]> = {
  read: ['s3:GetObject'],
  // A version named by its VersionId: the uploaded file as it was when processing began, even if replaced since.
  'read-version': ['s3:GetObjectVersion'],
  // lib-storage uploads streams as multipart uploads and aborts them on failure.
  write: ['s3:PutObject', 's3:AbortMultipartUpload'],
  delete: ['s3:DeleteObject'],
};

/**
 * Object access under prefixes of the raw bucket, one statement per prefix, and the acknowledgement of the
 * prefix wildcard (AwsSolutions-IAM5) on `scope` with the reason given per prefix.
 */
export function grantPrefixes(
  scope: IConstruct,
  role: iam.IRole,
  storage: Storage,
  grants: Record<string, { readonly access: readonly S3Access[]; readonly why: string }>,
): void {
  for (const [prefix, { access, why }] of Object.entries(grants)) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: access.flatMap((a) => S3_ACTIONS[a]),
        resources: [storage.objects(prefix)],
      }),
    );
    acknowledge(
      scope,
      `AwsSolutions-IAM5[Resource::${arnToken(storage.bucket)}/${prefix}*]`,
      `Objects under ${prefix} only (${access.join('/')}): ${why}`,
    );
  }
}

/** Use of the stack key with exactly these actions. */
export function grantKey(role: iam.IRole, key: kms.IKey, actions: readonly string[]): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...actions], resources: [key.keyArn] }));
}

/** Actions a role needs on the key to read and write a CMK-encrypted DynamoDB table, bucket, queue or topic. */
export const KEY_DATA = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'] as const;
/** Actions a role needs on the key to only read a CMK-encrypted DynamoDB table or bucket. */
export const KEY_READ = ['kms:Decrypt', 'kms:DescribeKey'] as const;
/** Actions to send to a KMS-encrypted queue or topic, or to put an object into a KMS-encrypted bucket. */
export const KEY_SEND = ['kms:Decrypt', 'kms:GenerateDataKey'] as const;

/** DynamoDB actions on the state table. */
export function grantTable(role: iam.IRole, storage: Storage, actions: readonly string[]): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: actions.map((a) => `dynamodb:${a}`),
      resources: [storage.table.tableArn],
    }),
  );
}

/** The ARN of an SSM parameter of this account and region, by its name with path (`/bwmo/…`). */
export function parameterArn(scope: IConstruct, name: string): string {
  return Stack.of(scope).formatArn({
    service: 'ssm',
    resource: 'parameter',
    resourceName: name.replace(/^\//, ''),
  });
}

/** Read access to one SSM SecureString parameter (decrypted with the stack key or the AWS-managed aws/ssm key). */
export function grantParameterRead(role: iam.IRole, scope: IConstruct, name: string): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [parameterArn(scope, name)] }),
  );
}

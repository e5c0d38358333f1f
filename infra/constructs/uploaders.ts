/**
 * One IAM role per municipality for direct S3 use by its backoffice (DESIGN §4.6, isolation): it may put objects
 * under inbox/<g>/ and read and list outbox/<g>/, nothing else. The KMS key may be used only through S3 and only
 * for this bucket. The role is assumed by a configurable principal with the external id `<prefix><g>`, so a
 * caller has to say which municipality it acts for.
 */
import { Aws, CfnOutput, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge, arnToken } from '../nag';
import { PREFIXES, type Storage } from './storage';

export interface UploadersProps {
  readonly storage: Storage;
  readonly gemeenten: readonly string[];
  readonly principal: iam.IPrincipal;
  readonly externalIdPrefix: string;
}

/** The statements of a municipality's uploader role (its SFTP user role, infra/constructs/sftp.ts, has its own). */
export function uploaderStatements(storage: Storage, gemeente: string): iam.PolicyStatement[] {
  const inbox = `${PREFIXES.inbox}${gemeente}/`;
  const outbox = `${PREFIXES.outbox}${gemeente}/`;
  return [
    new iam.PolicyStatement({
      sid: 'WriteOwnInbox',
      actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
      resources: [storage.objects(inbox)],
    }),
    new iam.PolicyStatement({
      sid: 'ReadOwnOutbox',
      actions: ['s3:GetObject'],
      resources: [storage.objects(outbox)],
    }),
    new iam.PolicyStatement({
      sid: 'ListOwnOutbox',
      actions: ['s3:ListBucket'],
      resources: [storage.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [outbox, `${outbox}*`] } },
    }),
    keyViaS3(storage),
  ];
}

/** The stack key, only as S3 uses it for this bucket (SSE-KMS with a bucket key: context = the bucket ARN). */
export function keyViaS3(storage: Storage): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'KeyViaS3ForThisBucket',
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resources: [storage.key.keyArn],
    conditions: {
      StringEquals: {
        'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com`,
        'kms:EncryptionContext:aws:s3:arn': storage.bucket.bucketArn,
      },
    },
  });
}

export class Uploaders extends Construct {
  readonly roles = new Map<string, iam.Role>();

  constructor(scope: Construct, id: string, props: UploadersProps) {
    super(scope, id);
    const { storage } = props;
    for (const g of props.gemeenten) {
      const role = new iam.Role(this, `Gemeente${g}`, {
        assumedBy: props.principal,
        externalIds: [`${props.externalIdPrefix}${g}`],
        description: `bwmo: backoffice van gemeente ${g} (schrijft inbox/${g}/, leest outbox/${g}/)`,
        maxSessionDuration: Duration.hours(1),
        inlinePolicies: { s3: new iam.PolicyDocument({ statements: uploaderStatements(storage, g) }) },
      });
      this.roles.set(g, role);
      acknowledge(
        role,
        `AwsSolutions-IAM5[Resource::${arnToken(storage.bucket)}/inbox/${g}/*]`,
        `Put objects under inbox/${g}/ only: the municipality's own upload prefix (isolation, DESIGN §4.6).`,
      );
      acknowledge(
        role,
        `AwsSolutions-IAM5[Resource::${arnToken(storage.bucket)}/outbox/${g}/*]`,
        `Get objects under outbox/${g}/ only: the municipality's own answers and reports.`,
      );
      new CfnOutput(this, `RoleArn${g}`, {
        value: role.roleArn,
        description: `Rol voor gemeente ${g} (external id ${props.externalIdPrefix}${g})`,
      });
    }
  }
}

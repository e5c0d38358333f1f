/**
 * The stateful part: one customer-managed KMS key (rotated yearly) for everything that can use one, the raw-file
 * bucket with its access-log bucket, and the single DynamoDB table. Everything here is retained when the stack is
 * deleted: it holds the municipalities' files and the state that decides future declarations.
 */
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The prefixes of the raw bucket (infra/README.md, Resources: raw bucket). */
export const PREFIXES = {
  /** Files to process: inbox/<gemeente>/<name>; an upload here starts the pipeline. */
  inbox: 'inbox/',
  /** Originals after processing, immutable. */
  archive: 'archive/',
  /** Answers and reports per municipality. */
  outbox: 'outbox/',
  /** Unreadable, partial or foreign files with their report. */
  quarantine: 'quarantine/',
  /** SFTP staging: a complete upload is copied to inbox/ by the Transfer Family workflow. */
  upload: 'upload/',
  /** Internal copies of reports and answers, keyed by file id, written before the commit. */
  state: 'state/',
  /** Finance exports and settlement statements. */
  exports: 'exports/',
  /** An operator's withdrawal request: withdrawals/<gemeente>/<name>.json; its outcome goes to outbox/<gemeente>/intrekkingen/. */
  withdrawals: 'withdrawals/',
} as const;

export interface StorageProps {
  readonly keyAlias: string;
  readonly archiveDays: number;
  readonly noncurrentDays: number;
}

export class Storage extends Construct {
  readonly key: kms.Key;
  readonly bucket: s3.Bucket;
  readonly accessLogBucket: s3.Bucket;
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);

    this.key = new kms.Key(this, 'Key', {
      description: 'bwmo: raw files, state table, queues, topics and logs',
      enableKeyRotation: true,
      alias: props.keyAlias,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts the stack's log groups with the key, only for log groups of this account and region.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogs',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
          },
        },
      }),
    );
    // CloudWatch alarms publish to the encrypted operators' topic; EventBridge sends failed schedule deliveries and
    // SNS undeliverable e-mail notifications to encrypted dead-letter queues. Only on behalf of this account.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ServicesOfThisAccount',
        principals: [
          new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
          new iam.ServicePrincipal('events.amazonaws.com'),
          new iam.ServicePrincipal('sns.amazonaws.com'),
        ],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );

    this.accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      // S3 server access logs can only be delivered to a bucket with SSE-S3 (not SSE-KMS).
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        { id: 'logs-expire', expiration: Duration.days(730), noncurrentVersionExpiration: Duration.days(30) },
        { id: 'abort-multipart', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new s3.Bucket(this, 'Raw', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      // One KMS request per bucket key instead of per object: the ingest writes several objects per file.
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'raw/',
      lifecycleRules: [
        {
          id: 'archive-to-glacier-ir',
          prefix: PREFIXES.archive,
          transitions: [
            {
              // Originals are read again only for audits or a replay; Glacier Instant Retrieval keeps them
              // readable in milliseconds at a fraction of the Standard price.
              storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
              transitionAfter: Duration.days(props.archiveDays),
            },
          ],
        },
        {
          id: 'noncurrent-versions-expire',
          noncurrentVersionExpiration: Duration.days(props.noncurrentDays),
          expiredObjectDeleteMarker: true,
        },
        { id: 'abort-multipart', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new dynamodb.Table(this, 'State', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      stream: dynamodb.StreamViewType.NEW_IMAGE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** ARN pattern of the objects under a prefix of the raw bucket (`<bucket>/inbox/0988/*`). */
  objects(prefix: string): string {
    return `${this.bucket.bucketArn}/${prefix}*`;
  }
}

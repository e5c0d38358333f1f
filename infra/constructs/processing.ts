/**
 * The file path through AWS (DESIGN §2): S3 ObjectCreated on inbox/ → router → SQS FIFO (group = gemeente, dedup
 * id = key + eTag, DLQ after 3 receives) → ingest (one writer per municipality) → the table's stream → notify
 * (one SNS alert per committed file with rejections). Plus the settlement function on a monthly schedule.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { BwmoConfig } from '../config';
import { acknowledge } from '../nag';
import { grantKey, grantParameterRead, grantPrefixes, grantTable, KEY_DATA, KEY_SEND } from './grants';
import type { Operations } from './operations';
import { PipelineFunction } from './pipeline-function';
import { PREFIXES, type Storage } from './storage';

/**
 * The ingest function's size, from the benchmark in the README (about 2,000 lines/s against dynalite, memory
 * constant in the file size): 2 GB buys ~1.2 vCPU for parsing (Lambda allocates CPU in proportion to memory), and
 * 10 minutes streams about 1M lines, the design's largest file. Larger files must be split (or the timeout raised
 * to Lambda's 15-minute maximum).
 */
export const INGEST_MEMORY_MB = 2048;
export const INGEST_TIMEOUT = Duration.minutes(10);
/** AWS's advice for an SQS event source: visibility timeout at least 6× the function timeout. */
export const VISIBILITY_FACTOR = 6;
export const MAX_RECEIVE_COUNT = 3;

export interface ProcessingProps {
  readonly config: BwmoConfig;
  readonly storage: Storage;
  readonly operations: Operations;
  readonly alertTopic: sns.ITopic;
  readonly logRetention: logs.RetentionDays;
}

export class Processing extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly router: PipelineFunction;
  readonly ingest: PipelineFunction;
  readonly notify: PipelineFunction;
  readonly settle: PipelineFunction;
  readonly settleSchedule: events.Rule;
  readonly export: PipelineFunction;
  readonly exportSchedule: events.Rule;
  /** What the pipeline's functions (and the API function) need to find the table, bucket, key and alert topic. */
  readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: ProcessingProps) {
    super(scope, id);
    const { config, storage, operations } = props;
    const key = storage.key;

    // --- the FIFO queue -------------------------------------------------------------------------------------
    this.deadLetterQueue = operations.deadLetterQueue(this, 'IngestDlq', {
      fifo: true,
      holds:
        'bestanden waarvan de verwerking 3 keer mislukte (geen spoor in de tabel; opnieuw aanbieden kan veilig)',
    });
    this.queue = new sqs.Queue(this, 'IngestQueue', {
      fifo: true,
      // The router sets MessageDeduplicationId = sha256(key|eTag): the same object is queued once.
      contentBasedDeduplication: false,
      // High-throughput FIFO: limits apply per message group (= municipality), not per queue.
      deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      visibilityTimeout: Duration.seconds(INGEST_TIMEOUT.toSeconds() * VISIBILITY_FACTOR),
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      dataKeyReuse: Duration.hours(1),
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    const common = {
      key,
      logRetention: props.logRetention,
      bundle: config.bundle,
    };
    this.environment = {
      TABLE_NAME: storage.table.tableName,
      BUCKET_NAME: storage.bucket.bucketName,
      PSEUDONYM_PARAMETER: config.pseudonymParameter,
      ALERT_TOPIC_ARN: props.alertTopic.topicArn,
    };

    // --- router: S3 event → FIFO queue ------------------------------------------------------------------------
    const routerDlq = operations.deadLetterQueue(this, 'RouterDlq', {
      holds:
        'S3-meldingen van inbox/ die de router na 2 nieuwe pogingen niet kon doorzetten (bestand ligt nog in inbox/)',
    });
    this.router = new PipelineFunction(this, 'Router', {
      ...common,
      entry: 'functions/router.ts',
      description:
        'bwmo router: S3 ObjectCreated on inbox/ and withdrawals/ to the FIFO queue (group = gemeente)',
      memorySize: 256,
      timeout: Duration.seconds(30),
      environment: { QUEUE_URL: this.queue.queueUrl },
      deadLetterQueue: routerDlq,
    });
    this.router.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
      }),
    );
    grantKey(this.router.role, key, KEY_SEND);
    for (const prefix of [PREFIXES.inbox, PREFIXES.withdrawals])
      storage.bucket.addEventNotification(
        s3.EventType.OBJECT_CREATED,
        new s3n.LambdaDestination(this.router.function),
        { prefix },
      );

    // --- ingest: the pipeline for one file at a time per municipality -------------------------------------------
    this.ingest = new PipelineFunction(this, 'Ingest', {
      ...common,
      entry: 'functions/ingest.ts',
      description: 'bwmo ingest: one uploaded file through the pipeline (SQS FIFO, one writer per gemeente)',
      memorySize: INGEST_MEMORY_MB,
      timeout: INGEST_TIMEOUT,
      reservedConcurrentExecutions: config.ingestConcurrency,
      regionDir: config.regionDir,
      environment: this.environment,
    });
    this.ingest.function.addEventSource(
      new sources.SqsEventSource(this.queue, {
        batchSize: config.ingestBatchSize,
        reportBatchItemFailures: true,
        maxConcurrency: config.ingestConcurrency,
      }),
    );
    // UpdateItem: a withdrawal marks the file record (status and reason only).
    grantTable(this.ingest.role, storage, [
      'BatchGetItem',
      'BatchWriteItem',
      'PutItem',
      'Query',
      'UpdateItem',
    ]);
    grantKey(this.ingest.role, key, KEY_DATA);
    grantParameterRead(this.ingest.role, this, config.pseudonymParameter);
    // A HEAD on a missing inbox object must answer 404 (already processed), not 403: that needs s3:ListBucket.
    this.ingest.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [storage.bucket.bucketArn],
      }),
    );
    grantPrefixes(this.ingest, this.ingest.role, storage, {
      [PREFIXES.inbox]: {
        access: ['read', 'read-version', 'delete'],
        why: 'reads the uploaded file (the version it started with) in passes, removes it once archived or quarantined',
      },
      [PREFIXES.state]: {
        access: ['read', 'write'],
        why: 'internal copies of report and answer, written before the commit and published after it',
      },
      [PREFIXES.outbox]: {
        access: ['read', 'write'],
        why: 'publishes answer and report; reads the report back to return it on a redelivery',
      },
      [PREFIXES.archive]: {
        access: ['read', 'write'],
        why: 'stores the original after processing; looks whether an archived original has the name already (a HEAD needs s3:GetObject)',
      },
      [PREFIXES.quarantine]: {
        access: ['read', 'write'],
        why: 'stores an unreadable or foreign file with its report, reads that report back on a redelivery',
      },
      [PREFIXES.withdrawals]: {
        access: ['read'],
        why: "reads an operator's withdrawal request (its outcome goes to outbox/)",
      },
    });

    // --- notify: one alert per committed file with rejections ---------------------------------------------------
    const notifyDlq = operations.deadLetterQueue(this, 'NotifyDlq', {
      holds:
        'stroomrecords van bestandsrecords waarvoor de melding na herhaalde pogingen niet verstuurd kon worden',
      notARedriveTarget:
        'On-failure destination of the DynamoDB stream event source of the notify function (Lambda writes batch metadata here); not a queue redrive target.',
    });
    this.notify = new PipelineFunction(this, 'Notify', {
      ...common,
      entry: 'functions/notify.ts',
      description: 'bwmo notify: SNS alert once per committed file with rejections (DynamoDB stream)',
      memorySize: 512,
      timeout: Duration.minutes(1),
      regionDir: config.regionDir,
      environment: this.environment,
    });
    this.notify.function.addEventSource(
      new sources.DynamoEventSource(storage.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.days(1),
        onFailure: new sources.SqsDlq(notifyDlq),
        filters: [
          // Only file records (pk GEM#<g>#FILES, sk FILE#<sha256>) that have not had their alert yet.
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.or('INSERT', 'MODIFY'),
            dynamodb: {
              NewImage: {
                pk: { S: lambda.FilterRule.beginsWith('GEM#') },
                sk: { S: lambda.FilterRule.beginsWith('FILE#') },
                // On the leaf (the attribute's S value): Exists does not work on an intermediate node.
                alertVerzonden: { S: lambda.FilterRule.notExists() },
              },
            },
          }),
        ],
      }),
    );
    props.alertTopic.grantPublish(this.notify.role);
    // It reads the record as stored now and sets only its alertVerzonden (pipeline/ingest.ts alertOnce).
    grantTable(this.notify.role, storage, ['BatchGetItem', 'UpdateItem']);
    grantKey(this.notify.role, key, KEY_DATA);

    // --- settle: monthly and on demand ------------------------------------------------------------------------
    const jobsDlq = operations.deadLetterQueue(this, 'SettleDlq', {
      holds: 'verevening-aanroepen (schema of handmatig, asynchroon) die na 2 nieuwe pogingen mislukten',
    });
    this.settle = new PipelineFunction(this, 'Settle', {
      ...common,
      entry: 'functions/settle.ts',
      description: 'bwmo settle: the solidarity settlement statement (monthly schedule or on demand)',
      // One run at a time: a run takes version n+1 after reading version n (store.ts has no conditional writes).
      reservedConcurrentExecutions: 1,
      memorySize: 1024,
      timeout: Duration.minutes(10),
      regionDir: config.regionDir,
      environment: this.environment,
      deadLetterQueue: jobsDlq,
    });
    grantTable(this.settle.role, storage, ['BatchGetItem', 'BatchWriteItem', 'PutItem', 'Query']);
    grantKey(this.settle.role, key, KEY_DATA);
    grantPrefixes(this.settle, this.settle.role, storage, {
      [PREFIXES.exports]: {
        access: ['write'],
        why: 'writes settlement statements (read back from the table, not from here)',
      },
    });
    this.settleSchedule = new events.Rule(this, 'SettleSchedule', {
      description: 'bwmo: verevening op de 10e van elke maand, 06:00 UTC (na de declaratietermijn)',
      schedule: events.Schedule.cron({ day: '10', hour: '6', minute: '0' }),
      targets: [
        new targets.LambdaFunction(this.settle.function, {
          event: events.RuleTargetInput.fromObject({ sluit: false }),
          deadLetterQueue: jobsDlq,
          retryAttempts: 2,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });

    // --- export: the monthly finance export ---------------------------------------------------------------------
    this.export = new PipelineFunction(this, 'Export', {
      ...common,
      entry: 'functions/export.ts',
      description: 'bwmo export: previous month and year to date as XLSX and CSV under exports/ (monthly)',
      memorySize: 1024,
      timeout: Duration.minutes(10),
      regionDir: config.regionDir,
      environment: this.environment,
      deadLetterQueue: jobsDlq,
    });
    grantTable(this.export.role, storage, ['Query']);
    grantKey(this.export.role, key, KEY_DATA);
    grantPrefixes(this.export, this.export.role, storage, {
      [PREFIXES.exports]: { access: ['write'], why: 'writes the monthly finance exports' },
    });
    this.exportSchedule = new events.Rule(this, 'ExportSchedule', {
      description: 'bwmo: maandexport voor financiën op de 10e van elke maand, 05:00 UTC',
      schedule: events.Schedule.cron({ day: '10', hour: '5', minute: '0' }),
      targets: [
        new targets.LambdaFunction(this.export.function, {
          deadLetterQueue: jobsDlq,
          retryAttempts: 2,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });

    // --- alarms -------------------------------------------------------------------------------------------------
    const ingestFn = this.ingest.function;
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' } as const;
    operations.alarmAbove(
      'IngestErrors',
      'De ingest-functie faalde (het bericht komt terug in de wachtrij; na 3 keer in de DLQ).',
      ingestFn.metricErrors(fiveMinutes),
    );
    operations.alarmAbove(
      'IngestThrottles',
      `De ingest-functie werd afgeknepen (gereserveerde gelijktijdigheid ${config.ingestConcurrency}).`,
      ingestFn.metricThrottles(fiveMinutes),
    );
    operations.alarmAbove(
      'IngestQueueAge',
      'Het oudste bestand in de FIFO-wachtrij wacht langer dan een uur: een gemeente staat mogelijk vast achter een bestand dat steeds faalt.',
      this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      3600,
    );
    operations.alarmAbove(
      'FilesQuarantined',
      'Er is een bestand in quarantaine gezet (onleesbaar, afgebroken, of het noemt een andere gemeente: beveiligingsgebeurtenis). Zie quarantine/<gemeente>/.',
      new cloudwatch.Metric({
        namespace: 'bwmo',
        metricName: 'BestandenInQuarantaine',
        dimensionsMap: { service: 'bwmo' },
        ...fiveMinutes,
      }),
    );
    for (const [name, fn] of [
      ['RouterErrors', this.router],
      ['NotifyErrors', this.notify],
      ['SettleErrors', this.settle],
      ['ExportErrors', this.export],
    ] as const) {
      operations.alarmAbove(name, `De functie ${fn.node.id} faalde.`, fn.function.metricErrors(fiveMinutes));
    }

    // --- acknowledgements ---------------------------------------------------------------------------------------
    acknowledge(
      this.ingest,
      'Serverless-LambdaDLQ',
      "Invoked only by its SQS event source: failed messages go to the FIFO queue's own dead-letter queue (maxReceiveCount 3); a function DLQ applies to asynchronous invocations only.",
    );
    acknowledge(
      this.ingest.function,
      'Serverless-LambdaEventSourceMappingDestination',
      "SQS event source mappings do not support on-failure destinations; the FIFO queue's redrive policy (DLQ after 3 receives) is the failure destination.",
    );
    acknowledge(
      this.notify,
      'Serverless-LambdaDLQ',
      'Invoked only by its DynamoDB stream event source, whose on-failure destination is the NotifyDlq queue; a function DLQ applies to asynchronous invocations only.',
    );
    acknowledge(
      this.notify,
      `AwsSolutions-IAM5[Resource::*]`,
      "dynamodb:ListStreams (added by the DynamoDB event source) has no resource-level permissions; every other stream action is limited to the table's stream ARN.",
    );
    for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
      acknowledge(
        this.notify,
        `AwsSolutions-IAM5[Action::${action}]`,
        "Added by the CDK grants for sending to the KMS-encrypted NotifyDlq and publishing to the KMS-encrypted alert topic; limited to the stack's key.",
      );
    }
  }
}

/**
 * The stack without SFTP (the default): every resource of infra/README.md "Resources", asserted on the synthesised
 * template. Synthesised once (with the cdk-nag packs: synthesis itself fails on an unacknowledged finding).
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { INGEST_TIMEOUT, MAX_RECEIVE_COUNT, VISIBILITY_FACTOR } from '../../infra/constructs/processing';
import type { BwmoStack } from '../../infra/stack';
import {
  actionsOf,
  flat,
  logicalIdAt,
  NML,
  resourcesOf,
  resourcesOfStatement,
  type Statement,
  statementsOfRole,
  synth,
} from './synth';

let template: Template;
let stack: BwmoStack;
let json: {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string }>;
};

beforeAll(() => {
  ({ template, stack } = synth());
  json = template.toJSON() as typeof json;
});

const id = (type: string, path: string) => logicalIdAt(template, type, `Bwmo-NML/${path}`);
const fnProps = (path: string) => json.Resources[id('AWS::Lambda::Function', `${path}/Function`)].Properties;

describe('the stack', () => {
  test('is environment-agnostic and named after the region', () => {
    expect(stack.stackName).toBe('Bwmo-NML');
    expect(stack.environment).toBe('aws://unknown-account/unknown-region');
  });

  test('a customer-managed KMS key with rotation', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/bwmo-nml' });
  });
});

describe('raw bucket', () => {
  const raw = () => id('AWS::S3::Bucket', 'Storage/Raw/');
  const logs = () => id('AWS::S3::Bucket', 'Storage/AccessLogs/');

  test('KMS with the stack key and a bucket key, versioned, no public access', () => {
    const p = json.Resources[raw()].Properties;
    expect(p.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: { 'Fn::GetAtt': [id('AWS::KMS::Key', 'Storage/Key'), 'Arn'] },
          },
        },
      ],
    });
    expect(p.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(p.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(json.Resources[raw()].DeletionPolicy).toBe('Retain');
  });

  test('server access logs go to the separate SSE-S3 access-log bucket', () => {
    expect(json.Resources[raw()].Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logs() },
      LogFilePrefix: 'raw/',
    });
    expect(json.Resources[logs()].Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
  });

  test('both buckets deny requests without TLS', () => {
    for (const bucket of [raw(), logs()]) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucket },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  test('lifecycle: archive/ to Glacier IR after archiveDays, noncurrent versions expire, multipart aborted', () => {
    const rules = (
      json.Resources[raw()].Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }
    ).Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Prefix: 'archive/',
          Status: 'Enabled',
          Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
        }),
        expect.objectContaining({
          NoncurrentVersionExpiration: { NoncurrentDays: 90 },
          ExpiredObjectDeleteMarker: true,
        }),
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }),
      ]),
    );
  });

  test('ObjectCreated under inbox/ and withdrawals/ (and nowhere else) notifies the router function', () => {
    const toRouter = (prefix: string) => ({
      Events: ['s3:ObjectCreated:*'],
      Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: prefix }] } },
      LambdaFunctionArn: {
        'Fn::GetAtt': [id('AWS::Lambda::Function', 'Processing/Router/Function'), 'Arn'],
      },
    });
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: raw() },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [toRouter('inbox/'), toRouter('withdrawals/')],
      },
    });
  });
});

describe('FIFO queue', () => {
  const queue = () => json.Resources[id('AWS::SQS::Queue', 'Processing/IngestQueue/')].Properties;
  const dlqId = () => id('AWS::SQS::Queue', 'Processing/IngestDlq/');

  test('FIFO, deduplication by the router (not by content), high throughput per message group, KMS', () => {
    expect(queue()).toMatchObject({
      FifoQueue: true,
      ContentBasedDeduplication: false,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
      KmsMasterKeyId: { 'Fn::GetAtt': [id('AWS::KMS::Key', 'Storage/Key'), 'Arn'] },
    });
  });

  test(`visibility timeout at least ${VISIBILITY_FACTOR}× the ingest timeout`, () => {
    const ingestTimeout = fnProps('Processing/Ingest').Timeout as number;
    expect(ingestTimeout).toBe(INGEST_TIMEOUT.toSeconds());
    expect(queue().VisibilityTimeout).toBeGreaterThanOrEqual(VISIBILITY_FACTOR * ingestTimeout);
  });

  test(`FIFO dead-letter queue after ${MAX_RECEIVE_COUNT} receives, itself encrypted`, () => {
    expect(queue().RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId(), 'Arn'] },
      maxReceiveCount: 3,
    });
    expect(json.Resources[dlqId()].Properties).toMatchObject({
      FifoQueue: true,
      KmsMasterKeyId: expect.anything(),
    });
  });

  test('every queue denies requests without TLS', () => {
    const queues = resourcesOf(template, 'AWS::SQS::Queue').map(([qid]) => qid);
    expect(queues).toHaveLength(5);
    for (const q of queues) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: q }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
      expect(json.Resources[q].Properties.KmsMasterKeyId).toBeDefined();
    }
  });
});

describe('functions', () => {
  const all = [
    'Processing/Router',
    'Processing/Ingest',
    'Processing/Notify',
    'Processing/Settle',
    'Processing/Export',
    'Http/Handler',
  ];

  test('all: Node.js 24 on arm64, JSON logs into their own KMS-encrypted log group with retention', () => {
    // + CDK's BucketNotificationsHandler and its BucketDeployment singleton (the monitor page's upload)
    template.resourceCountIs('AWS::Lambda::Function', all.length + 2);
    for (const path of all) {
      const p = fnProps(path);
      expect(p).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
      const logGroup = id('AWS::Logs::LogGroup', `${path}/Logs`);
      expect(p.LoggingConfig).toEqual({
        LogFormat: 'JSON',
        ApplicationLogLevel: 'INFO',
        SystemLogLevel: 'WARN',
        LogGroup: { Ref: logGroup },
      });
      expect(json.Resources[logGroup].Properties).toMatchObject({
        KmsKeyId: { 'Fn::GetAtt': [id('AWS::KMS::Key', 'Storage/Key'), 'Arn'] },
        RetentionInDays: 365,
      });
    }
  });

  test('no function role uses a managed policy (each writes only its own log group)', () => {
    for (const path of all) {
      const role = id('AWS::IAM::Role', `${path}/Role`);
      expect(json.Resources[role].Properties.ManagedPolicyArns).toBeUndefined();
      const logs = statementsOfRole(template, role).filter((s) =>
        actionsOf(s).some((a) => a.startsWith('logs:')),
      );
      expect(logs.map(resourcesOfStatement)).toEqual([
        [`<${id('AWS::Logs::LogGroup', `${path}/Logs`)}.Arn>`],
      ]);
    }
  });

  test('ingest: 2 GB, 10 minutes, reserved concurrency, the pipeline environment and the region in the bundle', () => {
    expect(fnProps('Processing/Ingest')).toMatchObject({
      MemorySize: 2048,
      Timeout: 600,
      ReservedConcurrentExecutions: 10,
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: id('AWS::DynamoDB::Table', 'Storage/State') },
          BUCKET_NAME: { Ref: id('AWS::S3::Bucket', 'Storage/Raw/') },
          PSEUDONYM_PARAMETER: '/bwmo/pseudoniem-sleutel',
          ALERT_TOPIC_ARN: { Ref: id('AWS::SNS::Topic', 'Rejections') },
          REGION_DIR: '/var/task/region',
          POWERTOOLS_SERVICE_NAME: 'bwmo',
          POWERTOOLS_METRICS_NAMESPACE: 'bwmo',
        },
      },
    });
  });

  test('ingest: SQS event source with partial batch responses, batch size 1..10, concurrency capped', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: id('AWS::Lambda::Function', 'Processing/Ingest/Function') },
      EventSourceArn: { 'Fn::GetAtt': [id('AWS::SQS::Queue', 'Processing/IngestQueue/'), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: Match.anyValue(),
      ScalingConfig: { MaximumConcurrency: 10 },
    });
    const esm = resourcesOf(template, 'AWS::Lambda::EventSourceMapping').find(([, r]) =>
      flat((r.Properties as { FunctionName: unknown }).FunctionName).includes('ProcessingIngest'),
    );
    if (!esm) throw new Error('no event source mapping for the ingest function');
    const batch = (esm[1].Properties as { BatchSize: number }).BatchSize;
    expect(batch).toBeGreaterThanOrEqual(1);
    expect(batch).toBeLessThanOrEqual(10);
  });

  test('ingest may read and write the table, the bucket prefixes it uses, and read the pseudonym key; nothing else', () => {
    const statements = statementsOfRole(template, id('AWS::IAM::Role', 'Processing/Ingest/Role'));
    const raw = `<${id('AWS::S3::Bucket', 'Storage/Raw/')}.Arn>`;
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    const byResource = new Map<string, string[]>();
    for (const s of s3)
      for (const r of resourcesOfStatement(s))
        byResource.set(r, [...(byResource.get(r) ?? []), ...actionsOf(s)].sort());
    expect(Object.fromEntries(byResource)).toEqual({
      [raw]: ['s3:ListBucket'],
      [`${raw}/inbox/*`]: ['s3:DeleteObject', 's3:GetObject', 's3:GetObjectVersion'],
      [`${raw}/state/*`]: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
      [`${raw}/withdrawals/*`]: ['s3:GetObject'],
      [`${raw}/outbox/*`]: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
      [`${raw}/quarantine/*`]: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
      [`${raw}/archive/*`]: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
    });
    const ssm = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('ssm:')));
    expect(ssm.flatMap(actionsOf)).toEqual(['ssm:GetParameter']);
    expect(ssm.flatMap(resourcesOfStatement)).toEqual([
      'arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/bwmo/pseudoniem-sleutel',
    ]);
    const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.flatMap(resourcesOfStatement)).toEqual([
      `<${id('AWS::DynamoDB::Table', 'Storage/State')}.Arn>`,
    ]);
    const services = new Set(statements.flatMap(actionsOf).map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['dynamodb', 'kms', 'logs', 's3', 'sqs', 'ssm']);
    expect(statements.flatMap(actionsOf)).not.toContain('sns:Publish');
  });

  test('the pseudonym key is not created by the stack (SecureString: the operator creates it once)', () => {
    template.resourceCountIs('AWS::SSM::Parameter', 0);
  });

  test('router: QUEUE_URL, may only send to the queue (and its own dead-letter queue)', () => {
    const p = fnProps('Processing/Router');
    expect((p.Environment as { Variables: Record<string, unknown> }).Variables.QUEUE_URL).toEqual({
      Ref: id('AWS::SQS::Queue', 'Processing/IngestQueue/'),
    });
    expect(p.DeadLetterConfig).toEqual({
      TargetArn: { 'Fn::GetAtt': [id('AWS::SQS::Queue', 'Processing/RouterDlq/'), 'Arn'] },
    });
    const statements = statementsOfRole(template, id('AWS::IAM::Role', 'Processing/Router/Role'));
    const sqs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
    expect(sqs.flatMap(actionsOf)).toEqual(['sqs:SendMessage']);
    expect(sqs.flatMap(resourcesOfStatement).sort()).toEqual(
      [
        `<${id('AWS::SQS::Queue', 'Processing/IngestQueue/')}.Arn>`,
        `<${id('AWS::SQS::Queue', 'Processing/RouterDlq/')}.Arn>`,
      ].sort(),
    );
    const services = new Set(statements.flatMap(actionsOf).map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['kms', 'logs', 'sqs']);
  });

  test('notify: the table stream (NEW_IMAGE) filtered to file records, publishes to the topic, updates the table', () => {
    expect(
      (fnProps('Processing/Notify').Environment as { Variables: Record<string, unknown> }).Variables,
    ).toMatchObject({
      TABLE_NAME: { Ref: id('AWS::DynamoDB::Table', 'Storage/State') },
      ALERT_TOPIC_ARN: { Ref: id('AWS::SNS::Topic', 'Rejections') },
      BUCKET_NAME: { Ref: id('AWS::S3::Bucket', 'Storage/Raw/') },
      PSEUDONYM_PARAMETER: '/bwmo/pseudoniem-sleutel',
      REGION_DIR: '/var/task/region',
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: id('AWS::Lambda::Function', 'Processing/Notify/Function') },
      EventSourceArn: { 'Fn::GetAtt': [id('AWS::DynamoDB::Table', 'Storage/State'), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [id('AWS::SQS::Queue', 'Processing/NotifyDlq/'), 'Arn'] } },
      },
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT', 'MODIFY'],
              dynamodb: {
                NewImage: {
                  pk: { S: [{ prefix: 'GEM#' }] },
                  sk: { S: [{ prefix: 'FILE#' }] },
                  alertVerzonden: { S: [{ exists: false }] },
                },
              },
            }),
          },
        ],
      },
    });
    const statements = statementsOfRole(template, id('AWS::IAM::Role', 'Processing/Notify/Role'));
    const publish = statements.filter((s) => actionsOf(s).includes('sns:Publish'));
    expect(publish.flatMap(resourcesOfStatement)).toEqual([`<${id('AWS::SNS::Topic', 'Rejections')}>`]);
    const dynamoWrites = statements
      .flatMap(actionsOf)
      .filter((a) => /^dynamodb:(Put|Update|BatchWrite|Delete)/.test(a));
    expect(dynamoWrites).toEqual(['dynamodb:UpdateItem']);
    // It reads the record as stored now before it alerts (a withdrawal may have followed the stream image).
    const onItems = statements.flatMap(actionsOf).filter((a) => /^dynamodb:[A-Z]\w*Item$/.test(a));
    expect(onItems).toEqual(['dynamodb:BatchGetItem', 'dynamodb:UpdateItem']);
  });

  test('settle: monthly schedule (day 10) with a dead-letter queue, reads and writes the table and exports/', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 6 10 * ? *)',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [id('AWS::Lambda::Function', 'Processing/Settle/Function'), 'Arn'] },
          DeadLetterConfig: {
            Arn: { 'Fn::GetAtt': [id('AWS::SQS::Queue', 'Processing/SettleDlq/'), 'Arn'] },
          },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 },
        }),
      ],
    });
    const statements = statementsOfRole(template, id('AWS::IAM::Role', 'Processing/Settle/Role'));
    const raw = `<${id('AWS::S3::Bucket', 'Storage/Raw/')}.Arn>`;
    const s3Resources = statements
      .filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')))
      .flatMap(resourcesOfStatement);
    expect(s3Resources).toEqual([`${raw}/exports/*`]);
    expect(statements.flatMap(actionsOf)).toEqual(
      expect.arrayContaining(['dynamodb:BatchWriteItem', 'dynamodb:Query']),
    );
    // One run at a time: a second run would take the same version number.
    expect(fnProps('Processing/Settle')).toMatchObject({ ReservedConcurrentExecutions: 1 });
  });

  test('export: monthly schedule (day 10), reads the table, writes only exports/', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 5 10 * ? *)',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [id('AWS::Lambda::Function', 'Processing/Export/Function'), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 },
        }),
      ],
    });
    const statements = statementsOfRole(template, id('AWS::IAM::Role', 'Processing/Export/Role'));
    const raw = `<${id('AWS::S3::Bucket', 'Storage/Raw/')}.Arn>`;
    const s3Resources = statements
      .filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')))
      .flatMap(resourcesOfStatement);
    expect(s3Resources).toEqual([`${raw}/exports/*`]);
    const dynamo = statements.flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:'));
    expect(dynamo.some((a) => /^dynamodb:(Put|Update|BatchWrite|Delete)/.test(a))).toBe(false);
  });
});

describe('state table', () => {
  test('pk/sk strings, on demand, PITR, customer-managed KMS, NEW_IMAGE stream, deletion protection, retained', () => {
    const tableId = id('AWS::DynamoDB::Table', 'Storage/State');
    expect(json.Resources[tableId].Properties).toMatchObject({
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [id('AWS::KMS::Key', 'Storage/Key'), 'Arn'] },
      },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      DeletionProtectionEnabled: true,
    });
    expect(json.Resources[tableId].DeletionPolicy).toBe('Retain');
  });
});

describe('alerts and alarms', () => {
  test('rejection topic and alarm topic are KMS-encrypted and TLS-only', () => {
    const topics = resourcesOf(template, 'AWS::SNS::Topic');
    expect(topics).toHaveLength(2);
    for (const [topicId, topic] of topics) {
      expect((topic.Properties as { KmsMasterKeyId: unknown }).KmsMasterKeyId).toEqual({
        'Fn::GetAtt': [id('AWS::KMS::Key', 'Storage/Key'), 'Arn'],
      });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: topicId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  const alarmOn = (metricName: string, extra: Record<string, unknown> = {}) =>
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: metricName,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: id('AWS::SNS::Topic', 'Operations/Alarms') }],
      ...extra,
    });

  test('DLQ depth > 0', () => {
    alarmOn('ApproximateNumberOfMessagesVisible', {
      Namespace: 'AWS/SQS',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [id('AWS::SQS::Queue', 'Processing/IngestDlq/'), 'QueueName'] },
        },
      ],
    });
  });

  test('ingest errors and throttles', () => {
    const dims = [
      { Name: 'FunctionName', Value: { Ref: id('AWS::Lambda::Function', 'Processing/Ingest/Function') } },
    ];
    alarmOn('Errors', { Namespace: 'AWS/Lambda', Dimensions: dims });
    alarmOn('Throttles', { Namespace: 'AWS/Lambda', Dimensions: dims });
  });

  test('quarantined files (Powertools metric BestandenInQuarantaine, namespace bwmo)', () => {
    alarmOn('BestandenInQuarantaine', {
      Namespace: 'bwmo',
      Dimensions: [{ Name: 'service', Value: 'bwmo' }],
      Statistic: 'Sum',
    });
  });

  test('with alertEmail and alertGemeente: an e-mail subscription filtered on the gemeente attribute', () => {
    const { template: t } = synth({
      alertEmail: 'wmo@example.nl',
      alertGemeente: '0988',
      gemeenten: '0988,0983',
    });
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'wmo@example.nl',
      FilterPolicy: { gemeente: ['0988'] },
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OperationsAlertMailDlq'), 'Arn'] },
      },
    });
    // The subset of municipalities also limits roles and groups.
    expect(resourcesOf(t, 'AWS::Cognito::UserPoolGroup')).toHaveLength(3 + 2);
  });
});

describe('per-municipality uploader roles', () => {
  const raw = () => `<${id('AWS::S3::Bucket', 'Storage/Raw/')}.Arn>`;

  test.each(NML)('gemeente %s: writes inbox/%s/* and reads outbox/%s/*, nothing else', (g) => {
    const roleId = id('AWS::IAM::Role', `Uploaders/Gemeente${g}/`);
    const role = json.Resources[roleId].Properties as {
      AssumeRolePolicyDocument: { Statement: Statement[] };
    };
    expect(role.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
      StringEquals: { 'sts:ExternalId': `bwmo-${g}` },
    });
    const statements = statementsOfRole(template, roleId);
    const objects = statements
      .filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')) && !actionsOf(s).includes('s3:ListBucket'))
      .map((s) => ({ actions: actionsOf(s).sort(), resources: resourcesOfStatement(s) }));
    expect(objects).toEqual([
      { actions: ['s3:AbortMultipartUpload', 's3:PutObject'], resources: [`${raw()}/inbox/${g}/*`] },
      { actions: ['s3:GetObject'], resources: [`${raw()}/outbox/${g}/*`] },
    ]);
    const list = statements.find((s) => actionsOf(s).includes('s3:ListBucket'));
    expect(list?.Condition).toEqual({ StringLike: { 's3:prefix': [`outbox/${g}/`, `outbox/${g}/*`] } });
    const kms = statements.find((s) => actionsOf(s).some((a) => a.startsWith('kms:')));
    expect(kms?.Condition?.StringEquals?.['kms:EncryptionContext:aws:s3:arn']).toEqual({
      'Fn::GetAtt': [id('AWS::S3::Bucket', 'Storage/Raw/'), 'Arn'],
    });
    const services = new Set(statements.flatMap(actionsOf).map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['kms', 's3']);
  });

  test('one role per municipality of the region', () => {
    const roles = resourcesOf(template, 'AWS::IAM::Role').filter(([rid]) =>
      rid.startsWith('UploadersGemeente'),
    );
    expect(roles).toHaveLength(NML.length);
  });
});

describe("the operators' role (beheer)", () => {
  const raw = () => `<${id('AWS::S3::Bucket', 'Storage/Raw/')}.Arn>`;

  test('puts withdrawal requests and reads their outcomes, nothing else', () => {
    const roleId = id('AWS::IAM::Role', 'Operators/Beheer/');
    const role = json.Resources[roleId].Properties as {
      AssumeRolePolicyDocument: { Statement: Statement[] };
    };
    expect(role.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
      StringEquals: { 'sts:ExternalId': 'bwmo-beheer' },
    });
    const statements = statementsOfRole(template, roleId);
    const objects = statements
      .filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')))
      .map((s) => ({ actions: actionsOf(s).sort(), resources: resourcesOfStatement(s) }));
    expect(objects).toEqual([
      { actions: ['s3:PutObject'], resources: [`${raw()}/withdrawals/*`] },
      { actions: ['s3:GetObject'], resources: [`${raw()}/outbox/*/intrekkingen/*.uitkomst.json`] },
    ]);
    const kms = statements.find((s) => actionsOf(s).some((a) => a.startsWith('kms:')));
    expect(kms?.Condition?.StringEquals?.['kms:ViaService']).toBeDefined();
    const services = new Set(statements.flatMap(actionsOf).map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['kms', 's3']);
  });
});

describe('people and the API', () => {
  test('user pool: no self sign-up, MFA required, strong passwords, threat protection', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      UserPoolTier: 'PLUS',
    });
  });

  test('groups: beheer, financien, beleid and backoffice-<gemeente> for every municipality', () => {
    const names = resourcesOf(template, 'AWS::Cognito::UserPoolGroup')
      .map(([, r]) => (r.Properties as { GroupName: string }).GroupName)
      .sort();
    expect(names).toEqual(['beheer', 'beleid', 'financien', ...NML.map((g) => `backoffice-${g}`)].sort());
  });

  test('GET /api/{proxy+} with the Cognito JWT authorizer, GET /machine/{proxy+} with IAM', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Audience: [{ Ref: Match.anyValue() }], Issuer: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /api/{proxy+}',
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /machine/{proxy+}',
      AuthorizationType: 'AWS_IAM',
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
  });

  test('stage: throttled, JSON access logs into a KMS-encrypted log group', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [id('AWS::Logs::LogGroup', 'Http/AccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
  });

  test('the api function only reads', () => {
    const actions = statementsOfRole(template, id('AWS::IAM::Role', 'Http/Handler/Role')).flatMap(actionsOf);
    expect(
      actions.filter((a) => /Put|Write|Delete|Update|Send|Publish|Encrypt|GenerateDataKey/.test(a)),
    ).toEqual(['logs:PutLogEvents']);
  });
});

describe('without sftp', () => {
  test('no Transfer Family resources', () => {
    for (const type of ['AWS::Transfer::Server', 'AWS::Transfer::User', 'AWS::Transfer::Workflow']) {
      template.resourceCountIs(type, 0);
    }
    expect(Object.keys(json.Resources).filter((r) => r.startsWith('Sftp'))).toEqual([]);
  });
});

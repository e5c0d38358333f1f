/**
 * The bwmo stack: environment-agnostic (no account or region in the template), parameterised by context (see
 * infra/config.ts and infra/README.md). One stack per region folder.
 */
import { CfnOutput, type CfnResource, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { BwmoConfig } from './config';
import { HttpApi } from './constructs/http-api';
import { MonitorSite } from './constructs/monitor-site';
import { Operations } from './constructs/operations';
import { Operators } from './constructs/operators';
import { defaultDomainPrefix, hostedUiUrl, People } from './constructs/people';
import { encryptedLogGroup } from './constructs/pipeline-function';
import { Processing } from './constructs/processing';
import { Sftp } from './constructs/sftp';
import { Storage } from './constructs/storage';
import { Uploaders } from './constructs/uploaders';
import { acknowledge } from './nag';

export interface BwmoStackProps extends StackProps {
  readonly config: BwmoConfig;
}

export class BwmoStack extends Stack {
  readonly config: BwmoConfig;
  readonly storage: Storage;
  readonly operations: Operations;
  readonly alertTopic: sns.Topic;
  readonly processing: Processing;
  readonly monitor: MonitorSite;
  readonly people: People;
  readonly httpApi: HttpApi;
  readonly uploaders: Uploaders;
  readonly operators: Operators;
  readonly sftp?: Sftp;

  constructor(scope: Construct, id: string, props: BwmoStackProps) {
    super(scope, id, props);
    const config = props.config;
    this.config = config;
    const logRetention = config.logRetentionDays as logs.RetentionDays;

    this.storage = new Storage(this, 'Storage', {
      keyAlias: `alias/bwmo-${config.regionCode.toLowerCase()}`,
      archiveDays: config.archiveDays,
      noncurrentDays: config.noncurrentDays,
    });
    this.operations = new Operations(this, 'Operations', {
      key: this.storage.key,
      opsEmail: config.opsEmail,
    });

    // Rejection alerts, one per committed file with rejections; attribute `gemeente` for subscriber filters.
    this.alertTopic = new sns.Topic(this, 'Rejections', {
      displayName: 'bwmo: afgewezen regels',
      masterKey: this.storage.key,
      enforceSSL: true,
    });
    if (config.alertEmail) {
      this.operations.emailSubscription(
        this.alertTopic,
        'AlertMail',
        config.alertEmail,
        config.alertGemeenten,
      );
    }

    this.processing = new Processing(this, 'Processing', {
      config,
      storage: this.storage,
      operations: this.operations,
      alertTopic: this.alertTopic,
      logRetention,
    });

    // The monitor page and its sign-in, in dependency order (no cycle; infra/README.md, "CORS, and why there is no dependency cycle"):
    // site bucket + distribution → Cognito client (callback URL) → HTTP API (JWT audience, CORS origin)
    // → the page's deployment (config.json names the API and the client). The hosted-UI prefix is known up front,
    // so the distribution's CSP can name the Cognito domain without waiting for the user pool.
    const domainPrefix = config.cognitoDomainPrefix ?? defaultDomainPrefix(config.regionCode);
    this.monitor = new MonitorSite(this, 'Monitor', {
      accessLogBucket: this.storage.accessLogBucket,
      key: this.storage.key,
      logRetention,
      loginOrigin: hostedUiUrl(domainPrefix),
    });
    this.people = new People(this, 'People', {
      gemeenten: config.gemeenten,
      domainPrefix,
      monitorUrl: this.monitor.url,
    });
    const principal: iam.IPrincipal = config.uploaderPrincipal
      ? new iam.ArnPrincipal(config.uploaderPrincipal)
      : new iam.AccountRootPrincipal();
    this.httpApi = new HttpApi(this, 'Http', {
      config,
      storage: this.storage,
      people: this.people,
      logRetention,
      machinePrincipal: principal,
      monitorOrigin: this.monitor.origin,
      environment: this.processing.environment,
    });
    this.monitor.deploy({
      api: this.httpApi.url,
      login: {
        domain: this.people.hostedUiUrl,
        clientId: this.people.client.userPoolClientId,
        redirectUri: this.monitor.url,
      },
    });
    this.uploaders = new Uploaders(this, 'Uploaders', {
      storage: this.storage,
      gemeenten: config.gemeenten,
      principal,
      externalIdPrefix: config.externalIdPrefix,
    });
    this.operators = new Operators(this, 'Operators', {
      storage: this.storage,
      principal,
      externalIdPrefix: config.externalIdPrefix,
    });
    if (config.sftp) {
      this.sftp = new Sftp(this, 'Sftp', {
        config,
        storage: this.storage,
        operations: this.operations,
        logRetention,
      });
    }

    this.notificationsHandler(logRetention);
    this.acknowledgeStackWide();

    new CfnOutput(this, 'BucketName', {
      value: this.storage.bucket.bucketName,
      description: 'Bucket met inbox/, outbox/, archive/, quarantine/, upload/, state/, exports/',
    });
    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'QueueUrl', { value: this.processing.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.processing.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'AlertTopicArn', {
      value: this.alertTopic.topicArn,
      description: 'SNS-meldingen (attribuut gemeente)',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.operations.topic.topicArn });
    new CfnOutput(this, 'SettleFunctionName', {
      value: this.processing.settle.function.functionName,
      description: 'aws lambda invoke --function-name ... --payload \'{"jaar":2024}\'',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.people.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.people.client.userPoolClientId });
    new CfnOutput(this, 'MonitorUrl', {
      value: this.monitor.url,
      description: 'De regionale monitor (CloudFront); aanmelden via de Cognito hosted UI',
    });
    new CfnOutput(this, 'HostedUiDomain', {
      value: this.people.hostedUiUrl,
      description: 'Cognito hosted UI (OAuth 2.0 authorization code met PKCE)',
    });
    new CfnOutput(this, 'PseudonymParameter', {
      value: config.pseudonymParameter,
      description: 'Eenmalig aanmaken: zie infra/README.md',
    });
  }

  /**
   * The singleton function CDK adds to configure the bucket's S3 event notification (a custom resource): it logs to a
   * group of the stack too, with its retention and key, instead of one Lambda creates and keeps forever; and its
   * managed policy is acknowledged.
   */
  private notificationsHandler(logRetention: logs.RetentionDays): void {
    for (const child of this.node.children) {
      if (!child.node.id.startsWith('BucketNotificationsHandler')) continue;
      const fn = child.node.tryFindChild('Resource') as CfnResource | undefined;
      const group = encryptedLogGroup(this, 'BucketNotificationsLogs', this.storage.key, logRetention);
      fn?.addPropertyOverride('LoggingConfig', { LogGroup: group.logGroupName });
      acknowledge(
        child,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "CDK's own BucketNotificationsHandler (custom resource that sets the S3 event notification at deploy time) has no role option; it only writes its logs with this policy and runs only during deployments.",
      );
    }
  }

  /** Findings that hold for every Lambda function of the stack, with the reason. */
  private acknowledgeStackWide(): void {
    acknowledge(
      this,
      'Serverless-LambdaTracing',
      'The functions use Powertools structured JSON logs and EMF metrics, not the Powertools tracer (not a dependency); ACTIVE tracing would record only the invoke segment, already covered by Lambda metrics, and would need xray:PutTraceSegments on Resource::*.',
    );
  }
}

/**
 * One Lambda function of the pipeline: Node.js (the newest runtime this aws-cdk-lib knows), arm64, bundled with the
 * local esbuild (never Docker), JSON logs into its own KMS-encrypted log group with a retention, and its own role
 * that may write only to that log group (no AWSLambdaBasicExecutionRole: every other permission is granted by the
 * stack, resource by resource).
 *
 * With context `bundle=false` (tests that only look at the template) the code is a one-line placeholder instead of
 * the esbuild bundle; everything else is identical.
 */
import { resolve } from 'node:path';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The repository root (infra/constructs/ → ../..). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The runtime of every function: Node.js 24 (the latest in aws-cdk-lib 2.276; cdk-nag L1 checks for it). */
export const RUNTIME = lambda.Runtime.NODEJS_24_X;
const ESBUILD_TARGET = 'node24';

/** Where the region folder lands inside a bundle (and so on the Lambda file system). */
export const REGION_IN_BUNDLE = '/var/task/region';

export interface PipelineFunctionProps {
  /** Entry file, relative to the repository root (e.g. functions/ingest.ts). */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment?: Record<string, string>;
  /** Key of the log group. */
  readonly key: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  /** Copy this region folder into the bundle as ./region and set REGION_DIR to it. */
  readonly regionDir?: string;
  readonly reservedConcurrentExecutions?: number;
  /** Dead-letter queue for asynchronous invocations (S3, EventBridge, Transfer Family) after Lambda's 2 retries. */
  readonly deadLetterQueue?: sqs.IQueue;
  /** Modules left out of the bundle because the Lambda runtime provides them. */
  readonly externalModules?: string[];
  readonly bundle: boolean;
}

/** A log group of the stack: encrypted with the stack key, with the stack's retention, retained on deletion. */
export function encryptedLogGroup(
  scope: Construct,
  id: string,
  key: kms.IKey,
  retention: logs.RetentionDays,
  logGroupName?: string,
): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    logGroupName,
    encryptionKey: key,
    retention,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/**
 * A Lambda execution role that may write only to the function's own log group (instead of the
 * AWSLambdaBasicExecutionRole managed policy): Lambda creates streams in it and writes events.
 */
export function lambdaRole(
  scope: Construct,
  id: string,
  description: string,
  logGroup: logs.ILogGroup,
): iam.Role {
  const role = new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description,
  });
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  return role;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class PipelineFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);

    this.logGroup = encryptedLogGroup(this, 'Logs', props.key, props.logRetention);
    this.role = lambdaRole(this, 'Role', `${props.description} (Lambda execution role)`, this.logGroup);

    const environment: Record<string, string> = {
      POWERTOOLS_SERVICE_NAME: 'bwmo',
      POWERTOOLS_METRICS_NAMESPACE: 'bwmo',
      NODE_OPTIONS: '--enable-source-maps',
      ...(props.regionDir ? { REGION_DIR: REGION_IN_BUNDLE } : {}),
      ...props.environment,
    };
    const common: lambda.FunctionOptions = {
      description: props.description,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      environment,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      deadLetterQueue: props.deadLetterQueue,
    };

    if (props.bundle) {
      const regionDir = props.regionDir;
      this.function = new NodejsFunction(this, 'Function', {
        ...common,
        runtime: RUNTIME,
        entry: resolve(REPO_ROOT, props.entry),
        handler: 'handler',
        projectRoot: REPO_ROOT,
        depsLockFilePath: resolve(REPO_ROOT, 'package-lock.json'),
        bundling: {
          forceDockerBundling: false,
          target: ESBUILD_TARGET,
          format: OutputFormat.CJS,
          minify: true,
          sourceMap: true,
          // Bundle the AWS SDK too: the versions tested are the versions deployed.
          externalModules: props.externalModules ?? [],
          commandHooks: regionDir
            ? {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_inputDir: string, outputDir: string) => [
                  `mkdir -p ${shellQuote(`${outputDir}/region`)}`,
                  `cp -R ${shellQuote(`${regionDir}/.`)} ${shellQuote(`${outputDir}/region/`)}`,
                ],
              }
            : undefined,
        },
      });
    } else {
      this.function = new lambda.Function(this, 'Function', {
        ...common,
        runtime: RUNTIME,
        handler: 'index.handler',
        code: lambda.Code.fromInline(
          "exports.handler = async () => { throw new Error('placeholder: synthesised with -c bundle=false'); };",
        ),
      });
    }
  }
}

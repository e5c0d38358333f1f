/**
 * The read-only HTTP API (API Gateway v2) in front of the api function: `GET /api/{proxy+}` for people with a
 * Cognito JWT (the groups decide what they see), `GET /machine/{proxy+}` for machines signed with SigV4 (IAM
 * authorisation; the MachineClient role may call it). Access logs in JSON, stage throttling.
 *
 * The monitor page (on its CloudFront domain) calls `/api/...` directly, cross-origin: CORS admits exactly that
 * origin with the `authorization` header. API Gateway answers the OPTIONS preflight itself, before any route or
 * authorizer, so the preflight needs no token.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { BwmoConfig } from '../config';
import { acknowledge } from '../nag';
import { grantKey, grantTable, KEY_READ } from './grants';
import type { People } from './people';
import { encryptedLogGroup, PipelineFunction } from './pipeline-function';
import type { Storage } from './storage';

export interface HttpApiProps {
  readonly config: BwmoConfig;
  readonly storage: Storage;
  readonly people: People;
  readonly environment: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
  /** Principal that may assume the machine-client role. */
  readonly machinePrincipal: iam.IPrincipal;
  /** The monitor page's origin (`https://<distribution domain>`, no path): the only origin CORS admits. */
  readonly monitorOrigin: string;
}

export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly handler: PipelineFunction;
  readonly machineRole: iam.Role;
  /** `https://<api id>.execute-api.<region>.amazonaws.com`, no trailing slash (the $default stage has no path). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const { config, storage } = props;

    this.handler = new PipelineFunction(this, 'Handler', {
      key: storage.key,
      logRetention: props.logRetention,
      bundle: config.bundle,
      entry: 'functions/api.ts',
      description: 'bwmo api: read-only HTTP API (aggregates, file lists, exports)',
      memorySize: 1024,
      // API Gateway HTTP APIs wait at most 30 seconds for an integration.
      timeout: Duration.seconds(29),
      regionDir: config.regionDir,
      environment: props.environment,
    });
    // Queries only: every view, export and settlement statement is read from the table (the workbooks are built
    // per request); the bucket is not touched. Decrypt only: the API never writes.
    grantTable(this.handler.role, storage, ['Query']);
    grantKey(this.handler.role, storage.key, KEY_READ);
    acknowledge(
      this.handler,
      'Serverless-LambdaDLQ',
      'Invoked synchronously by API Gateway only; the caller gets the error, there is no asynchronous event to keep.',
    );

    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'bwmo: alleen-lezen API voor financiën, beleid, beheer en backoffices',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.monitorOrigin],
        allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.OPTIONS],
        allowHeaders: ['authorization'],
        // Bearer tokens, no cookies: credentials mode stays off.
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });
    this.url = this.api.apiEndpoint;
    const accessLogs = encryptedLogGroup(this, 'AccessLogs', storage.key, props.logRetention);
    this.stage = new apigw.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            integrationError: '$context.integrationErrorMessage',
            caller: '$context.identity.caller',
            user: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('ApiIntegration', this.handler.function);
    this.api.addRoutes({
      path: '/api/{proxy+}',
      methods: [apigw.HttpMethod.GET],
      integration,
      authorizer: new HttpUserPoolAuthorizer('Cognito', props.people.userPool, {
        userPoolClients: [props.people.client],
      }),
    });
    this.api.addRoutes({
      path: '/machine/{proxy+}',
      methods: [apigw.HttpMethod.GET],
      integration,
      authorizer: new HttpIamAuthorizer(),
    });

    this.machineRole = new iam.Role(this, 'MachineClient', {
      assumedBy: props.machinePrincipal,
      description: 'bwmo: machines (e.g. a finance system) that call GET /machine/* with SigV4',
      maxSessionDuration: Duration.hours(1),
      inlinePolicies: {
        invoke: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['execute-api:Invoke'],
              resources: [this.api.arnForExecuteApi('GET', '/machine/*', '$default')],
            }),
          ],
        }),
      },
    });
    const stack = Stack.of(this);
    acknowledge(
      this.machineRole,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${stack.getLogicalId(
        this.api.node.defaultChild as apigw.CfnApi,
      )}>/$default/GET/machine/*]`,
      'GET on the machine routes (/machine/{proxy+}) of this API and stage only; the wildcard is the proxy path.',
    );

    new CfnOutput(this, 'Url', {
      value: this.api.apiEndpoint,
      description: 'HTTP API (GET /api/... met Cognito, GET /machine/... met SigV4)',
    });
    new CfnOutput(this, 'MachineRoleArn', {
      value: this.machineRole.roleArn,
      description: 'Rol voor machines die /machine/* aanroepen',
    });
  }
}

/**
 * Optional SFTP access (context sftp=true; Transfer Family charges a fixed fee per hour per protocol): one
 * service-managed user per municipality, named by its gemeentecode, who sees two folders:
 *
 *   /upload      → s3://<raw>/upload/<g>/    (write: staging)
 *   /antwoorden  → s3://<raw>/outbox/<g>/    (read and list)
 *
 * A completed upload starts the managed workflow: COPY to inbox/${transfer:UserName}/ (the S3 event there starts
 * the pipeline) and DELETE the staging object. An upload cut off by a dropped session starts the partial-upload
 * workflow: COPY to quarantine/${transfer:UserName}/afgebroken/${transfer:UploadDate}/, a CUSTOM step (infra/lambda/partial-upload.ts) that writes
 * `<name>.rapport.json` with rule UPLOAD-ONVOLLEDIG next to it, then DELETE the staging object. A failed step
 * leaves the staging object where it is (nothing is lost) and raises an alarm.
 */
import { Aws, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import { partialUploadKey } from '../../pipeline/partial-upload';
import type { BwmoConfig } from '../config';
import { acknowledge, arnToken } from '../nag';
import { grantKey, grantPrefixes, KEY_SEND } from './grants';
import type { Operations } from './operations';
import { encryptedLogGroup, PipelineFunction } from './pipeline-function';
import { PREFIXES, type Storage } from './storage';
import { keyViaS3 } from './uploaders';

export interface SftpProps {
  readonly config: BwmoConfig;
  readonly storage: Storage;
  readonly operations: Operations;
  readonly logRetention: logs.RetentionDays;
}

/**
 * Transfer Family workflow variables, written literally into the template (they are not JavaScript template
 * placeholders): the uploaded file, the previous step's output file, and the SFTP user name (= gemeentecode).
 */
export const WORKFLOW_VARS = {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Transfer Family workflow variable, resolved per execution
  originalFile: '${original.file}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Transfer Family workflow variable, resolved per execution
  previousFile: '${previous.file}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Transfer Family workflow variable, resolved per execution
  userName: '${transfer:UserName}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Transfer Family workflow variable, resolved per execution
  uploadDate: '${transfer:UploadDate}',
} as const;

/** The logical folders every SFTP user sees. */
export const SFTP_FOLDERS = { upload: '/upload', answers: '/antwoorden' } as const;

export class Sftp extends Construct {
  readonly server: transfer.CfnServer;
  readonly users = new Map<string, transfer.CfnUser>();
  readonly uploadWorkflow: transfer.CfnWorkflow;
  readonly partialWorkflow: transfer.CfnWorkflow;
  readonly partialUpload: PipelineFunction;

  constructor(scope: Construct, id: string, props: SftpProps) {
    super(scope, id);
    const { config, storage, operations } = props;
    const stack = Stack.of(this);
    const bucket = storage.bucket.bucketName;
    const transferArn = (resource: string) =>
      `arn:${Aws.PARTITION}:transfer:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
    /** Transfer Family, only on behalf of this account's servers, workflows or users (confused deputy). */
    const transferFor = (sourceArn: string | string[]) =>
      new iam.ServicePrincipal('transfer.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': sourceArn },
        },
      });

    // --- the custom step: a report next to a quarantined partial upload ------------------------------------------
    const partialDlq = operations.deadLetterQueue(this, 'PartialUploadDlq', {
      holds:
        'workflow-aanroepen van de rapportfunctie voor afgebroken SFTP-uploads die na 2 pogingen mislukten',
    });
    this.partialUpload = new PipelineFunction(this, 'PartialUpload', {
      key: storage.key,
      logRetention: props.logRetention,
      bundle: config.bundle,
      entry: 'infra/lambda/partial-upload.ts',
      description: 'bwmo sftp: report UPLOAD-ONVOLLEDIG for a cut-off upload (Transfer Family custom step)',
      memorySize: 256,
      timeout: Duration.minutes(1),
      environment: { BUCKET_NAME: bucket },
      deadLetterQueue: partialDlq,
      // The Lambda runtime ships the full AWS SDK v3; the Transfer client is not a dependency of this repository.
      externalModules: ['@aws-sdk/client-transfer'],
    });
    grantPrefixes(this.partialUpload, this.partialUpload.role, storage, {
      [PREFIXES.quarantine]: {
        access: ['write'],
        why: 'writes <name>.rapport.json next to the quarantined partial upload of any municipality',
      },
      [PREFIXES.outbox]: {
        access: ['write'],
        why: "writes a copy of that report into the municipality's outbox, the only place its backoffice reads, under a name no other output has (<name>.afgebroken-<moment>.rapport.json)",
      },
    });
    grantKey(this.partialUpload.role, storage.key, KEY_SEND);
    this.partialUpload.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['transfer:SendWorkflowStepState'],
        resources: [transferArn('workflow/*')],
      }),
    );
    acknowledge(
      this.partialUpload,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:transfer:<AWS::Region>:<AWS::AccountId>:workflow/*]`,
      "SendWorkflowStepState on this account's workflows: naming the partial-upload workflow would be a dependency cycle (the workflow names this function as its step target).",
    );

    // --- workflows ---------------------------------------------------------------------------------------------
    // CfnWorkflow types its step details as `any`: they are written in CloudFormation's PascalCase.
    this.uploadWorkflow = new transfer.CfnWorkflow(this, 'UploadWorkflow', {
      description: 'bwmo complete upload naar inbox van de gemeente daarna staging verwijderen',
      steps: [
        {
          type: 'COPY',
          copyStepDetails: {
            Name: 'naar-inbox',
            SourceFileLocation: WORKFLOW_VARS.originalFile,
            DestinationFileLocation: {
              S3FileLocation: { Bucket: bucket, Key: `${PREFIXES.inbox}${WORKFLOW_VARS.userName}/` },
            },
            // A file of the same name still waiting in the inbox is never replaced unseen: the copy fails, the
            // upload stays in upload/<g>/ and the failed-execution alarm fires.
            OverwriteExisting: 'FALSE',
          },
        },
        {
          type: 'DELETE',
          deleteStepDetails: { Name: 'staging-verwijderen', SourceFileLocation: WORKFLOW_VARS.originalFile },
        },
      ],
    });
    this.partialWorkflow = new transfer.CfnWorkflow(this, 'PartialUploadWorkflow', {
      description: 'bwmo afgebroken upload naar quarantine met rapport UPLOAD-ONVOLLEDIG',
      steps: [
        {
          type: 'COPY',
          copyStepDetails: {
            Name: 'naar-quarantaine',
            SourceFileLocation: WORKFLOW_VARS.originalFile,
            DestinationFileLocation: {
              // A folder per day of its own (pipeline/partial-upload.ts): never over a file the ingest quarantined.
              S3FileLocation: {
                Bucket: bucket,
                Key: partialUploadKey(WORKFLOW_VARS.userName, '', WORKFLOW_VARS.uploadDate),
              },
            },
            OverwriteExisting: 'TRUE',
          },
        },
        {
          type: 'CUSTOM',
          customStepDetails: {
            Name: 'rapport',
            SourceFileLocation: WORKFLOW_VARS.previousFile,
            Target: this.partialUpload.function.functionArn,
            TimeoutSeconds: 60,
          },
        },
        {
          type: 'DELETE',
          deleteStepDetails: { Name: 'staging-verwijderen', SourceFileLocation: WORKFLOW_VARS.originalFile },
        },
      ],
    });

    // The role Transfer Family runs both workflows with.
    const workflowRole = new iam.Role(this, 'WorkflowRole', {
      assumedBy: transferFor(transferArn('workflow/*')),
      description: 'bwmo sftp: runs the upload and partial-upload workflows',
    });
    workflowRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          's3:GetObject',
          's3:GetObjectVersion',
          's3:GetObjectTagging',
          's3:GetObjectVersionTagging',
          's3:DeleteObject',
          's3:DeleteObjectVersion',
        ],
        resources: [storage.objects(PREFIXES.upload)],
      }),
    );
    workflowRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:PutObjectTagging'],
        resources: [storage.objects(PREFIXES.inbox), storage.objects(PREFIXES.quarantine)],
      }),
    );
    // A copy step that must not overwrite (OverwriteExisting FALSE) lists the bucket first to see whether the name
    // is taken: without this, every upload's copy to inbox/ fails (Transfer Family user guide, workflow steps).
    workflowRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [storage.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${PREFIXES.inbox}*`] } },
      }),
    );
    workflowRole.addToPrincipalPolicy(keyViaS3(storage));
    workflowRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.partialUpload.function.functionArn],
      }),
    );
    for (const [prefix, why] of [
      [PREFIXES.upload, 'reads and then deletes the staging object of any municipality'],
      [PREFIXES.inbox, 'copies a complete upload to inbox/<user>/ of any municipality'],
      [PREFIXES.quarantine, 'copies a partial upload to quarantine/<user>/ of any municipality'],
    ] as const) {
      acknowledge(
        workflowRole,
        `AwsSolutions-IAM5[Resource::${arnToken(storage.bucket)}/${prefix}*]`,
        `Objects under ${prefix} only: the workflow ${why}; the user name (= gemeentecode) is only known per execution.`,
      );
    }

    // --- the server -------------------------------------------------------------------------------------------
    const loggingRole = new iam.Role(this, 'LoggingRole', {
      assumedBy: transferFor([transferArn('server/*'), transferArn('workflow/*')]),
      description: 'bwmo sftp: workflow execution logs to /aws/transfer/<server id>',
    });
    const transferLogGroups = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws/transfer/*`;
    loggingRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        resources: [transferLogGroups],
      }),
    );
    acknowledge(
      loggingRole,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/transfer/*]',
      'Transfer Family writes workflow logs to /aws/transfer/<server id>; the id exists only after the server that needs this role is created.',
    );
    const sessionLogs = encryptedLogGroup(this, 'SessionLogs', storage.key, props.logRetention);

    this.server = new transfer.CfnServer(this, 'Server', {
      domain: 'S3',
      endpointType: 'PUBLIC',
      identityProviderType: 'SERVICE_MANAGED',
      protocols: ['SFTP'],
      securityPolicyName: 'TransferSecurityPolicy-2024-01',
      loggingRole: loggingRole.roleArn,
      structuredLogDestinations: [sessionLogs.logGroupArn],
      workflowDetails: {
        onUpload: [{ workflowId: this.uploadWorkflow.attrWorkflowId, executionRole: workflowRole.roleArn }],
        onPartialUpload: [
          { workflowId: this.partialWorkflow.attrWorkflowId, executionRole: workflowRole.roleArn },
        ],
      },
    });

    // With a logging role, Transfer Family also writes to /aws/transfer/<server id> (workflow logs, with the
    // uploaded paths). Declared here, it has the stack's key and retention instead of being created by Transfer,
    // unencrypted and kept forever.
    encryptedLogGroup(
      this,
      'WorkflowLogs',
      storage.key,
      props.logRetention,
      `/aws/transfer/${this.server.attrServerId}`,
    );

    // --- one user per municipality ----------------------------------------------------------------------------
    for (const g of config.gemeenten) {
      const upload = `${PREFIXES.upload}${g}/`;
      const outbox = `${PREFIXES.outbox}${g}/`;
      const role = new iam.Role(this, `UserRole${g}`, {
        assumedBy: transferFor(transferArn(`user/${this.server.attrServerId}/${g}`)),
        description: `bwmo sftp: gebruiker ${g} (schrijft upload/${g}/, leest outbox/${g}/)`,
        inlinePolicies: {
          s3: new iam.PolicyDocument({
            statements: [
              new iam.PolicyStatement({
                sid: 'WriteOwnUpload',
                actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
                resources: [storage.objects(upload)],
              }),
              new iam.PolicyStatement({
                sid: 'ReadOwnAnswers',
                actions: ['s3:GetObject', 's3:GetObjectVersion'],
                resources: [storage.objects(outbox)],
              }),
              new iam.PolicyStatement({
                sid: 'ListOwnFolders',
                actions: ['s3:ListBucket'],
                resources: [storage.bucket.bucketArn],
                conditions: { StringLike: { 's3:prefix': [upload, `${upload}*`, outbox, `${outbox}*`] } },
              }),
              keyViaS3(storage),
            ],
          }),
        },
      });
      acknowledge(
        role,
        `AwsSolutions-IAM5[Resource::${arnToken(storage.bucket)}/upload/${g}/*]`,
        `Put objects under upload/${g}/ only: the municipality's own SFTP staging folder (/upload).`,
      );
      acknowledge(
        role,
        `AwsSolutions-IAM5[Resource::${arnToken(storage.bucket)}/outbox/${g}/*]`,
        `Get objects under outbox/${g}/ only: the municipality's own answers (/antwoorden).`,
      );
      const user = new transfer.CfnUser(this, `User${g}`, {
        serverId: this.server.attrServerId,
        userName: g,
        role: role.roleArn,
        homeDirectoryType: 'LOGICAL',
        homeDirectoryMappings: [
          { entry: SFTP_FOLDERS.upload, target: `/${bucket}/${upload.slice(0, -1)}` },
          { entry: SFTP_FOLDERS.answers, target: `/${bucket}/${outbox.slice(0, -1)}` },
        ],
      });
      this.users.set(g, user);
    }

    // --- alarms on the workflows --------------------------------------------------------------------------------
    for (const [metricName, what] of [
      [
        'OnUploadExecutionsFailed',
        'Een SFTP-upload kon niet naar inbox/ gekopieerd worden (het bestand staat nog in upload/<gemeente>/).',
      ],
      [
        'OnPartialUploadExecutionsFailed',
        'Een afgebroken SFTP-upload kon niet in quarantaine gezet worden (het deel staat nog in upload/<gemeente>/).',
      ],
    ] as const) {
      operations.alarmAbove(
        `Sftp${metricName}`,
        what,
        new cloudwatch.Metric({
          namespace: 'AWS/Transfer',
          metricName,
          dimensionsMap: { ServerId: this.server.attrServerId },
          period: Duration.minutes(5),
          statistic: 'Sum',
        }),
      );
    }

    new CfnOutput(this, 'ServerId', {
      value: this.server.attrServerId,
      description: 'Transfer Family server id',
    });
    new CfnOutput(this, 'Endpoint', {
      value: `${this.server.attrServerId}.server.transfer.${stack.region}.amazonaws.com`,
      description: 'SFTP-host (gebruikersnaam = gemeentecode)',
    });
  }
}

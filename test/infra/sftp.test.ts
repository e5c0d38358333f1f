/**
 * The stack with context sftp=true: the Transfer Family server, one user per municipality with its two logical
 * folders, user roles scoped to exactly those prefixes, and the two managed workflows.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { WORKFLOW_VARS } from '../../infra/constructs/sftp';
import {
  actionsOf,
  logicalIdAt,
  NML,
  resourcesOf,
  resourcesOfStatement,
  type Statement,
  statementsOfRole,
  synth,
} from './synth';

const { originalFile: ORIGINAL, previousFile: PREVIOUS, userName: USER, uploadDate: DATE } = WORKFLOW_VARS;

test("the workflow variables are Transfer Family's own", () => {
  expect(Object.values(WORKFLOW_VARS).map((v) => v.slice(2, -1))).toEqual([
    'original.file',
    'previous.file',
    'transfer:UserName',
    'transfer:UploadDate',
  ]);
  for (const v of Object.values(WORKFLOW_VARS)) expect(v.startsWith('$' + '{') && v.endsWith('}')).toBe(true);
});

let template: Template;
let json: { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

beforeAll(() => {
  ({ template } = synth({ sftp: true }));
  json = template.toJSON() as typeof json;
});

const id = (type: string, path: string) => logicalIdAt(template, type, `Bwmo-NML/${path}`);
const raw = () => id('AWS::S3::Bucket', 'Storage/Raw/');
const bucketArn = () => `<${raw()}.Arn>`;

test('one public SFTP server, service-managed identities, logging role, both workflows wired', () => {
  template.resourceCountIs('AWS::Transfer::Server', 1);
  template.hasResourceProperties('AWS::Transfer::Server', {
    Domain: 'S3',
    EndpointType: 'PUBLIC',
    IdentityProviderType: 'SERVICE_MANAGED',
    Protocols: ['SFTP'],
    LoggingRole: { 'Fn::GetAtt': [id('AWS::IAM::Role', 'Sftp/LoggingRole'), 'Arn'] },
    StructuredLogDestinations: [{ 'Fn::GetAtt': [id('AWS::Logs::LogGroup', 'Sftp/SessionLogs'), 'Arn'] }],
    WorkflowDetails: {
      OnUpload: [
        {
          WorkflowId: { 'Fn::GetAtt': [id('AWS::Transfer::Workflow', 'Sftp/UploadWorkflow'), 'WorkflowId'] },
          ExecutionRole: { 'Fn::GetAtt': [id('AWS::IAM::Role', 'Sftp/WorkflowRole'), 'Arn'] },
        },
      ],
      OnPartialUpload: [
        {
          WorkflowId: {
            'Fn::GetAtt': [id('AWS::Transfer::Workflow', 'Sftp/PartialUploadWorkflow'), 'WorkflowId'],
          },
          ExecutionRole: { 'Fn::GetAtt': [id('AWS::IAM::Role', 'Sftp/WorkflowRole'), 'Arn'] },
        },
      ],
    },
  });
});

test('one user per municipality, named by its gemeentecode, with the two logical folders', () => {
  const users = resourcesOf(template, 'AWS::Transfer::User').map(
    ([, r]) => r.Properties as Record<string, unknown>,
  );
  expect(users.map((u) => u.UserName).sort()).toEqual([...NML].sort());
  for (const g of NML) {
    template.hasResourceProperties('AWS::Transfer::User', {
      UserName: g,
      ServerId: { 'Fn::GetAtt': [id('AWS::Transfer::Server', 'Sftp/Server'), 'ServerId'] },
      Role: { 'Fn::GetAtt': [id('AWS::IAM::Role', `Sftp/UserRole${g}`), 'Arn'] },
      HomeDirectoryType: 'LOGICAL',
      HomeDirectoryMappings: [
        { Entry: '/upload', Target: { 'Fn::Join': ['', ['/', { Ref: raw() }, `/upload/${g}`]] } },
        { Entry: '/antwoorden', Target: { 'Fn::Join': ['', ['/', { Ref: raw() }, `/outbox/${g}`]] } },
      ],
    });
  }
});

test.each(NML)('user role %s: write upload/<g>/*, read and list outbox/<g>/*, nothing else', (g) => {
  const roleId = id('AWS::IAM::Role', `Sftp/UserRole${g}`);
  const trust = (json.Resources[roleId].Properties.AssumeRolePolicyDocument as { Statement: Statement[] })
    .Statement[0];
  expect(trust.Condition?.ArnLike?.['aws:SourceArn']).toEqual({
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':transfer:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        ':user/',
        { 'Fn::GetAtt': [id('AWS::Transfer::Server', 'Sftp/Server'), 'ServerId'] },
        `/${g}`,
      ],
    ],
  });
  const statements = statementsOfRole(template, roleId);
  const objects = statements
    .filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')) && !actionsOf(s).includes('s3:ListBucket'))
    .map((s) => ({ actions: actionsOf(s).sort(), resources: resourcesOfStatement(s) }));
  expect(objects).toEqual([
    { actions: ['s3:AbortMultipartUpload', 's3:PutObject'], resources: [`${bucketArn()}/upload/${g}/*`] },
    { actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [`${bucketArn()}/outbox/${g}/*`] },
  ]);
  const list = statements.find((s) => actionsOf(s).includes('s3:ListBucket'));
  expect(list?.Condition).toEqual({
    StringLike: { 's3:prefix': [`upload/${g}/`, `upload/${g}/*`, `outbox/${g}/`, `outbox/${g}/*`] },
  });
  expect(new Set(statements.flatMap(actionsOf).map((a) => a.split(':')[0]))).toEqual(new Set(['s3', 'kms']));
});

test('upload workflow: COPY the completed upload to inbox/<user>/, then DELETE the staging object', () => {
  const steps = json.Resources[id('AWS::Transfer::Workflow', 'Sftp/UploadWorkflow')].Properties.Steps;
  expect(steps).toEqual([
    {
      Type: 'COPY',
      CopyStepDetails: {
        Name: 'naar-inbox',
        SourceFileLocation: ORIGINAL,
        DestinationFileLocation: {
          S3FileLocation: { Bucket: { Ref: raw() }, Key: `inbox/${USER}/` },
        },
        OverwriteExisting: 'FALSE',
      },
    },
    {
      Type: 'DELETE',
      DeleteStepDetails: { Name: 'staging-verwijderen', SourceFileLocation: ORIGINAL },
    },
  ]);
});

test('partial-upload workflow: COPY to quarantine/<user>/afgebroken/<date>/ (never over a file the ingest quarantined), CUSTOM report step, DELETE the staging object', () => {
  const steps = json.Resources[id('AWS::Transfer::Workflow', 'Sftp/PartialUploadWorkflow')].Properties.Steps;
  expect(steps).toEqual([
    {
      Type: 'COPY',
      CopyStepDetails: {
        Name: 'naar-quarantaine',
        SourceFileLocation: ORIGINAL,
        DestinationFileLocation: {
          S3FileLocation: {
            Bucket: { Ref: raw() },
            Key: `quarantine/${USER}/afgebroken/${DATE}/`,
          },
        },
        OverwriteExisting: 'TRUE',
      },
    },
    {
      Type: 'CUSTOM',
      CustomStepDetails: {
        Name: 'rapport',
        SourceFileLocation: PREVIOUS,
        Target: { 'Fn::GetAtt': [id('AWS::Lambda::Function', 'Sftp/PartialUpload/Function'), 'Arn'] },
        TimeoutSeconds: 60,
      },
    },
    {
      Type: 'DELETE',
      DeleteStepDetails: { Name: 'staging-verwijderen', SourceFileLocation: ORIGINAL },
    },
  ]);
});

test('the partial-upload function writes reports under quarantine/ and outbox/ and reports its step state', () => {
  template.hasResourceProperties('AWS::Lambda::Function', {
    Handler: 'index.handler',
    Runtime: 'nodejs24.x',
    Environment: { Variables: Match.objectLike({ BUCKET_NAME: { Ref: raw() } }) },
    DeadLetterConfig: {
      TargetArn: { 'Fn::GetAtt': [id('AWS::SQS::Queue', 'Sftp/PartialUploadDlq/'), 'Arn'] },
    },
  });
  const statements = statementsOfRole(template, id('AWS::IAM::Role', 'Sftp/PartialUpload/Role'));
  const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
  // Writes only: the report next to the quarantined part and its copy in the outbox (a name of its own there).
  expect(s3.flatMap(resourcesOfStatement).sort()).toEqual([
    `${bucketArn()}/outbox/*`,
    `${bucketArn()}/quarantine/*`,
  ]);
  for (const s of s3) expect(actionsOf(s).sort()).toEqual(['s3:AbortMultipartUpload', 's3:PutObject']);
  expect(statements.flatMap(actionsOf)).toContain('transfer:SendWorkflowStepState');
});

test('the workflow role: read/delete staging, put to inbox/ and quarantine/, list inbox/, invoke the step function', () => {
  const roleId = id('AWS::IAM::Role', 'Sftp/WorkflowRole');
  const trust = (
    json.Resources[roleId].Properties.AssumeRolePolicyDocument as {
      Statement: (Statement & { Principal: unknown })[];
    }
  ).Statement[0];
  expect(trust.Principal).toEqual({ Service: 'transfer.amazonaws.com' });
  const statements = statementsOfRole(template, roleId);
  const byResource = new Map<string, string[]>();
  for (const s of statements)
    for (const r of resourcesOfStatement(s))
      byResource.set(r, [...(byResource.get(r) ?? []), ...actionsOf(s)].sort());
  expect(byResource.get(`${bucketArn()}/upload/*`)).toEqual(
    expect.arrayContaining(['s3:GetObject', 's3:DeleteObject']),
  );
  expect(byResource.get(`${bucketArn()}/inbox/*`)).toEqual(['s3:PutObject', 's3:PutObjectTagging']);
  expect(byResource.get(`${bucketArn()}/quarantine/*`)).toEqual(['s3:PutObject', 's3:PutObjectTagging']);
  expect(byResource.get(`<${id('AWS::Lambda::Function', 'Sftp/PartialUpload/Function')}.Arn>`)).toEqual([
    'lambda:InvokeFunction',
  ]);
  // The COPY to inbox/ must not overwrite (OverwriteExisting FALSE): Transfer Family lists the bucket to see
  // whether the name is taken, so the role may list, under inbox/ only.
  const list = statements.filter((s) => actionsOf(s).includes('s3:ListBucket'));
  expect(list.flatMap(resourcesOfStatement)).toEqual([bucketArn()]);
  expect(list.map((s) => s.Condition)).toEqual([{ StringLike: { 's3:prefix': ['inbox/*'] } }]);
});

test('alarms on failed workflow executions', () => {
  for (const metric of ['OnUploadExecutionsFailed', 'OnPartialUploadExecutionsFailed']) {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Transfer',
      MetricName: metric,
      Dimensions: [
        {
          Name: 'ServerId',
          Value: { 'Fn::GetAtt': [id('AWS::Transfer::Server', 'Sftp/Server'), 'ServerId'] },
        },
      ],
      Threshold: 0,
    });
  }
});

/**
 * Every log group the deployment writes to is the stack's, with its retention and key: also the one Transfer
 * Family writes workflow logs to (/aws/transfer/<server id>, fixed by AWS once a logging role is set) and the one
 * of CDK's own BucketNotificationsHandler function.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { synth } from './synth';

type Res = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

let template: Template;
let resources: Res;
beforeAll(() => {
  ({ template } = synth({ sftp: true }));
  resources = (template.toJSON() as { Resources: Res }).Resources;
});

const serverId = () => Object.entries(resources).find(([, r]) => r.Type === 'AWS::Transfer::Server')?.[0];

test('the /aws/transfer/<server id> log group the logging role writes to is declared with retention and the key', () => {
  const id = serverId();
  expect(id).toBeDefined();
  const declared = Object.values(resources).filter(
    (r) =>
      r.Type === 'AWS::Logs::LogGroup' &&
      JSON.stringify(r.Properties?.LogGroupName ?? '').includes('/aws/transfer/') &&
      JSON.stringify(r.Properties?.LogGroupName ?? '').includes(String(id)),
  );
  expect(declared).toHaveLength(1);
  expect(declared[0].Properties?.RetentionInDays).toBe(365);
  expect(declared[0].Properties?.KmsKeyId).toBeDefined();
});

test('every Lambda function has a log group of the stack (LoggingConfig.LogGroup) with retention', () => {
  const withoutGroup = Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    .filter(([, r]) => !(r.Properties?.LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup)
    .map(([id]) => id);
  expect(withoutGroup).toEqual([]);
});

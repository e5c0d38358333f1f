/**
 * The operators' role (Operators/Beheer) reads the outcomes of withdrawal requests and nothing else of the
 * municipalities' outboxes, also when a municipality uploads into a folder of its own named `intrekkingen/`
 * (inbox/0983/intrekkingen/decl.csv, which its uploader role allows): the CSV answer there carries the declared
 * rows, BSN included. The policy is evaluated from the synthesised template.
 */
import { withdrawalOutcomeKey } from '../../pipeline/withdraw-request';
import { RolePolicy } from '../helpers/iam-policy';
import { BSN_A, declaratieCsv, line, toewijzingCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';
import { logicalIdAt, synth } from '../infra/synth';

const { template } = synth();
const BUCKET_ARN = `<${logicalIdAt(template, 'AWS::S3::Bucket', 'Bwmo-NML/Storage/Raw/')}.Arn>`;

describe('operators role and a municipality folder named intrekkingen/', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('cannot read the answers of a file the municipality uploaded there', async () => {
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]), new Date('2022-04-01T09:00:00Z'));
    await stack.upload(
      '0983',
      'intrekkingen/decl.csv',
      declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] }),
      new Date('2022-04-06T09:00:00Z'),
    );
    const outputs = await stack.outputs();
    const answers = Object.keys(outputs).filter((k) => k.startsWith('outbox/0983/intrekkingen/'));
    expect(answers).toContain('outbox/0983/intrekkingen/decl.csv.antwoord.csv');
    expect(outputs['outbox/0983/intrekkingen/decl.csv.antwoord.csv']).toContain(BSN_A);

    const operator = RolePolicy.of(template, 'Bwmo-NML/Operators/Beheer/');
    // What it is for: still allowed.
    expect(operator.allows('s3:GetObject', `${BUCKET_ARN}/${withdrawalOutcomeKey('0983', 'x.json')}`)).toBe(
      true,
    );
    const readable = answers.filter((k) => operator.allows('s3:GetObject', `${BUCKET_ARN}/${k}`));
    expect(readable).toEqual([]);
  });
});

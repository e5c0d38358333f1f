/**
 * Ingest as it runs on AWS, as far as S3 permissions go: the real pipeline on the embedded stack, its bucket
 * allowing only what the ingest function's role in the synthesised template allows (test/helpers/iam-blobs.ts).
 * The local stand-ins know no IAM, so without this a missing grant shows only on a real deployment (as the HEAD on
 * archive/ that every new file needs did).
 */
import { ingestObject } from '../../pipeline/ingest';
import { type Denial, iamEnforcingBlobs } from '../helpers/iam-blobs';
import { declaratieXml, line, toewijzingCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';
import { logicalIdAt, statementsOfRole, synth } from '../infra/synth';

describe('ingest within the S3 permissions of its role', () => {
  const { template } = synth();
  const statements = statementsOfRole(
    template,
    logicalIdAt(template, 'AWS::IAM::Role', 'Bwmo-NML/Processing/Ingest/Role'),
  );
  const bucketArn = `<${logicalIdAt(template, 'AWS::S3::Bucket', 'Bwmo-NML/Storage/Raw/')}.Arn>`;

  let stack: Stack;
  const denials: Denial[] = [];
  beforeEach(async () => {
    denials.length = 0;
    stack = await startStack({ wrapBlobs: (b) => iamEnforcingBlobs(b, statements, bucketArn, denials) });
  });
  afterEach(async () => {
    await stack.close();
  });

  it('new, rejected, duplicate, renamed, quarantined and redelivered files go through without a denial', async () => {
    expect((await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]))).report.status).toBe('geaccepteerd');
    // One line approved, one without a toewijzing (9338): an answer and an alert.
    const declaratie = declaratieXml({
      nummer: 'D1',
      maand: '2022-03',
      lines: [line('2022-03', 'R1'), line('2022-03', 'R2', { toewijzingNummer: 999 })],
    });
    expect((await stack.upload('0983', 'd.xml', declaratie)).report.status).toBe('deels-geaccepteerd');
    expect((await stack.upload('0983', 'kopie.xml', declaratie)).report.duplicaatVan).toBeDefined();
    // Another file under a name already archived: its outputs get another name.
    const other = declaratieXml({ nummer: 'D2', maand: '2022-04', lines: [line('2022-04', 'R3')] });
    expect((await stack.upload('0983', 'd.xml', other)).report.status).toBe('geaccepteerd');
    expect((await stack.upload('0983', 'rommel.bin', Buffer.from([0, 1, 2, 3]))).report.status).toBe(
      'quarantaine',
    );
    // A redelivered message for a file already done.
    expect((await ingestObject(stack.deps, 'inbox/0983/tw.csv')).alreadyDone).toBe(true);
    expect(denials).toEqual([]);
    expect(stack.alerts.sent.map((a) => a.bestand)).toEqual(['d.xml', 'rommel.bin']);
    const archived = Object.keys(await stack.outputs()).filter((k) => k.startsWith('archive/'));
    expect(archived.sort()).toEqual([
      expect.stringMatching(/^archive\/0983\/d\.[0-9a-f]{8}\.xml$/),
      'archive/0983/d.xml',
      'archive/0983/kopie.xml',
      'archive/0983/tw.csv',
    ]);
  });
});

/**
 * Odd and long inbox names: every upload in an inbox is answered (DESIGN §4.1), also one whose first part is empty,
 * one at S3's key limit and one with bytes under a key ending in /; and an answer never replaces another file's.
 */
import { ingestObject } from '../../pipeline/ingest';
import { routeS3Event } from '../../pipeline/route';
import { keyAtS3Limit, s3Event, withS3KeyLimit } from '../helpers/s3';
import { toewijzingCsv } from '../helpers/scenario';
import { putWithTime, type Stack, startStack } from '../helpers/stack';

test('an inbox name whose FIRST part is empty (inbox/0983//decl.csv) is routed, so that it is answered (NAAM-ONGELDIG)', () => {
  expect(routeS3Event(s3Event('inbox/0983//decl.csv')).map((m) => m.gemeente)).toEqual(['0983']);
});

describe('answers of odd names', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ wrapBlobs: withS3KeyLimit });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('a name with an empty part at S3’s 1024-byte key limit is answered, not failed on every retry', async () => {
    // The refusal's report key adds quarantine/<g>/ and .geweigerd.rapport.json to the name made safe.
    const key = keyAtS3Limit('inbox/0983/', 'x//', 'tw.csv');
    const outcome = await ingestObject(stack.deps, key).then(
      (r) => r.report.findings.map((f) => f.rule).join(','),
      (err: Error) => `${err.name}: ${err.message}`,
    );
    expect(outcome).toBe('NAAM-ONGELDIG');
  });

  it('two different odd names get answers that do not replace each other', async () => {
    await ingestObject(stack.deps, 'inbox/0983/maart//decl.csv');
    await ingestObject(stack.deps, 'inbox/0983/maart/./decl.csv');
    const outbox = Object.entries(await stack.outputs())
      .filter(([k]) => k.startsWith('outbox/0983/maart/'))
      .map(([, v]) => JSON.parse(v).file)
      .sort();
    // Each upload its own answer, though both names are made maart/_/decl.csv.
    expect(outbox).toEqual(['inbox/0983/maart/./decl.csv', 'inbox/0983/maart//decl.csv'].sort());
  });

  it("an odd name's refusal does not replace the answer of a processed file", async () => {
    // A legitimate upload named april/_/tw.csv.geweigerd: its report is outbox/0983/april/_/tw.csv.geweigerd.rapport.json.
    const legit = 'inbox/0983/april/_/tw.csv.geweigerd';
    await putWithTime(stack.blobs, legit, toewijzingCsv([{}]), new Date('2023-06-01T10:00:00Z'));
    const { report } = await ingestObject(stack.deps, legit);
    expect(report.status).toBe('geaccepteerd');
    const reportKey = 'outbox/0983/april/_/tw.csv.geweigerd.rapport.json';
    expect(JSON.parse((await stack.outputs())[reportKey]).file).toBe(legit);
    // An upload of april//tw.csv is refused under the same key.
    await ingestObject(stack.deps, 'inbox/0983/april//tw.csv');
    expect(JSON.parse((await stack.outputs())[reportKey]).file).toBe(legit);
  });
});

test('an object with bytes whose key ends in / (S3 allows a PUT of inbox/0983/decl.csv/) is routed and answered, not dropped as a folder marker', () => {
  // A folder marker is empty; this holds an upload.
  expect(routeS3Event(s3Event('inbox/0983/decl.csv/', 2048)).map((m) => m.key)).toEqual([
    'inbox/0983/decl.csv/',
  ]);
});

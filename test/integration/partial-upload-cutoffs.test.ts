/**
 * Cut-off SFTP uploads: a retried custom step writes the same outputs (its outbox copy is tagged by the workflow's
 * execution), and the folder of cut-off uploads never takes the place of a file the ingest quarantined (an inbox name
 * under afgebroken/ gets its outputs elsewhere).
 */
import { makePartialUploadHandler, type PartialUploadDeps } from '../../infra/lambda/partial-upload';
import { ingestObject } from '../../pipeline/ingest';
import { quarantinePartialUpload } from '../../serve/serve';
import { putWithTime, type Stack, startStack } from '../helpers/stack';
import { stepEvent } from '../helpers/transfer';

test('a retried invocation of the custom step (Lambda async retry after SendWorkflowStepState failed) writes the same outputs', async () => {
  const written = new Map<string, string>();
  let clock = new Date('2024-03-01T10:15:00.000Z').getTime();
  let sendFails = true;
  const deps: PartialUploadDeps = {
    bucket: 'raw-bucket',
    blobs: { put: async (key, body) => void written.set(key, String(body)) },
    sendStepState: async () => {
      if (sendFails) throw new Error('ThrottlingException');
    },
    now: () => new Date(clock),
    log: { info: () => undefined, error: () => undefined },
    countQuarantined: () => undefined,
  };
  const handler = makePartialUploadHandler(deps);
  const e = stepEvent('quarantine/0988/afgebroken/2024-03-01/decl.xml');
  await expect(handler(e)).rejects.toThrow('ThrottlingException');
  // Lambda retries an asynchronous invocation about a minute later, with the same event.
  clock += 60_000;
  sendFails = false;
  await handler(e);
  const outbox = [...written.keys()].filter((k) => k.startsWith('outbox/'));
  // One cut-off upload, one report for the backoffice (now two: ...afgebroken-20240301T101500Z and ...T101600Z).
  expect(outbox).toHaveLength(1);
});

describe('serve: a cut-off upload and a file the ingest quarantined', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('the cut-off upload does not replace a quarantined file (and its report) of the municipality', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // A municipality's upload in a folder afgebroken/<today>/ (S3 and SFTP allow folders in the inbox), quarantined.
    const inboxKey = `inbox/0983/afgebroken/${today}/decl.csv`;
    await putWithTime(stack.blobs, inboxKey, 'geen iwmo\u0000\u0001binair', new Date());
    const { report } = await ingestObject(stack.deps, inboxKey);
    expect(report.status).toBe('quarantaine');
    const inQuarantine = (o: Record<string, string>) =>
      Object.fromEntries(Object.entries(o).filter(([k]) => k.startsWith('quarantine/0983/')));
    const before = inQuarantine(await stack.outputs());
    // The quarantined original and its report, wherever the ingest put them.
    expect(Object.values(before)).toContain('geen iwmo\u0000\u0001binair');
    expect(Object.keys(before).some((k) => k.endsWith('.rapport.json'))).toBe(true);

    // The same day, an SFTP upload of decl.csv is cut off.
    await stack.blobs.put('upload/0983/decl.csv', 'Afzender;Ontv');
    await quarantinePartialUpload(stack.deps, '0983', 'decl.csv', 14);
    const after = inQuarantine(await stack.outputs());
    // Everything the ingest quarantined is still there as it was.
    expect(Object.fromEntries(Object.keys(before).map((k) => [k, after[k]]))).toEqual(before);
  });
});

/**
 * A withdrawal asked for through the bucket (withdrawals/<gemeente>/<name>.json), carried out by the ingest handler
 * in the municipality's FIFO group, on the embedded stack (dynalite over loopback, the bucket as a folder).
 */
import type { Context } from 'aws-lambda';
import { makeIngestHandler } from '../../functions/ingest';
import { key } from '../../pipeline/state/items';
import { type WithdrawalOutcome, withdrawalOutcomeKey } from '../../pipeline/withdraw-request';
import { credit, declaratieCsv, line, toewijzingCsv } from '../helpers/scenario';
import { routedMessage } from '../helpers/sqs';
import { putWithTime, type Stack, startStack } from '../helpers/stack';

jest.mock('../../functions/aws', () => ({
  ...jest.requireActual<typeof import('../../functions/aws')>('../../functions/aws'),
  logger: { info: () => undefined, error: () => undefined, warn: () => undefined },
}));

const context = { getRemainingTimeInMillis: () => 600_000 } as Context;

describe('a withdrawal request in the bucket', () => {
  let stack: Stack;
  let handler: ReturnType<typeof makeIngestHandler>;
  const counted: string[] = [];
  let messages = 0;
  const debit = line('2022-03', 'R1');

  /** Puts a request and hands its message to the handler; the outcome the handler wrote. */
  const ask = async (name: string, body: string | Buffer, gemeente = '0983') => {
    const objectKey = `withdrawals/${gemeente}/${name}`;
    await stack.blobs.put(objectKey, body);
    const response = await handler(
      { Records: [routedMessage(`m${++messages}`, objectKey, gemeente)] },
      context,
    );
    expect(response.batchItemFailures).toEqual([]);
    return outcome(name, gemeente);
  };
  const outcome = async (name: string, gemeente = '0983') =>
    JSON.parse((await stack.outputs())[withdrawalOutcomeKey(gemeente, name)]) as WithdrawalOutcome;
  const ingest = async (name: string, content: string, at: string) => {
    const objectKey = `inbox/0983/${name}`;
    await putWithTime(stack.blobs, objectKey, content, new Date(at));
    const response = await handler(
      { Records: [routedMessage(`m${++messages}`, objectKey, '0983')] },
      context,
    );
    expect(response.batchItemFailures).toEqual([]);
    return fileIdOf(name);
  };
  /** The March debit, received 8 April. */
  const ingestMarch = () =>
    ingest(
      'maart.csv',
      declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [debit] }),
      '2022-04-08T09:00:00Z',
    );
  const fileIdOf = async (name: string) =>
    String(JSON.parse((await stack.outputs())[`outbox/0983/${name}.rapport.json`]).fileId);
  const statusOf = async (fileId: string) =>
    (await stack.dump()).find(
      (i) => i.pk === key.file('0983', fileId).pk && i.sk === key.file('0983', fileId).sk,
    )?.status;

  beforeEach(async () => {
    stack = await startStack();
    counted.length = 0;
    handler = makeIngestHandler(async () => stack.deps, {
      addMetric: (name: string) => counted.push(name),
      publishStoredMetrics: () => undefined,
    });
    await ingest('tw.csv', toewijzingCsv([{}]), '2022-01-05T09:00:00Z');
  });
  afterEach(async () => {
    await stack.close();
  });

  it('withdraws the file and writes the outcome for the operator and the backoffice', async () => {
    const fileId = await ingestMarch();
    const result = await ask('verzoek-1.json', JSON.stringify({ fileId, reden: 'dubbel ingediend' }));
    expect(result).toMatchObject({
      verzoek: 'withdrawals/0983/verzoek-1.json',
      fileId,
      status: 'ingetrokken',
      bestand: 'maart.csv',
      reden: 'dubbel ingediend',
    });
    expect(await statusOf(fileId)).toBe('ingetrokken');
    expect(counted).toContain('BestandenIngetrokken');
    // Its number is free again: the same care under the same ReferentieNummer is approved.
    await ingest(
      'opnieuw.csv',
      declaratieCsv({ nummer: 'D2', maand: '2022-03', lines: [debit] }),
      '2022-04-09T09:00:00Z',
    );
    const report = JSON.parse((await stack.outputs())['outbox/0983/opnieuw.csv.rapport.json']);
    expect(report.counts).toMatchObject({ regels: 1, afgewezen: 0 });
  });

  it('answers a redelivered request as the first time, and does not withdraw twice', async () => {
    const fileId = await ingestMarch();
    const first = await ask('verzoek.json', JSON.stringify({ fileId, reden: 'fout bestand' }));
    const again = await ask('verzoek.json', JSON.stringify({ fileId, reden: 'fout bestand' }));
    expect(again).toEqual(first);
    // Another request is refused, also with the same reason: the file was withdrawn already, by the first.
    for (const [name, reden] of [
      ['ander.json', 'iets anders'],
      ['collega.json', 'fout bestand'],
    ]) {
      const other = await ask(name, JSON.stringify({ fileId, reden }));
      expect(other.status).toBe('geweigerd');
      expect(other.waarom).toContain('al ingetrokken');
      expect(other.waarom).toContain('(reden: fout bestand)');
    }
    expect(counted.filter((m) => m === 'BestandenIngetrokken')).toHaveLength(1);
  });

  it('reads a request that an editor saved with a byte order mark', async () => {
    const fileId = await ingestMarch();
    const result = await ask('bom.json', `\uFEFF${JSON.stringify({ fileId, reden: 'dubbel' })}`);
    expect(result).toMatchObject({ fileId, status: 'ingetrokken' });
  });

  it('refuses while a later file builds on it, naming that file', async () => {
    const first = await ingestMarch();
    const creditFile = await ingest(
      'correctie.csv',
      declaratieCsv({ nummer: 'D2', maand: '2022-04', lines: [credit(debit, 'R2')] }),
      '2022-05-08T09:00:00Z',
    );
    const refused = await ask('verzoek.json', JSON.stringify({ fileId: first, reden: 'test' }));
    expect(refused).toMatchObject({ fileId: first, status: 'geweigerd' });
    expect(refused.waarom).toContain(`correctie.csv (fileId ${creditFile})`);
    expect(await statusOf(first)).toBe('verwerkt');
    // In the right order both go.
    expect((await ask('eerst.json', JSON.stringify({ fileId: creditFile, reden: 'test' }))).status).toBe(
      'ingetrokken',
    );
    expect((await ask('daarna.json', JSON.stringify({ fileId: first, reden: 'test' }))).status).toBe(
      'ingetrokken',
    );
  });

  it("cannot reach another municipality's file", async () => {
    const fileId = await ingestMarch();
    const result = await ask('verzoek.json', JSON.stringify({ fileId, reden: 'test' }), '0988');
    expect(result).toMatchObject({ fileId, status: 'geweigerd' });
    expect(result.waarom).toContain(`geen bestand met id ${fileId}`);
    expect(await statusOf(fileId)).toBe('verwerkt');
  });

  it.each([
    ['not JSON', 'intrekken graag', 'geen JSON'],
    ['no reason', JSON.stringify({ fileId: 'a'.repeat(64), reden: '  ' }), 'reden: reden is leeg'],
    [
      'a file id that is no SHA-256',
      JSON.stringify({ fileId: 'maart.csv', reden: 'x' }),
      'fileId: fileId is de SHA-256',
    ],
    [
      'an unknown field',
      JSON.stringify({ fileId: 'a'.repeat(64), reden: 'x', gemeente: '0983' }),
      'gemeente',
    ],
    [
      'larger than 16 KB',
      JSON.stringify({ fileId: 'a'.repeat(64), reden: 'x'.repeat(20_000) }),
      'groter dan 16384 bytes',
    ],
    [
      'an unknown file',
      JSON.stringify({ fileId: 'a'.repeat(64), reden: 'x' }),
      `geen bestand met id ${'a'.repeat(64)}`,
    ],
  ])('refuses a request with %s, saying why', async (_, body, why) => {
    const result = await ask('verzoek.json', body);
    expect(result.status).toBe('geweigerd');
    expect(result.waarom).toContain(why);
    expect(counted).not.toContain('BestandenIngetrokken');
  });

  it('does nothing for a request that is gone (a late redelivery after it was removed)', async () => {
    const response = await handler(
      { Records: [routedMessage('weg', 'withdrawals/0983/weg.json', '0983')] },
      context,
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(Object.keys(await stack.outputs()).filter((k) => k.includes('intrekkingen'))).toEqual([]);
  });
});

describe('withdrawalOutcomeKey', () => {
  it.each([
    ['verzoek.json', 'outbox/0983/intrekkingen/verzoek.uitkomst.json'],
    ['verzoek', 'outbox/0983/intrekkingen/verzoek.uitkomst.json'],
    // Never the name of an ingest's output in a folder intrekkingen/ of the municipality's own uploads.
    ['x.csv.rapport.json', 'outbox/0983/intrekkingen/x.csv.rapport.uitkomst.json'],
  ])('%s → %s', (name, outcome) => {
    expect(withdrawalOutcomeKey('0983', name)).toBe(outcome);
  });

  it("keeps within S3's 1,024 bytes for the longest request name S3 takes", () => {
    const name = `${'é'.repeat(497)}.json`; // withdrawals/0983/ + this = 1,016 bytes
    expect(Buffer.byteLength(`withdrawals/0983/${name}`)).toBeLessThanOrEqual(1024);
    const outcome = withdrawalOutcomeKey('0983', name);
    expect(Buffer.byteLength(outcome)).toBeLessThanOrEqual(1024);
    expect(outcome).toMatch(/^outbox\/0983\/intrekkingen\/[0-9a-f]{64}\.uitkomst\.json$/);
  });
});

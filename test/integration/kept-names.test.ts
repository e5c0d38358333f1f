/**
 * The name kept for an upload or a withdrawal request (keptName: a possible BSN masked, with a keyed code): the
 * original is still named as uploaded in a copy's report; a literal kept name is no other file's; the code is not
 * the start of a client's pseudonym; duplicates and redeliveries need no key; a request handled by 0.3.0 (its key
 * kept as sent) is answered as before when delivered again.
 */
import { keptName } from '../../pipeline/bsn';
import { ingestObject } from '../../pipeline/ingest';
import type { SecretSource } from '../../pipeline/ports';
import { pseudonymiser } from '../../pipeline/pseudonym';
import { withdrawSerialised } from '../../pipeline/withdraw';
import { handleWithdrawalRequest } from '../../pipeline/withdraw-request';
import { toewijzingCsv } from '../helpers/scenario';
import { putWithTime, type Stack, startStack } from '../helpers/stack';

const BSN = '999990019';
const KEY = Buffer.from('00'.repeat(32), 'hex'); // fixedSecrets()
const kept = (name: string) => keptName(name, pseudonymiser(KEY));
const AT = new Date('2023-06-01T10:00:00Z');
const LATER = new Date('2023-06-02T10:00:00Z');

describe('kept names', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  it('duplicaatVan names the original as its report names it (an inbox key that existed)', async () => {
    const bytes = toewijzingCsv([{}]);
    const first = await stack.upload('0983', `tw-${BSN}.csv`, bytes, AT);
    const copy = await stack.upload('0983', 'kopie.csv', bytes, LATER);
    expect(first.report.file).toBe(`inbox/0983/tw-${BSN}.csv`);
    expect(copy.report.duplicaatVan).toBe(first.report.file);
  });

  it('a file literally named as another file’s kept name, same bytes and receipt time, is a duplicate, not a redelivery', async () => {
    const bytes = toewijzingCsv([{}]);
    const literal = kept(`tw-${BSN}.csv`);
    expect(literal).toMatch(/^tw-xxxxxxxxx\.[0-9a-f]{8}\.csv$/);
    const first = await stack.upload('0983', `tw-${BSN}.csv`, bytes, AT);
    const other = await stack.upload('0983', literal, bytes, AT);
    // Two different inbox keys: the second is a copy of the first (CONTRACT §2: duplicaatVan says which).
    expect(other.report.file).toBe(`inbox/0983/${literal}`);
    expect(other.report.duplicaatVan).toBe(first.report.file);
  });

  it('keptName is injective: a literal name never equals the kept name of another name', () => {
    const masked = kept(`tw-${BSN}.csv`);
    expect(kept(masked)).not.toBe(masked);
  });

  it('a duplicate (no new work) does not need the pseudonym key: a secrets outage does not fail it', async () => {
    const bytes = toewijzingCsv([{}]);
    await stack.upload('0983', 'tw.csv', bytes, AT);
    const failing: SecretSource = {
      pseudonymKey: async () => {
        throw new Error('SSM throttled');
      },
    };
    await putWithTime(stack.blobs, 'inbox/0983/kopie.csv', bytes, LATER);
    const result = await ingestObject({ ...stack.deps, secrets: failing }, 'inbox/0983/kopie.csv');
    expect(result.report.duplicaatVan).toBe('inbox/0983/tw.csv');
  });

  it('a redelivered withdrawal request handled before the upgrade (verzoek stored as sent) is answered as the first time', async () => {
    const first = await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]), AT);
    const fileId = String((first.report as unknown as { fileId: string }).fileId);
    const requestKey = `withdrawals/0983/intrekking-${BSN}.json`;
    await stack.blobs.put(requestKey, JSON.stringify({ fileId, reden: 'verkeerde client' }));
    // What 0.3.0 did for this request: the record keeps the request's key as sent.
    const old = await withdrawSerialised(stack.deps.store, ['0983'], fileId, 'verkeerde client', {
      verzoek: requestKey,
    });
    expect('record' in old).toBe(true);
    // The same request delivered again after the upgrade (SQS at least once).
    expect((await handleWithdrawalRequest(stack.deps, requestKey))?.outcome.status).toBe('ingetrokken');
  });

  it('the code in a kept name is not a prefix of the BSN pseudonym stored in DynamoDB (domain separation)', () => {
    const code = kept(BSN).split('.')[1];
    expect(pseudonymiser(KEY)(BSN).startsWith(code)).toBe(false);
  });
});

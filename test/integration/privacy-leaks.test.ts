/**
 * Privacy: a possible BSN (nine digits passing the 11-proef, also written in groups) in free text (file names,
 * withdrawal reasons and request names) reaches no log, alert, stored item, API answer, output name or text for an
 * operator or another municipality (DESIGN §4.5). Names are kept with it masked and a keyed code of the name, so
 * that different names stay different; the sender's own report names the upload as sent.
 */
import type { Context } from 'aws-lambda';
import { makeIngestHandler } from '../../functions/ingest';
import { apiRouter } from '../../pipeline/api/router';
import { passesElfproef } from '../../pipeline/bsn';
import { withdrawSerialised } from '../../pipeline/withdraw';
import { handleWithdrawalRequest, withdrawalOutcomeKey } from '../../pipeline/withdraw-request';
import { declaratieCsv, line, taakgerichtCsv, toewijzingCsv } from '../helpers/scenario';
import { routedMessage } from '../helpers/sqs';
import { putWithTime, type Stack, startStack } from '../helpers/stack';

const logged: unknown[] = [];
jest.mock('../../functions/aws', () => ({
  ...jest.requireActual<typeof import('../../functions/aws')>('../../functions/aws'),
  logger: {
    info: (...a: unknown[]) => logged.push(['info', ...a]),
    error: (...a: unknown[]) => logged.push(['error', ...a]),
    warn: (...a: unknown[]) => logged.push(['warn', ...a]),
  },
}));

/** Valid 11-proef test numbers. */
const BSN = '999990019';
const BSN2 = '999990032';
/** Any way of writing BSN: plain, with dots, with spaces, with dashes. */
const ANY_FORM = /999[ .-]?990[ .-]?019|999[ .-]?990[ .-]?032/;

const silentMetrics = { addMetric: () => undefined, publishStoredMetrics: () => undefined };
const context = { getRemainingTimeInMillis: () => 600_000 } as Context;

describe('privacy: a BSN in free text', () => {
  let stack: Stack;
  beforeEach(async () => {
    logged.length = 0;
    stack = await startStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  it('the test numbers pass the 11-proef', () => {
    expect(passesElfproef(BSN)).toBe(true);
    expect(passesElfproef(BSN2)).toBe(true);
    expect(passesElfproef('999990044')).toBe(true);
  });

  it.each([
    ['dotted', `client ${BSN.slice(0, 3)}.${BSN.slice(3, 6)}.${BSN.slice(6)}.csv`],
    ['spaced', `client ${BSN.slice(0, 3)} ${BSN.slice(3, 6)} ${BSN.slice(6)}.csv`],
  ])('alert of a quarantined file named with a %s BSN carries no BSN', async (_form, name) => {
    await stack.upload('0983', name, 'dit is geen iWmo-bestand\n');
    expect(stack.alerts.sent).toHaveLength(1);
    expect(JSON.stringify(stack.alerts.sent[0])).not.toMatch(ANY_FORM);
  });

  it('the ingest Lambda log (Powertools logger) of a file named with a dotted BSN carries no BSN', async () => {
    const key = `inbox/0983/client-${BSN.slice(0, 3)}.${BSN.slice(3, 6)}.${BSN.slice(6)}.csv`;
    await putWithTime(stack.blobs, key, toewijzingCsv([{}]), new Date('2023-06-01T10:00:00Z'));
    const handler = makeIngestHandler(async () => stack.deps, silentMetrics);
    const res = await handler({ Records: [routedMessage('m1', key, '0983')] }, context);
    expect(res.batchItemFailures).toEqual([]);
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).not.toMatch(ANY_FORM);
  });

  it('a file named with a BSN leaves no BSN in any stored item; its outputs are named without it, each its own', async () => {
    const first = await stack.upload('0983', `tw-${BSN}.csv`, toewijzingCsv([{}]));
    const second = await stack.upload('0983', `tw-${BSN2}.csv`, toewijzingCsv([{ nummer: 5002 }]));
    expect(first.report.status).toBe('geaccepteerd');
    const items = await stack.dump();
    expect(items.filter((i) => ANY_FORM.test(JSON.stringify(i))).map((i) => `${i.pk} ${i.sk}`)).toEqual([]);
    const outputs = Object.keys(await stack.outputs()).filter((k) => !k.startsWith('state/'));
    expect(outputs.filter((k) => ANY_FORM.test(k))).toEqual([]);
    const kept = outputs.filter((k) => /^outbox\/0983\/tw-x{9}\.[0-9a-f]{8}\.csv\.rapport\.json$/.test(k));
    expect(kept).toHaveLength(2);
    // The sender's own report still names the upload as it came.
    expect([first.report.file, second.report.file]).toEqual([
      `inbox/0983/tw-${BSN}.csv`,
      `inbox/0983/tw-${BSN2}.csv`,
    ]);
  });

  it('the same upload delivered again is a redelivery under its kept name, not a duplicate of itself', async () => {
    const at = new Date('2023-06-01T09:00:00Z');
    const { report } = await stack.upload('0983', `tw-${BSN}.csv`, toewijzingCsv([{}]), at);
    const again = await stack.upload('0983', `tw-${BSN}.csv`, toewijzingCsv([{}]), at);
    expect(again.report).toEqual(report);
    expect(again.report.duplicaatVan).toBeNull();
  });

  it('a withdrawal request key with a BSN leaves no BSN in DynamoDB (ingetrokken.verzoek)', async () => {
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
    const fileId = String(JSON.parse((await stack.outputs())['outbox/0983/tw.csv.rapport.json']).fileId);
    const requestKey = `withdrawals/0983/intrekking-${BSN}.json`;
    await stack.blobs.put(requestKey, JSON.stringify({ fileId, reden: 'verkeerde client' }));
    expect((await handleWithdrawalRequest(stack.deps, requestKey))?.outcome.status).toBe('ingetrokken');
    // Handled again (a redelivery): the same request, answered as the first time.
    expect((await handleWithdrawalRequest(stack.deps, requestKey))?.outcome.status).toBe('ingetrokken');
    const items = await stack.dump();
    expect(items.filter((i) => JSON.stringify(i).includes(BSN)).map((i) => `${i.pk} ${i.sk}`)).toEqual([]);
  });

  it('a withdrawal reason is not stored in DynamoDB with the BSN it names', async () => {
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
    const fileId = String(JSON.parse((await stack.outputs())['outbox/0983/tw.csv.rapport.json']).fileId);
    const result = await withdrawSerialised(
      stack.store,
      ['0983'],
      fileId,
      `client ${BSN} verkeerd toegewezen`,
    );
    expect('record' in result).toBe(true);
    const items = await stack.dump();
    expect(items.filter((i) => JSON.stringify(i).includes(BSN)).map((i) => `${i.pk} ${i.sk}`)).toEqual([]);
  });

  it('GET /api/bestanden/<g> names no BSN from a withdrawal request key (ingetrokken.verzoek)', async () => {
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
    const fileId = String(JSON.parse((await stack.outputs())['outbox/0983/tw.csv.rapport.json']).fileId);
    const requestKey = `withdrawals/0983/intrekking-${BSN}.json`;
    await stack.blobs.put(requestKey, JSON.stringify({ fileId, reden: 'verkeerde client' }));
    const handled = await handleWithdrawalRequest(stack.deps, requestKey);
    expect(handled?.outcome.status).toBe('ingetrokken');
    for (const groups of [['financien'], ['backoffice-0983']]) {
      const res = await apiRouter(stack.deps).handle({
        method: 'GET',
        path: '/api/bestanden/0983',
        query: new URLSearchParams(),
        groups,
      });
      expect(res.status).toBe(200);
      expect(res.body).not.toContain(BSN);
    }
  });

  it('GET /api/bestanden/<g> and the monitor sources name no dotted BSN from a file name', async () => {
    const name = `decl ${BSN.slice(0, 3)}.${BSN.slice(3, 6)}.${BSN.slice(6)}.csv`;
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
    await stack.upload(
      '0983',
      name,
      declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] }),
    );
    const api = apiRouter(stack.deps);
    const files = await api.handle({
      method: 'GET',
      path: '/api/bestanden/0983',
      query: new URLSearchParams(),
      groups: ['financien'],
    });
    const maand = await api.handle({
      method: 'GET',
      path: '/api/maand',
      query: new URLSearchParams({ van: '2022-03', tot: '2022-03' }),
      groups: ['financien'],
    });
    expect(files.status).toBe(200);
    expect(maand.status).toBe(200);
    const leaking = { bestanden: files.body, maandBronnen: maand.body };
    expect(Object.keys(leaking).filter((k) => ANY_FORM.test(leaking[k as keyof typeof leaking]))).toEqual([]);
  });

  it("a member's report names no BSN from the centrumgemeente's file name (taakgericht sent through both inboxes)", async () => {
    const bytes = taakgerichtCsv([{ gemeente: '0988', aantalClienten: 7, bedrag: 7 * 41500 }]);
    await stack.upload('0983', `bp-${BSN}.csv`, bytes, new Date('2022-07-11T09:00:00Z'));
    const { report } = await stack.upload('0988', 'bp-eigen.csv', bytes, new Date('2022-07-11T10:00:00Z'));
    expect(report.duplicaatVan).not.toBeNull();
    // 0988's outbox (its backoffice, SFTP /antwoorden): free text of another municipality.
    const outbox = (await stack.outputs())['outbox/0988/bp-eigen.csv.rapport.json'];
    expect(outbox).toBeDefined();
    expect(outbox).not.toContain(BSN);
    // The copy is 0988's report (it said 0983, the original's municipality).
    expect(JSON.parse(outbox).gemeente).toBe('0988');
  });

  it('the withdrawal outcome in the backoffice outbox repeats no BSN of the reason or file name', async () => {
    const fileId = String((await stack.upload('0983', `tw-${BSN2}.csv`, toewijzingCsv([{}]))).report.fileId);
    const requestKey = 'withdrawals/0983/verzoek.json';
    await stack.blobs.put(requestKey, JSON.stringify({ fileId, reden: `client ${BSN} hoort niet bij 0983` }));
    await handleWithdrawalRequest(stack.deps, requestKey);
    const outcome = (await stack.outputs())[withdrawalOutcomeKey('0983', 'verzoek.json')];
    expect(outcome).toBeDefined();
    expect(outcome).not.toMatch(ANY_FORM);
  });

  it('refusing a second withdrawal does not repeat the stored reason or file name with their BSNs', async () => {
    const fileId = String((await stack.upload('0983', `tw-${BSN2}.csv`, toewijzingCsv([{}]))).report.fileId);
    await withdrawSerialised(stack.store, ['0983'], fileId, `client ${BSN} verkeerd`);
    const again = await withdrawSerialised(stack.store, ['0983'], fileId, 'nogmaals');
    expect('reden' in again).toBe(true);
    // This sentence goes to `bwmo withdraw`'s stderr, serve's /lokaal/intrekken 409 body, and the outcome file.
    expect((again as { reden: string }).reden).not.toMatch(ANY_FORM);
  });
});

/**
 * Output names that must not overwrite what is there: a cut-off upload's report (quarantine only), the copy of a
 * withdrawn file's bytes (its own name, the same on a retry, never the withdrawn original's); and the afwijzingen
 * view, whose rows per retourcode overlap, without a Totaal row that would count a line twice.
 */
import { makePartialUploadHandler, type WorkflowStepEvent } from '../../infra/lambda/partial-upload';
import { ingestObject } from '../../pipeline/ingest';
import { loadMonitorData } from '../../pipeline/monitor/data';
import { exportFiles } from '../../pipeline/monitor/export';
import { withdrawFile } from '../../pipeline/withdraw';
import { quarantinePartialUpload } from '../../serve/serve';
import { Faults, faultyBlobs } from '../helpers/faults';
import { declaratieCsv, line, toewijzingCsv } from '../helpers/scenario';
import { putWithTime, startStack } from '../helpers/stack';

const csvRows = (body: Buffer) =>
  body
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((l) => l.split(';'));

describe('outbox copy of a quarantine report', () => {
  it("serve's cut-off upload does not overwrite the outbox report of an accepted file of the same name", async () => {
    const stack = await startStack();
    try {
      await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
      const accepted = await stack.upload(
        '0983',
        'd.csv',
        declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] }),
      );
      expect(accepted.report.status).toBe('geaccepteerd');
      const before = (await stack.outputs())['outbox/0983/d.csv.rapport.json'];
      // Next month the backoffice sends a new d.csv; the SFTP upload is cut off.
      await quarantinePartialUpload(stack.deps, '0983', 'd.csv', 100);
      const after = await stack.outputs();
      expect(JSON.parse(after['outbox/0983/d.csv.rapport.json']).status).toBe('geaccepteerd');
      expect(after['outbox/0983/d.csv.rapport.json']).toBe(before);
      // The backoffice finds why its new d.csv was not processed in the outbox, beside the earlier answer.
      const own = Object.keys(after).filter((k) =>
        /^outbox\/0983\/d\.csv\.afgebroken-\d{8}T\d{9}Z\.rapport\.json$/.test(k),
      );
      expect(own).toHaveLength(1);
      expect(JSON.parse(after[own[0]])).toMatchObject({ file: 'upload/0983/d.csv', status: 'quarantaine' });
    } finally {
      await stack.close();
    }
  });

  it("the AWS partial-upload step does not overwrite an accepted file's outbox report of the same name", async () => {
    const accepted = JSON.stringify({ status: 'geaccepteerd', file: 'inbox/0988/d.xml' });
    const written = new Map<string, string>([['outbox/0988/d.xml.rapport.json', accepted]]);
    const event: WorkflowStepEvent = {
      token: 't',
      serviceMetadata: {
        executionDetails: { workflowId: 'w-1', executionId: 'e-1' },
        transferDetails: { sessionId: 's', userName: '0988', serverId: 's-1' },
      },
      fileLocation: {
        domain: 'S3',
        bucket: 'raw-bucket',
        key: 'quarantine/0988/afgebroken/2024-03-01/d.xml',
        eTag: '"x"',
      },
    } as WorkflowStepEvent;
    await makePartialUploadHandler({
      bucket: 'raw-bucket',
      blobs: { put: async (k: string, b: unknown) => void written.set(k, String(b)) },
      sendStepState: async () => undefined,
      now: () => new Date('2024-03-01T10:00:00Z'),
      log: { info: () => undefined, error: () => undefined },
      countQuarantined: () => undefined,
    } as never)(event);
    expect(written.get('outbox/0988/d.xml.rapport.json')).toBe(accepted);
    // Its own report is in the outbox beside it, under a name of its own.
    const own = JSON.parse(written.get('outbox/0988/d.xml.afgebroken-e-1.rapport.json') ?? '{}');
    expect(own).toMatchObject({ file: 'upload/0988/d.xml', status: 'quarantaine' });
  });
});

describe('withdrawn duplicate', () => {
  it("a retry of a withdrawn file's copy under another name writes its outputs once, under one name", async () => {
    const faults = new Faults();
    let armed = false;
    faults.failWhen = (step) => armed && step === 'blobs.delete inbox/0983/e.csv';
    const stack = await startStack({ wrapBlobs: (b) => faultyBlobs(b, faults) });
    try {
      await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
      const content = declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] });
      const first = await stack.upload('0983', 'd.csv', content);
      await withdrawFile(stack.deps.store, ['0983'], first.report.fileId!, 'dubbel ingediend');
      await putWithTime(stack.blobs, 'inbox/0983/e.csv', content, new Date('2023-06-02T10:00:00Z'));
      armed = true;
      await expect(ingestObject(stack.deps, 'inbox/0983/e.csv')).rejects.toThrow(/ingeprikt/);
      armed = false;
      await ingestObject(stack.deps, 'inbox/0983/e.csv'); // the queue's retry
      const keys = Object.keys(await stack.outputs()).filter((k) => /\/e[.]/.test(k));
      expect(keys.sort()).toEqual([
        'archive/0983/e.csv',
        'outbox/0983/e.csv.antwoord.csv',
        'outbox/0983/e.csv.rapport.json',
      ]);
    } finally {
      await stack.close();
    }
  });
});

describe('the afwijzingen view in a spreadsheet', () => {
  it('has no Totaal row: a line rejected with two retourcodes is in two rows', async () => {
    const stack = await startStack();
    try {
      await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
      // One line, rejected with 9338 and 0611 (no such toewijzing, not the contract tariff).
      const r = await stack.upload(
        '0983',
        'd.csv',
        declaratieCsv({
          nummer: 'D1',
          maand: '2022-03',
          lines: [line('2022-03', 'R1', { toewijzingNummer: 9999, tarief: 20000 })],
        }),
      );
      expect(r.report.declaraties[0].prestaties[0].retourcodes).toEqual(['9338', '0611']);
      const data = await loadMonitorData(stack.deps.store, ['0983']);
      const files = await exportFiles(
        data,
        stack.deps.region,
        { van: '2022-03', tot: '2022-03' },
        'maand-2022-03',
      );
      const afw = csvRows(files.find((f) => f.name === 'maand-2022-03-afwijzingen.csv')!.body);
      const header = afw[0];
      expect(
        afw.slice(1).map((row) => [row[header.indexOf('Retourcode')], row[header.indexOf('Regels')]]),
      ).toEqual([
        ['0611', '1'],
        ['9338', '1'],
      ]);
      expect(afw.some((row) => row[0] === 'Totaal')).toBe(false);
    } finally {
      await stack.close();
    }
  });
});

describe('withdrawn duplicate of a file whose own outputs carry its id', () => {
  it("leaves the withdrawn original's answer in the outbox when the original had been renamed itself", async () => {
    const stack = await startStack();
    try {
      await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
      // Y takes the name d.csv; X, a different file under that name later, gets d.<X's id>.csv.
      await stack.upload(
        '0983',
        'd.csv',
        declaratieCsv({ nummer: 'D0', maand: '2022-02', lines: [line('2022-02', 'R0')] }),
      );
      const content = declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] });
      const x = await stack.upload('0983', 'd.csv', content, new Date('2023-06-02T10:00:00Z'));
      const renamed = `outbox/0983/d.${x.report.fileId!.slice(0, 8)}.csv.antwoord.csv`;
      const original = (await stack.outputs())[renamed];
      expect(original.split(/\r?\n/)[1]).toMatch(/;toegekend;/);
      await withdrawFile(stack.deps.store, ['0983'], x.report.fileId!, 'dubbel ingediend');
      // X's bytes once more under d.csv: answered 9333, but beside X's answer, which stays (commit b9ce54b).
      const again = await stack.upload('0983', 'd.csv', content, new Date('2023-06-03T10:00:00Z'));
      expect(again.report.status).toBe('afgewezen');
      expect((await stack.outputs())[renamed]).toBe(original);
    } finally {
      await stack.close();
    }
  });
});

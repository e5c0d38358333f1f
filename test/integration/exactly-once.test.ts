/**
 * Exactly-once effect under at-least-once delivery (DESIGN §4.2): duplicates, identical bytes under another name,
 * a crash at every write step followed by a retry, two deliveries at once, and a crashed file that is never
 * retried. In every case the store and the answers equal those of one clean run.
 */

import { ingestObject } from '../../pipeline/ingest';
import { loadMonitorData } from '../../pipeline/monitor/data';
import type { Report } from '../../schemas/report';
import { Faults, faultyBlobs, faultyStore, forwarding, InjectedFault } from '../helpers/faults';
import { credit, declaratieCsv, declaratieXml, line, toewijzingCsv } from '../helpers/scenario';
import { putWithTime, type Stack, startStack } from '../helpers/stack';

const debit = line('2022-03', 'R1');
/** Upload order: toewijzingen, then declarations with approvals, rejections, a credit and its correction. */
const UPLOADS: readonly { name: string; content: string; at: string }[] = [
  {
    name: 'tw.csv',
    content: toewijzingCsv([{}, { nummer: 5002, bsn: '999900018', code: '15A07' }]),
    at: '2022-04-01T08:00:00Z',
  },
  {
    name: 'maart.xml',
    content: declaratieXml({
      nummer: 'D1',
      maand: '2022-03',
      lines: [
        debit,
        line('2022-03', 'R2', {
          bsn: '999900018',
          toewijzingNummer: 5002,
          productCode: '15A07',
          tarief: 14250,
        }),
        line('2022-03', 'R3', { toewijzingNummer: 7777 }),
      ],
    }),
    at: '2022-04-06T09:00:00Z',
  },
  {
    name: 'april.csv',
    content: declaratieCsv({
      nummer: 'D2',
      maand: '2022-04',
      lines: [line('2022-04', 'R4'), credit(debit, 'R5'), line('2022-03', 'R6', { volume: 30 })],
    }),
    at: '2022-05-06T09:00:00Z',
  },
  {
    name: 'mei.csv',
    // R1 again, on the other toewijzing: 8021 (the number is taken), nothing else.
    content: declaratieCsv({
      nummer: 'D3',
      maand: '2022-05',
      lines: [
        line('2022-05', 'R7'),
        line('2022-05', 'R1', {
          bsn: '999900018',
          toewijzingNummer: 5002,
          productCode: '15A07',
          tarief: 14250,
        }),
      ],
    }),
    at: '2022-06-06T09:00:00Z',
  },
];

async function upload(stack: Stack, u: (typeof UPLOADS)[number]) {
  return stack.upload('0983', u.name, u.content, new Date(u.at));
}

function invariant(report: Report): void {
  expect(report.counts.regels).toBe(report.counts.geaccepteerd + report.counts.afgewezen);
}

async function cleanRun() {
  const stack = await startStack();
  const reports: Report[] = [];
  for (const u of UPLOADS) reports.push((await upload(stack, u)).report);
  const result = {
    dump: await stack.dump(),
    outputs: await stack.outputs(),
    alerts: stack.alerts.sent.length,
    reports,
  };
  await stack.close();
  return result;
}

describe('exactly once', () => {
  let clean: Awaited<ReturnType<typeof cleanRun>>;
  beforeAll(async () => {
    clean = await cleanRun();
  });

  it('the clean run judges every line and keeps the count invariant', () => {
    for (const r of clean.reports) invariant(r);
    expect(clean.reports.map((r) => r.status)).toEqual([
      'geaccepteerd',
      'deels-geaccepteerd',
      'geaccepteerd',
      'deels-geaccepteerd',
    ]);
    expect(clean.alerts).toBe(2);
  });

  it('the same file uploaded again, and identical bytes under another name, change nothing and get the same answer', async () => {
    const stack = await startStack();
    for (const u of UPLOADS) await upload(stack, u);
    const again = await stack.upload(
      '0983',
      'maart.xml',
      UPLOADS[1].content,
      new Date('2022-04-07T09:00:00Z'),
    );
    const renamed = await stack.upload(
      '0983',
      'maart-kopie.xml',
      UPLOADS[1].content,
      new Date('2022-04-08T09:00:00Z'),
    );
    expect(again.report.duplicaatVan).toBe('inbox/0983/maart.xml');
    expect(renamed.report.duplicaatVan).toBe('inbox/0983/maart.xml');
    expect(renamed.report.declaraties).toEqual(clean.reports[1].declaraties);
    expect(await stack.dump()).toEqual(clean.dump);
    const outputs = await stack.outputs();
    expect(outputs['outbox/0983/maart-kopie.xml.antwoord.xml']).toBe(
      clean.outputs['outbox/0983/maart.xml.antwoord.xml'],
    );
    expect(stack.alerts.sent).toHaveLength(clean.alerts);
    await stack.close();
  });

  it('two deliveries of one file at once are processed once', async () => {
    const stack = await startStack();
    await upload(stack, UPLOADS[0]);
    const key = 'inbox/0983/maart.xml';
    await putWithTime(stack.blobs, key, UPLOADS[1].content, new Date(UPLOADS[1].at));
    const [a, b] = await Promise.all([ingestObject(stack.deps, key), ingestObject(stack.deps, key)]);
    expect(a.report.declaraties).toEqual(clean.reports[1].declaraties);
    expect(b.alreadyDone || b.report.duplicaatVan === null).toBe(true);
    for (const u of UPLOADS.slice(2)) await upload(stack, u);
    expect(await stack.dump()).toEqual(clean.dump);
    expect(stack.alerts.sent).toHaveLength(clean.alerts);
    await stack.close();
  });

  it('a crash at any write step, then a retry of that file, leaves store and answers as one clean run', async () => {
    // Count the write steps of a clean run, then crash at each in turn.
    const counting = new Faults();
    const probe = await startStack({
      wrapStore: (s) => faultyStore(s, counting),
      wrapBlobs: (b) => faultyBlobs(b, counting),
    });
    for (const u of UPLOADS) await upload(probe, u);
    await probe.close();
    const steps = counting.count;
    expect(steps).toBeGreaterThan(30);

    for (let k = 1; k <= steps; k++) {
      const faults = new Faults();
      faults.failAt = k;
      const stack = await startStack({
        wrapStore: (s) => faultyStore(s, faults),
        wrapBlobs: (b) => faultyBlobs(b, faults),
      });
      for (const u of UPLOADS) {
        try {
          await upload(stack, u);
        } catch (err) {
          expect(err).toBeInstanceOf(InjectedFault);
          // The retry: the same object delivered again (its receipt time is the object's, so unchanged).
          await ingestObject(stack.deps, `inbox/0983/${u.name}`);
        }
      }
      const step = counting.steps[k - 1];
      expect({ step, dump: await stack.dump() }).toEqual({ step, dump: clean.dump });
      expect({ step, outputs: await stack.outputs() }).toEqual({ step, outputs: clean.outputs });
      // Alerts go out after the commit and are then recorded: only a crash between sending and recording repeats
      // one (at least once; the alert carries the file id for deduplication).
      const extra = step.endsWith('(melding vastgelegd)') ? 1 : 0;
      expect({ step, alerts: stack.alerts.sent.length }).toEqual({ step, alerts: clean.alerts + extra });
      await stack.close();
    }
  }, 120_000);

  describe('a file of several chunks (1,200 lines on 1,200 toewijzingen)', () => {
    const nummers = Array.from({ length: 1200 }, (_, i) => 6000 + i);
    const tw = toewijzingCsv(nummers.map((nummer) => ({ nummer })));
    const groot = (nummer: string) =>
      declaratieCsv({
        nummer,
        maand: '2022-03',
        lines: nummers.map((toewijzingNummer, i) => line('2022-03', `G${i}`, { toewijzingNummer })),
      });

    it('cut off half-way through its writes, then retried, leaves one clean run', async () => {
      const run = async (failAt?: number) => {
        const faults = new Faults();
        const stack = await startStack({ wrapStore: (s) => faultyStore(s, faults) });
        await stack.upload('0983', 'tw-groot.csv', tw, new Date('2022-04-01T08:00:00Z'));
        const before = faults.count;
        if (failAt !== undefined) faults.failAt = before + failAt;
        let crashed = false;
        let report: Report;
        try {
          report = (await stack.upload('0983', 'groot.csv', groot('D9'), new Date('2022-04-06T09:00:00Z')))
            .report;
        } catch (err) {
          expect(err).toBeInstanceOf(InjectedFault);
          crashed = true;
          report = (await ingestObject(stack.deps, 'inbox/0983/groot.csv')).report;
        }
        const steps = faults.steps.slice(before);
        const result = { crashed, report, dump: await stack.dump(), outputs: await stack.outputs(), steps };
        await stack.close();
        return result;
      };
      const schoon = await run();
      expect(schoon.report.counts).toEqual({ regels: 1200, geaccepteerd: 1200, afgewezen: 0 });
      // Each write step is one batch of 25 items: crash when half the ReferentieNummers are written.
      const refSteps = schoon.steps.flatMap((s, i) => (s.includes('#REF#') ? [i + 1] : []));
      expect(refSteps.length).toBeGreaterThanOrEqual(48);
      const half = refSteps[Math.floor(refSteps.length / 2)];
      const na = await run(half);
      expect(na.crashed).toBe(true);
      expect(na.dump).toEqual(schoon.dump);
      expect(na.outputs).toEqual(schoon.outputs);
    }, 60_000);

    it('crashed while judging and redriven after another file changed the state: it leaves no number it did not take', async () => {
      let armed = false;
      const crash = new InjectedFault('fout ingeprikt bij het laden van het tweede deel');
      // The second chunk's toewijzing load fails (a timeout, a throttle, a bug): the file goes to the dead letters.
      const stack = await startStack({
        wrapStore: (s) => ({
          ...forwarding(s),
          get: async (keys) => {
            if (armed && keys.some((k) => k.pk === 'GEM#0983#TW#6500')) throw crash;
            return s.get(keys);
          },
        }),
      });
      await stack.upload('0983', 'tw-groot.csv', tw, new Date('2022-04-01T08:00:00Z'));
      armed = true;
      await expect(stack.upload('0983', 'a.csv', groot('D9'), new Date('2022-04-06T09:00:00Z'))).rejects.toBe(
        crash,
      );
      armed = false;
      // Meanwhile another file takes DeclaratieNummer D9.
      const b = declaratieCsv({
        nummer: 'D9',
        maand: '2022-03',
        lines: [line('2022-03', 'H1', { toewijzingNummer: 7199 })],
      });
      expect((await stack.upload('0983', 'b.csv', b)).report.declaraties[0].retourcodes).toEqual(['8001']);
      // The redrive: D9 is taken now (9333), so the file takes no ReferentieNummer at all, and commits.
      const a = await ingestObject(stack.deps, 'inbox/0983/a.csv');
      expect(a.report.declaraties[0].retourcodes).toEqual(['9333']);
      // The provider declares G0 again under a new number: free, as the committed file never took it.
      const c = declaratieCsv({
        nummer: 'D10',
        maand: '2022-03',
        lines: [line('2022-03', 'G0', { toewijzingNummer: 6000 })],
      });
      const again = await stack.upload('0983', 'c.csv', c);
      expect(again.report.declaraties[0].prestaties[0].retourcodes).toEqual([]);
      // The first attempt's numbers are still in the table, but not of the attempt the record names.
      const dump = await stack.dump();
      const record = dump.find((i) => i.pk === 'GEM#0983#FILES' && i.fileId === a.report.fileId)!;
      const leftovers = dump.filter((i) => i.sk === 'REF' && i.fileId === a.report.fileId);
      expect(leftovers.length).toBeGreaterThan(0);
      expect(leftovers.filter((i) => i.poging === record.poging)).toEqual([]);
      await stack.close();
    }, 60_000);
  });

  it('a file whose record failed after its items were written, redriven after the state changed, counts only what the redrive decided', async () => {
    const faults = new Faults();
    const stack = await startStack({ wrapStore: (s) => faultyStore(s, faults) });
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]), new Date('2022-04-01T08:00:00Z'));
    // File A: D9 with R1 on toewijzing 5001. Its items are written, then its record fails: to the dead letters.
    const a = declaratieCsv({ nummer: 'D9', maand: '2022-03', lines: [line('2022-03', 'R1')] });
    faults.failWhen = (step) => step.startsWith('store.putOne GEM#0983#FILES');
    await expect(stack.upload('0983', 'a.csv', a, new Date('2022-04-06T09:00:00Z'))).rejects.toBeInstanceOf(
      InjectedFault,
    );
    faults.failWhen = undefined;
    // The first attempt's items are in the store (its ReferentieNummer among them), without a record.
    expect((await stack.dump()).some((i) => i.pk.endsWith('#REF#R1'))).toBe(true);
    // Meanwhile file B takes DeclaratieNummer D9 and commits.
    const b = declaratieCsv({ nummer: 'D9', maand: '2022-02', lines: [line('2022-02', 'R2')] });
    expect((await stack.upload('0983', 'b.csv', b)).report.declaraties[0].retourcodes).toEqual(['8001']);
    // The redrive decides differently: D9 is taken (9333), A approves nothing.
    const redrive = await ingestObject(stack.deps, 'inbox/0983/a.csv');
    expect(redrive.report.declaraties[0].retourcodes).toEqual(['9333']);
    // What the first attempt wrote does not count: R1 is free, March on 5001 has no approved debit, no figures.
    const again = await stack.upload(
      '0983',
      'c.csv',
      declaratieCsv({ nummer: 'D10', maand: '2022-03', lines: [line('2022-03', 'R1')] }),
    );
    expect(again.report.declaraties[0].prestaties[0]).toMatchObject({ status: 'toegekend', retourcodes: [] });
    const data = await loadMonitorData(stack.deps.store, ['0983']);
    expect(
      data.declaraties
        .filter((d) => d.fileId === redrive.report.fileId)
        .flatMap((d) => Object.values(d.figures.kosten)),
    ).toEqual([]);
    await stack.close();
  });

  it('the same bytes sent again later, after the first delivery failed at its record, is another attempt', async () => {
    const faults = new Faults();
    const stack = await startStack({ wrapStore: (s) => faultyStore(s, faults) });
    await stack.upload(
      '0983',
      'tw.csv',
      toewijzingCsv([{}, { nummer: 5002, bsn: '999900018', code: '15A07' }]),
      new Date('2022-04-01T08:00:00Z'),
    );
    // D1 is dated 7 April; D2 uses the same ReferentieNummer R1 on toewijzing 5002.
    const file = declaratieCsv(
      { nummer: 'D1', maand: '2022-03', dagtekening: '2022-04-07', lines: [line('2022-03', 'R1')] },
      {
        nummer: 'D2',
        maand: '2022-03',
        lines: [
          line('2022-03', 'R1', {
            bsn: '999900018',
            toewijzingNummer: 5002,
            productCode: '15A07',
            tarief: 14250,
          }),
        ],
      },
    );
    // Received 6 April: D1 is dated after receipt (8848), D2's line is approved; then the record fails.
    faults.failWhen = (step) => step.startsWith('store.putOne GEM#0983#FILES');
    await expect(
      stack.upload('0983', 'a.csv', file, new Date('2022-04-06T09:00:00Z')),
    ).rejects.toBeInstanceOf(InjectedFault);
    faults.failWhen = undefined;
    // The same bytes on 8 April: D1 is judged now and takes R1, so D2's line gets 8021 …
    const again = await stack.upload('0983', 'a2.csv', file, new Date('2022-04-08T09:00:00Z'));
    expect(again.report.declaraties[1].prestaties[0].retourcodes).toContain('8021');
    // … and what the first delivery approved on 5002 does not count: no entry of the committed attempt there.
    const dump = await stack.dump();
    const record = dump.find((i) => i.pk === 'GEM#0983#FILES' && i.fileId === again.report.fileId)!;
    const usage = dump.find((i) => i.pk === 'GEM#0983#TW#5002' && i.sk === 'USAGE') as unknown as {
      entries: { fileId: string; poging?: string }[];
    };
    expect(usage.entries.some((e) => e.fileId === record.fileId)).toBe(true);
    expect(usage.entries.filter((e) => e.fileId === record.fileId && e.poging === record.poging)).toEqual([]);
    await stack.close();
  });

  it('a file that crashed and was never retried leaves no trace: no false 8021, no partial figures', async () => {
    // Where the March file commits: counted on a stack of its own.
    const counting = new Faults();
    const probe = await startStack({ wrapStore: (s) => faultyStore(s, counting) });
    await upload(probe, UPLOADS[0]);
    const start = counting.count;
    await upload(probe, UPLOADS[1]);
    const commitStep =
      counting.steps.findIndex((s, i) => i >= start && s.startsWith('store.putOne GEM#0983#FILES')) + 1;
    await probe.close();

    const faults = new Faults();
    const stack = await startStack({ wrapStore: (s) => faultyStore(s, faults) });
    await upload(stack, UPLOADS[0]);
    faults.failAt = commitStep;
    await expect(upload(stack, UPLOADS[1])).rejects.toBeInstanceOf(InjectedFault);
    // Never retried (say it sits in the dead-letter queue); the provider sends the same lines again.
    await stack.blobs.delete('inbox/0983/maart.xml');
    const next = await stack.upload(
      '0983',
      'maart-opnieuw.csv',
      declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] }),
      new Date('2022-04-10T09:00:00Z'),
    );
    expect(next.report.declaraties[0].retourcodes).toEqual(['8001']);
    const dump = await stack.dump();
    const committed = new Set(dump.filter((i) => i.pk === 'GEM#0983#FILES').map((i) => i.fileId));
    const orphans = dump.filter((i) => i.pk === 'GEM#0983#CONTRIB' && !committed.has(i.fileId));
    // The crashed file's contribution items exist, but no committed file owns them, so no figure counts them.
    expect(orphans.length).toBeGreaterThan(0);
    await stack.close();
  });
});

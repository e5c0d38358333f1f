/**
 * Taakgericht reports (B&P) that come through two inboxes: a centrumgemeente reports for a member, and the member
 * reports for itself. CONTRACT §1b: "A later report for the same municipality, taakveld, period and
 * provider replaces the earlier one (a correction), and the report says so." CONTRACT §1: "identical bytes again
 * (any name) change nothing and get the stored answer again, with duplicaatVan in the report."
 */
import { taakgericht } from '../../pipeline/monitor/aggregates';
import { loadMonitorData } from '../../pipeline/monitor/data';
import type { Item, ItemKey, ItemStore } from '../../pipeline/ports';
import type { TaakItem } from '../../pipeline/state/items';
import { withdrawFile } from '../../pipeline/withdraw';
import type { Report } from '../../schemas/report';
import { taakgerichtCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

const SUBJECT_0988 = '0988#BP#2022-01-01#2022-06-30#12340008';

async function storedVersions(stack: Stack): Promise<TaakItem[]> {
  const out: TaakItem[] = [];
  for await (const page of stack.store.query('GEM#0988#TAAK', `${SUBJECT_0988}#`))
    out.push(...(page as TaakItem[]));
  return out;
}
const isTaak = (pk: string) => pk === 'GEM#0988#TAAK';
const vervangt = (r: Report) => r.findings.filter((f) => f.rule === 'TAAK-VERVANGT').map((f) => f.message);

/**
 * The store as AWS runs it: the ingest of 0983 (centrumgemeente) and that of 0988 run in parallel (one FIFO group
 * per municipality). The barrier only makes the interleaving deterministic: each writer of GEM#0988#TAAK waits
 * (at most 2 s) until both files have read that partition.
 */
function interleaving(store: ItemStore): ItemStore {
  let reads = 0;
  const waiters: (() => void)[] = [];
  return {
    stats: store.stats,
    get: (keys: readonly ItemKey[]) => store.get(keys),
    async put(items: readonly Item[]) {
      if (items.some((i) => isTaak(i.pk)) && reads < 2)
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 2000);
        });
      return store.put(items);
    },
    putOne: (item) => store.putOne(item),
    mark: (k, a) => store.mark(k, a),
    async *query(pk, prefix) {
      yield* store.query(pk, prefix);
      if (isTaak(pk) && ++reads >= 2) for (const w of waiters.splice(0)) w();
    },
  };
}

describe("taakgericht reports of a member, through its own inbox and its centrumgemeente's", () => {
  let stack: Stack;
  afterEach(async () => {
    await stack.close();
  });

  it('a member and its centrumgemeente reporting in parallel: neither version is lost, and a late report is judged against both', async () => {
    stack = await startStack({ wrapStore: interleaving });
    const [, eigen] = await Promise.all([
      stack.upload(
        '0983',
        'bp-centrum.csv',
        taakgerichtCsv([{ gemeente: '0988', aantalClienten: 7, bedrag: 7 * 41500 }]),
        new Date('2022-07-10T09:00:00Z'),
      ),
      stack.upload(
        '0988',
        'bp-eigen.csv',
        taakgerichtCsv([{ gemeente: '0988', aantalClienten: 9, bedrag: 9 * 41500 }]),
        new Date('2022-08-10T09:00:00Z'),
      ),
    ]);
    // A report received in between (redriven late): the August one already counts, so this one does not.
    const laat = await stack.upload(
      '0988',
      'bp-laat.csv',
      taakgerichtCsv([{ gemeente: '0988', aantalClienten: 8, bedrag: 8 * 41500 }]),
      new Date('2022-07-20T09:00:00Z'),
    );
    const monitor = taakgericht(await loadMonitorData(stack.store, ['0983', '0988']), {
      van: '2022-01',
      tot: '2022-12',
    });
    // The monitor counts the August report (the latest received) ...
    expect(monitor.map((r) => [r.clienten, r.bestand])).toEqual([[9, eigen.report.fileId]]);
    // ... so the late report must say it does not count (as the monitor has it), not that it replaces the July one.
    expect(vervangt(laat.report)).toEqual([
      expect.stringContaining('is al vervangen door een later ontvangen melding (9 clienten'),
    ]);
    expect((await storedVersions(stack)).map((v) => v.aantalClienten).sort()).toEqual([7, 8, 9]);
  });

  it('the same report bytes delivered through the centrumgemeente and again through the member change nothing', async () => {
    stack = await startStack();
    const bytes = taakgerichtCsv([{ gemeente: '0988', aantalClienten: 7, bedrag: 7 * 41500 }]);
    const eerst = await stack.upload('0983', 'bp.csv', bytes, new Date('2022-07-10T09:00:00Z'));
    const correctie = await stack.upload(
      '0988',
      'bp-correctie.csv',
      taakgerichtCsv([{ gemeente: '0988', aantalClienten: 9, bedrag: 9 * 41500 }]),
      new Date('2022-08-10T09:00:00Z'),
    );
    const kopie = await stack.upload('0988', 'bp-kopie.csv', bytes, new Date('2022-09-10T09:00:00Z'));
    expect(kopie.report.fileId).toBe(eerst.report.fileId);
    const monitor = taakgericht(await loadMonitorData(stack.store, ['0983', '0988']), {
      van: '2022-01',
      tot: '2022-12',
    });
    // The correction still counts: the old bytes again are no newer report.
    expect(monitor.map((r) => [r.clienten, r.bestand])).toEqual([[9, correctie.report.fileId]]);
    expect(kopie.report.duplicaatVan).toBe('inbox/0983/bp.csv');
  });

  it('the member first, then the same bytes through the centrumgemeente: a duplicate too', async () => {
    stack = await startStack();
    const bytes = taakgerichtCsv([{ gemeente: '0988', aantalClienten: 7, bedrag: 7 * 41500 }]);
    const eerst = await stack.upload('0988', 'bp.csv', bytes, new Date('2022-07-10T09:00:00Z'));
    const kopie = await stack.upload('0983', 'bp-weert.csv', bytes, new Date('2022-09-10T09:00:00Z'));
    expect(kopie.report).toMatchObject({ fileId: eerst.report.fileId, duplicaatVan: 'inbox/0988/bp.csv' });
    expect((await storedVersions(stack)).map((v) => v.fileId)).toEqual([eerst.report.fileId]);
  });
});

describe('taakgericht bytes through an inbox that may not send them', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  it('member 0889 uploading a report about member 0988 is quarantined (ISOLATION)', async () => {
    const bytes = taakgerichtCsv([{ gemeente: '0988', aantalClienten: 7, bedrag: 7 * 41500 }]);
    const r = await stack.upload('0889', 'bp-van-0988.csv', bytes, new Date('2022-09-10T09:00:00Z'));
    expect(r.report.status).toBe('quarantaine');
    expect(r.report.findings.map((f) => f.rule)).toContain('ISOLATION');
  });

  it("a member uploading the bytes of another member's committed report is quarantined (ISOLATION) and gets none of that municipality's outputs", async () => {
    const bytes = taakgerichtCsv([{ gemeente: '0988', aantalClienten: 7, bedrag: 7 * 41500 }]);
    // 0988 reports for itself: accepted.
    const eigen = await stack.upload('0988', 'bp-0988-geheim.csv', bytes, new Date('2022-07-10T09:00:00Z'));
    expect(eigen.report.status).toBe('geaccepteerd');
    // 0889 (a member, not the centrumgemeente) uploads the same bytes: a report naming 0988.
    const vreemd = await stack.upload('0889', 'bp.csv', bytes, new Date('2022-09-10T09:00:00Z'));
    const outputs = await stack.outputs();
    const own = Object.keys(outputs).filter((k) => k.includes('/0889/'));
    // Expected: a security event as for any other bytes naming 0988.
    expect({
      status: vreemd.report.status,
      rules: vreemd.report.findings.map((f) => f.rule),
      duplicaatVan: vreemd.report.duplicaatVan,
      alerts: stack.alerts.sent.filter((a) => a.gemeente === '0889').length,
      outputs: own,
    }).toEqual({
      status: 'quarantaine',
      rules: expect.arrayContaining(['ISOLATION']),
      duplicaatVan: null,
      alerts: 1,
      outputs: expect.arrayContaining(['quarantine/0889/bp.csv.rapport.json']),
    });
  });

  it("the member's own copy of a report its centrumgemeente sent, after that copy was withdrawn, is not refused with the other municipality's withdrawal reason", async () => {
    const bytes = taakgerichtCsv([{ gemeente: '0988', aantalClienten: 7, bedrag: 7 * 41500 }]);
    const centrum = await stack.upload('0983', 'bp.csv', bytes, new Date('2022-07-10T09:00:00Z'));
    // The centrumgemeente's operator withdraws its copy (reason: operator text of 0983).
    expect(
      await withdrawFile(
        stack.store,
        ['0983'],
        String(centrum.report.fileId),
        'intern: 0983 stuurde dit per abuis',
      ),
    ).not.toBeNull();
    // The member sends the report itself: no copy of it counts anywhere.
    const eigen = await stack.upload('0988', 'bp-eigen.csv', bytes, new Date('2022-09-10T09:00:00Z'));
    const text = JSON.stringify(eigen.report);
    expect(text).not.toContain('0983 stuurde dit per abuis');
    expect(eigen.report.status).toBe('geaccepteerd');
  });
});

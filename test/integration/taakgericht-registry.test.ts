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

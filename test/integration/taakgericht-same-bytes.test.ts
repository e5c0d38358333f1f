/**
 * The same taakgericht bytes through the centrumgemeente's inbox and the member's, judged side by side (neither
 * committed when the other looked for a duplicate): each writes its own version item (key.taak names the sender), so
 * the member's attempt that dies before its commit cannot overwrite the centrumgemeente's committed version.
 */

import { ingestObject } from '../../pipeline/ingest';
import type { Item, ItemKey, ItemStore } from '../../pipeline/ports';
import { taakgerichtCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

const isTaak = (i: Item) => i.pk === 'GEM#0988#TAAK';

/**
 * AWS as it runs: 0983's and 0988's ingests in parallel. Both read the TAAK partition before either writes; 0988's
 * items land after 0983's commit, and 0988's Lambda then dies before its own commit (a timeout, a throttle).
 */
function sideBySide(store: ItemStore): ItemStore {
  let reads = 0;
  const bothRead: (() => void)[] = [];
  let committed0983: () => void = () => undefined;
  const centrumCommitted = new Promise<void>((r) => {
    committed0983 = r;
  });
  let crashed = false;
  return {
    stats: store.stats,
    get: (keys: readonly ItemKey[]) => store.get(keys),
    async put(items: readonly Item[]) {
      const taak = items.filter(isTaak);
      if (taak.length && reads < 2)
        await new Promise<void>((resolve) => {
          bothRead.push(resolve);
          setTimeout(resolve, 2000);
        });
      if (taak.some((i) => i.afzender === '0988')) await centrumCommitted;
      return store.put(items);
    },
    async putOne(item: Item) {
      if (item.sk.startsWith('FILE#') && item.gemeente === '0988' && !crashed) {
        crashed = true;
        throw new Error('Task timed out after 600.00 seconds');
      }
      await store.putOne(item);
      if (item.sk.startsWith('FILE#') && item.gemeente === '0983') committed0983();
    },
    mark: (k, a) => store.mark(k, a),
    async *query(pk, prefix) {
      yield* store.query(pk, prefix);
      if (pk === 'GEM#0988#TAAK' && ++reads >= 2) for (const w of bothRead.splice(0)) w();
    },
  };
}

describe('the same taakgericht bytes through both inboxes at once', () => {
  let stack: Stack;
  afterEach(async () => {
    await stack.close();
  });

  it("the centrumgemeente's committed version still counts for a later report after the member's attempt died", async () => {
    stack = await startStack({ wrapStore: sideBySide });
    const bytes = taakgerichtCsv([{ gemeente: '0988', aantalClienten: 7, bedrag: 7 * 41500 }]);
    const [centrum, lid] = await Promise.allSettled([
      stack.upload('0983', 'bp.csv', bytes, new Date('2022-07-10T09:00:00Z')),
      stack.upload('0988', 'bp-eigen.csv', bytes, new Date('2022-07-11T09:00:00Z')),
    ]);
    expect(centrum.status).toBe('fulfilled');
    expect(lid.status).toBe('rejected');
    // SQS delivers 0988's message again: now a duplicate of 0983's committed record.
    const again = await ingestObject(stack.deps, 'inbox/0988/bp-eigen.csv');
    expect(again.report.duplicaatVan).toBe('inbox/0983/bp.csv');
    // A correction by 0988 later: it replaces the July report of 7 clients, and should say so.
    const correctie = await stack.upload(
      '0988',
      'bp-correctie.csv',
      taakgerichtCsv([{ gemeente: '0988', aantalClienten: 9, bedrag: 9 * 41500 }]),
      new Date('2022-08-10T09:00:00Z'),
    );
    const stored = [] as Item[];
    for await (const page of stack.store.query('GEM#0988#TAAK')) stored.push(...page);
    expect({
      // The dead attempt's item stays, but does not count (its record was never written).
      versionOfX: stored
        .filter((i) => i.fileId !== correctie.report.fileId)
        .map((i) => i.afzender)
        .sort(),
      vervangt: correctie.report.findings.filter((f) => f.rule === 'TAAK-VERVANGT').map((f) => f.message),
    }).toEqual({
      versionOfX: ['0983', '0988'],
      vervangt: [expect.stringContaining('(7 clienten')],
    });
  });
});

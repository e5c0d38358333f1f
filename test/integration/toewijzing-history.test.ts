/**
 * A toewijzing's versions live in one DynamoDB item (400 KB at most). Before, every file added a version, withdrawn
 * files' versions stayed and a file carrying a long history stored every line: the item grew until no file naming
 * the toewijzing could commit, each retry failing alike (no record, no answer, no quarantine).
 */
import { effectiveToewijzing, key, type ToewijzingItem } from '../../pipeline/state/items';
import { committedFiles, loadFiles } from '../../pipeline/state/reader';
import { withdrawFile } from '../../pipeline/withdraw';
import { toewijzingCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

const G = '0983';
let stack: Stack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await stack.close();
});

const tijd = (i: number) =>
  [Math.floor(i / 3600) % 24, Math.floor(i / 60) % 60, i % 60]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');

async function stored(): Promise<{ item: ToewijzingItem; inEffect: number | null }> {
  const [item] = (await stack.store.get([key.toewijzing(G, 5001)])) as ToewijzingItem[];
  const files = committedFiles(await loadFiles(stack.store, G));
  return { item, inEffect: effectiveToewijzing(item, files)?.volume ?? null };
}

test('a CSV carrying 1,500 versions of one toewijzing commits', async () => {
  const rows = Array.from({ length: 1500 }, (_, i) => ({ toewijzingstijd: tijd(i), volume: 1 + (i % 7) }));
  const { report } = await stack.upload(
    G,
    'tw-historie.csv',
    toewijzingCsv(rows),
    new Date('2022-04-01T08:00:00Z'),
  );
  expect(report.counts).toEqual({ regels: 1500, geaccepteerd: 1500, afgewezen: 0 });
  // Only the file's last version can ever be in effect: it is what the item holds.
  const { item, inEffect } = await stored();
  expect(item.versions).toHaveLength(1);
  expect(inEffect).toBe(1 + (1499 % 7));
});

test('files sent again and again keep the item small; withdrawing the newest brings the one before back', async () => {
  for (let f = 0; f < 30; f++) {
    const rows = Array.from({ length: 20 }, (_, i) => ({ toewijzingstijd: tijd(f * 20 + i), volume: 1 + f }));
    await stack.upload(G, `export-${f}.csv`, toewijzingCsv(rows), new Date(Date.UTC(2022, 0, 1, 8, f)));
  }
  const before = await stored();
  expect(before.item.versions).toHaveLength(30);
  expect(before.inEffect).toBe(30);
  const records = await loadFiles(stack.store, G);
  const newest = [...records.values()].find((r) => r.name.endsWith('export-29.csv'))!;
  await withdrawFile(stack.store, [G], newest.fileId, 'verkeerd');
  expect((await stored()).inEffect).toBe(29);
  // The next file stores its own version and no longer the withdrawn file's.
  await stack.upload(
    G,
    'export-30.csv',
    toewijzingCsv([{ toewijzingstijd: tijd(9999), volume: 5 }]),
    new Date(Date.UTC(2022, 0, 2)),
  );
  const after = await stored();
  expect(after.item.versions.map((v) => v.fileId)).not.toContain(newest.fileId);
  expect(after.item.versions).toHaveLength(30);
  expect(after.inEffect).toBe(5);
});

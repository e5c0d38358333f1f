/**
 * CONTRACT §1b: Herkomstgemeente is the municipality of origin "when the sender acts for the region
 * (centrumgemeente); empty = the sender". A member (0988 Weert, Midden-Limburg pool) naming another municipality
 * (0983, Noord-Limburg pool) would move the care approved on its toewijzing to that municipality, in the monitor and
 * the settlement: the value is set aside with a warning, and the toewijzing counts for the sender. The
 * centrumgemeente's Herkomstgemeente is kept.
 */
import { key, type ToewijzingItem } from '../../pipeline/state/items';
import { toewijzingCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

let stack: Stack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await stack.close();
});

const herkomstOf = async (gemeente: string, nummer: number) => {
  const [item] = (await stack.store.get([key.toewijzing(gemeente, nummer)])) as (
    | ToewijzingItem
    | undefined
  )[];
  return (item?.versions ?? []).map((v) => v.herkomst);
};

it('a member that is not a centrumgemeente cannot make another municipality the origin of its toewijzing', async () => {
  const { report } = await stack.upload('0988', 'tw.csv', toewijzingCsv([{ herkomst: '0983' }], '0988'));
  expect(await herkomstOf('0988', 5001)).toEqual(['0988']);
  expect(report.status).toBe('geaccepteerd');
  expect(report.findings).toEqual([
    expect.objectContaining({
      rule: 'HERKOMST',
      severity: 'waarschuwing',
      location: 'regel 2, kolom Herkomstgemeente',
      message: expect.stringContaining('Herkomstgemeente 0983 genegeerd'),
    }),
  ]);
});

it('a member naming itself, and the centrumgemeente naming a member, keep their Herkomstgemeente', async () => {
  const own = await stack.upload('0988', 'tw.csv', toewijzingCsv([{ herkomst: '0988' }], '0988'));
  expect(own.report.findings).toEqual([]);
  expect(await herkomstOf('0988', 5001)).toEqual(['0988']);
  const centrum = await stack.upload('0983', 'tw.csv', toewijzingCsv([{ herkomst: '0984' }], '0983'));
  expect(centrum.report.findings).toEqual([]);
  expect(await herkomstOf('0983', 5001)).toEqual(['0984']);
});

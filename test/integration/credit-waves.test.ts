/**
 * In a CSV every DeclaratieNummer is a message of its own, in file order. A credit of a debit declared by an
 * earlier declaration of the same file is judged after that debit, as it would be had the two come in two files
 * (before, every credit of a file was judged before every debit, and such a credit got 8017).
 */
import { withdrawable } from '../../pipeline/withdraw';
import type { Report } from '../../schemas/report';
import { forwardingBlobs } from '../helpers/faults';
import { credit, declaratieCsv, line, toewijzingCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

const G = '0983';
let stack: Stack;
beforeEach(async () => {
  stack = await startStack();
  await stack.upload(G, 'tw.csv', toewijzingCsv([{}]), new Date('2022-03-01T08:00:00Z'));
});
afterEach(async () => {
  await stack.close();
});

const codes = (r: Report) => r.declaraties.map((d) => d.prestaties.map((p) => p.retourcodes));
const RECEIVED = new Date('2022-07-01T08:00:00Z');

async function usageOfMarch(): Promise<{ volume: number; bedrag: number }> {
  const usage = (await stack.dump()).find(
    (i) => i.pk === `GEM#${G}#TW#5001` && i.sk === 'USAGE',
  ) as unknown as {
    entries: { dc: string; volume: number; bedrag: number; maand: string }[];
  };
  return usage.entries
    .filter((e) => e.maand === '2022-03')
    .reduce(
      (s, e) => ({ volume: s.volume + (e.dc === 'C' ? -e.volume : e.volume), bedrag: s.bedrag + e.bedrag }),
      { volume: 0, bedrag: 0 },
    );
}

test('a chain of corrections in one file: each declaration credits and replaces the one before', async () => {
  const first = line('2022-03', 'R1', { volume: 20 });
  const second = line('2022-03', 'R3', { volume: 25 });
  const third = line('2022-03', 'R5', { volume: 31 });
  const { report } = await stack.upload(
    G,
    'correcties.csv',
    declaratieCsv(
      { nummer: 'D1', maand: '2022-03', lines: [first] },
      { nummer: 'D2', maand: '2022-04', lines: [credit(first, 'R2'), second] },
      { nummer: 'D3', maand: '2022-05', lines: [third, credit(second, 'R4')] },
    ),
    RECEIVED,
  );
  expect(codes(report)).toEqual([[[]], [[], []], [[], []]]);
  expect(report.declaraties.map((d) => d.retourcodes)).toEqual([['8001'], ['8001'], ['8001']]);
  // Usage and money as the last debit alone.
  expect(await usageOfMarch()).toEqual({ volume: 31, bedrag: 31 * 10950 });
});

test('a credit of a debit in a later declaration of the file finds no approved debit yet (8017)', async () => {
  const debit = line('2022-03', 'R1');
  const { report } = await stack.upload(
    G,
    'omgekeerd.csv',
    declaratieCsv(
      { nummer: 'D1', maand: '2022-04', lines: [credit(debit, 'R2')] },
      { nummer: 'D2', maand: '2022-03', lines: [debit] },
    ),
    RECEIVED,
  );
  expect(codes(report)).toEqual([[['8017']], [[]]]);
});

test('two declarations of a file crediting one debit of an earlier one: the second credit is refused (9390)', async () => {
  const debit = line('2022-03', 'R1');
  const { report } = await stack.upload(
    G,
    'twee-credits.csv',
    declaratieCsv(
      { nummer: 'D1', maand: '2022-03', lines: [debit] },
      { nummer: 'D2', maand: '2022-04', lines: [credit(debit, 'R2')] },
      { nummer: 'D3', maand: '2022-05', lines: [credit(debit, 'R3')] },
    ),
    RECEIVED,
  );
  expect(codes(report)).toEqual([[[]], [[]], [['9390']]]);
  expect(await usageOfMarch()).toEqual({ volume: 0, bedrag: 0 });
});

test('ReferentieNummers still go to the first line in file order across the waves (8021)', async () => {
  const debit = line('2022-03', 'R1', { volume: 20 });
  const { report } = await stack.upload(
    G,
    'nummers.csv',
    declaratieCsv(
      { nummer: 'D1', maand: '2022-03', lines: [debit, line('2022-02', 'R9')] },
      // R9 again in the later wave: the line of D1 has it.
      { nummer: 'D2', maand: '2022-04', lines: [credit(debit, 'R2'), line('2022-03', 'R9', { volume: 25 })] },
    ),
    RECEIVED,
  );
  expect(codes(report)).toEqual([
    [[], []],
    [[], ['8021']],
  ]);
});

test('a file crediting its own debit can be withdrawn after a later file declared the period again', async () => {
  const debit = line('2022-03', 'R1', { volume: 20 });
  const own = await stack.upload(
    G,
    'zelf-gecrediteerd.csv',
    declaratieCsv(
      { nummer: 'D1', maand: '2022-03', lines: [debit] },
      { nummer: 'D2', maand: '2022-04', lines: [credit(debit, 'R2')] },
    ),
    RECEIVED,
  );
  expect(own.report.declaraties.map((d) => d.retourcodes)).toEqual([['8001'], ['8001']]);
  const again = await stack.upload(
    G,
    'opnieuw.csv',
    declaratieCsv({ nummer: 'D3', maand: '2022-03', lines: [line('2022-03', 'R3', { volume: 25 })] }),
    new Date('2022-08-01T08:00:00Z'),
  );
  expect(again.report.declaraties[0].retourcodes).toEqual(['8001']);
  // Without the first file (its debit and its credit both gone) R3 is still March's only debit.
  expect(await withdrawable(stack.store, [G], own.report.fileId!)).toHaveProperty('record');
});

test('a debit replacing what a later declaration of the file credits comes before that credit (9389), with or without a declaration between', async () => {
  const earlier = line('2022-03', 'E1', { volume: 20 });
  await stack.upload(
    G,
    'maart.csv',
    declaratieCsv({ nummer: 'D0', maand: '2022-03', lines: [earlier] }),
    new Date('2022-04-06T08:00:00Z'),
  );
  const february = line('2022-02', 'W1');
  const replacement = (ref: string) => line('2022-03', ref, { volume: 25 });
  const alone = await stack.upload(
    G,
    'zonder.csv',
    declaratieCsv(
      { nummer: 'DA', maand: '2022-03', lines: [replacement('Y1')] },
      { nummer: 'DC', maand: '2022-05', lines: [credit(earlier, 'E2')] },
    ),
    RECEIVED,
  );
  // Message order: DA is judged before DC credits E1, as two files in that order would be.
  expect(codes(alone.report)).toEqual([[['9389']], [[]]]);
  // E1 is credited now; the same shape around another debit, with an unrelated declaration between.
  const other = line('2022-04', 'E3');
  await stack.upload(
    G,
    'april.csv',
    declaratieCsv({ nummer: 'D9', maand: '2022-04', lines: [other] }),
    RECEIVED,
  );
  const between = await stack.upload(
    G,
    'met.csv',
    declaratieCsv(
      { nummer: 'DD', maand: '2022-04', lines: [line('2022-04', 'Y2', { volume: 25 }), february] },
      { nummer: 'DE', maand: '2022-05', lines: [credit(february, 'W2')] },
      { nummer: 'DF', maand: '2022-05', lines: [credit(other, 'E4')] },
    ),
    RECEIVED,
  );
  expect(codes(between.report)).toEqual([[['9389'], []], [[]], [[]]]);
});

test('a chain of 150 corrections in one file (150 waves) is read a few times, not twice per wave', async () => {
  let opens = 0;
  const counting = await startStack({
    wrapBlobs: (b) => ({
      ...forwardingBlobs(b),
      open: (key, version) => {
        if (key.endsWith('keten.csv')) opens++;
        return b.open(key, version);
      },
    }),
  });
  try {
    await counting.upload(G, 'tw.csv', toewijzingCsv([{}]), new Date('2022-03-01T08:00:00Z'));
    let previous = line('2022-03', 'R0', { volume: 10 });
    const declaraties = [{ nummer: 'D0', maand: '2022-04', lines: [previous] }];
    for (let i = 1; i < 150; i++) {
      const next = line('2022-03', `R${i}`, { volume: 10 + (i % 2) });
      declaraties.push({ nummer: `D${i}`, maand: '2022-04', lines: [credit(previous, `C${i}`), next] });
      previous = next;
    }
    const { report } = await counting.upload(G, 'keten.csv', declaratieCsv(...declaraties), RECEIVED);
    expect(report.declaraties.map((d) => d.retourcodes[0])).toEqual(declaraties.map(() => '8001'));
    // The head, the fingerprint, pass 1, the waves' toewijzingen and the first wave's passes; the rest from memory.
    expect(opens).toBeLessThanOrEqual(6);
  } finally {
    await counting.close();
  }
});

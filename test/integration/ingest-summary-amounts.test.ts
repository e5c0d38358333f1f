/**
 * The ingest summary's "afgewezen € (saldo)" is what the rejected lines declared, signed like every amount in a report
 * (CONTRACT §2), so that toegekend + afgewezen adds up to what the lines declared. It was TotaalIngediendBedrag −
 * TotaalToegekendBedrag, which took a wrong declared total (TR358) for money. The alert counts every rejected line
 * positive: how much was refused either way.
 */
import { summary } from '../../cli/ingest';
import { euro } from '../../pipeline/report/plain';
import { credit, declaratieCsv, line, toewijzingCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

let stack: Stack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await stack.close();
});

const row = (text: string, name: string) =>
  text
    .split('\n')
    .find((l) => l.startsWith(name))
    ?.trimEnd() ?? '';

test('a rejected credit and a rejected debit: signed in the report and the summary, each positive in the alert', async () => {
  await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
  const approved = line('2022-03', 'R1');
  const unknown = line('2022-03', 'R2', { toewijzingNummer: 7777, volume: 20, bedrag: 20 * 10950 });
  // The credit of a debit never declared (8017).
  const stray = credit(line('2022-03', 'R0', { volume: 5, bedrag: 5 * 10950 }), 'R3');
  const { report } = await stack.upload(
    '0983',
    'd.csv',
    declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [approved, unknown, stray] }),
  );
  expect(report.counts).toEqual({ regels: 3, geaccepteerd: 1, afgewezen: 2 });
  const [d] = report.declaraties;
  expect(d.totaalAfgewezenBedrag).toBe(unknown.bedrag - stray.bedrag);
  expect(d.totaalToegekendBedrag + (d.totaalAfgewezenBedrag ?? 0)).toBe(
    approved.bedrag + unknown.bedrag - stray.bedrag,
  );
  expect(row(summary([report]), 'd.csv').endsWith(` ${euro(unknown.bedrag - stray.bedrag)}`)).toBe(true);
  expect(stack.alerts.sent[0].afgewezenBedrag).toBe(unknown.bedrag + stray.bedrag);
});

test('a declared total that is wrong (TR358) is no rejected money: the lines are', async () => {
  await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
  const only = line('2022-03', 'R1');
  const bytes = declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [only] }).replace(
    `;${only.bedrag};D;`,
    `;${only.bedrag + 100};D;`,
  );
  const { report } = await stack.upload('0983', 'd.csv', bytes);
  expect(report.findings.map((f) => f.rule)).toContain('TR358');
  expect(report.declaraties[0]).toMatchObject({
    totaalIngediendBedrag: only.bedrag + 100,
    totaalToegekendBedrag: 0,
    totaalAfgewezenBedrag: only.bedrag,
  });
  expect(row(summary([report]), 'd.csv').endsWith(` ${euro(only.bedrag)}`)).toBe(true);
});

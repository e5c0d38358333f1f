/**
 * The ingest summary's "afgewezen €" is the rejected lines' amount, each line positive: the figure of the file's
 * alert. It was TotaalIngediendBedrag − TotaalToegekendBedrag, where a rejected credit cancelled a rejected debit
 * (a file with two rejected lines showed 0,00 while its alert said 6.570,00).
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

test('a rejected credit and a rejected debit add up in the summary, as in the alert', async () => {
  await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
  const debit = line('2022-03', 'R1');
  const unknown = line('2022-03', 'R2', { toewijzingNummer: 7777 });
  // The credit of a debit never declared (8017); the same amount as the debit of an unknown toewijzing (9338).
  const stray = credit(line('2022-03', 'R0'), 'R3');
  const { report } = await stack.upload(
    '0983',
    'd.csv',
    declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [debit, unknown, stray] }),
  );
  expect(report.counts).toEqual({ regels: 3, geaccepteerd: 1, afgewezen: 2 });
  const [alert] = stack.alerts.sent;
  expect(alert.afgewezenBedrag).toBe(unknown.bedrag + stray.bedrag);
  expect(report.declaraties[0].afgewezenBedrag).toBe(alert.afgewezenBedrag);
  const row = summary([report])
    .split('\n')
    .find((l) => l.startsWith('d.csv'));
  expect(row?.trimEnd().endsWith(euro(alert.afgewezenBedrag))).toBe(true);
});

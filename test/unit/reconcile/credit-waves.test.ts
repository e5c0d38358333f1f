import { creditWaves } from '../../../pipeline/reconcile/credit-waves';
import { DeclaratieOutcome } from '../../../pipeline/report/results';
import type { DeclaratieRegel } from '../../../schemas/iwmo/wmo323';

/** A declaration with its lines: 'R1' a debit, 'R2<R1' a credit R2 of R1, 'R3<' a credit naming none. */
function declaratie(nummer: string, ...lines: string[]): DeclaratieOutcome {
  const d = new DeclaratieOutcome(nummer, 0, {} as DeclaratieRegel);
  for (const l of lines) {
    const [ref, vorig] = l.split('<');
    d.add(ref, vorig === undefined ? 100 : -100, vorig === undefined ? undefined : vorig || null);
  }
  return d;
}
const names = (waves: DeclaratieOutcome[][]) => waves.map((w) => w.map((d) => d.declaratieNummer));

describe('creditWaves', () => {
  test.each([
    ['no credits', [declaratie('D1', 'R1'), declaratie('D2', 'R2')], [['D1', 'D2']]],
    ['a credit of an earlier file', [declaratie('D1', 'R1'), declaratie('D2', 'R2<R0')], [['D1', 'D2']]],
    ['a credit and its replacement in one declaration', [declaratie('D1', 'R2<R0', 'R3')], [['D1']]],
    ['a credit of a later declaration', [declaratie('D1', 'R2<R3'), declaratie('D2', 'R3')], [['D1', 'D2']]],
    ['a credit naming no debit', [declaratie('D1', 'R1'), declaratie('D2', 'R2<')], [['D1', 'D2']]],
    [
      'a credit of an earlier declaration starts a wave',
      [
        declaratie('D1', 'R1'),
        declaratie('D2', 'R5'),
        declaratie('D3', 'R2<R1', 'R3'),
        declaratie('D4', 'R6'),
      ],
      [
        ['D1', 'D2'],
        ['D3', 'D4'],
      ],
    ],
    [
      'a chain: each credits the one before',
      [declaratie('D1', 'R1'), declaratie('D2', 'R2<R1', 'R3'), declaratie('D3', 'R4<R3', 'R5')],
      [['D1'], ['D2'], ['D3']],
    ],
    [
      'a credit of a debit in an earlier wave needs no new one',
      [declaratie('D1', 'R1', 'R7'), declaratie('D2', 'R2<R1'), declaratie('D3', 'R8<R7')],
      [['D1'], ['D2', 'D3']],
    ],
    [
      'a credit line with the ReferentieNummer of the credited debit is no debit',
      [declaratie('D1', 'R1<R0'), declaratie('D2', 'R2<R1')],
      [['D1', 'D2']],
    ],
  ])('%s', (_, declaraties, expected) => {
    expect(names(creditWaves(declaraties))).toEqual(expected);
  });
});

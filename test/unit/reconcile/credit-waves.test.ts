import { creditWaves } from '../../../pipeline/reconcile/credit-waves';
import { DeclaratieOutcome } from '../../../pipeline/report/results';
import type { DeclaratieRegel } from '../../../schemas/iwmo/wmo323';

/**
 * A declaration with its lines, each on a toewijzing: 'R1@5' a debit on toewijzing 5, 'R2<R1@5' a credit R2 of R1,
 * 'R3<@5' a credit naming no debit.
 */
function declaratie(nummer: string, ...lines: string[]): DeclaratieOutcome {
  const d = new DeclaratieOutcome(nummer, 0, {} as DeclaratieRegel);
  const debits = new Set<number>();
  for (const l of lines) {
    const [line, tw] = l.split('@');
    const [ref, vorig] = line.split('<');
    if (vorig === undefined) {
      d.add(ref, 100);
      debits.add(Number(tw));
    } else d.add(ref, -100, { vorig: vorig || null, toewijzing: Number(tw) });
  }
  debitsOf.set(d, debits);
  return d;
}
const debitsOf = new Map<DeclaratieOutcome, Set<number>>();
const waves = (...declaraties: DeclaratieOutcome[]) =>
  creditWaves(declaraties, debitsOf).map((w) => w.map((d) => d.declaratieNummer));

describe('creditWaves', () => {
  test.each([
    ['no credits', [declaratie('D1', 'R1@5'), declaratie('D2', 'R2@5')], [['D1', 'D2']]],
    [
      'a credit on another toewijzing',
      [declaratie('D1', 'R1@5'), declaratie('D2', 'R2<R0@6')],
      [['D1', 'D2']],
    ],
    ['a credit and its replacement in one declaration', [declaratie('D1', 'R2<R0@5', 'R3@5')], [['D1']]],
    [
      'credits in the first declaration only',
      [declaratie('D1', 'R2<R0@5'), declaratie('D2', 'R3@5')],
      [['D1', 'D2']],
    ],
    [
      'a credit on a toewijzing an earlier declaration has a debit on starts a wave',
      [
        declaratie('D1', 'R1@5'),
        declaratie('D2', 'R5@6'),
        declaratie('D3', 'R2<R0@5', 'R3@5'),
        declaratie('D4', 'R6@5'),
      ],
      [
        ['D1', 'D2'],
        ['D3', 'D4'],
      ],
    ],
    [
      'a credit of an earlier declaration’s debit on another toewijzing starts a wave too',
      [declaratie('D1', 'R1@5'), declaratie('D2', 'R2<R1@6')],
      [['D1'], ['D2']],
    ],
    [
      'a chain: each credits the one before',
      [declaratie('D1', 'R1@5'), declaratie('D2', 'R2<R1@5', 'R3@5'), declaratie('D3', 'R4<R3@5', 'R5@5')],
      [['D1'], ['D2'], ['D3']],
    ],
    [
      'a credit on a toewijzing only an earlier wave has debits on needs no new one',
      [declaratie('D1', 'R1@5', 'R7@6'), declaratie('D2', 'R2<R1@5'), declaratie('D3', 'R8<R7@6')],
      [['D1'], ['D2', 'D3']],
    ],
  ])('%s', (_, declaraties, expected) => {
    expect(waves(...declaraties)).toEqual(expected);
  });
});

import { CS339 } from '../../../../pipeline/rules/declaratie/CS339';
import type { LineSpec } from '../../../helpers/records';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';

const EURO: LineSpec = { eenheid: '83', tarief: null };

describeDeclaratieRule(CS339, {
  title: "with Eenheid 83 (euro's) IngediendBedrag equals GeleverdVolume",
  compliant: [
    ['euros, equal', [{ ...EURO, volume: 125000, bedrag: 125000 }]],
    ['euros, a credit of the same amount', [{ ...EURO, volume: 125000, bedrag: 125000, debetCredit: 'C' }]],
    ['euros, zero', [{ ...EURO, volume: 0, bedrag: 0 }]],
    [
      'another unit, where the amount is volume × tarief',
      [{ eenheid: '14', volume: 30, tarief: 9500, bedrag: 285000 }],
    ],
  ],
  nonCompliant: [
    [
      'one cent more than the volume',
      [{ ...EURO, volume: 125000, bedrag: 125001 }],
      [[0, 'IngediendBedrag']],
    ],
    [
      'volume given in euros instead of cents',
      [{ ...EURO, volume: 1250, bedrag: 125000 }],
      [[0, 'IngediendBedrag']],
    ],
    ['only the second line', [{}, { ...EURO, volume: 100, bedrag: 99 }], [[1, 'IngediendBedrag']]],
  ],
});

import { CD087 } from '../../../../pipeline/rules/declaratie/CD087';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';

describeDeclaratieRule(CD087, {
  title: "ProductTarief iff Eenheid is not 83 (euro's)",
  compliant: [
    ['etmaal with a tarief', [{ eenheid: '14', tarief: 9500 }]],
    ['minutes with a tarief', [{ eenheid: '01', volume: 240, tarief: 125, bedrag: 30000 }]],
    ['a tarief of 0 is a tarief', [{ eenheid: '82', tarief: 0, bedrag: 0 }]],
    ["euro's without a tarief", [{ eenheid: '83', tarief: null, volume: 5000, bedrag: 5000 }]],
  ],
  nonCompliant: [
    ['hours without a tarief', [{ eenheid: '04', tarief: null }], [[0, 'ProductTarief']]],
    ['stuks (inspanning) without a tarief', [{ eenheid: '84', tarief: null }], [[0, 'ProductTarief']]],
    [
      "euro's with a tarief",
      [{ eenheid: '83', tarief: 100, volume: 5000, bedrag: 5000 }],
      [[0, 'ProductTarief']],
    ],
    [
      "euro's with a tarief of 0",
      [{ eenheid: '83', tarief: 0, volume: 5000, bedrag: 5000 }],
      [[0, 'ProductTarief']],
    ],
    ['only the second line', [{}, { tarief: null }], [[1, 'ProductTarief']]],
  ],
});

import { CD087 } from '../../../../pipeline/rules/declaratie/CD087';
import { declaratie, FLAVOURS, type LineSpec } from '../../../helpers/records';
import { type At, expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

describe.each(FLAVOURS)("CD087 ProductTarief iff Eenheid is not 83 (euro's) (%s)", (flavour) => {
  it.each<[string, LineSpec[]]>([
    ['etmaal with a tarief', [{ eenheid: '14', tarief: 9500 }]],
    ['minutes with a tarief', [{ eenheid: '01', volume: 240, tarief: 125, bedrag: 30000 }]],
    ['a tarief of 0 is a tarief', [{ eenheid: '82', tarief: 0, bedrag: 0 }]],
    ["euro's without a tarief", [{ eenheid: '83', tarief: null, volume: 5000, bedrag: 5000 }]],
  ])('compliant: %s', (_, lines) => {
    expect(runDeclaratieRule(CD087, declaratie(flavour, lines))).toEqual([]);
  });

  it.each<[string, LineSpec[], At[]]>([
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
  ])('non-compliant: %s', (_, lines, where) => {
    const regels = declaratie(flavour, lines);
    expect(runDeclaratieRule(CD087, regels)).toEqual(expectedOnLines('CD087', regels, where));
  });
});

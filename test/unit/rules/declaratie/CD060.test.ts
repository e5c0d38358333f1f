import { CD060 } from '../../../../pipeline/rules/declaratie/CD060';
import { declaratie, FLAVOURS, type LineSpec } from '../../../helpers/records';
import { type At, expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

describe.each(FLAVOURS)('CD060 VorigReferentieNummer iff credit (%s)', (flavour) => {
  it.each<[string, LineSpec[]]>([
    ['a debit without VorigReferentieNummer', [{ debetCredit: 'D', vorigReferentieNummer: null }]],
    ['a credit naming the debit', [{ debetCredit: 'C', vorigReferentieNummer: 'RN100' }]],
    [
      'a debit and a credit',
      [{}, { referentieNummer: 'RN101', debetCredit: 'C', vorigReferentieNummer: 'RN100' }],
    ],
  ])('compliant: %s', (_, lines) => {
    expect(runDeclaratieRule(CD060, declaratie(flavour, lines))).toEqual([]);
  });

  it.each<[string, LineSpec[], At[]]>([
    [
      'a credit without VorigReferentieNummer',
      [{ debetCredit: 'C', vorigReferentieNummer: null }],
      [[0, 'VorigReferentieNummer']],
    ],
    [
      'a debit with VorigReferentieNummer',
      [{ debetCredit: 'D', vorigReferentieNummer: 'RN100' }],
      [[0, 'VorigReferentieNummer']],
    ],
    [
      'both mistakes, each on its own line',
      [{}, { debetCredit: 'C' }, { vorigReferentieNummer: 'RN100' }],
      [
        [1, 'VorigReferentieNummer'],
        [2, 'VorigReferentieNummer'],
      ],
    ],
  ])('non-compliant: %s', (_, lines, where) => {
    const regels = declaratie(flavour, lines);
    expect(runDeclaratieRule(CD060, regels)).toEqual(expectedOnLines('CD060', regels, where));
  });
});

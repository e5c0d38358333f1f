import { RS037 } from '../../../../pipeline/rules/toewijzing/RS037';
import { BSN, BSN_ELFPROEF_FOUT, toewijzing } from '../../../helpers/records';
import { type At, expectedOnProducts, runToewijzingRule } from '../../../helpers/run-rule';

const FOUT: [string, string][] = [
  ['eight digits', '99990000'],
  ['ten digits', '9999000061'],
  ['a letter', '99990000A'],
  ['spaces', '9999 0000'],
  ['empty', ''],
];

describe('RS037 Bsn is exactly nine digits (csv: every row is a client)', () => {
  it.each<[string, string]>([
    ...BSN.map((bsn): [string, string] => [bsn, bsn]),
    ['nine digits failing the 11-proef (CS002’s)', BSN_ELFPROEF_FOUT],
  ])('compliant: %s', (_, bsn) => {
    expect(runToewijzingRule(RS037, toewijzing('csv', [{ bsn }]))).toEqual([]);
  });

  it.each(FOUT)('non-compliant: %s, without quoting it', (_, bsn) => {
    const regels = toewijzing('csv', [{ bsn: BSN[0] }, { bsn }, { bsn: BSN[1] }, { bsn }]);
    const where: At[] = [
      [1, 'Bsn'],
      [3, 'Bsn'],
    ];
    const found = runToewijzingRule(RS037, regels);
    expect(found).toEqual(expectedOnProducts('RS037', regels, where));
    if (bsn) for (const f of found) expect(f.message).not.toContain(bsn);
  });
});

describe('RS037 in xml: once per client', () => {
  it('reported once for three products', () => {
    const regels = toewijzing('xml', [{}, {}, {}], { client: { bsn: '99990000' } });
    expect(runToewijzingRule(RS037, regels)).toEqual(expectedOnProducts('RS037', regels, [[0, 'Bsn']]));
  });
});

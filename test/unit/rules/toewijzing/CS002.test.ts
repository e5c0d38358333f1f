import { CS002 } from '../../../../pipeline/rules/toewijzing/CS002';
import { BSN, BSN_ELFPROEF_FOUT, toewijzing } from '../../../helpers/records';
import { type At, expectedOnProducts, runToewijzingRule } from '../../../helpers/run-rule';

const FOUT: [string, string][] = [
  ['fails the 11-proef', BSN_ELFPROEF_FOUT],
  ['000000000, which passes the arithmetic', '000000000'],
];

describe('CS002 Bsn passes the 11-proef (xml: once per client)', () => {
  it.each(BSN.map((bsn) => [bsn]))('compliant: %s', (bsn) => {
    expect(runToewijzingRule(CS002, toewijzing('xml', [{}, {}], { client: { bsn } }))).toEqual([]);
  });

  it.each(FOUT)('non-compliant: %s, reported once for three products', (_, bsn) => {
    const regels = toewijzing('xml', [{}, {}, {}], { client: { bsn } });
    expect(runToewijzingRule(CS002, regels)).toEqual(expectedOnProducts('CS002', regels, [[0, 'Bsn']]));
    expect(regels[0].product.bsn).toBe(bsn);
  });

  it('names Client/Bsn', () => {
    const found = runToewijzingRule(CS002, toewijzing('xml', [{}], { client: { bsn: BSN_ELFPROEF_FOUT } }));
    expect(found.map((f) => f.location)).toEqual(['Client/Bsn']);
  });
});

describe('CS002 Bsn passes the 11-proef (csv: every row is a client)', () => {
  it.each([
    ['eight digits', '99990000'],
    ['a letter', '99990000A'],
  ])('a malformed Bsn is RS037’s, not CS002’s: %s', (_, bsn) => {
    expect(runToewijzingRule(CS002, toewijzing('csv', [{ bsn }]))).toEqual([]);
  });

  it('compliant: rows with valid test BSNs', () => {
    expect(
      runToewijzingRule(
        CS002,
        toewijzing(
          'csv',
          BSN.map((bsn) => ({ bsn })),
        ),
      ),
    ).toEqual([]);
  });

  it.each(FOUT)('non-compliant: %s', (_, bsn) => {
    const regels = toewijzing('csv', [{ bsn: BSN[0] }, { bsn }, { bsn: BSN[1] }, { bsn }]);
    const where: At[] = [
      [1, 'Bsn'],
      [3, 'Bsn'],
    ];
    expect(runToewijzingRule(CS002, regels)).toEqual(expectedOnProducts('CS002', regels, where));
  });
});

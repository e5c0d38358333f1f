import { CS002 } from '../../../../pipeline/rules/declaratie/CS002';
import { BSN, BSN_ELFPROEF_FOUT, declaratie, type LineSpec } from '../../../helpers/records';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';
import { runDeclaratieRule } from '../../../helpers/run-rule';

describeDeclaratieRule(CS002, {
  title: 'Bsn passes the 11-proef',
  compliant: [
    ['ZIN test BSN 999900006', [{ bsn: '999900006' }]],
    ['two clients with valid test BSNs', [{ bsn: BSN[0] }, { bsn: BSN[1] }, { bsn: BSN[2] }]],
    ['the README example 123456782', [{ bsn: '123456782' }]],
    ["not nine digits: RS037's, not reported twice", [{ bsn: '99990000' }, { bsn: '99990000A' }]],
  ],
  nonCompliant: [
    ['a BSN failing the 11-proef', [{ bsn: BSN_ELFPROEF_FOUT }], [[0, 'Bsn']]],
    ['000000000, which passes the arithmetic', [{ bsn: '000000000' }], [[0, 'Bsn']]],
    ['only the second client', [{ bsn: BSN[0] }, { bsn: '123456789' }], [[1, 'Bsn']]],
    [
      'two bad clients',
      [{ bsn: '123456789' }, { bsn: BSN[1] }, { bsn: '999900019' }],
      [
        [0, 'Bsn'],
        [2, 'Bsn'],
      ],
    ],
  ],
});

describe('CS002 is checked once per client', () => {
  const lines: LineSpec[] = [{ bsn: BSN[0] }, { bsn: BSN_ELFPROEF_FOUT }, { bsn: BSN_ELFPROEF_FOUT }];

  it('XML: one finding on the Bsn of the client, whatever its number of prestaties', () => {
    const found = runDeclaratieRule(CS002, declaratie('xml', lines));
    expect(found.map((f) => f.location)).toEqual(['Client[2]/Bsn']);
  });

  it('CSV: every row names its own Bsn cell', () => {
    const found = runDeclaratieRule(CS002, declaratie('csv', lines));
    expect(found.map((f) => f.location)).toEqual(['regel 3, kolom Bsn', 'regel 4, kolom Bsn']);
  });
});

import { RS037 } from '../../../../pipeline/rules/declaratie/RS037';
import { BSN, BSN_ELFPROEF_FOUT, declaratie, type LineSpec } from '../../../helpers/records';
import { describeDeclaratieRule } from '../../../helpers/rule-cases';
import { runDeclaratieRule } from '../../../helpers/run-rule';

describeDeclaratieRule(RS037, {
  title: 'Bsn is exactly nine digits',
  compliant: [
    ['a valid test BSN', [{ bsn: BSN[0] }]],
    ["nine digits failing the 11-proef (CS002's)", [{ bsn: BSN_ELFPROEF_FOUT }]],
    ['nine digits with a leading zero', [{ bsn: '012345672' }]],
  ],
  nonCompliant: [
    ['eight digits', [{ bsn: '99990000' }], [[0, 'Bsn']]],
    ['ten digits', [{ bsn: '9999000061' }], [[0, 'Bsn']]],
    ['a letter', [{ bsn: '99990000A' }], [[0, 'Bsn']]],
    ['empty', [{ bsn: '' }], [[0, 'Bsn']]],
    ['surrounding space', [{ bsn: ' 99990000' }], [[0, 'Bsn']]],
    ['only the second client', [{ bsn: BSN[0] }, { bsn: '9999-0006' }], [[1, 'Bsn']]],
  ],
});

it('RS037 reports a client with several prestaties once in XML, and every CSV row', () => {
  const lines: LineSpec[] = [{ bsn: '12345' }, { bsn: '12345' }];
  expect(runDeclaratieRule(RS037, declaratie('xml', lines)).map((f) => f.location)).toEqual([
    'Client[1]/Bsn',
  ]);
  expect(runDeclaratieRule(RS037, declaratie('csv', lines)).map((f) => f.location)).toEqual([
    'regel 2, kolom Bsn',
    'regel 3, kolom Bsn',
  ]);
});

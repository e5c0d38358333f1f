import { RS037 } from '../../../../pipeline/rules/declaratie/RS037';
import { BSN, BSN_ELFPROEF_FOUT, declaratie, FLAVOURS, type LineSpec } from '../../../helpers/records';
import { type At, expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

describe.each(FLAVOURS)('RS037 Bsn is exactly nine digits (%s)', (flavour) => {
  it.each<[string, LineSpec[]]>([
    ['a valid test BSN', [{ bsn: BSN[0] }]],
    ["nine digits failing the 11-proef (CS002's)", [{ bsn: BSN_ELFPROEF_FOUT }]],
    ['nine digits with a leading zero', [{ bsn: '012345672' }]],
  ])('compliant: %s', (_, lines) => {
    expect(runDeclaratieRule(RS037, declaratie(flavour, lines))).toEqual([]);
  });

  it.each<[string, LineSpec[], At[]]>([
    ['eight digits', [{ bsn: '99990000' }], [[0, 'Bsn']]],
    ['ten digits', [{ bsn: '9999000061' }], [[0, 'Bsn']]],
    ['a letter', [{ bsn: '99990000A' }], [[0, 'Bsn']]],
    ['empty', [{ bsn: '' }], [[0, 'Bsn']]],
    ['surrounding space', [{ bsn: ' 99990000' }], [[0, 'Bsn']]],
    ['only the second client', [{ bsn: BSN[0] }, { bsn: '9999-0006' }], [[1, 'Bsn']]],
  ])('non-compliant: %s', (_, lines, where) => {
    const regels = declaratie(flavour, lines);
    expect(runDeclaratieRule(RS037, regels)).toEqual(expectedOnLines('RS037', regels, where));
  });
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

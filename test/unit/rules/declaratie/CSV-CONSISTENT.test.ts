import { CSV_CONSISTENT } from '../../../../pipeline/rules/declaratie/CSV-CONSISTENT';
import { declaratie, type LineSpec } from '../../../helpers/records';
import { type At, expectedOnLines, runDeclaratieRule } from '../../../helpers/run-rule';

const DN2 = { declaratieNummer: 'DN002' };
// Explicit totals, so that the per-line overrides below change only what each case names.
const TOTAAL = { totaalBedrag: 570000, totaalDebetCredit: 'D' as const };

describe('CSV-CONSISTENT declaration columns agree within a DeclaratieNummer (csv)', () => {
  it.each<[string, LineSpec[]]>([
    ['rows of one declaration', [{}, {}, {}]],
    [
      'two declarations, each consistent',
      [{}, { kop: { ...DN2, dagtekening: '2023-05-07' } }, { kop: { ...DN2, dagtekening: '2023-05-07' } }],
    ],
    ['rows of two declarations interleaved', [{}, { kop: DN2 }, {}, { kop: DN2 }]],
  ])('compliant: %s', (_, lines) => {
    expect(runDeclaratieRule(CSV_CONSISTENT, declaratie('csv', lines, { kop: TOTAAL }))).toEqual([]);
  });

  it.each<[string, LineSpec[], At[]]>([
    ['another Ontvanger on row 3', [{}, { bericht: { ontvanger: '0984' } }], [[1, 'Ontvanger']]],
    ['another Afzender', [{}, { bericht: { afzender: '65656056' } }], [[1, 'Afzender']]],
    [
      'another DeclaratieDagtekening',
      [{}, { kop: { dagtekening: '2023-05-07' } }],
      [[1, 'DeclaratieDagtekening']],
    ],
    [
      'another DeclaratiePeriode',
      [{}, { kop: { periodeBegin: '2023-03-01', periodeEind: '2023-03-31' } }],
      [
        [1, 'DeclaratiePeriodeBegindatum'],
        [1, 'DeclaratiePeriodeEinddatum'],
      ],
    ],
    [
      'another total and sign',
      [{}, { kop: { totaalBedrag: 1, totaalDebetCredit: 'C' } }],
      [
        [1, 'TotaalIngediendBedrag'],
        [1, 'TotaalDebetCredit'],
      ],
    ],
    [
      'each row is compared with the first',
      [{}, { kop: { dagtekening: '2023-05-07' } }, { kop: { dagtekening: '2023-05-07' } }, {}],
      [
        [1, 'DeclaratieDagtekening'],
        [2, 'DeclaratieDagtekening'],
      ],
    ],
    [
      'within the second declaration',
      [{ kop: DN2 }, {}, { kop: { ...DN2, dagtekening: '2023-05-07' } }],
      [[2, 'DeclaratieDagtekening']],
    ],
  ])('non-compliant: %s', (_, lines, where) => {
    const regels = declaratie('csv', lines, { kop: TOTAAL });
    expect(runDeclaratieRule(CSV_CONSISTENT, regels)).toEqual(
      expectedOnLines('CSV-CONSISTENT', regels, where),
    );
  });

  it('names the row and column in the CONTRACT form', () => {
    const regels = declaratie('csv', [{}, {}, { bericht: { ontvanger: '0984' } }], { kop: TOTAAL });
    expect(runDeclaratieRule(CSV_CONSISTENT, regels).map((f) => f.location)).toEqual([
      'regel 4, kolom Ontvanger',
    ]);
  });
});

describe('CSV-CONSISTENT does not apply to a WMO323 (one Declaratie element per message)', () => {
  it.each<[string, LineSpec[]]>([
    ['a valid message', [{}, {}]],
    [
      'records that would differ in a CSV',
      [{}, { kop: { dagtekening: '2023-05-07' }, bericht: { ontvanger: '0984' } }],
    ],
  ])('%s', (_, lines) => {
    expect(runDeclaratieRule(CSV_CONSISTENT, declaratie('xml', lines, { kop: TOTAAL }))).toEqual([]);
  });
});

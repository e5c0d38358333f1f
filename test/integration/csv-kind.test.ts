/**
 * The kind of a CSV comes from its header. CONTRACT §1b: unknown extra columns are ignored and listed as a warning.
 * A complete toewijzing export with an extra Taakveld column (natural in a BW/MO backoffice export) is a toewijzing,
 * not a taakgericht report missing most of its columns; and a taakgericht report with an extra column a toewijzing
 * also has stays a taakgericht report.
 */
import { checkFile } from '../../pipeline/check';
import { bufferSource } from '../../pipeline/source';

const check = (lines: string[]) =>
  checkFile(bufferSource('x.csv', Buffer.from(`${lines.join('\n')}\n`, 'utf8')));
const errors = (findings: { severity?: string }[]) => findings.filter((f) => f.severity !== 'waarschuwing');

it('a toewijzing CSV with an extra Taakveld column is read as a toewijzing', async () => {
  const checked = await check([
    'Gemeente;AgbCode;Bsn;ToewijzingNummer;ProductCategorie;ProductCode;Toewijzingsdatum;Toewijzingstijd;Ingangsdatum;Einddatum;Volume;Eenheid;Frequentie;Taakveld',
    '0384;42420001;999900006;101;15;15A01;2023-08-13;12:34:56;2023-01-01;2023-12-31;1;14;2;BW',
  ]);
  expect({ kind: checked.kind, unreadable: checked.unreadable }).toEqual({
    kind: 'toewijzing',
    unreadable: false,
  });
  expect(errors(checked.findings)).toEqual([]);
  expect(checked.findings.map((f) => f.rule)).toEqual(['CSV-COLUMN']);
});

it('a taakgericht report with an extra Ingangsdatum column stays a taakgericht report', async () => {
  const checked = await check([
    'Gemeente;Taakveld;PeriodeBegindatum;PeriodeEinddatum;AgbCode;AantalClienten;Bedrag;Ingangsdatum',
    '0983;BP;2021-01-01;2021-06-30;12340001;150;4500000;2021-01-01',
  ]);
  expect({ kind: checked.kind, unreadable: checked.unreadable }).toEqual({
    kind: 'taakgericht',
    unreadable: false,
  });
  expect(errors(checked.findings)).toEqual([]);
});

/**
 * No BSN in a report: a Bsn that fails its format check may still be a (mistyped or formatted) BSN, so findings
 * describe it without quoting it. Reports leave the system (outbox, quarantine, alerts, `bwmo check`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFile, checkReportHead } from '../../../pipeline/check';
import { bufferSource } from '../../../pipeline/source';
import { IWMO_VOORBEELDEN } from '../../helpers/reference';

const DECLARATIE_HEADER =
  'Afzender;Ontvanger;DeclaratieNummer;DeclaratieDagtekening;DeclaratiePeriodeBegindatum;DeclaratiePeriodeEinddatum;TotaalIngediendBedrag;TotaalDebetCredit;Bsn;ReferentieNummer;VorigReferentieNummer;ToewijzingNummer;ProductCategorie;ProductCode;ProductPeriodeBegindatum;ProductPeriodeEinddatum;GeleverdVolume;Eenheid;ProductTarief;IngediendBedrag;DebetCredit';
const declaratieCsv = (bsn: string) =>
  `${DECLARATIE_HEADER}\n65656055;0983;DN001;2023-05-06;2023-04-01;2023-04-30;285000;D;${bsn};R001;;20000;15;15A02;2023-04-01;2023-04-30;30;14;9500;285000;D\n`;

const TOEWIJZING_HEADER =
  'Gemeente;AgbCode;Bsn;ToewijzingNummer;ProductCategorie;ProductCode;Toewijzingsdatum;Toewijzingstijd;Ingangsdatum;Einddatum;RedenWijziging;Volume;Eenheid;Frequentie;Budget;ReferentieAanbieder;Herkomstgemeente';
const toewijzingCsv = (bsn: string) =>
  `${TOEWIJZING_HEADER}\n0983;65656055;${bsn};1000000;15;15A02;2023-08-13;10:00:00;2023-09-01;2023-12-31;;7;14;2;;;\n`;

const example = (name: string) => readFileSync(join(IWMO_VOORBEELDEN, name), 'utf8');
const wmo323 = (bsn: string) => example('WMO323.xml').replace('>999900006<', `>${bsn}<`);
const wmo301 = (bsn: string) => example('WMO301.xml').replace('>999900006<', `>${bsn}<`);

/** The report as `bwmo check` prints it, and its findings on the Bsn. */
async function report(name: string, text: string) {
  const head = checkReportHead(await checkFile(bufferSource(name, text)));
  return { json: JSON.stringify(head), bsnFindings: head.findings.filter((f) => /Bsn/.test(f.location)) };
}

describe('a BSN typed in another column is reported without its value', () => {
  const row = declaratieCsv('999900006').trimEnd().split('\n')[1].split(';');
  const columns = DECLARATIE_HEADER.split(';');
  it.each(['Afzender', 'Ontvanger', 'ProductCode', 'Eenheid', 'DebetCredit'])('%s', async (column) => {
    const cells = [...row];
    cells[columns.indexOf(column)] = '123456782';
    const head = checkReportHead(
      await checkFile(bufferSource('d.csv', `${DECLARATIE_HEADER}\n${cells.join(';')}\n`)),
    );
    // The column's problem is reported, at that column …
    expect(head.findings.some((f) => f.location.includes(`kolom ${column}`))).toBe(true);
    // … without the number it holds.
    expect(JSON.stringify(head)).not.toContain('123456782');
  });
});

describe('a malformed Bsn is reported without its value', () => {
  it.each([
    ['declaratie CSV, a formatted BSN', 'd.csv', declaratieCsv, '012.345.672'],
    ['declaratie CSV, ten digits', 'd.csv', declaratieCsv, '0123456720'],
    ['toewijzing CSV, a formatted BSN', 't.csv', toewijzingCsv, '999.900.006'],
    ['WMO323, ten digits', 'd.xml', wmo323, '9999000310'],
    ['WMO323, eight digits (a lost leading zero)', 'd.xml', wmo323, '12345672'],
    ['WMO323, letters in it', 'd.xml', wmo323, '99990000X'],
    ['WMO301, ten digits', 't.xml', wmo301, '9999000310'],
  ])('%s', async (_, name, build, bsn) => {
    const { json, bsnFindings } = await report(name, build(bsn));
    // The problem is reported, at the Bsn …
    expect(bsnFindings.length).toBeGreaterThan(0);
    // … and neither the value nor its digits appear anywhere in the report.
    expect(json).not.toContain(bsn);
    expect(json).not.toContain(bsn.replace(/\D/g, ''));
  });
});

/**
 * The statement's outputs on the worked example (see worked-example.test.ts for the numbers): the terminal text,
 * CSV (semicolons, BOM, euros with a decimal comma, formulas neutralised), XLSX read back, the standalone HTML
 * document, the scenario file's format and messages, and a backoffice's view of a statement.
 */
import ExcelJS from 'exceljs';
import { toCsv, toXlsx } from '../../../pipeline/monitor/tables';
import { loadSettlementConfig } from '../../../pipeline/settle/config';
import { SettlementConfigError } from '../../../pipeline/settle/errors';
import { statementHtml } from '../../../pipeline/settle/html';
import { parseScenarioFile } from '../../../pipeline/settle/scenario-file';
import { compareKeys } from '../../../pipeline/settle/scenarios';
import { statementVoor, vergelijkingVoor } from '../../../pipeline/settle/scope';
import { settleYear } from '../../../pipeline/settle/statement';
import { scenarioTable, statementLinesTable, statementWorkbookTables } from '../../../pipeline/settle/tables';
import { euroTekst, procentTekst, scenarioText, statementText } from '../../../pipeline/settle/text';
import {
  A,
  B,
  C,
  lijn,
  VOORBEELD_BUDGETTEN,
  VOORBEELD_KOSTEN,
  voorbeeldConfig,
  voorbeeldRegio,
  voorbeeldVerevening,
} from './fixtures';

const config = voorbeeldConfig();
const definitief = settleYear(config, VOORBEELD_KOSTEN, { jaar: 2023, status: 'definitief' });
const voorlopig = settleYear(config, VOORBEELD_KOSTEN, {
  jaar: 2023,
  status: 'voorlopig',
  totEnMetMaand: '2023-06',
});
const vergelijking = compareKeys(config, VOORBEELD_KOSTEN, { jaar: 2023, status: 'definitief' });

describe('text', () => {
  it('formats euros and shares the Dutch way', () => {
    expect(euroTekst(16_996_875)).toBe('169.968,75');
    expect(euroTekst(-5)).toBe('-0,05');
    expect(euroTekst(0)).toBe('0,00');
    expect(procentTekst('0.19375')).toBe('19,375%');
    expect(procentTekst('1')).toBe('100%');
    expect(procentTekst('0')).toBe('0%');
  });

  it('a final statement per scheme with its figures to the cent', () => {
    const t = statementText(definitief);
    expect(t.split('\n')[0]).toBe('Definitief vereveningsoverzicht Voorbeeldregio 2023');
    expect(t).toContain('== Voorbeeldpool BW');
    expect(t).toMatch(/Resultaat \(overschot\)\s+154\.999,99/);
    // A: inleg 200.000,00, net 169.968,75, effect +14.135,41.
    expect(t).toMatch(/0101\s+Aadorp\s+200\.000,00\s.*169\.968,75\s.*\+14\.135,41/);
    expect(t).toContain('== Per gemeente');
    expect(t).not.toContain('VOORLOPIG');
  });

  it('a provisional statement is marked VOORLOPIG with its projection', () => {
    const t = statementText(voorlopig);
    expect(t.startsWith('VOORLOPIG vereveningsoverzicht')).toBe(true);
    expect(t).toContain('kosten bekend t/m 2023-06 (6 maanden)');
    expect(t).toContain('Zorgkosten tot nu');
  });

  it('the key comparison shows each key with the difference to the basis', () => {
    const t = scenarioText(vergelijking);
    expect(t).toContain('huidige sleutel (basis)');
    // A under 100 % inleg: net 16,900,000 = 169.000,00, 96,875 cents cheaper than the basis.
    expect(t).toMatch(/0101\s+Aadorp\s+169\.968,75\s+169\.000,00 \(-968,75\)/);
  });
});

describe('CSV and XLSX', () => {
  it('CSV: BOM, semicolons, cents and euros with a decimal comma, a total row per scheme', () => {
    const csv = toCsv(statementLinesTable(definitief));
    expect(csv.startsWith('\uFEFFRegeling;Gemeente;Naam;Inwoners;Inleg (cent);Inleg (euro)')).toBe(true);
    const rijen = csv.trim().split('\r\n');
    expect(rijen).toHaveLength(1 + 3 + 1);
    expect(rijen[1]).toContain(';0101;Aadorp;10000;20000000;200000,00;');
    expect(rijen[1]).toContain(';0,19375;');
    expect(rijen[4]).toContain(';totaal;Totaal;');
    expect(rijen[4]).toContain(';84500001;845000,01;');
  });

  it('CSV: a cell that a spreadsheet would run as a formula is neutralised', () => {
    const v = voorbeeldVerevening();
    const regio = voorbeeldRegio({
      ...v,
      regelingen: v.regelingen.map((r) => ({ ...r, naam: '=1+1' })),
    });
    const s = settleYear(loadSettlementConfig(regio, VOORBEELD_BUDGETTEN), VOORBEELD_KOSTEN, {
      jaar: 2023,
      status: 'definitief',
    });
    expect(toCsv(statementLinesTable(s))).toContain("\r\n'=1+1;0101;");
  });

  it('XLSX: accounting, summary, a sheet per scheme, totals, traceability and the key comparison', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await toXlsx(statementWorkbookTables(voorlopig, vergelijking))) as unknown as ArrayBuffer,
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Verantwoording',
      'Regelingen',
      'Voorbeeldpool BW',
      'Per gemeente',
      'Bijdrage per inwoner',
      'Niet toegerekend',
      'Herleiding',
      'Sleutelvergelijking',
    ]);
    const verantwoording = wb.getWorksheet('Verantwoording');
    const waarden = verantwoording?.getColumn(2).values.map(String) ?? [];
    expect(waarden).toContain('VOORLOPIG');
    expect(waarden).toContain(voorlopig.invoerHash);
    const lid = wb.getWorksheet('Voorbeeldpool BW')?.getRow(2);
    expect(lid?.getCell(1).value).toBe(A);
    expect(lid?.getCell(4).value).toBe(20_000_000);
    expect(lid?.getCell(5).value).toBe(200_000);
    const scenarios = scenarioTable(vergelijking);
    expect(scenarios.rows).toHaveLength(3);
  });
});

describe('HTML', () => {
  it('a standalone Dutch document without scripts or external resources', () => {
    const html = statementHtml(voorlopig, vergelijking);
    expect(html).toMatch(/^<!doctype html>\n<html lang="nl">/);
    expect(html).not.toMatch(/<script|src=|href=|@import|url\(/i);
    expect(html).toContain('<title>VOORLOPIG Vereveningsoverzicht Voorbeeldregio 2023 (versie 1)</title>');
    expect(html).toContain('class="voorlopig-merk"');
    expect(html).toContain(voorlopig.invoerHash);
    expect(html).toContain('Vergelijking van verdeelsleutels Voorbeeldregio 2023');
    expect(html).toContain('Herleiding');
  });

  it('escapes text from the configuration', () => {
    const v = voorbeeldVerevening();
    const regio = voorbeeldRegio({
      ...v,
      regelingen: v.regelingen.map((r) => ({ ...r, naam: '<b>pool</b>' })),
    });
    const s = settleYear(loadSettlementConfig(regio, VOORBEELD_BUDGETTEN), VOORBEELD_KOSTEN, {
      jaar: 2023,
      status: 'definitief',
    });
    const html = statementHtml(s);
    expect(html).toContain('&lt;b&gt;pool&lt;/b&gt;');
    expect(html).not.toContain('<b>pool</b>');
  });
});

describe('scenario file', () => {
  it('reads the list form and the object form alike', () => {
    const lijst = [
      { naam: 'huidige sleutel', sleutel: 'geconfigureerd' },
      { naam: '60/40', sleutel: { inleg: 0.6, gebruik: '0.4' }, regelingen: ['Voorbeeldpool BW'] },
    ];
    const a = parseScenarioFile('s.json', JSON.stringify(lijst));
    expect(parseScenarioFile('s.json', JSON.stringify({ scenarios: lijst }))).toEqual(a);
    const v = compareKeys(config, VOORBEELD_KOSTEN, { jaar: 2023, status: 'definitief' }, a, 's.json');
    expect(v.scenarios).toEqual(['huidige sleutel', '60/40']);
    const [r] = v.regelingen;
    expect(r.leden.reduce((t, l) => t + l.scenarios[1].deelResultaat, 0)).toBe(r.resultaat);
  });

  it.each([
    ['not JSON', '[{', /s\.json: \(hoofdniveau\): geen geldige JSON/],
    ['empty', '[]', /s\.json: scenarios: ten minste één scenario/],
    [
      'weights not summing to 1',
      JSON.stringify([{ naam: 'x', sleutel: { inleg: 0.5, gebruik: 0.4 } }]),
      /s\.json: scenarios\[0\]\.sleutel: gewichten tellen op tot 0\.9, moeten 1 zijn/,
    ],
    [
      'an unknown field',
      JSON.stringify([{ naam: 'x', sleutel: { inleg: 1 }, extra: 1 }]),
      /s\.json: scenarios\[0\]/,
    ],
  ])('%s stops with the file and the field', (_, tekst, melding) => {
    expect(() => parseScenarioFile('s.json', tekst)).toThrow(SettlementConfigError);
    expect(() => parseScenarioFile('s.json', tekst)).toThrow(melding);
  });

  it('a scheme the year does not have is named with the file', () => {
    expect(() =>
      compareKeys(
        config,
        VOORBEELD_KOSTEN,
        { jaar: 2023, status: 'definitief' },
        parseScenarioFile(
          's.json',
          JSON.stringify([{ naam: 'x', sleutel: { inleg: 1 }, regelingen: ['Elders'] }]),
        ),
        's.json',
      ),
    ).toThrow('s.json: scenarios[0].regelingen: geen actieve regeling "Elders" in 2023');
  });
});

describe("a backoffice's view", () => {
  it('regional figures and only its own lines', () => {
    const metLaat = [...VOORBEELD_KOSTEN, lijn(B, '2023-03', 100_000, { fileIds: ['b-extra'] })];
    const v2 = settleYear(config, metLaat, {
      jaar: 2023,
      status: 'voorlopig',
      totEnMetMaand: '2023-06',
      vorige: voorlopig,
    });
    const zicht = { eigen: new Set([A]), alle: [A, B, C] };
    const s = statementVoor(v2, zicht);
    const [r] = s.regelingen;
    expect(r.regels.map((l) => l.gemeente)).toEqual([A]);
    expect(r.resultaat).toBe(v2.regelingen[0].resultaat);
    expect(r.totalen).toEqual(v2.regelingen[0].totalen);
    expect(new Set(r.herleiding.map((h) => h.gemeente))).toEqual(new Set([A]));
    expect(r.bestanden).toEqual(['decl-a-1', 'decl-a-6']); // up to June
    expect(s.perGemeente.map((g) => g.gemeente)).toEqual([A]);
    expect(s.bijdragePerInwoner?.regels.map((g) => g.gemeente)).toEqual([A]);
    const tekst = JSON.stringify(s.verschillen);
    expect(tekst).not.toMatch(/0202|0303|b-extra/);
    expect(s.verschillen?.samenvatting.some((z) => z.includes('0101'))).toBe(true);
    expect(vergelijkingVoor(vergelijking, zicht).regelingen[0].leden.map((l) => l.gemeente)).toEqual([A]);
  });
});

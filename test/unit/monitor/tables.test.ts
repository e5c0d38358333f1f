/** Table output for finance and policy: euro text, small-cell suppression, CSV injection, XLSX cell types. */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import {
  col,
  euros,
  neutralise,
  roughly,
  suppress,
  suppressed,
  suppressedTotals,
  type Table,
  toCsv,
  toXlsx,
} from '../../../pipeline/monitor/tables';

interface Row {
  naam: string;
  aantal: number;
  bedrag: number;
  dichtheid: number;
}

const table: Table<Row> = {
  name: 'Proef',
  columns: [
    col('naam', 'Naam', 'text'),
    col('aantal', 'Aantal', 'count'),
    col('bedrag', 'Bedrag', 'cents'),
    col('dichtheid', 'Per 10.000', 'rate'),
  ],
  rows: [
    { naam: '=HYPERLINK("http://x")', aantal: 3, bedrag: -123456, dichtheid: 1.5 },
    { naam: '+31', aantal: 0, bedrag: 5, dichtheid: 0 },
    { naam: '@som', aantal: 12, bedrag: 100, dichtheid: 2.25 },
    { naam: 'Weert; "Noord"', aantal: 5, bedrag: 0, dichtheid: 0.1 },
  ],
};

describe('euros', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [123456, '1234,56'],
    [-123456, '-1234,56'],
    [-5, '-0,05'],
  ])('%i cents → %s', (cents, text) => expect(euros(cents)).toBe(text));
});

describe('suppression', () => {
  it('hides counts 1..threshold-1 only', () => {
    expect([0, 1, 4, 5, 17].map((n) => suppress(n, 5))).toEqual([0, '<5', '<5', 5, 17]);
    expect(suppress(9, 10)).toBe('<10');
  });

  it('hides a rate beside a suppressed count, and leaves amounts and text alone', () => {
    const s = suppressed(table, 5);
    const value = (key: string, i: number) => s.columns.find((c) => c.key === key)!.value(table.rows[i]);
    expect(value('aantal', 0)).toBe('<5');
    expect(value('dichtheid', 0)).toBeNull();
    expect(value('bedrag', 0)).toBe(-123456);
    expect(value('aantal', 2)).toBe(12);
    expect(value('dichtheid', 2)).toBe(2.25);
    expect(value('aantal', 1)).toBe(0);
  });
});

describe('secondary suppression', () => {
  interface Stand {
    naam: string;
    BW: number;
    MO: number;
    totaal: number;
  }
  const stand: Table<Stand> = {
    name: 'Stand',
    columns: [
      col('naam', 'Naam', 'text'),
      col('BW', 'BW', 'count'),
      col('MO', 'MO', 'count'),
      { ...col<Stand>('totaal', 'Totaal', 'count'), totalOf: ['BW', 'MO'] },
    ],
    rows: [
      { naam: 'A', BW: 120, MO: 2, totaal: 122 },
      { naam: 'B', BW: 40, MO: 9, totaal: 49 },
      { naam: 'C', BW: 3, MO: 0, totaal: 3 },
    ],
  };

  it('rounds a row total over a hidden count to tens, so the hidden count cannot be subtracted out', () => {
    const s = suppressed(stand, 5);
    const rows = s.rows.map((r) => Object.fromEntries(s.columns.map((c) => [c.key, c.value(r)])));
    expect(rows).toEqual([
      { naam: 'A', BW: 120, MO: '<5', totaal: '≈120' },
      { naam: 'B', BW: 40, MO: 9, totaal: 49 },
      { naam: 'C', BW: '<5', MO: 0, totaal: '<5' },
    ]);
  });

  it('rounds column totals over hidden cells, hides small totals, and keeps clean totals exact', () => {
    expect(suppressedTotals(stand, { BW: 163, MO: 11, totaal: 174 }, 5)).toEqual({
      BW: '≈160',
      MO: '≈10',
      totaal: '≈170',
    });
    const clean: Table<Stand> = { ...stand, rows: [stand.rows[1]] };
    expect(suppressedTotals(clean, { BW: 40, MO: 9, totaal: 49 }, 5)).toEqual({ BW: 40, MO: 9, totaal: 49 });
    expect(suppressedTotals(clean, { BW: 3, MO: 0, totaal: 3 }, 5)).toEqual({
      BW: '<5',
      MO: 0,
      totaal: '<5',
    });
    expect(roughly(4)).toBe('≈10');
    expect(roughly(874)).toBe('≈870');
    expect(roughly(875)).toBe('≈880');
  });
});

describe('CSV for Excel', () => {
  it('neutralises cells a spreadsheet would read as a formula', () => {
    expect(['=1+1', '+31', '-5', '@x', '\tx', 'Weert', ''].map(neutralise)).toEqual([
      "'=1+1",
      "'+31",
      "'-5",
      "'@x",
      "'\tx",
      'Weert',
      '',
    ]);
  });

  it('writes UTF-8 with BOM, semicolons, cents and euros with a decimal comma, and parses back', () => {
    const text = toCsv(table);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const { data, errors } = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true });
    expect(errors).toEqual([]);
    expect(data[0]).toEqual(['Naam', 'Aantal', 'Bedrag (cent)', 'Bedrag (euro)', 'Per 10.000']);
    expect(data[1]).toEqual(['\'=HYPERLINK("http://x")', '3', '-123456', '-1234,56', '1,5']);
    expect(data[2][0]).toBe("'+31");
    expect(data[3][0]).toBe("'@som");
    expect(data[4][0]).toBe('Weert; "Noord"');
    // Negative amounts are numbers, not formulas: they are not neutralised.
    expect(data[1][2]).toBe('-123456');
  });
});

describe('XLSX', () => {
  it('types counts and amounts as numbers, euros as a currency format, and neutralises text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx([table as Table<object>])) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Proef')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Naam',
      'Aantal',
      'Bedrag (cent)',
      'Bedrag (€)',
      'Per 10.000',
    ]);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe('\'=HYPERLINK("http://x")');
    expect(row.getCell(2).value).toBe(3);
    expect(row.getCell(3).value).toBe(-123456);
    expect(row.getCell(4).value).toBe(-1234.56);
    expect(row.getCell(4).numFmt).toContain('€');
    expect(row.getCell(5).value).toBe(1.5);
  });
});

/**
 * The settlement workbook names a sheet after each scheme. Excel (and ExcelJS) refuses an apostrophe at the start or
 * end of a sheet name and the name History; a scheme named after a centrumgemeente such as 's-Hertogenbosch is a
 * valid region.json, so its statement's workbook must still be written.
 */
import ExcelJS from 'exceljs';
import { toXlsx } from '../../../pipeline/monitor/tables';
import { loadSettlementConfig } from '../../../pipeline/settle/config';
import { settleYear } from '../../../pipeline/settle/statement';
import { statementWorkbookTables } from '../../../pipeline/settle/tables';
import { VOORBEELD_BUDGETTEN, VOORBEELD_KOSTEN, voorbeeldRegio, voorbeeldVerevening } from './fixtures';

function statementMetNaam(naam: string) {
  const v = voorbeeldVerevening();
  const verevening = { ...v, regelingen: v.regelingen.map((r) => ({ ...r, naam })) };
  const config = loadSettlementConfig(voorbeeldRegio(verevening), VOORBEELD_BUDGETTEN);
  return settleYear(config, VOORBEELD_KOSTEN, { jaar: 2023, status: 'definitief' });
}

describe('the settlement workbook with a scheme named like a Dutch municipality', () => {
  it.each(["'s-Hertogenbosch BW", "'s-Gravenhage MO", 'History'])(
    'writes a workbook for scheme "%s"',
    async (naam) => {
      const s = statementMetNaam(naam);
      expect(s.regelingen[0].naam).toBe(naam);
      const xlsx = await toXlsx(statementWorkbookTables(s, null));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
      expect(wb.worksheets.length).toBeGreaterThan(3);
    },
  );
});

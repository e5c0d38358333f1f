/**
 * The monitor's views as tables: column definitions (Dutch headers; amounts as cents and as euros with a decimal
 * comma), small-cell suppression for views shown beyond one municipality, and the export formats: CSV for Excel
 * users (semicolon, UTF-8 with BOM, cells starting with = + - @ neutralised) and XLSX (typed number cells, one sheet
 * per view).
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

/** count: suppressed beyond one municipality; rate: derived from a count, hidden when that count is. */
export type ColumnKind = 'text' | 'count' | 'cents' | 'number' | 'rate';

export interface Column<R> {
  readonly key: string;
  readonly header: string;
  readonly kind: ColumnKind;
  readonly value: (row: R) => string | number | null;
  /** A count made up of these count columns of the same row (e.g. totaal: the distinct clients of BW, MO and BWO). */
  readonly totalOf?: readonly string[];
  /** Not a rate, but as telling: hidden beside a hidden or rounded count (the volume: 62 etmalen in March is 2). */
  readonly revealsCounts?: boolean;
}

export interface Table<R = unknown> {
  readonly name: string;
  readonly columns: readonly Column<R>[];
  readonly rows: readonly R[];
  /** The finer counts behind count cells that the table does not show (see CountParts). */
  readonly parts?: CountParts<R>;
  /**
   * For a count whose parts do not add up to it: counts shown elsewhere, exactly or hidden, that it is rounded from
   * instead of from itself (the stand's BW, MO and BWO for a municipality's clients over all taakvelden, who are
   * fewer by those in two).
   */
  readonly estimateFrom?: CountParts<R>;
}

export const col = <R>(
  key: string,
  header: string,
  kind: ColumnKind,
  value?: (row: R) => string | number | null,
): Column<R> => ({
  key,
  header,
  kind,
  value: value ?? ((row) => (row as Record<string, string | number | null>)[key] ?? null),
});

/** Euros with a decimal comma and no thousands separator (what Dutch Excel reads as a number): 123456 → 1234,56. */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** Counts 1..(threshold−1) shown as "<threshold" in views beyond one municipality (DESIGN §4.5). */
export function suppress(value: number, threshold: number): number | string {
  return value > 0 && value < threshold ? `<${threshold}` : value;
}

/** A total over small counts, rounded to tens and marked as such, so that a hidden count cannot be subtracted out. */
export const roughly = (value: number): string => `≈${Math.max(10, Math.round(value / 10) * 10)}`;

const isSmall = (v: unknown, threshold: number): boolean => typeof v === 'number' && v > 0 && v < threshold;

/** What a count as shown stands for in a sum: itself; the middle of 1..threshold−1 when hidden; its tens when rounded. */
function shownWeight(shown: unknown, threshold: number): number {
  if (typeof shown === 'number') return shown;
  if (typeof shown === 'string' && shown.startsWith('<')) return threshold / 2;
  if (typeof shown === 'string' && shown.startsWith('≈')) return Number(shown.slice(1));
  return 0;
}

/**
 * A count over parts of which some are hidden, rounded from what is shown of the parts (the count itself, rounded,
 * would tell a hidden part apart: 11 shown beside "<5" and a total of ≈20 leave only 4). Parts that do not add up
 * to the count (distinct clients over overlapping groups), unless they are its estimate (`estimate`: a row's
 * taakvelden, fewer by a client in two), leave the count itself to be rounded.
 */
function roundedFromShown(
  value: number,
  parts: readonly number[],
  shown: readonly unknown[],
  threshold: number,
  estimate = false,
) {
  const sum = parts.reduce((s, p) => s + p, 0);
  if (sum !== value && !estimate) return roughly(value);
  return roughlyFromShown(shown, threshold);
}

/** Counts as shown, added up (shownWeight) and rounded to tens. */
const roughlyFromShown = (shown: readonly unknown[], threshold: number): string =>
  roughly(shown.reduce<number>((s, p) => s + shownWeight(p, threshold), 0));

/**
 * The finer counts a count cell adds up that the table itself does not show: per municipality when a row covers
 * several, per taakveld or provider when a count is over all of them; or the cells that add up with this one to a
 * count shown exactly elsewhere (the places of one municipality of origin). Another view (or the same view with other
 * filters) shows those counts, so a small one among them must not be recoverable by subtraction.
 */
export type CountParts<R> = (row: R, key: string) => readonly number[] | undefined;

/** Which count cells of a table are hidden ("<threshold") or rounded, for the cells and for the column totals. */
function hiding<R>(table: Table<R>, threshold: number) {
  const byKey = new Map(table.columns.map((c) => [c.key, c]));
  /** A count with a small part, in this row (totalOf) or elsewhere (parts): rounded. */
  const rounded = (c: Column<R>, row: R) =>
    (c.totalOf ?? []).some((k) => isSmall(byKey.get(k)?.value(row), threshold)) ||
    (table.parts?.(row, c.key) ?? []).some((p) => isSmall(p, threshold));
  const hidden = (c: Column<R>, row: R) => isSmall(c.value(row), threshold) || rounded(c, row);
  return { rounded, hidden };
}

/**
 * A table with its count columns suppressed (for views beyond one municipality): counts 1..threshold−1 become
 * "<threshold"; a count with a small part is rounded to tens (secondary suppression: else the total minus the
 * other counts gives the hidden one away), whether the part is in this row (totalOf) or elsewhere (`parts`); a
 * rate beside a hidden or rounded count is hidden, as it would give the count back.
 */
export function suppressed<R>(table: Table<R>, threshold: number): Table<R> {
  const { rounded, hidden } = hiding(table, threshold);
  const counts = table.columns.filter((c) => c.kind === 'count');
  const anyHidden = (row: R) => counts.some((c) => typeof c.value(row) === 'number' && hidden(c, row));
  const byKey = new Map(table.columns.map((c) => [c.key, c]));
  /**
   * What a rounded count is rounded from: its columns in this row (totalOf) or the counts it is estimated from
   * elsewhere (estimateFrom), else its parts shown elsewhere (parts) when they add up to it.
   */
  const basisOf = (c: Column<R>, row: R): { parts: number[]; estimate: boolean } => {
    const inRow = (c.totalOf ?? []).map((k) => byKey.get(k)?.value(row));
    if (inRow.length > 0 && inRow.every((v) => typeof v === 'number'))
      return { parts: inRow as number[], estimate: true };
    const estimated = table.estimateFrom?.(row, c.key);
    if (estimated) return { parts: [...estimated], estimate: true };
    return { parts: [...(table.parts?.(row, c.key) ?? [])], estimate: false };
  };
  return {
    ...table,
    columns: table.columns.map((c) => {
      if (c.kind === 'count')
        return {
          ...c,
          value: (row: R) => {
            const v = c.value(row);
            if (typeof v !== 'number') return v;
            if (isSmall(v, threshold)) return `<${threshold}`;
            if (!rounded(c, row)) return v;
            const { parts, estimate } = basisOf(c, row);
            return roundedFromShown(
              v,
              parts,
              parts.map((p) => suppress(p, threshold)),
              threshold,
              estimate,
            );
          },
        };
      if (c.kind === 'rate' || c.revealsCounts)
        return { ...c, value: (row: R) => (anyHidden(row) ? null : c.value(row)) };
      return c;
    }),
  };
}

/**
 * The column totals of a suppressed table: a total over a column with a hidden (or rounded) cell is rounded to tens
 * from the cells as shown, a small total is hidden like a cell; totals of amounts stay exact.
 */
export function suppressedTotals<R>(
  table: Table<R>,
  totals: Readonly<Record<string, number>>,
  threshold: number,
): Record<string, number | string> {
  const { hidden } = hiding(table, threshold);
  const byKey = new Map(table.columns.map((c) => [c.key, c]));
  const shown = new Map(suppressed(table, threshold).columns.map((c) => [c.key, c]));
  return Object.fromEntries(
    Object.entries(totals).map(([k, v]) => {
      const c = byKey.get(k);
      if (c?.kind !== 'count') return [k, v];
      if (isSmall(v, threshold)) return [k, `<${threshold}`];
      if (!table.rows.some((row) => hidden(c, row))) return [k, v];
      // A total is the sum of its cells: rounded from them as shown (the reader may choose, with a filter, which
      // exact cells stand beside a hidden one).
      return [
        k,
        roughlyFromShown(
          table.rows.map((row) => shown.get(k)?.value(row) ?? null),
          threshold,
        ),
      ];
    }),
  );
}

/**
 * JSON rows: the row as computed, with every column's value (names, suppressed counts) laid over it; lists and
 * objects (bestanden, volume) stay as they are. Amounts stay signed cents (the contract).
 */
export function jsonRows<R>(table: Table<R>): Record<string, unknown>[] {
  return table.rows.map((row) => {
    const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
    for (const c of table.columns) {
      const raw = out[c.key];
      // An object (the volume per unit) stays as computed, unless suppression hides the column's value.
      if (raw === undefined || raw === null || typeof raw !== 'object' || c.value(row) === null)
        out[c.key] = c.value(row);
    }
    return out;
  });
}

/** A cell that a spreadsheet would read as a formula is made text (CSV injection). */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvCells<R>(table: Table<R>): { header: string[]; rows: string[][] } {
  const header: string[] = [];
  for (const c of table.columns) {
    if (c.kind === 'cents') header.push(`${c.header} (cent)`, `${c.header} (euro)`);
    else header.push(c.header);
  }
  const rows = table.rows.map((row) => {
    const out: string[] = [];
    for (const c of table.columns) {
      const v = c.value(row);
      if (c.kind === 'cents') {
        out.push(v === null ? '' : String(v), typeof v === 'number' ? euros(v) : '');
      } else if (typeof v === 'number') {
        out.push(String(v).replace('.', ','));
      } else {
        out.push(neutralise(v ?? ''));
      }
    }
    return out;
  });
  return { header, rows };
}

/**
 * The table with a last row `Totaal` carrying the column totals given (suppressed already where that applies), for
 * a spreadsheet: the JSON gives them beside the rows.
 */
export function withTotalsRow<R>(
  table: Table<R>,
  totals: Readonly<Record<string, number | string>>,
): Table<R> {
  const totaalRij = {} as R;
  const { parts } = table;
  return {
    ...table,
    rows: [...table.rows, totaalRij],
    columns: table.columns.map((c, i) => ({
      ...c,
      value: (row: R) =>
        row !== totaalRij ? c.value(row) : c.key in totals ? totals[c.key] : i === 0 ? 'Totaal' : null,
    })),
    ...(parts ? { parts: (row: R, key: string) => (row === totaalRij ? undefined : parts(row, key)) } : {}),
  };
}

/**
 * A view as a spreadsheet has it (CSV, XLSX): small counts suppressed when a threshold is given, and its totals, when
 * it has them, as the last row.
 */
export function asSheet<R>(exact: TableWithTotals<R>, threshold: number | null): Table<R> {
  const { table, totaal } = shownAs(exact, threshold);
  return totaal ? withTotalsRow(table, totaal) : table;
}

type TableWithTotals<R> = Table<R> & { readonly totaal?: Readonly<Record<string, number>> };

/** A view's rows and totals as a caller sees them: small counts suppressed when a threshold is given. */
export function shownAs<R>(
  exact: TableWithTotals<R>,
  threshold: number | null,
): { table: Table<R>; totaal?: Readonly<Record<string, number | string>> } {
  if (threshold === null) return { table: exact, totaal: exact.totaal };
  const table = suppressed(exact, threshold);
  return { table, totaal: exact.totaal && suppressedTotals(exact, exact.totaal, threshold) };
}

export function toCsv<R>(table: Table<R>): string {
  const { header, rows } = csvCells(table);
  return `\uFEFF${Papa.unparse({ fields: header, data: rows }, { delimiter: ';', newline: '\r\n', quotes: false })}\r\n`;
}

/**
 * An XLSX workbook with one sheet per table: amounts as integer cents and as euro numbers (format € #,##0.00),
 * counts as integers, text as text.
 */
export async function toXlsx(tables: readonly Table<object>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'bwmo-pipeline';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name.slice(0, 31));
    sheet.columns = table.columns.flatMap((c) =>
      c.kind === 'cents'
        ? [
            {
              header: `${c.header} (cent)`,
              key: `${c.key}_cent`,
              width: Math.max(14, c.header.length + 8),
              style: { numFmt: '0' },
            },
            {
              header: `${c.header} (€)`,
              key: `${c.key}_euro`,
              width: Math.max(14, c.header.length + 6),
              style: { numFmt: '€ #,##0.00;[Red]-€ #,##0.00' },
            },
          ]
        : [
            {
              header: c.header,
              key: c.key,
              width: Math.max(12, c.header.length + 4),
              style: c.kind === 'count' ? { numFmt: '0' } : c.kind === 'rate' ? { numFmt: '0.0' } : {},
            },
          ],
    );
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      const cells: Record<string, string | number | null> = {};
      for (const c of table.columns) {
        const v = c.value(row);
        if (c.kind === 'cents') {
          cells[`${c.key}_cent`] = v;
          cells[`${c.key}_euro`] = typeof v === 'number' ? v / 100 : null;
        } else {
          cells[c.key] = typeof v === 'string' ? neutralise(v) : v;
        }
      }
      sheet.addRow(cells);
    }
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

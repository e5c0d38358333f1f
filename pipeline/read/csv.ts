/**
 * The CSV reader: header handling (case-insensitive names, any order, unknown columns as a warning, missing
 * columns as an error), ragged rows, and cell values parsed by the column list of the file's kind. Every problem
 * is a level-1 finding with row and column; the reader goes on so that all of them are reported.
 */
import type { ColumnSpec } from '../../schemas/csv';
import { CellError, type CellParser, compileCell } from './cells';
import type { FindingCollector } from './collector';
import { finding } from './findings';
import { papaBatches } from './papa';

export type CellValues = (string | number | null)[];

export interface CsvReadState {
  /** Data rows read (empty rows excluded). */
  lines: number;
  /** Rows that had a level-1 problem. */
  badRows: number;
  /** The header was unusable: nothing more can be read. */
  headerFailed: boolean;
}

export const location = (row: number, column?: string): string =>
  column ? `regel ${row}, kolom ${column}` : `regel ${row}`;

interface CompiledHeader {
  /** For each column spec: its index in the file's rows, or -1 when the column is absent. */
  readonly index: Int32Array;
  readonly width: number;
}

function compileHeader(
  cells: string[],
  columns: readonly ColumnSpec[],
  findings: FindingCollector,
): CompiledHeader | null {
  const known = new Set(columns.map((c) => c.name.toLowerCase()));
  const byName = new Map<string, number>();
  cells.forEach((raw, i) => {
    const name = raw
      .trim()
      .replace(/^\uFEFF/, '')
      .toLowerCase();
    if (name === '') return;
    // A known column twice is ambiguous; an unknown one is ignored either way (listed once below).
    if (byName.has(name) && known.has(name)) {
      findings.add(
        finding('CSV-HEADER', location(1, raw.trim()), `kolom ${raw.trim()} staat twee keer in de kopregel`),
      );
    }
    byName.set(name, i);
  });
  const index = new Int32Array(columns.length);
  let ok = true;
  columns.forEach((c, k) => {
    const i = byName.get(c.name.toLowerCase());
    index[k] = i ?? -1;
    if (i === undefined && c.header) {
      ok = false;
      findings.add(
        finding('CSV-HEADER', location(1, c.name), `verplichte kolom ${c.name} ontbreekt in de kopregel`),
      );
    }
  });
  const unknown = [
    ...new Set(cells.map((c) => c.trim()).filter((c) => c !== '' && !known.has(c.toLowerCase()))),
  ];
  if (unknown.length > 0) {
    findings.add(finding('CSV-COLUMN', location(1), `onbekende kolom(men) genegeerd: ${unknown.join(', ')}`));
  }
  return ok ? { index, width: cells.length } : null;
}

const REUSE_CREDIT = 64;

const isSpace = (c: number) => c === 32 || c === 9 || c === 160 || c === 13 || c === 10;

/** trim() without the call when there is nothing to trim (nearly always). */
function trimmed(s: string): string {
  if (s.length === 0) return s;
  return isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(s.length - 1)) ? s.trim() : s;
}

function isEmptyRow(row: string[]): boolean {
  for (const c of row) if (c.trim() !== '') return false;
  return true;
}

/**
 * Reads CSV text with the given delimiter against a column list; yields batches of mapped records. `map` gets the
 * parsed values in column-list order (null where a cell is empty) and the row number (the header is row 1); it is
 * only called for rows without problems, and must not keep the values array (it is reused for the next row).
 */
export async function* readCsv<R>(
  text: AsyncIterable<string>,
  delimiter: string,
  columns: readonly ColumnSpec[],
  findings: FindingCollector,
  state: CsvReadState,
  map: (values: CellValues, row: number) => R,
): AsyncGenerator<R[]> {
  const parsers: CellParser[] = columns.map(compileCell);
  const lastRaw: (string | undefined)[] = columns.map(() => undefined);
  const lastValue: CellValues = columns.map(() => null);
  // Misses left before a column stops reusing values; a hit earns one back.
  const reuse = new Int32Array(columns.length).fill(REUSE_CREDIT);
  const required = Uint8Array.from(columns, (c) => (c.required ? 1 : 0));
  // One array for every row: `map` reads it before the next row is parsed.
  const values: CellValues = columns.map(() => null);
  let header: CompiledHeader | null = null;
  let rowNumber = 0;
  for await (const batch of papaBatches(text, delimiter)) {
    const out: R[] = [];
    const quoteErrors = new Map(batch.errors.map((e) => [e.index, e.message]));
    for (let r = 0; r < batch.rows.length; r++) {
      const row = batch.rows[r];
      rowNumber++;
      if (header === null && !state.headerFailed) {
        header = compileHeader(row, columns, findings);
        if (!header) state.headerFailed = true;
        continue;
      }
      if (isEmptyRow(row)) continue;
      state.lines++;
      if (!header) continue;
      const quote = quoteErrors.get(r);
      if (quote) {
        state.badRows++;
        findings.add(finding('CSV-ROW', location(rowNumber), `aanhalingstekens kloppen niet: ${quote}`));
        continue;
      }
      if (row.length !== header.width) {
        state.badRows++;
        findings.add(
          finding(
            'CSV-ROW',
            location(rowNumber),
            `de regel heeft ${row.length} kolommen, de kopregel ${header.width} (scheidingsteken '${delimiter}')`,
          ),
        );
        continue;
      }
      let bad = false;
      for (let k = 0; k < columns.length; k++) {
        const i = header.index[k];
        const raw = i >= 0 ? trimmed(row[i]) : '';
        // Export files repeat most values from row to row (declaration columns, dates, codes): reuse the
        // previous row's parse when the text is the same. Columns that change on every row stop trying.
        if (reuse[k] > 0) {
          if (raw === lastRaw[k]) {
            values[k] = lastValue[k];
            if (reuse[k] < REUSE_CREDIT) reuse[k]++;
            continue;
          }
          reuse[k]--;
        }
        if (raw === '') {
          values[k] = null;
          if (required[k] === 1 && i >= 0) {
            bad = true;
            findings.add(
              finding('CSV-VALUE', location(rowNumber, columns[k].name), `${columns[k].name} is leeg`),
            );
          }
          continue;
        }
        const v = parsers[k](raw);
        if (v instanceof CellError) {
          bad = true;
          findings.add(finding('CSV-VALUE', location(rowNumber, columns[k].name), v.message));
          values[k] = null;
        } else {
          values[k] = v;
          if (reuse[k] > 0) {
            lastRaw[k] = raw;
            lastValue[k] = v;
          }
        }
      }
      if (bad) {
        state.badRows++;
        continue;
      }
      out.push(map(values, rowNumber));
    }
    if (out.length > 0) yield out;
  }
  if (header === null && !state.headerFailed) {
    state.headerFailed = true;
    findings.add(finding('CSV-HEADER', location(1), 'het bestand heeft geen kopregel'));
  } else if (header !== null && state.lines === 0) {
    // Nothing to accept: a failed export must not pass as accepted (a WMO323 needs a Prestatie too).
    findings.add(finding('EMPTY', 'bestand', 'het bestand heeft alleen een kopregel en geen gegevensregels'));
  }
}

/**
 * Loads a region folder (CONTRACT §1c): region.json, tarieven.csv, budgetten.csv and the optional aanbieders.csv.
 * Invalid reference data stops the command with a message naming file, row and column.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  BUDGETTEN_COLUMNS,
  type BudgetRow,
  type ColumnSpec,
  columnIndex,
  TARIEVEN_COLUMNS,
  type TariefRow,
} from '../../schemas/csv';
import { unitFits } from '../../schemas/iwmo/codelists';
import { type Region, RegionSchema } from '../../schemas/region';
import { fileErrorText } from '../file-errors';
import { FindingCollector } from '../read/collector';
import { type CellValues, readCsv } from '../read/csv';
import { decideDelimiter } from '../read/sniff';
import { tariefPeriodProblems } from './tarief-periods';

export class RegionConfigError extends Error {}

export interface Aanbieder {
  readonly agbCode: string;
  readonly naam: string;
  readonly vestigingGemeente: string | null;
}

export interface RegionData {
  readonly dir: string;
  readonly region: Region;
  readonly tarieven: readonly TariefRow[];
  readonly budgetten: readonly BudgetRow[];
  readonly aanbieders: readonly Aanbieder[];
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** Reads one reference CSV; throws RegionConfigError listing every problem with file, row and column. */
export async function readReferenceCsv<R>(
  file: string,
  text: string,
  columns: readonly ColumnSpec[],
  map: (v: CellValues, row: number) => R,
): Promise<R[]> {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = decideDelimiter(firstLine) ?? ';';
  const findings = new FindingCollector();
  const state = { lines: 0, badRows: 0, headerFailed: false };
  const rows: R[] = [];
  for await (const batch of readCsv(once(clean), delimiter, columns, findings, state, map))
    rows.push(...batch);
  const errors = findings.result().filter((f) => f.severity === 'fout');
  if (errors.length > 0) {
    throw new RegionConfigError(errors.map((f) => `${file}: ${f.location}: ${f.message}`).join('\n'));
  }
  return rows;
}

const T = columnIndex(TARIEVEN_COLUMNS);
const B = columnIndex(BUDGETTEN_COLUMNS);

export async function loadRegion(dir: string): Promise<RegionData> {
  const regionFile = join(dir, 'region.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(regionFile, 'utf8'));
  } catch (err) {
    throw new RegionConfigError(
      `${regionFile}: ${err instanceof SyntaxError ? `is geen geldige JSON (${err.message})` : fileErrorText(err)}`,
    );
  }
  const parsed = RegionSchema.safeParse(json);
  if (!parsed.success) {
    throw new RegionConfigError(
      parsed.error.issues
        .map((i) => `${regionFile}: ${i.path.join('.') || '(hoofdniveau)'}: ${i.message}`)
        .join('\n'),
    );
  }
  const tarievenFile = join(dir, 'tarieven.csv');
  const numbered = await readReferenceCsv(
    tarievenFile,
    await readFile(tarievenFile, 'utf8'),
    TARIEVEN_COLUMNS,
    (v, row) => ({
      row,
      tarief: {
        agbCode: v[T.AgbCode] as string,
        productCategorie: v[T.ProductCategorie] as string,
        productCode: v[T.ProductCode] as string,
        eenheid: v[T.Eenheid] as string,
        productTarief: v[T.ProductTarief] as number,
        ingangsdatum: v[T.Ingangsdatum] as string,
        einddatum: v[T.Einddatum] as string | null,
        vestigingGemeente: v[T.VestigingGemeente] as string,
      },
    }),
  );
  const periodProblems = tariefPeriodProblems(numbered);
  if (periodProblems.length > 0) {
    throw new RegionConfigError(periodProblems.map((p) => `${tarievenFile}: ${p}`).join('\n'));
  }
  const tarieven = numbered.map((n) => n.tarief);
  const budgettenFile = join(dir, 'budgetten.csv');
  const budgetText = await readFile(budgettenFile, 'utf8').catch(() => null);
  const budgetten =
    budgetText === null
      ? []
      : await readReferenceCsv(budgettenFile, budgetText, BUDGETTEN_COLUMNS, (v) => ({
          jaar: v[B.Jaar] as number,
          gemeente: v[B.Gemeente] as string,
          taakveld: v[B.Taakveld] as BudgetRow['taakveld'],
          historischBudget: v[B.HistorischBudget] as number,
          objectiefBudget: v[B.ObjectiefBudget] as number | null,
        }));
  const aanbiedersFile = join(dir, 'aanbieders.csv');
  const aanbiedersText = await readFile(aanbiedersFile, 'utf8').catch(() => null);
  const aanbieders = aanbiedersText === null ? [] : parseAanbieders(aanbiedersFile, aanbiedersText);
  return { dir, region: parsed.data, tarieven, budgetten, aanbieders };
}

const AanbiederRow = z.object({
  AgbCode: z.string().regex(/^[0-9]{8}$/),
  Naam: z.string().min(1),
  VestigingGemeente: z
    .string()
    .regex(/^[0-9]{4}$/)
    .optional(),
});

/** aanbieders.csv (an addition to the contract: provider names for the monitor): AgbCode;Naam;VestigingGemeente. */
function parseAanbieders(file: string, text: string): Aanbieder[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(';').map((h) => h.trim());
  return lines.slice(1).map((line, i) => {
    const cells = line.split(';');
    const row = Object.fromEntries(header.map((h, k) => [h, cells[k]?.trim() || undefined]));
    const parsed = AanbiederRow.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RegionConfigError(`${file}: regel ${i + 2}, kolom ${issue.path.join('.')}: ${issue.message}`);
    }
    return {
      agbCode: parsed.data.AgbCode,
      naam: parsed.data.Naam,
      vestigingGemeente: parsed.data.VestigingGemeente ?? null,
    };
  });
}

/**
 * The contract tariff of a provider's product on a date, or null; with `eenheid`, the tariff in that unit (or per
 * hour for minutes) when the contract has one, else its tariff in another unit (TR418 then says so).
 */
export function contractTarief(
  tarieven: readonly TariefRow[],
  agb: string,
  categorie: string,
  code: string,
  datum: string,
  eenheid?: string,
): TariefRow | null {
  let found: TariefRow | null = null;
  for (const t of tarieven) {
    if (t.agbCode !== agb || t.productCategorie !== categorie || t.productCode !== code) continue;
    if (t.ingangsdatum > datum || (t.einddatum !== null && datum > t.einddatum)) continue;
    if (eenheid === undefined || t.eenheid === eenheid) return t;
    // Minutes are declared against an hourly tariff (IV081); another unit only when nothing fits.
    if (unitFits(eenheid, t.eenheid)) found = t;
    else found ??= t;
  }
  return found;
}

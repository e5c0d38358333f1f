/**
 * CSV formats of the contract (CONTRACT §1b, §1c): one column list per kind. The CSV reader compiles these into
 * its cell parsers; zod row schemas are derived from the same lists for typed use outside the hot path.
 */
import { z } from 'zod';
import { LDT, type SimpleType } from './iwmo/datatypes';

export type CellKind =
  /** free text within the type's facets */
  | 'text'
  /** a numeric code: leading zeros lost by spreadsheet programs are restored to `width` */
  | 'code'
  | 'integer'
  /** integer eurocent; `12,50` is refused with a message saying amounts are in cents */
  | 'cents'
  /** YYYY-MM-DD or DD-MM-YYYY, normalised to YYYY-MM-DD */
  | 'date'
  | 'time';

export interface ColumnSpec {
  readonly name: string;
  readonly kind: CellKind;
  /** The column must be in the header. */
  readonly header: boolean;
  /** Every row must have a value (only for header columns). */
  readonly required: boolean;
  readonly type?: SimpleType;
  /** A code of all digits shorter than this gets its leading zeros back (a spreadsheet drops them). */
  readonly width?: number;
  /** At most this many zeros are restored (default: up to the width). */
  readonly zerosLost?: number;
}

const col = (name: string, kind: CellKind, type?: SimpleType, width?: number): ColumnSpec => ({
  name,
  kind,
  header: true,
  required: true,
  type,
  width,
});
const opt = (c: ColumnSpec, header = false): ColumnSpec => ({ ...c, header, required: false });

/**
 * A BSN is nine digits; one that a spreadsheet shortened to eight gets its zero back (the reference: "8-digit numbers
 * get a leading zero"). Shorter ones stay as they are, so that RS037 rejects them instead of a padded number
 * passing the 11-proef (12 would become 000000012).
 */
const bsnColumn: ColumnSpec = { ...col('Bsn', 'code', undefined, 9), zerosLost: 1 };

export const DECLARATIE_COLUMNS: readonly ColumnSpec[] = [
  col('Afzender', 'code', LDT.AgbCode, 8),
  col('Ontvanger', 'code', LDT.Gemeente, 4),
  col('DeclaratieNummer', 'text', { ...LDT.IdentificatieDeclaratie, alphanumeric: true }),
  col('DeclaratieDagtekening', 'date'),
  col('DeclaratiePeriodeBegindatum', 'date'),
  col('DeclaratiePeriodeEinddatum', 'date'),
  col('TotaalIngediendBedrag', 'cents', LDT.TotaalBedrag),
  col('TotaalDebetCredit', 'text', LDT.DebetCredit),
  // The BSN stays text here: RS037 and CS002 (level 2) judge it, as the XSD pattern does for XML.
  bsnColumn,
  col('ReferentieNummer', 'text', LDT.ReferentieNummer),
  opt(col('VorigReferentieNummer', 'text', LDT.ReferentieNummer)),
  col('ToewijzingNummer', 'integer', LDT.Nummer),
  col('ProductCategorie', 'code', LDT.ProductCategorie, 2),
  col('ProductCode', 'text', LDT.ProductCode),
  col('ProductPeriodeBegindatum', 'date'),
  col('ProductPeriodeEinddatum', 'date'),
  col('GeleverdVolume', 'integer', LDT.Volume),
  col('Eenheid', 'code', LDT.Eenheid, 2),
  opt(col('ProductTarief', 'cents', LDT.Bedrag)),
  col('IngediendBedrag', 'cents', LDT.Bedrag),
  col('DebetCredit', 'text', LDT.DebetCredit),
];

export const TOEWIJZING_COLUMNS: readonly ColumnSpec[] = [
  col('Gemeente', 'code', LDT.Gemeente, 4),
  col('AgbCode', 'code', LDT.AgbCode, 8),
  bsnColumn,
  col('ToewijzingNummer', 'integer', LDT.Nummer),
  opt(col('ProductCategorie', 'code', LDT.ProductCategorie, 2)),
  opt(col('ProductCode', 'text', LDT.ProductCode)),
  col('Toewijzingsdatum', 'date'),
  opt(col('Toewijzingstijd', 'time')),
  col('Ingangsdatum', 'date'),
  opt(col('Einddatum', 'date')),
  opt(col('RedenWijziging', 'code', LDT.RedenWijziging, 2)),
  opt(col('Volume', 'integer', LDT.Volume)),
  opt(col('Eenheid', 'code', LDT.Eenheid, 2)),
  opt(col('Frequentie', 'text', LDT.Frequentie)),
  opt(col('Budget', 'cents', LDT.Budget)),
  opt(col('ReferentieAanbieder', 'text', LDT.Referentie)),
  opt(col('Herkomstgemeente', 'code', LDT.Gemeente, 4)),
];

export const TAAKGERICHT_COLUMNS: readonly ColumnSpec[] = [
  col('Gemeente', 'code', LDT.Gemeente, 4),
  col('Taakveld', 'text', { name: 'Taakveld', base: 'string', enumeration: ['BW', 'MO', 'BWO', 'BP'] }),
  col('PeriodeBegindatum', 'date'),
  col('PeriodeEinddatum', 'date'),
  col('AgbCode', 'code', LDT.AgbCode, 8),
  col('AantalClienten', 'integer', {
    name: 'Aantal',
    base: 'integer',
    minInclusive: 0,
    maxInclusive: 99_999_999,
  }),
  col('Bedrag', 'cents', LDT.TotaalBedrag),
];

export const TARIEVEN_COLUMNS: readonly ColumnSpec[] = [
  col('AgbCode', 'code', LDT.AgbCode, 8),
  col('ProductCategorie', 'code', LDT.ProductCategorie, 2),
  col('ProductCode', 'text', LDT.ProductCode),
  col('Eenheid', 'code', LDT.Eenheid, 2),
  col('ProductTarief', 'cents', LDT.Bedrag),
  col('Ingangsdatum', 'date'),
  opt(col('Einddatum', 'date'), true),
  col('VestigingGemeente', 'code', LDT.Gemeente, 4),
];

export const BUDGETTEN_COLUMNS: readonly ColumnSpec[] = [
  col('Jaar', 'integer', { name: 'Jaar', base: 'integer', minInclusive: 2015, maxInclusive: 2100 }),
  col('Gemeente', 'code', LDT.Gemeente, 4),
  col('Taakveld', 'text', { name: 'Taakveld', base: 'string', enumeration: ['BW', 'MO', 'BWO', 'BP'] }),
  // Budgets may be negative only by mistake: the settlement refuses them with a message (issue: bad configuration).
  col('HistorischBudget', 'integer', { name: 'Bedrag', base: 'integer' }),
  opt(col('ObjectiefBudget', 'integer', { name: 'Bedrag', base: 'integer' }), true),
];

/** Position of each column in its list, by name: mappers read parsed values by name, not by a magic number. */
export function columnIndex<C extends readonly ColumnSpec[]>(columns: C): Record<C[number]['name'], number> {
  return Object.fromEntries(columns.map((c, i) => [c.name, i])) as Record<C[number]['name'], number>;
}

/** Parsed cell value per kind: text and codes are strings, integers and cents numbers, dates ISO strings. */
type CellValue<K extends CellKind> = K extends 'integer' | 'cents' ? number : string;
export type CsvRow<C extends readonly ColumnSpec[]> = {
  [K in C[number] as K['name']]: CellValue<K['kind']> | null;
};

/** A zod schema for parsed rows of a column list (typed use outside the streaming path, e.g. in tests). */
export function rowSchema(columns: readonly ColumnSpec[]): z.ZodObject<Record<string, z.ZodType>> {
  const shape: Record<string, z.ZodType> = {};
  for (const c of columns) {
    const base = c.kind === 'integer' || c.kind === 'cents' ? z.number().int() : z.string();
    shape[c.name] = c.required ? base : base.nullable();
  }
  return z.object(shape);
}

export interface TariefRow {
  readonly agbCode: string;
  readonly productCategorie: string;
  readonly productCode: string;
  readonly eenheid: string;
  readonly productTarief: number;
  readonly ingangsdatum: string;
  readonly einddatum: string | null;
  readonly vestigingGemeente: string;
}

export interface BudgetRow {
  readonly jaar: number;
  readonly gemeente: string;
  readonly taakveld: 'BW' | 'MO' | 'BWO' | 'BP';
  readonly historischBudget: number;
  readonly objectiefBudget: number | null;
}

export interface TaakgerichtRow {
  readonly seq: number;
  readonly row: number;
  readonly gemeente: string;
  readonly taakveld: 'BW' | 'MO' | 'BWO' | 'BP';
  readonly periodeBegin: string;
  readonly periodeEind: string;
  readonly agbCode: string;
  readonly aantalClienten: number;
  readonly bedrag: number;
}

/** Writes the contract's CSV formats (semicolon, UTF-8) from records; column order comes from schemas/csv.ts. */
import Papa from 'papaparse';
import {
  type ColumnSpec,
  DECLARATIE_COLUMNS,
  TAAKGERICHT_COLUMNS,
  type TaakgerichtRow,
  TOEWIJZING_COLUMNS,
} from '../../schemas/csv';
import type { ToegewezenProduct } from '../../schemas/iwmo/wmo301';
import type { DeclaratieBericht, DeclaratieKop, Prestatie } from '../../schemas/iwmo/wmo323';

export type CsvCell = string | number | null | undefined;

export function csvText(
  columns: readonly (ColumnSpec | string)[],
  rows: readonly CsvCell[][],
  delimiter = ';',
): string {
  const header = columns.map((c) => (typeof c === 'string' ? c : c.name));
  const data = rows.map((r) => r.map((v) => (v ?? '') as string | number));
  return `${Papa.unparse({ fields: header, data }, { delimiter, newline: '\n' })}\n`;
}

/** A row in the order of `columns`, from values by column name. */
export function rowByName(columns: readonly ColumnSpec[], values: Record<string, CsvCell>): CsvCell[] {
  return columns.map((c) => values[c.name]);
}

export function declaratieCsvRow(
  b: Pick<DeclaratieBericht, 'afzender' | 'ontvanger'>,
  k: DeclaratieKop,
  p: Omit<Prestatie, 'seq' | 'at'>,
): CsvCell[] {
  return rowByName(DECLARATIE_COLUMNS, {
    Afzender: b.afzender,
    Ontvanger: b.ontvanger,
    DeclaratieNummer: k.declaratieNummer,
    DeclaratieDagtekening: k.dagtekening,
    DeclaratiePeriodeBegindatum: k.periodeBegin,
    DeclaratiePeriodeEinddatum: k.periodeEind,
    TotaalIngediendBedrag: k.totaalBedrag,
    TotaalDebetCredit: k.totaalDebetCredit,
    Bsn: p.bsn,
    ReferentieNummer: p.referentieNummer,
    VorigReferentieNummer: p.vorigReferentieNummer,
    ToewijzingNummer: p.toewijzingNummer,
    ProductCategorie: p.productCategorie,
    ProductCode: p.productCode,
    ProductPeriodeBegindatum: p.begin,
    ProductPeriodeEinddatum: p.eind,
    GeleverdVolume: p.volume,
    Eenheid: p.eenheid,
    ProductTarief: p.tarief,
    IngediendBedrag: p.bedrag,
    DebetCredit: p.debetCredit,
  });
}

export function taakgerichtCsvRow(r: Omit<TaakgerichtRow, 'seq' | 'row'>): CsvCell[] {
  return rowByName(TAAKGERICHT_COLUMNS, {
    Gemeente: r.gemeente,
    Taakveld: r.taakveld,
    PeriodeBegindatum: r.periodeBegin,
    PeriodeEinddatum: r.periodeEind,
    AgbCode: r.agbCode,
    AantalClienten: r.aantalClienten,
    Bedrag: r.bedrag,
  });
}

export function toewijzingCsvRow(
  gemeente: string,
  agb: string,
  p: Omit<ToegewezenProduct, 'seq' | 'at'>,
): CsvCell[] {
  return rowByName(TOEWIJZING_COLUMNS, {
    Gemeente: gemeente,
    AgbCode: agb,
    Bsn: p.bsn,
    ToewijzingNummer: p.toewijzingNummer,
    ProductCategorie: p.productCategorie,
    ProductCode: p.productCode,
    Toewijzingsdatum: p.toewijzingsdatum,
    Toewijzingstijd: p.toewijzingstijd,
    Ingangsdatum: p.ingangsdatum,
    Einddatum: p.einddatum,
    RedenWijziging: p.redenWijziging,
    Volume: p.omvang?.volume,
    Eenheid: p.omvang?.eenheid,
    Frequentie: p.omvang?.frequentie,
    Budget: p.budget,
    ReferentieAanbieder: p.referentieAanbieder,
    Herkomstgemeente: p.herkomstgemeente,
  });
}

/**
 * Small, readable uploads for integration tests: toewijzing CSVs and declarations (CSV or WMO323) whose defaults
 * fit the NML example region (gemeente 0983 Venlo, provider 12340001, BW product 15/15A02 per etmaal at the
 * contract tariff of 2022: 10950 cents). A test states only what it is about.
 */

import { daysInclusive, lastOfMonth, nextMonth } from '../../pipeline/dates';
import { csvText, declaratieCsvRow, taakgerichtCsvRow, toewijzingCsvRow } from '../../pipeline/write/csv';
import { wmo323Xml } from '../../pipeline/write/wmo323';
import {
  DECLARATIE_COLUMNS,
  TAAKGERICHT_COLUMNS,
  type TaakgerichtRow,
  TOEWIJZING_COLUMNS,
} from '../../schemas/csv';
import type { DeclaratieKop, Prestatie } from '../../schemas/iwmo/wmo323';

export const GEMEENTE = '0983';
export const AGB = '12340001';
export const TARIEF_2022 = 10950;
export const BSN_A = '999900006';
export const BSN_B = '999900018';

export interface TwSpec {
  readonly nummer: number;
  readonly bsn: string;
  readonly agb: string;
  readonly categorie: string | null;
  readonly code: string | null;
  readonly toewijzingsdatum: string;
  readonly toewijzingstijd: string | null;
  readonly ingangsdatum: string;
  readonly einddatum: string | null;
  readonly redenWijziging: string | null;
  readonly volume: number | null;
  readonly eenheid: string | null;
  readonly frequentie: string | null;
  readonly budget: number | null;
  readonly herkomst: string | null;
}

export const TW_DEFAULT: TwSpec = {
  nummer: 5001,
  bsn: BSN_A,
  agb: AGB,
  categorie: '15',
  code: '15A02',
  toewijzingsdatum: '2021-12-15',
  toewijzingstijd: '10:00:00',
  ingangsdatum: '2022-01-01',
  einddatum: '2022-12-31',
  redenWijziging: null,
  volume: 7,
  eenheid: '14',
  frequentie: '2',
  budget: null,
  herkomst: '0988',
};

/** A toewijzing CSV of the centrumgemeente (0983) with these rows (defaults: TW_DEFAULT). */
export function toewijzingCsv(rows: readonly Partial<TwSpec>[], gemeente = GEMEENTE): string {
  return csvText(
    TOEWIJZING_COLUMNS,
    rows.map((partial) => {
      const t = { ...TW_DEFAULT, ...partial };
      return toewijzingCsvRow(gemeente, t.agb, {
        bsn: t.bsn,
        toewijzingNummer: t.nummer,
        referentieAanbieder: null,
        productCategorie: t.categorie,
        productCode: t.code,
        toewijzingsdatum: t.toewijzingsdatum,
        toewijzingstijd: t.toewijzingstijd,
        ingangsdatum: t.ingangsdatum,
        einddatum: t.einddatum,
        redenWijziging: t.redenWijziging,
        omvang:
          t.volume === null
            ? null
            : { volume: t.volume, eenheid: t.eenheid ?? '', frequentie: t.frequentie ?? '' },
        budget: t.budget,
        herkomstgemeente: t.herkomst,
      });
    }),
  );
}

export type LineSpec = Omit<Prestatie, 'seq' | 'at'>;

/** A prestatie for a whole month on toewijzing 5001, at the contract tariff; override what the test is about. */
export function line(maand: string, ref: string, overrides: Partial<LineSpec> = {}): LineSpec {
  const begin = overrides.begin ?? `${maand}-01`;
  const eind = overrides.eind ?? lastOfMonth(begin);
  const volume = overrides.volume ?? daysInclusive(begin, eind);
  const tarief = overrides.tarief === undefined ? TARIEF_2022 : overrides.tarief;
  return {
    bsn: BSN_A,
    referentieNummer: ref,
    vorigReferentieNummer: null,
    toewijzingNummer: 5001,
    productCategorie: '15',
    productCode: '15A02',
    begin,
    eind,
    volume,
    eenheid: '14',
    tarief,
    bedrag: volume * (tarief ?? 1),
    debetCredit: 'D',
    ...overrides,
  };
}

/** The credit of a debit line (the same prestatie, reversed), under a new ReferentieNummer. */
export function credit(debit: LineSpec, ref: string): LineSpec {
  return { ...debit, referentieNummer: ref, vorigReferentieNummer: debit.referentieNummer, debetCredit: 'C' };
}

export interface DeclSpec {
  readonly nummer: string;
  /** The declaration's month (YYYY-MM). */
  readonly maand: string;
  readonly lines: readonly LineSpec[];
  readonly agb?: string;
  readonly gemeente?: string;
  readonly dagtekening?: string;
  readonly identificatie?: string;
}

function kop(d: DeclSpec): DeclaratieKop {
  const sum = d.lines.reduce((s, p) => s + (p.debetCredit === 'C' ? -p.bedrag : p.bedrag), 0);
  const dagtekening = d.dagtekening ?? `${nextMonth(d.maand)}-05`;
  return {
    declaratieNummer: d.nummer,
    periodeBegin: `${d.maand}-01`,
    periodeEind: lastOfMonth(`${d.maand}-01`),
    dagtekening,
    totaalBedrag: Math.abs(sum),
    totaalDebetCredit: sum < 0 ? 'C' : 'D',
  };
}

/** A declaratie CSV (one or more declarations, in order). */
export function declaratieCsv(...decls: readonly DeclSpec[]): string {
  return csvText(
    DECLARATIE_COLUMNS,
    decls.flatMap((d) =>
      d.lines.map((p) =>
        declaratieCsvRow({ afzender: d.agb ?? AGB, ontvanger: d.gemeente ?? GEMEENTE }, kop(d), p),
      ),
    ),
  );
}

/** A WMO323 for one declaration; lines are grouped per client in order of first appearance. */
export function declaratieXml(d: DeclSpec): string {
  const k = kop(d);
  const clienten: { bsn: string; prestaties: LineSpec[] }[] = [];
  for (const p of d.lines) {
    const c = clienten.find((x) => x.bsn === p.bsn);
    if (c) c.prestaties.push(p);
    else clienten.push({ bsn: p.bsn, prestaties: [p] });
  }
  return wmo323Xml({
    afzender: d.agb ?? AGB,
    ontvanger: d.gemeente ?? GEMEENTE,
    identificatie: d.identificatie ?? `B${d.nummer}`.slice(0, 12),
    dagtekening: k.dagtekening,
    kop: k,
    clienten,
  });
}

export type TaakSpec = Omit<TaakgerichtRow, 'seq' | 'row'>;

export const TAAK_DEFAULT: TaakSpec = {
  gemeente: GEMEENTE,
  taakveld: 'BP',
  periodeBegin: '2022-01-01',
  periodeEind: '2022-06-30',
  agbCode: '12340008',
  aantalClienten: 12,
  bedrag: 12 * 41500,
};

/** A taakgericht report CSV (bemoeizorg & preventie) with these rows (defaults: TAAK_DEFAULT). */
export function taakgerichtCsv(rows: readonly Partial<TaakSpec>[]): string {
  return csvText(
    TAAKGERICHT_COLUMNS,
    rows.map((partial) => taakgerichtCsvRow({ ...TAAK_DEFAULT, ...partial })),
  );
}

/**
 * Builders for the records the readers produce (pipeline/read/declaraties.ts, toewijzingen.ts), in XML and CSV
 * flavour. The defaults form a valid message for every in-message rule; a test overrides only what it is about.
 *
 * `at` is numbered as the readers do: in XML, Client[n] counts clients (a new one whenever the Bsn changes from the
 * line before) and Prestatie[n] / ToegewezenProduct[n] counts items within it, with source line 30, 50, 70, …; in
 * CSV the header is row 1, so the first data row is row 2.
 */
import type {
  ContactGegevens,
  ToegewezenProduct,
  ToewijzingBericht,
  ToewijzingClient,
  ToewijzingRegel,
} from '../../schemas/iwmo/wmo301';
import type {
  DeclaratieBericht,
  DeclaratieKop,
  DeclaratieRegel,
  Prestatie,
  SourceRef,
} from '../../schemas/iwmo/wmo323';

export type Flavour = 'xml' | 'csv';
export const FLAVOURS: readonly Flavour[] = ['xml', 'csv'];

/** Test BSNs that pass the 11-proef (ZIN's 999900006 and 999900018, and their neighbours in the test range). */
export const BSN = ['999900006', '999900018', '999900031', '999900043', '999900055'] as const;
/** Nine digits that fail the 11-proef (999900006 with its last digit changed). */
export const BSN_ELFPROEF_FOUT = '999900007';

/** Source line of the n-th (0-based) line element in an XML message built here. */
export const xmlLine = (seq: number): number => 30 + 20 * seq;
/** CSV row of the n-th (0-based) data row. */
export const csvRow = (seq: number): number => seq + 2;

// ---------------------------------------------------------------------------------------------------------------
// WMO323 declaraties

/** A line: Prestatie fields, plus per-line overrides of the message and declaration columns (CSV repeats them). */
export type LineSpec = Partial<Omit<Prestatie, 'seq' | 'at'>> & {
  readonly kop?: Partial<DeclaratieKop>;
  readonly bericht?: Partial<DeclaratieBericht>;
};

export interface DeclaratieOverrides {
  readonly kop?: Partial<DeclaratieKop>;
  readonly bericht?: Partial<DeclaratieBericht>;
}

const DEFAULT_KOP = {
  declaratieNummer: 'DN001',
  periodeBegin: '2023-04-01',
  periodeEind: '2023-04-30',
  dagtekening: '2023-05-06',
} as const;

function defaultBericht(flavour: Flavour): DeclaratieBericht {
  return flavour === 'xml'
    ? {
        format: 'wmo323',
        afzender: '65656055',
        ontvanger: '0983',
        identificatie: 'ID20230506',
        dagtekening: '2023-05-06',
      }
    : { format: 'csv', afzender: '65656055', ontvanger: '0983', identificatie: null, dagtekening: null };
}

/** Prestatie fields of the i-th line: an April 2023 month of beschermd wonen, 30 etmalen × € 95,00, debet. */
function defaultPrestatie(i: number): Omit<Prestatie, 'seq' | 'at'> {
  return {
    bsn: BSN[0],
    referentieNummer: `RN${String(i + 1).padStart(3, '0')}`,
    vorigReferentieNummer: null,
    toewijzingNummer: 20070 + i,
    productCategorie: '15',
    productCode: '15A02',
    begin: '2023-04-01',
    eind: '2023-04-30',
    volume: 30,
    eenheid: '14',
    tarief: 9500,
    bedrag: 285000,
    debetCredit: 'D',
  };
}

/** Interns equal objects, as the readers share one bericht/kop object between the lines that agree on them. */
function interner<T>(): (value: T) => T {
  const seen = new Map<string, T>();
  return (value) => {
    const key = JSON.stringify(value);
    const hit = seen.get(key);
    if (hit) return hit;
    seen.set(key, value);
    return value;
  };
}

/**
 * The lines of a declaratie message (XML) or file (CSV). Unless overridden, TotaalIngediendBedrag is the signed sum
 * of each DeclaratieNummer's lines, so the default message is valid.
 */
export function declaratie(
  flavour: Flavour,
  lines: readonly LineSpec[] = [{}],
  overrides: DeclaratieOverrides = {},
): DeclaratieRegel[] {
  const nummerOf = (l: LineSpec) =>
    l.kop?.declaratieNummer ?? overrides.kop?.declaratieNummer ?? DEFAULT_KOP.declaratieNummer;
  const sums = new Map<string, number>();
  lines.forEach((l, i) => {
    const p = { ...defaultPrestatie(i), ...l };
    const signed = p.debetCredit === 'C' ? -p.bedrag : p.bedrag;
    sums.set(nummerOf(l), (sums.get(nummerOf(l)) ?? 0) + signed);
  });
  const kopOf = interner<DeclaratieKop>();
  const berichtOf = interner<DeclaratieBericht>();
  let client = 0;
  let item = 0;
  let previousBsn: string | null = null;
  return lines.map((spec, seq) => {
    const { kop: kopSpec, bericht: berichtSpec, ...fields } = spec;
    const sum = sums.get(nummerOf(spec)) ?? 0;
    const kop = kopOf({
      ...DEFAULT_KOP,
      totaalBedrag: Math.abs(sum),
      totaalDebetCredit: sum < 0 ? 'C' : 'D',
      ...overrides.kop,
      ...kopSpec,
    });
    const bericht = berichtOf({ ...defaultBericht(flavour), ...overrides.bericht, ...berichtSpec });
    const p = { ...defaultPrestatie(seq), ...fields };
    if (p.bsn !== previousBsn) {
      client++;
      item = 0;
      previousBsn = p.bsn;
    }
    item++;
    const at: SourceRef =
      flavour === 'xml'
        ? { kind: 'xml', client, item, line: xmlLine(seq) }
        : { kind: 'csv', row: csvRow(seq) };
    return { bericht, kop, prestatie: { seq, at, ...p } };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// WMO301 toewijzingen

/** A Contact of the client or a relation; the default is a BRP-adres with Huis and Postcode. */
export function contact(overrides: Partial<ContactGegevens> = {}): ContactGegevens {
  return {
    path: 'Client/Contactgegevens/Contact[1]',
    soort: '01',
    heeftAdres: true,
    heeftHuis: true,
    postcode: '5911AA',
    landCode: 'NL',
    heeftTelefoon: false,
    heeftPeriode: false,
    ...overrides,
  };
}

export type ProductSpec = Partial<Omit<ToegewezenProduct, 'seq' | 'at'>> & {
  /** CSV: each row names its own Gemeente and AgbCode. */
  readonly bericht?: Partial<ToewijzingBericht>;
};

export interface ToewijzingOverrides {
  readonly bericht?: Partial<ToewijzingBericht>;
  /** XML only (a CSV has no client data). */
  readonly client?: Partial<ToewijzingClient>;
}

function defaultToewijzingBericht(flavour: Flavour): ToewijzingBericht {
  return flavour === 'xml'
    ? {
        format: 'wmo301',
        afzender: '0983',
        ontvanger: '65656055',
        identificatie: 'T20230813',
        dagtekening: '2023-08-13',
      }
    : { format: 'csv', afzender: '0983', ontvanger: '65656055', identificatie: null, dagtekening: null };
}

/** The i-th product: beschermd wonen from September to December 2023, 7 etmalen per week. */
function defaultProduct(i: number, bsn: string): Omit<ToegewezenProduct, 'seq' | 'at'> {
  return {
    bsn,
    toewijzingNummer: 101 + i,
    referentieAanbieder: null,
    productCategorie: '15',
    productCode: '15A02',
    toewijzingsdatum: '2023-08-13',
    toewijzingstijd: '12:34:56',
    ingangsdatum: '2023-09-01',
    einddatum: '2023-12-31',
    redenWijziging: null,
    omvang: { volume: 7, eenheid: '14', frequentie: '2' },
    budget: null,
    herkomstgemeente: null,
  };
}

/**
 * The products of a WMO301 (one client, shared by all products) or the rows of a toewijzing CSV (no client data;
 * every row is its own client).
 */
export function toewijzing(
  flavour: Flavour,
  products: readonly ProductSpec[] = [{}],
  overrides: ToewijzingOverrides = {},
): ToewijzingRegel[] {
  const baseBericht: ToewijzingBericht = { ...defaultToewijzingBericht(flavour), ...overrides.bericht };
  const client: ToewijzingClient | null =
    flavour === 'xml'
      ? {
          bsn: BSN[0],
          geboortedatum: '1967-08-13',
          contacten: [contact()],
          relatieContacten: [],
          ...overrides.client,
        }
      : null;
  return products.map((spec, seq) => {
    const { bericht: berichtSpec, ...fields } = spec;
    const bericht = berichtSpec ? { ...baseBericht, ...berichtSpec } : baseBericht;
    const at: SourceRef =
      flavour === 'xml'
        ? { kind: 'xml', client: 1, item: seq + 1, line: xmlLine(seq) }
        : { kind: 'csv', row: csvRow(seq) };
    const product: ToegewezenProduct = { seq, at, ...defaultProduct(seq, client?.bsn ?? BSN[0]), ...fields };
    return { bericht, client, product };
  });
}

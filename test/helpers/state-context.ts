/**
 * Contexts for the rules against state (control levels 3 and 4), built directly: a valid toewijzing version, the
 * usage declared on it, a reference-data stub, and one declaration line from test/helpers/records.ts.
 *
 * The defaults agree with each other, so the default context passes every rule:
 * - the line (records.ts defaults, sender AGB 65656055, receiver 0983) declares 30 etmalen of 15/15A02 in April
 *   2023 at € 95,00 = € 2.850,00 on toewijzing 20070;
 * - the toewijzing is 15/15A02 for client CLIENT of 65656055, 2023-01-01..2023-12-31, 7 etmalen per week;
 * - the stub knows 15A02 (inspanningsgericht, etmaal, € 95,00), 15A01 (outputgericht, stuks), 15A30
 *   (inspanningsgericht, uur, € 71,66) and the gemeenten 0983 and 0957.
 *
 * Expected locations are written out from the message structure, as in run-rule.ts, independently of
 * pipeline/rules/locate.ts.
 */

import type { Variant } from '../../pipeline/reconcile/omvang';
import { ToewijzingUsage } from '../../pipeline/reconcile/usage';
import { contractTarief, loadRegion } from '../../pipeline/region/load';
import { referenceData } from '../../pipeline/region/reference';
import type { MessageContext, StateMessageRule } from '../../pipeline/rules/state/message';
import type { PrestatieContext, ReferenceData, StatePrestatieRule } from '../../pipeline/rules/state/types';
import type { ToewijzingVersion, UsageEntry } from '../../pipeline/state/items';
import type { TariefRow } from '../../schemas/csv';
import type { DeclaratieRegel } from '../../schemas/iwmo/wmo323';
import type { Finding } from '../../schemas/report';
import { type DeclaratieOverrides, declaratie, type Flavour, type LineSpec } from './records';
import { atDeclaratie, atLine, expected } from './run-rule';

/** Sender of the default declaration (records.ts). */
export const AGB = '65656055';
/** Pseudonym of the default line's client (the rules only compare pseudonyms). */
export const CLIENT = 'pseudo-999900006';
export const OTHER_CLIENT = 'pseudo-999900018';

/** The default toewijzing: 15/15A02, all of 2023, 7 etmalen per week, for CLIENT at AGB. */
export function version(overrides: Partial<ToewijzingVersion> = {}): ToewijzingVersion {
  return {
    fileId: 'tw-file',
    seq: 0,
    client: CLIENT,
    agb: AGB,
    categorie: '15',
    code: '15A02',
    toewijzingsdatum: '2022-12-15',
    toewijzingstijd: '10:00:00',
    ingangsdatum: '2023-01-01',
    einddatum: '2023-12-31',
    redenWijziging: null,
    volume: 7,
    eenheid: '14',
    frequentie: '2',
    budget: null,
    herkomst: '0983',
    ...overrides,
  };
}

/** A generic toewijzing: no product and no Omvang, only a Budget (€ 5.000,00). */
export function genericVersion(overrides: Partial<ToewijzingVersion> = {}): ToewijzingVersion {
  return version({
    categorie: null,
    code: null,
    volume: null,
    eenheid: null,
    frequentie: null,
    budget: 500000,
    ...overrides,
  });
}

/**
 * An approved line on the toewijzing: by default a debit of 30 etmalen 15/15A02 in March 2023, € 2.850,00 (its
 * month is that of its begin).
 * `bedrag` is signed (a credit negative), as pipeline/reconcile/declaraties.ts stores it.
 */
export function entry(overrides: Partial<UsageEntry> = {}): UsageEntry {
  const dc = overrides.dc ?? 'D';
  const begin = overrides.begin ?? '2023-03-01';
  return {
    fileId: 'earlier-file',
    ref: 'RN-EARLIER',
    agb: AGB,
    dc,
    vorig: null,
    categorie: '15',
    code: '15A02',
    begin,
    eind: '2023-03-31',
    volume: 30,
    eenheid: '14',
    bedrag: dc === 'C' ? -285000 : 285000,
    maand: begin.slice(0, 7),
    herkomst: '0983',
    taakveld: 'BW',
    client: CLIENT,
    ...overrides,
  };
}

/** The credit of a debit entry: same period, product, volume and amount (negated). */
export function creditOf(debit: UsageEntry, ref: string, overrides: Partial<UsageEntry> = {}): UsageEntry {
  return { ...debit, ref, dc: 'C', vorig: debit.ref, bedrag: -Math.abs(debit.bedrag), ...overrides };
}

export const usage = (...entries: UsageEntry[]): ToewijzingUsage => new ToewijzingUsage(entries);

// ---------------------------------------------------------------------------------------------------------------
// Reference data

export interface StubData {
  /** `categorie/code` → uitvoeringsvariant. */
  readonly producten?: Readonly<Record<string, Variant>>;
  readonly tarieven?: readonly TariefRow[];
  readonly gemeenten?: readonly string[];
}

export const tariefRow = (code: string, eenheid: string, productTarief: number): TariefRow => ({
  agbCode: AGB,
  productCategorie: '15',
  productCode: code,
  eenheid,
  productTarief,
  ingangsdatum: '2023-01-01',
  einddatum: null,
  vestigingGemeente: '0983',
});

export const STUB_DATA: Required<StubData> = {
  producten: {
    '15/15A02': 'inspanningsgericht',
    '15/15A01': 'outputgericht',
    '15/15A30': 'inspanningsgericht',
  },
  tarieven: [
    { ...tariefRow('15A02', '14', 9000), ingangsdatum: '2022-01-01', einddatum: '2022-12-31' },
    tariefRow('15A02', '14', 9500),
    tariefRow('15A01', '82', 322400),
    tariefRow('15A30', '04', 7166),
  ],
  gemeenten: ['0983', '0957'],
};

/** A hand-written ReferenceData: contract tariffs by AGB, product and date; the product list; gemeenten. */
export function stubReference(data: StubData = {}): ReferenceData {
  const { producten, tarieven, gemeenten } = { ...STUB_DATA, ...data };
  return {
    tarief: (agb, categorie, code, datum, eenheid) =>
      contractTarief(tarieven, agb, categorie, code, datum, eenheid),
    product: (categorie, code) => {
      const variant = producten[`${categorie}/${code}`];
      return variant ? { variant, taakveld: 'BW' } : null;
    },
    gemeenteBekend: (code) => gemeenten.includes(code),
  };
}

/** The example region's reference data, as the pipeline builds it. */
export async function nmlReference(): Promise<ReferenceData> {
  return referenceData(await loadRegion('examples/regions/nml'));
}

// ---------------------------------------------------------------------------------------------------------------
// Contexts

export interface StateSpec {
  /** The toewijzing in effect; null = none for this number. Default: version(). */
  readonly toewijzing?: ToewijzingVersion | null;
  /** Default: the pseudonym of the toewijzing's client. */
  readonly client?: string;
  /** Default: an empty usage when there is a toewijzing, else null (as the pipeline passes it). */
  readonly usage?: ToewijzingUsage | null;
  readonly refTaken?: boolean;
  readonly ref?: ReferenceData;
  /** Message and declaration overrides for the line. */
  readonly overrides?: DeclaratieOverrides;
}

/** One declaration line (records.ts defaults plus `line`) and its state. */
export function prestatieContext(
  flavour: Flavour,
  line: LineSpec = {},
  spec: StateSpec = {},
): PrestatieContext {
  const [regel] = declaratie(flavour, [line], spec.overrides);
  const toewijzing = spec.toewijzing === undefined ? version() : spec.toewijzing;
  return {
    regel,
    toewijzing,
    client: spec.client ?? CLIENT,
    usage: spec.usage === undefined ? (toewijzing ? new ToewijzingUsage() : null) : spec.usage,
    refTaken: spec.refTaken ?? false,
    ref: spec.ref ?? stubReference(),
  };
}

/** A credit line reversing `vorig` (debit RN-EARLIER by default): same default period and amount. */
export const credit = (more: LineSpec = {}): LineSpec => ({
  referentieNummer: 'RN-CREDIT',
  vorigReferentieNummer: 'RN-EARLIER',
  debetCredit: 'C',
  ...more,
});

/** Runs a line rule as pipeline/reconcile/declaraties.ts does: only on the lines it applies to (D, C or both). */
export function judge(rule: StatePrestatieRule, c: PrestatieContext): Finding[] {
  const dc = c.regel.prestatie.debetCredit;
  if (rule.applies !== 'DC' && rule.applies !== dc) return [];
  const f = rule.check(c);
  return f ? [f] : [];
}

export interface MessageSpec {
  readonly berichtTaken?: boolean;
  readonly declaratieTaken?: boolean;
  /** Default: 2023-05-08, after the default dagtekening 2023-05-06. */
  readonly ontvangstdatum?: string;
  readonly ref?: ReferenceData;
  readonly overrides?: DeclaratieOverrides;
}

/** The context of the message rules for a declaration of the default line(s). */
export function messageContext(flavour: Flavour, spec: MessageSpec = {}): MessageContext {
  const [regel] = declaratie(flavour, [{}, {}], spec.overrides);
  return {
    regel,
    berichtTaken: spec.berichtTaken ?? false,
    declaratieTaken: spec.declaratieTaken ?? false,
    ontvangstdatum: spec.ontvangstdatum ?? '2023-05-08',
    ref: spec.ref ?? stubReference(),
  };
}

export function judgeMessage(rule: StateMessageRule, c: MessageContext): Finding[] {
  const f = rule.check(c);
  return f ? [f] : [];
}

// ---------------------------------------------------------------------------------------------------------------
// Expected findings

/** WMO323 prestatie elements that run-rule.ts does not list, by CSV column name (XSD element paths). */
const MORE_PRESTATIE: Record<string, string> = {
  ToewijzingNummer: 'ToewijzingNummer',
  ProductCategorie: 'ProductCategorie',
  ProductCode: 'ProductCode',
  GeleverdVolume: 'GeleverdVolume',
  Eenheid: 'Eenheid',
};
const MORE_HEADER: Record<string, string> = {
  BerichtIdentificatie: 'Header/BerichtIdentificatie/Identificatie',
};
const DECLARATIE_COLUMNS = new Set([
  'Afzender',
  'Ontvanger',
  'Dagtekening',
  'DeclaratieNummer',
  'DeclaratieDagtekening',
  'DeclaratiePeriodeBegindatum',
  'DeclaratiePeriodeEinddatum',
  'TotaalIngediendBedrag',
  'TotaalDebetCredit',
]);

/** Where a field of a declaration line is, for any CSV column name of the contract. */
export function atField(r: DeclaratieRegel, column: string): string {
  const at = r.prestatie.at;
  if (at.kind === 'csv') return `regel ${at.row}, kolom ${column}`;
  if (MORE_HEADER[column]) return MORE_HEADER[column];
  if (DECLARATIE_COLUMNS.has(column)) return atDeclaratie(r, column);
  if (MORE_PRESTATIE[column])
    return `Client[${at.client}]/Prestatie[${at.item}]/${MORE_PRESTATIE[column]} (regel ${at.line})`;
  return atLine(r, column);
}

/** The one finding a declaratie rule should give on the context's line, at the given field. */
export function expectedAt(id: string, c: { regel: DeclaratieRegel }, column: string) {
  return [expected('declaratie', id, atField(c.regel, column))];
}

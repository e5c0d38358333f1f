/**
 * Types of the settlement (verevening): the typed inputs storage will produce, and the statement as data.
 * Money is integer eurocent, signed (debit/cost positive, credit negative); shares are decimal strings.
 */
import type { BudgetRow } from '../../schemas/csv';
import type { Taakveld } from '../../schemas/iwmo/codelists';
import type { Region } from '../../schemas/region';
import type { BedrijfsvoeringPost, SchemeSoort, Verevening } from '../../schemas/settlement';

export type { BudgetRow, Taakveld };

/** Strings in code-unit order, the order of every list in a statement. */
export const cmpText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Gemeentecode used for costs whose municipality of origin is unknown. */
export const ONBEKEND = '0000';

/**
 * The facts of the toewijzing behind a cost line, needed for the transition rule. Storage derives them from the
 * toewijzing history; a line without them is attributed to its municipality of origin.
 */
export interface ToewijzingFeiten {
  /** The municipality that sent the toewijzing (e.g. the centrumgemeente before decentralisation). */
  readonly toewijzingGemeente: string;
  readonly ingangsdatum: string;
  /** The toewijzing's Einddatum as it stood on the transition date; null if it did not exist then (or was open-ended). */
  readonly einddatumOpOvergangsdatum: string | null;
  /** The toewijzing existed on the transition date without an Einddatum: it stays until a reassessment. */
  readonly zonderEinddatumOpOvergangsdatum?: boolean;
  /** First reassessment on or after the transition date (RedenWijziging 04/05): from that month on the line moves. */
  readonly herbeoordeeldOp?: string | null;
}

/** Approved amounts aggregated per municipality of origin, month, taakveld and product. */
export interface CostLine {
  /** Municipality of origin; `0000` = unknown. */
  readonly herkomstgemeente: string;
  /** YYYY-MM of the delivery. */
  readonly maand: string;
  readonly taakveld: Taakveld;
  readonly productCategorie: string;
  readonly productCode: string;
  /** Signed eurocent: debit positive, credit negative. */
  readonly bedrag: number;
  /** The files the amount came from (traceability; a statement lists them per scheme). */
  readonly fileIds: readonly string[];
  /** The municipality that approved the line (Ontvanger); decides the scheme when the origin is unknown. */
  readonly gemeente?: string;
  /** Present on transition-aware lines. */
  readonly toewijzing?: ToewijzingFeiten;
}

export interface Bestandsnamen {
  readonly region: string;
  readonly budgetten: string;
}

/** The validated settlement configuration (see loadSettlementConfig): what every settlement function reads. */
export interface SettlementConfig {
  readonly region: Region;
  readonly verevening: Verevening;
  readonly budgetten: readonly BudgetRow[];
  readonly bestanden: Bestandsnamen;
}

export type Status = 'voorlopig' | 'definitief';

/** Key weights as canonical decimal strings (missing weights 0). */
export interface Gewichten {
  readonly omschrijving: string;
  readonly inleg: string;
  readonly gebruik: string;
  readonly inwoners: string;
  readonly vast: string;
  readonly aandelen: Readonly<Record<string, string>> | null;
}

export interface SleutelOnderdelen {
  readonly inleg: string;
  readonly gebruik: string;
  readonly inwoners: string;
  readonly vast: string;
}

/** One member's line in a scheme's statement. */
export interface StatementLine {
  readonly gemeente: string;
  readonly naam: string;
  readonly inwoners: number | null;
  /** The member's contribution to the pool (for charge-on: only the centrumgemeente's budget). */
  readonly inleg: number;
  /** Care costs attributed to this member (projected to year end in a provisional statement). */
  readonly eigenZorgkosten: number;
  /** Part of eigenZorgkosten kept by the centrumgemeente under the transition rule. */
  readonly waarvanOvergang: number;
  /** Provisional statements only: the care costs actually known up to the month. */
  readonly zorgkostenTotDatum: number | null;
  readonly aandeelBedrijfsvoering: number;
  /** Local schemes only: the member's part of the unknown-origin costs (0 otherwise: the result carries them). */
  readonly aandeelOnbekend: number;
  /** The member's share in the key, 10 decimals (the parts are computed from the exact share). */
  readonly sleutelAandeel: string;
  readonly sleutelOnderdelen: SleutelOnderdelen;
  /** Positive: the member receives part of a surplus; negative: it carries part of a deficit. */
  readonly deelResultaat: number;
  /** inleg − deelResultaat: what the year costs this member. */
  readonly nettoKosten: number;
  /** eigenZorgkosten + aandeelBedrijfsvoering: what it would have cost without solidarity. */
  readonly kostenZonderVerevening: number;
  /** nettoKosten − kostenZonderVerevening: positive = the member pays for others, negative = it gains. */
  readonly vereveningseffect: number;
}

export interface BedrijfsvoeringOverzicht {
  readonly posten: readonly {
    readonly post: BedrijfsvoeringPost;
    readonly omschrijving: string;
    readonly bedrag: number;
  }[];
  readonly innovatie: { readonly percentage: string; readonly bedrag: number };
  readonly totaal: number;
  readonly sleutel: Gewichten | null;
}

export type StatementTotals = Pick<
  StatementLine,
  | 'inleg'
  | 'eigenZorgkosten'
  | 'waarvanOvergang'
  | 'aandeelBedrijfsvoering'
  | 'aandeelOnbekend'
  | 'deelResultaat'
  | 'nettoKosten'
  | 'kostenZonderVerevening'
  | 'vereveningseffect'
  | 'zorgkostenTotDatum'
>;

/**
 * Where a scheme's care costs came from, per member that carries them (or `0000`) and month: the amount known (not
 * projected) and the declaration files behind it, so every figure of the statement can be traced to months and files.
 */
export interface HerleidingRegel {
  readonly gemeente: string;
  readonly maand: string;
  readonly bedrag: number;
  /** Part kept by the centrumgemeente under the transition rule. */
  readonly waarvanOvergang: number;
  readonly bestanden: readonly string[];
}

/** One scheme's statement for a year. */
export interface SchemeStatement {
  readonly naam: string;
  readonly soort: SchemeSoort;
  readonly soortOmschrijving: string;
  readonly taakvelden: readonly Taakveld[];
  readonly centrumgemeente: string | null;
  /** Total inleg (pool) or, for charge-on, the centrumgemeente's budget. */
  readonly pot: number;
  readonly zorgkosten: {
    /** Attributed to members. */
    readonly leden: number;
    /** Unknown municipality of origin (`0000`): its own line, distributed by the key. */
    readonly onbekend: number;
    readonly totaal: number;
    /** Lines of the scheme's members and taakvelden that do not count as care costs (shown, not settled). */
    readonly buitenZorgkosten: number;
  };
  readonly bedrijfsvoering: BedrijfsvoeringOverzicht;
  /** pot − zorgkosten.totaal − bedrijfsvoering.totaal. */
  readonly resultaat: number;
  readonly resultaatSoort: 'overschot' | 'tekort' | 'nul';
  readonly sleutel: Gewichten;
  /** Sorted by gemeentecode. */
  readonly regels: readonly StatementLine[];
  readonly totalen: StatementTotals;
  /** File ids of the cost lines counted (sorted). */
  readonly bestanden: readonly string[];
  /** The care costs per member and month with their files (sorted by gemeente, then month). */
  readonly herleiding: readonly HerleidingRegel[];
  readonly opmerkingen: readonly string[];
}

export interface BijdrageRegel {
  readonly gemeente: string;
  readonly naam: string;
  readonly inwoners: number;
  readonly bedrag: number;
}

export interface BijdrageOverzicht {
  readonly naam: string;
  readonly taakveld: Taakveld;
  readonly ontvanger: { readonly gemeente: string; readonly naam: string };
  readonly tariefCent: string;
  readonly regels: readonly BijdrageRegel[];
  readonly totaal: number;
}

/** Cost lines of the year that belong to no scheme: shown, never dropped. */
export interface NietToegerekend {
  readonly taakveld: Taakveld;
  readonly herkomstgemeente: string;
  readonly reden: string;
  readonly regels: number;
  readonly bedrag: number;
}

export interface Verschil {
  readonly onderdeel: string;
  readonly van: number | string | null;
  readonly naar: number | string | null;
  /** naar − van for amounts; null for text. */
  readonly verschil: number | null;
}

/** What changed between two versions (or between a closed year and its recomputation). */
export interface Verschillen {
  readonly samenvatting: readonly string[];
  readonly posten: readonly Verschil[];
  readonly bestandenToegevoegd: readonly string[];
  readonly bestandenVervallen: readonly string[];
}

export interface NacalculatieRegel {
  readonly regeling: string;
  readonly gemeente: string;
  readonly naam: string;
  readonly vorigDeelResultaat: number;
  readonly nieuwDeelResultaat: number;
  readonly verschilDeelResultaat: number;
  readonly vorigeNettoKosten: number;
  readonly nieuweNettoKosten: number;
  /** Positive: the member pays this extra in the statement that carries the line; negative: it gets it back. */
  readonly verschilNettoKosten: number;
}

/** A post-calculation: a closed year recomputed with corrections that arrived later, booked in a later statement. */
export interface Nacalculatie {
  readonly jaar: number;
  /** What the recomputation is compared with: the final statement, or the latest earlier post-calculation. */
  readonly basis: { readonly omschrijving: string; readonly invoerHash: string };
  /** The recomputed year; the baseline of a later post-calculation. */
  readonly herberekening: { readonly invoerHash: string; readonly regelingen: readonly SchemeStatement[] };
  readonly regels: readonly NacalculatieRegel[];
  readonly verschilNettoKosten: number;
  readonly verklaring: Verschillen;
}

/** A correction for a year beyond the correction period: reported, not booked. */
export interface BuitenTermijn {
  readonly jaar: number;
  readonly verschilNettoKosten: number;
  readonly toelichting: string;
}

export interface Projectie {
  readonly totEnMetMaand: string;
  readonly maandenBekend: number;
  readonly methode: string;
}

export interface GemeenteTotaal {
  readonly gemeente: string;
  readonly naam: string;
  readonly inleg: number;
  readonly nettoKosten: number;
  readonly vereveningseffect: number;
  readonly bijdragePerInwoner: number;
  readonly nacalculatie: number;
}

/** A year's settlement statement over all schemes: deterministic data, rendered elsewhere. */
export interface Statement {
  readonly soort: 'vereveningsoverzicht';
  readonly rekenmodel: number;
  readonly regio: { readonly code: string; readonly naam: string };
  readonly jaar: number;
  readonly status: Status;
  /** A heading that says plainly whether the statement is provisional. */
  readonly kop: string;
  readonly versie: number;
  /** SHA-256 (hex) of the canonical JSON of every input the statement depends on. */
  readonly invoerHash: string;
  readonly vorigeVersie: {
    readonly versie: number;
    readonly invoerHash: string;
    readonly status: Status;
  } | null;
  readonly verschillen: Verschillen | null;
  readonly projectie: Projectie | null;
  readonly regelingen: readonly SchemeStatement[];
  readonly bijdragePerInwoner: BijdrageOverzicht | null;
  readonly nacalculaties: readonly Nacalculatie[];
  readonly buitenTermijn: readonly BuitenTermijn[];
  readonly nietToegerekend: readonly NietToegerekend[];
  readonly perGemeente: readonly GemeenteTotaal[];
  readonly toelichting: readonly string[];
}

/** One member under one key in a scenario comparison. */
export interface ScenarioUitkomst {
  readonly scenario: string;
  readonly sleutelAandeel: string;
  readonly deelResultaat: number;
  readonly nettoKosten: number;
  readonly vereveningseffect: number;
  /** nettoKosten − nettoKosten under the first (basis) scenario: positive = this key costs the member more. */
  readonly verschilMetBasis: number;
}

export interface ScenarioLid {
  readonly gemeente: string;
  readonly naam: string;
  readonly inleg: number;
  readonly eigenZorgkosten: number;
  readonly kostenZonderVerevening: number;
  readonly scenarios: readonly ScenarioUitkomst[];
}

export interface ScenarioRegeling {
  readonly naam: string;
  readonly soort: SchemeSoort;
  readonly pot: number;
  readonly zorgkosten: number;
  readonly bedrijfsvoering: number;
  /** The result does not depend on the key; only its distribution does. */
  readonly resultaat: number;
  readonly sleutels: readonly { readonly scenario: string; readonly gewichten: Gewichten }[];
  readonly leden: readonly ScenarioLid[];
}

/** One year computed under several keys side by side, so the colleges see what each key means before choosing. */
export interface ScenarioVergelijking {
  readonly soort: 'sleutelvergelijking';
  readonly regio: { readonly code: string; readonly naam: string };
  readonly jaar: number;
  readonly status: Status;
  readonly kop: string;
  readonly invoerHash: string;
  readonly basis: string;
  readonly scenarios: readonly string[];
  readonly regelingen: readonly ScenarioRegeling[];
  readonly toelichting: readonly string[];
}

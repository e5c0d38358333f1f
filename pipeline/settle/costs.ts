/**
 * The settlement's cost lines from the committed contributions (pure: the caller reads the store).
 *
 * Each declaration file's contribution holds its approved amounts keyed `maand|herkomst|taakveld|categorie|code|
 * toewijzingNummer` (a credit already sits in the month, origin and taakveld of the debit it reverses). The file's
 * municipality is the one that approved the line, i.e. the toewijzing's sender. Lines are summed per month, origin,
 * taakveld, product and approving municipality, with the ids of the files they came from.
 *
 * For a line that a scheme with a transition rule will settle, the toewijzing's facts are added (ToewijzingFeiten),
 * taken from the versions the toewijzing files set: the version in effect on a date is the one with the latest
 * Toewijzingsdatum/-tijd on or before it (ties: the file received later, then the later line), and RedenWijziging 13
 * means it no longer exists. Other lines carry no facts, so a toewijzing change outside such a scheme never changes
 * a statement's inputs.
 */
import { toewijzingMoment } from '../dates';
import { taakgerichtPerMaand } from '../monitor/aggregates';
import type { MonitorData } from '../monitor/data';
import type { CostAmounts, ToewijzingContribution } from '../reconcile/contributions';
import { activeSchemes } from './inputs';
import {
  type CostLine,
  cmpText,
  ONBEKEND,
  type SettlementConfig,
  type Taakveld,
  type ToewijzingFeiten,
} from './types';

/** One version of a toewijzing as a toewijzing file's contribution lists it (what the transition rule reads of it). */
type ToewijzingRij = Pick<
  ToewijzingContribution,
  | 'nummer'
  | 'herkomst'
  | 'ingangsdatum'
  | 'einddatum'
  | 'toewijzingsdatum'
  | 'toewijzingstijd'
  | 'redenWijziging'
  | 'seq'
>;

/** What the mapping reads: the shape of the monitor's data (committed, non-withdrawn files only). */
export interface KostenBron {
  readonly files: ReadonlyMap<string, { readonly gemeente: string; readonly ontvangen: string }>;
  readonly declaraties: readonly {
    readonly fileId: string;
    /** Kosten as stored: grouped (CostAmounts), or by an older version one number per key. */
    readonly figures: { readonly kosten: Readonly<Record<string, CostAmounts | number>> };
  }[];
  readonly toewijzingen: readonly {
    readonly fileId: string;
    readonly gemeente: string;
    readonly rows: readonly ToewijzingRij[];
  }[];
  /** Taakgericht reports (B&P): care paid per period, without client-level declarations. */
  readonly taakgericht?: MonitorData['taakgericht'];
}

/** RedenWijziging of a reassessment: 04 verlenging, 05 verkorting. */
const HERBEOORDELING: ReadonlySet<string> = new Set(['04', '05']);
const VERWIJDERD = '13';

/** A version with the file that set it. */
export interface ToewijzingVersie extends ToewijzingRij {
  readonly fileId: string;
  readonly ontvangen: string;
}

/** Version order: Toewijzingsdatum/-tijd, then receipt of the file, then file id and line (as the reconciliation). */
function ouderDan(a: ToewijzingVersie, b: ToewijzingVersie): number {
  return (
    cmpText(toewijzingMoment(a), toewijzingMoment(b)) ||
    cmpText(a.ontvangen, b.ontvangen) ||
    cmpText(a.fileId, b.fileId) ||
    a.seq - b.seq
  );
}

/**
 * The facts of one toewijzing for a transition date, from its versions (any order); null when it has none.
 * ingangsdatum is that of the version in effect on the date, or of the latest version when none was.
 */
export function toewijzingFeiten(
  gemeente: string,
  versies: readonly ToewijzingVersie[],
  overgangsdatum: string,
): ToewijzingFeiten | null {
  if (versies.length === 0) return null;
  const sorted = [...versies].sort(ouderDan);
  const opDatum = sorted.filter((v) => v.toewijzingsdatum <= overgangsdatum).at(-1);
  const bestond = opDatum !== undefined && opDatum.redenWijziging !== VERWIJDERD;
  const herbeoordeling = sorted.find(
    (v) => v.toewijzingsdatum >= overgangsdatum && HERBEOORDELING.has(v.redenWijziging ?? ''),
  );
  const basis = bestond ? opDatum : (sorted.at(-1) as ToewijzingVersie);
  return {
    toewijzingGemeente: gemeente,
    ingangsdatum: basis.ingangsdatum,
    einddatumOpOvergangsdatum: bestond ? opDatum.einddatum : null,
    zonderEinddatumOpOvergangsdatum: bestond && opDatum.einddatum === null,
    herbeoordeeldOp: herbeoordeling?.toewijzingsdatum ?? null,
  };
}

/** The transition date that applies to a line: that of the active scheme that will settle it, if it has one. */
function overgangsdatumVoor(
  perJaar: Map<number, ReturnType<typeof activeSchemes>>,
  config: SettlementConfig,
  maand: string,
  herkomst: string,
  taakveld: string,
  gemeente: string,
): string | null {
  const jaar = Number(maand.slice(0, 4));
  let actieve = perJaar.get(jaar);
  if (actieve === undefined) {
    actieve = activeSchemes(config, jaar);
    perJaar.set(jaar, actieve);
  }
  const lid = herkomst === ONBEKEND ? gemeente : herkomst;
  const a = actieve.find(
    (x) => x.regeling.taakvelden.includes(taakveld as Taakveld) && x.regeling.leden.includes(lid),
  );
  return a?.regeling.overgang?.datum ?? null;
}

/** What makes a cost line: everything but its amount and files. */
type Soort = Omit<Opbouw, 'bedrag' | 'fileIds'>;

interface Opbouw {
  readonly maand: string;
  readonly herkomst: string;
  readonly taakveld: Taakveld;
  readonly categorie: string;
  readonly code: string;
  readonly gemeente: string;
  readonly toewijzing: ToewijzingFeiten | undefined;
  bedrag: number;
  readonly fileIds: Set<string>;
}

/** The cost lines of every year in the data (see the module comment), sorted. */
/**
 * One group of a contribution's kosten. Contributions stored before the amounts were grouped have a key per
 * toewijzing (…|code|nummer → cents): they count just the same.
 */
export function costGroup(
  sleutel: string,
  waarde: CostAmounts | number,
): { groep: string; perNummer: CostAmounts } {
  const delen = sleutel.split('|');
  if (delen.length === 6 && typeof waarde === 'number')
    return {
      groep: delen.slice(0, 5).join('|'),
      perNummer: { nummers: [Number(delen[5])], bedragen: [waarde] },
    };
  if (delen.length === 5 && typeof waarde === 'object' && Array.isArray(waarde.nummers))
    return { groep: sleutel, perNummer: waarde };
  throw new RangeError(`kostenregel met onbekende sleutel: ${sleutel}`);
}

export function costLines(bron: KostenBron, config: SettlementConfig): CostLine[] {
  const versies = new Map<string, ToewijzingVersie[]>();
  for (const t of bron.toewijzingen) {
    const ontvangen = bron.files.get(t.fileId)?.ontvangen ?? '';
    for (const r of t.rows) {
      const id = `${t.gemeente}|${r.nummer}`;
      const list = versies.get(id) ?? [];
      list.push({ ...r, fileId: t.fileId, ontvangen });
      versies.set(id, list);
    }
  }
  const perJaar = new Map<number, ReturnType<typeof activeSchemes>>();
  const feitenCache = new Map<string, ToewijzingFeiten | null>();
  const lijnen = new Map<string, Opbouw>();
  // Amounts with the same facts are one line: the statement needs amounts, not toewijzingnummers.
  const add = (soort: Soort, bedrag: number, fileId: string) => {
    const { maand, herkomst, taakveld, categorie, code, gemeente, toewijzing } = soort;
    const id = [
      maand,
      herkomst,
      taakveld,
      categorie,
      code,
      gemeente,
      JSON.stringify(toewijzing ?? null),
    ].join('|');
    let l = lijnen.get(id);
    if (l === undefined) {
      l = { ...soort, bedrag: 0, fileIds: new Set() };
      lijnen.set(id, l);
    }
    l.bedrag += bedrag;
    l.fileIds.add(fileId);
  };
  for (const d of bron.declaraties) {
    const gemeente = bron.files.get(d.fileId)?.gemeente;
    if (gemeente === undefined) continue;
    for (const [sleutel, waarde] of Object.entries(d.figures.kosten)) {
      const { groep, perNummer } = costGroup(sleutel, waarde);
      const [maand, herkomst, taakveld, categorie, code] = groep.split('|');
      const datum = overgangsdatumVoor(perJaar, config, maand, herkomst, taakveld, gemeente);
      for (let i = 0; i < perNummer.nummers.length; i++) {
        const nummer = perNummer.nummers[i];
        const bedrag = perNummer.bedragen[i];
        let toewijzing: ToewijzingFeiten | undefined;
        if (datum !== null) {
          const id = `${gemeente}|${nummer}|${datum}`;
          let f = feitenCache.get(id);
          if (f === undefined) {
            f = toewijzingFeiten(gemeente, versies.get(`${gemeente}|${nummer}`) ?? [], datum);
            feitenCache.set(id, f);
          }
          toewijzing = f ?? undefined;
        }
        const soort = {
          maand,
          herkomst,
          taakveld: taakveld as Taakveld,
          categorie,
          code,
          gemeente,
          toewijzing,
        };
        add(soort, bedrag, d.fileId);
      }
    }
  }
  for (const { soort, bedrag, fileId } of taakgerichtAmounts(bron, config)) add(soort, bedrag, fileId);

  return [...lijnen.entries()]
    .sort(([a], [b]) => cmpText(a, b))
    .map(([, l]) => ({
      herkomstgemeente: l.herkomst,
      maand: l.maand,
      taakveld: l.taakveld,
      productCategorie: l.categorie,
      productCode: l.code,
      bedrag: l.bedrag,
      fileIds: [...l.fileIds].sort(cmpText),
      gemeente: l.gemeente,
      ...(l.toewijzing ? { toewijzing: l.toewijzing } : {}),
    }));
}

/**
 * Taakgericht reports as cost lines: the report that counts per municipality, taakveld, period and provider (the
 * latest, as in the monitor), its amount spread over the months of its period by days (whole cents, the rest in
 * the last month). The municipality reported on is origin and payer. The product is the region's one taakgericht
 * product of that taakveld, so that a scheme selects the lines like declared care; without exactly one, the
 * product stays empty and the line is listed as not counted.
 */
function taakgerichtAmounts(
  bron: KostenBron,
  config: SettlementConfig,
): { soort: Soort; bedrag: number; fileId: string }[] {
  if (!bron.taakgericht?.length) return [];
  const amounts: { soort: Soort; bedrag: number; fileId: string }[] = [];
  for (const { rij: r, maand, bedrag } of taakgerichtPerMaand({
    files: bron.files,
    taakgericht: bron.taakgericht,
  })) {
    const producten = config.region.producten.filter(
      (p) => p.variant === 'taakgericht' && p.taakveld === r.taakveld,
    );
    const product = producten.length === 1 ? producten[0] : null;
    const soort = {
      maand,
      herkomst: r.gemeente,
      taakveld: r.taakveld as Taakveld,
      categorie: product?.categorie ?? '',
      code: product?.code ?? '',
      gemeente: r.gemeente,
      toewijzing: undefined,
    };
    amounts.push({ soort, bedrag, fileId: r.bestand });
  }
  return amounts;
}

/** The months (YYYY-MM) that have cost lines, sorted. */
export function maandenMetKosten(kosten: readonly CostLine[]): string[] {
  return [...new Set(kosten.map((l) => l.maand))].sort(cmpText);
}

/**
 * A seeded generator of realistic synthetic data for a region: clients with test BSNs, toewijzingen that
 * reproduce the region's BW stand on 1 July 2020, monthly declarations per provider at contract tariffs, B&P
 * taakgericht reports, and a chosen share of planted errors with the rule ids they must produce.
 * Everything is made up; only the counts per municipality follow the seed documents.
 */

import {
  addDays,
  firstOfMonth,
  lastOfMonth,
  maxDate,
  minDate,
  monthsBetween,
  nextMonth,
} from '../../pipeline/dates';
import { contractTarief, type RegionData } from '../../pipeline/region/load';
import type { TariefRow } from '../../schemas/csv';
import type { Omvang, ToegewezenProduct } from '../../schemas/iwmo/wmo301';
import type { DeclaratieKop, Prestatie } from '../../schemas/iwmo/wmo323';
import { testBsn } from './bsn';
import { type PlantedError, type PlantKind, plantInMessageError } from './planted';
import {
  DeclarationHistory,
  type PlantedStateError,
  plantStateErrors,
  type StateKind,
} from './planted-state';
import { Random } from './random';
import { BP_CLIENTS_2020, BW_STAND_2020_07_01, MO_CLIENTS_PER_YEAR, STAND_DATE } from './seed';

export interface GenerateOptions {
  readonly seed: number;
  /** First and last month with declarations (YYYY-MM); declarations start no earlier than 2021-01 (CS100). */
  readonly vanMaand: string;
  readonly totMaand: string;
  /** Who sends the toewijzingen and receives the declarations: the centrumgemeente for the whole region, or each municipality of origin for its own clients. */
  readonly toewijzer: 'centrum' | 'eigen';
  /** Format of the declaration files. */
  readonly formaat: 'xml' | 'csv' | 'gemengd';
  /** Share of declaration files that get one planted in-message (level 2) error. */
  readonly foutAandeel: number;
  /** Which in-message errors to plant (default: all kinds). */
  readonly foutSoorten?: readonly PlantKind[];
  /** Share of lines (in files without an in-message error) that get an error against state (level 3–4). */
  readonly staatFoutAandeel?: number;
  readonly staatFoutSoorten?: readonly StateKind[];
  /** Scale the client numbers (1 = the seed's numbers). */
  readonly schaal?: number;
}

export interface GenClient {
  readonly index: number;
  readonly bsn: string;
  /** Municipality of origin; 0000 = unknown. */
  readonly herkomst: string;
}

export interface GenToewijzing extends Omit<ToegewezenProduct, 'seq' | 'at'> {
  /** Sending municipality. */
  readonly gemeente: string;
  readonly agb: string;
  readonly client: GenClient;
}

export interface GenPrestatie extends Omit<Prestatie, 'seq' | 'at'> {}

export interface GenDeclaratie {
  readonly gemeente: string;
  readonly agb: string;
  readonly maand: string;
  readonly identificatie: string;
  readonly dagtekening: string;
  readonly kop: DeclaratieKop;
  readonly formaat: 'xml' | 'csv';
  /** Prestaties grouped per client in order. */
  readonly clienten: { bsn: string; prestaties: GenPrestatie[] }[];
  readonly planted: PlantedError[];
  /** Errors against state planted in this file (each line listed once, with the retourcodes due). */
  readonly plantedState: PlantedStateError[];
}

export interface GenTaakgericht {
  readonly gemeente: string;
  readonly rows: {
    gemeente: string;
    taakveld: 'BP';
    periodeBegin: string;
    periodeEind: string;
    agbCode: string;
    aantalClienten: number;
    bedrag: number;
  }[];
  readonly periode: string;
}

export interface Generated {
  readonly options: GenerateOptions;
  readonly clients: readonly GenClient[];
  readonly toewijzingen: readonly GenToewijzing[];
  readonly declaraties: readonly GenDeclaratie[];
  readonly taakgericht: readonly GenTaakgericht[];
}

interface ProductChoice {
  readonly categorie: string;
  readonly code: string;
  readonly omvang: Omvang;
}

const ETMAAL_PER_WEEK: Omvang = { volume: 7, eenheid: '14', frequentie: '2' };
const BW_PRODUCTS: readonly (readonly [ProductChoice, number])[] = [
  [{ categorie: '15', code: '15A02', omvang: ETMAAL_PER_WEEK }, 70],
  [{ categorie: '15', code: '15A07', omvang: ETMAAL_PER_WEEK }, 15],
  [{ categorie: '15', code: '15A01', omvang: { volume: 1, eenheid: '82', frequentie: '4' } }, 10],
  [{ categorie: '15', code: '15A30', omvang: { volume: 6, eenheid: '04', frequentie: '2' } }, 5],
];
const MO_PRODUCTS: readonly (readonly [ProductChoice, number])[] = [
  [{ categorie: '16', code: '16A02', omvang: ETMAAL_PER_WEEK }, 70],
  [{ categorie: '16', code: '16002', omvang: ETMAAL_PER_WEEK }, 20],
  [{ categorie: '17', code: '17A00', omvang: ETMAAL_PER_WEEK }, 10],
];
const BWO_PRODUCT: ProductChoice = {
  categorie: '18',
  code: '18A00',
  omvang: { volume: 4, eenheid: '04', frequentie: '2' },
};

/** Providers (AGB) by sub-region of the client's origin, with weights; all illustrative. */
const BW_PROVIDERS_NOORD: readonly (readonly [string, number])[] = [
  ['12340001', 50],
  ['12340002', 30],
  ['12340005', 20],
];
const BW_PROVIDERS_MIDDEN: readonly (readonly [string, number])[] = [
  ['12340003', 55],
  ['12340004', 45],
];
const MO_PROVIDER = '12340006';
const VROUWENOPVANG_PROVIDER = '12340007';
const BP_PROVIDER = '12340008';
const LONG_END = '2025-12-31';

export function generate(data: RegionData, options: GenerateOptions): Generated {
  const rnd = new Random(options.seed);
  const { region } = data;
  const schaal = options.schaal ?? 1;
  const subregio = new Map(region.gemeenten.map((g) => [g.code, g.subregio ?? '']));
  const centrum = region.centrumgemeente;
  const clients: GenClient[] = [];
  const toewijzingen: GenToewijzing[] = [];
  let nummer = 100000;
  const newClient = (herkomst: string): GenClient => {
    const c = { index: clients.length, bsn: testBsn(clients.length), herkomst };
    clients.push(c);
    return c;
  };
  const sender = (herkomst: string) =>
    options.toewijzer === 'eigen' && herkomst !== '0000' ? herkomst : centrum;
  const bwProvider = (herkomst: string) =>
    rnd.weighted(subregio.get(herkomst) === 'Midden-Limburg' ? BW_PROVIDERS_MIDDEN : BW_PROVIDERS_NOORD);
  const addToewijzing = (client: GenClient, agb: string, p: ProductChoice, ingang: string, eind: string) => {
    const t: GenToewijzing = {
      gemeente: sender(client.herkomst),
      agb,
      client,
      bsn: client.bsn,
      toewijzingNummer: nummer++,
      referentieAanbieder: null,
      productCategorie: p.categorie,
      productCode: p.code,
      toewijzingsdatum: addDays(ingang, -rnd.int(1, 20)),
      toewijzingstijd: '10:00:00',
      ingangsdatum: ingang,
      einddatum: eind,
      redenWijziging: null,
      omvang: p.omvang,
      budget: null,
      herkomstgemeente: options.toewijzer === 'eigen' && client.herkomst !== '0000' ? null : client.herkomst,
    };
    toewijzingen.push(t);
    return t;
  };

  // BW: exactly the seed's stand on 1 July 2020, each client with one BW toewijzing active on that date.
  for (const [herkomst, count] of Object.entries(BW_STAND_2020_07_01)) {
    for (let i = 0; i < Math.round(count * schaal); i++) {
      const client = newClient(herkomst);
      const ingang = addDays('2017-01-01', rnd.int(0, 1275)); // up to 2020-06-29
      const eind = rnd.chance(0.3) ? addDays('2020-08-01', rnd.int(0, 500)) : LONG_END;
      const t = addToewijzing(client, bwProvider(herkomst), rnd.weighted(BW_PRODUCTS), ingang, eind);
      // Some are extended later: a new version with a later Toewijzingsdatum replaces the first (RedenWijziging 04).
      if (eind !== LONG_END && rnd.chance(0.2)) {
        toewijzingen.push({
          ...t,
          toewijzingsdatum: addDays(eind, -rnd.int(5, 30)),
          einddatum: addDays(eind, rnd.int(90, 365)),
          redenWijziging: '04',
        });
      }
    }
  }
  // BW inflow after the stand date.
  const members = region.gemeenten.map((g) => g.code);
  const inflow = Math.round(870 * 0.15 * schaal);
  for (let i = 0; i < inflow; i++) {
    const herkomst = rnd.pick(members);
    const client = newClient(herkomst);
    const ingang = addDays('2020-07-02', rnd.int(0, 540));
    addToewijzing(client, bwProvider(herkomst), rnd.weighted(BW_PRODUCTS), ingang, LONG_END);
  }
  // MO: about 500 clients a year, shorter stays, origin spread by inhabitants.
  const weights = region.gemeenten.map((g) => [g.code, Object.values(g.inwoners)[0] ?? 1] as const);
  const years = monthsBetween(options.vanMaand, options.totMaand).length / 12;
  for (let i = 0; i < Math.round(MO_CLIENTS_PER_YEAR * Math.max(years, 0.5) * schaal); i++) {
    const herkomst = rnd.weighted(weights);
    const client = newClient(herkomst);
    const p = rnd.weighted(MO_PRODUCTS);
    const ingang = addDays(`${options.vanMaand}-01`, rnd.int(-120, Math.round(years * 365)));
    const eind = addDays(ingang, p.code === '17A00' ? rnd.int(3, 28) : rnd.int(30, 300));
    addToewijzing(client, p.code === '16002' ? VROUWENOPVANG_PROVIDER : MO_PROVIDER, p, ingang, eind);
  }
  // BWO: a few trajectories.
  for (let i = 0; i < Math.round(40 * schaal); i++) {
    const herkomst = rnd.weighted(weights);
    const client = newClient(herkomst);
    const ingang = addDays(`${options.vanMaand}-01`, rnd.int(-60, 200));
    addToewijzing(client, MO_PROVIDER, BWO_PRODUCT, ingang, addDays(ingang, rnd.int(60, 400)));
  }

  const declaraties = declare(rnd, data, toewijzingen, options);
  const taakgericht = taakgerichtReports(rnd, centrum, options);
  return { options, clients, toewijzingen, declaraties, taakgericht };
}

/** The effective version of every toewijzing (the latest Toewijzingsdatum), as the pipeline will keep it. */
export function currentToewijzingen(toewijzingen: readonly GenToewijzing[]): GenToewijzing[] {
  const byKey = new Map<string, GenToewijzing>();
  for (const t of toewijzingen) {
    const key = `${t.gemeente}/${t.toewijzingNummer}`;
    const prev = byKey.get(key);
    if (!prev || prev.toewijzingsdatum < t.toewijzingsdatum) byKey.set(key, t);
  }
  return [...byKey.values()];
}

function weeksTouched(begin: string, eind: string): number {
  // Partial calendar weeks (Monday–Sunday) the period touches.
  const first = new Date(`${begin}T00:00:00Z`);
  const last = new Date(`${eind}T00:00:00Z`);
  const mondayOf = (d: Date) => Math.floor((d.getTime() / 86_400_000 + 3) / 7);
  return mondayOf(last) - mondayOf(first) + 1;
}

function volumeFor(rnd: Random, t: GenToewijzing, begin: string, eind: string): number {
  const days = Math.round((Date.parse(eind) - Date.parse(begin)) / 86_400_000) + 1;
  const o = t.omvang!;
  if (o.eenheid === '14') return days;
  if (o.eenheid === '82') return 1;
  return Math.max(
    1,
    Math.min(o.volume * weeksTouched(begin, eind), rnd.int(2, o.volume) * weeksTouched(begin, eind)),
  );
}

function declare(
  rnd: Random,
  data: RegionData,
  all: readonly GenToewijzing[],
  options: GenerateOptions,
): GenDeclaratie[] {
  const current = currentToewijzingen(all);
  const byNummer = new Map(current.map((t) => [t.toewijzingNummer, t]));
  const history = new DeclarationHistory();
  const out: GenDeclaratie[] = [];
  let fileNo = 0;
  let extraRef = 0;
  for (const maand of monthsBetween(options.vanMaand, options.totMaand)) {
    const start = `${maand}-01`;
    const end = lastOfMonth(start);
    const groups = new Map<string, { t: GenToewijzing; p: GenPrestatie }[]>();
    let lineNo = 0;
    for (const t of current) {
      if (t.ingangsdatum > end || (t.einddatum !== null && t.einddatum < start)) continue;
      const begin = maxDate(start, t.ingangsdatum);
      const eind = t.einddatum === null ? end : minDate(end, t.einddatum);
      const tarief = contractTarief(
        data.tarieven,
        t.agb,
        t.productCategorie!,
        t.productCode!,
        begin,
      ) as TariefRow;
      const volume = volumeFor(rnd, t, begin, eind);
      const key = `${t.gemeente}|${t.agb}`;
      const list = groups.get(key) ?? [];
      list.push({
        t,
        p: {
          bsn: t.bsn,
          referentieNummer: `${t.agb.slice(-4)}${maand.replace('-', '')}${String(++lineNo).padStart(6, '0')}`,
          vorigReferentieNummer: null,
          toewijzingNummer: t.toewijzingNummer,
          productCategorie: t.productCategorie!,
          productCode: t.productCode!,
          begin,
          eind,
          volume,
          eenheid: t.omvang!.eenheid,
          tarief: tarief.productTarief,
          bedrag: volume * tarief.productTarief,
          debetCredit: 'D',
        },
      });
      groups.set(key, list);
    }
    for (const [key, lines] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const [gemeente, agb] = key.split('|');
      fileNo++;
      const byClient = new Map<string, GenPrestatie[]>();
      for (const { p } of lines) byClient.set(p.bsn, [...(byClient.get(p.bsn) ?? []), p]);
      const clienten = [...byClient.entries()].map(([bsn, prestaties]) => ({ bsn, prestaties }));
      const formaat = options.formaat === 'gemengd' ? (fileNo % 2 === 0 ? 'csv' : 'xml') : options.formaat;
      const dagtekening = addDays(firstOfMonth(nextMonth(maand)), 4);
      const planted: PlantedError[] = [];
      const plantedState: PlantedStateError[] = [];
      const yymm = maand.slice(2).replace('-', '');
      const decl: GenDeclaratie = {
        gemeente,
        agb,
        maand,
        identificatie: `B${yymm}${agb.slice(-4)}${String(fileNo % 1000).padStart(3, '0')}`,
        dagtekening,
        kop: {
          declaratieNummer: `D${yymm}${agb.slice(-4)}`,
          periodeBegin: start,
          periodeEind: end,
          dagtekening,
          totaalBedrag: 0,
          totaalDebetCredit: 'D',
        },
        formaat,
        clienten,
        planted,
        plantedState,
      };
      if (rnd.chance(options.foutAandeel)) {
        const found = plantInMessageError(rnd, decl, options.foutSoorten);
        if (found) planted.push(found);
      }
      if (planted.length === 0 && options.staatFoutAandeel) {
        const used = new Set<GenPrestatie>();
        const count = Math.max(1, Math.round(lines.length * options.staatFoutAandeel));
        plantedState.push(
          ...plantStateErrors(
            {
              rnd,
              d: decl,
              history,
              toewijzing: (n) => byNummer.get(n),
              tarief: (a, code, datum) =>
                contractTarief(data.tarieven, a, code.slice(0, 2), code, datum)?.productTarief ?? null,
              newRef: () => `X${agb.slice(-4)}${yymm}${String(++extraRef).padStart(6, '0')}`,
              used,
            },
            count,
            options.staatFoutSoorten,
          ),
        );
        const plantedRefs = new Set(plantedState.map((e) => e.referentieNummer));
        history.remember(
          decl,
          decl.clienten
            .flatMap((c) => c.prestaties)
            .filter((p) => !used.has(p) && !plantedRefs.has(p.referentieNummer)),
        );
      }
      out.push(withTotals(decl));
    }
  }
  return out;
}

/** Sets TotaalIngediendBedrag to the sum of the lines, unless a TR358 error was planted (then it stays off). */
export function withTotals(d: GenDeclaratie): GenDeclaratie {
  let sum = 0;
  for (const c of d.clienten)
    for (const p of c.prestaties) sum += p.debetCredit === 'C' ? -p.bedrag : p.bedrag;
  const off = d.planted.some((e) => e.rule === 'TR358') ? 100 : 0;
  const total = sum + off;
  return {
    ...d,
    kop: { ...d.kop, totaalBedrag: Math.abs(total), totaalDebetCredit: total < 0 ? 'C' : 'D' },
  };
}

function taakgerichtReports(rnd: Random, centrum: string, options: GenerateOptions): GenTaakgericht[] {
  const out: GenTaakgericht[] = [];
  const first = Number(options.vanMaand.slice(0, 4));
  const last = Number(options.totMaand.slice(0, 4));
  for (let year = first; year <= last; year++) {
    for (const [begin, eind] of [
      [`${year}-01-01`, `${year}-06-30`],
      [`${year}-07-01`, `${year}-12-31`],
    ] as const) {
      if (begin.slice(0, 7) > options.totMaand) continue;
      out.push({
        gemeente: centrum,
        periode: `${year}-${begin.slice(5, 7) === '01' ? 'H1' : 'H2'}`,
        rows: Object.entries(BP_CLIENTS_2020).map(([gemeente, clients]) => {
          const aantal = Math.max(1, Math.round(clients * (0.9 + rnd.next() * 0.2)));
          return {
            gemeente,
            taakveld: 'BP' as const,
            periodeBegin: begin,
            periodeEind: eind,
            agbCode: BP_PROVIDER,
            aantalClienten: aantal,
            bedrag: aantal * 41500,
          };
        }),
      });
    }
  }
  return out;
}

export { STAND_DATE };

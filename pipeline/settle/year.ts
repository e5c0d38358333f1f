/**
 * One year over all active schemes, without post-calculations or versions: resolve the configuration, attribute the
 * cost lines, project a provisional year to its end, compute each scheme and the per-inhabitant contribution, and
 * hash every input used. Used by the statement, the key scenarios and the recomputation of closed years.
 *
 * Provisional projection (documented choice): care costs known up to and including month n of the year are scaled
 * linearly to the year, x × 12 / n, rounded half up to the cent per member (and for the unknown-origin line).
 * Operating costs are yearly amounts and are taken as configured; budgets are yearly as well.
 */

import type { Regeling, Sleutel } from '../../schemas/settlement';
import { MONTH } from '../dates';
import { attributeCosts } from './attribution';
import { perInhabitantContribution } from './contribution';
import { Problemen } from './errors';
import { hashJson, type Json } from './hash';
import { activeSchemes, indexBudgetten, resolveScheme } from './inputs';
import { Dec, roundHalfUp } from './round';
import { computeScheme, type LidInvoer } from './scheme';
import type {
  BijdrageOverzicht,
  CostLine,
  NietToegerekend,
  Projectie,
  SchemeStatement,
  SettlementConfig,
  Status,
} from './types';
import { cmpText } from './types';

/** Version of the calculation rules; part of every input hash so a rule change never reuses an old hash. */
export const REKENMODEL = 1;

export interface JaarBerekening {
  readonly jaar: number;
  readonly status: Status;
  /** Provisional: the last month whose costs are known (YYYY-MM within the year). */
  readonly totEnMetMaand?: string;
  /** Keys replacing a scheme's configured key, by index in verevening.regelingen (scenarios). */
  readonly sleutels?: ReadonlyMap<number, Sleutel>;
}

export interface JaarUitkomst {
  readonly regelingen: readonly SchemeStatement[];
  readonly bijdragePerInwoner: BijdrageOverzicht | null;
  readonly nietToegerekend: readonly NietToegerekend[];
  readonly projectie: Projectie | null;
  readonly invoerHash: string;
}

function maandenBekend(opties: JaarBerekening): number | null {
  if (opties.status === 'definitief') {
    if (opties.totEnMetMaand !== undefined)
      throw new RangeError('een definitief overzicht gaat over het hele jaar: laat totEnMetMaand weg');
    return null;
  }
  const m = opties.totEnMetMaand;
  if (m === undefined || !MONTH.test(m) || Number(m.slice(0, 4)) !== opties.jaar)
    throw new RangeError(`een voorlopig overzicht vraagt totEnMetMaand als JJJJ-MM binnen ${opties.jaar}`);
  return Number(m.slice(5, 7));
}

/** The line as plain JSON with its file ids sorted: the unit of the input hash. */
function kostenJson(l: CostLine): Json {
  return {
    herkomstgemeente: l.herkomstgemeente,
    maand: l.maand,
    taakveld: l.taakveld,
    productCategorie: l.productCategorie,
    productCode: l.productCode,
    bedrag: l.bedrag,
    fileIds: [...l.fileIds].sort(cmpText),
    gemeente: l.gemeente,
    toewijzing: l.toewijzing && {
      toewijzingGemeente: l.toewijzing.toewijzingGemeente,
      ingangsdatum: l.toewijzing.ingangsdatum,
      einddatumOpOvergangsdatum: l.toewijzing.einddatumOpOvergangsdatum,
      zonderEinddatumOpOvergangsdatum: l.toewijzing.zonderEinddatumOpOvergangsdatum,
      herbeoordeeldOp: l.toewijzing.herbeoordeeldOp,
    },
  };
}

/** A scheme as far as one year's computation reads it (see the input hash below). */
function regelingInvoer(index: number, r: Regeling, centrumgemeente: string, jaar: number): Json {
  const j = String(jaar);
  return {
    index,
    naam: r.naam,
    soort: r.soort,
    leden: [...r.leden].sort(cmpText),
    taakvelden: [...r.taakvelden].sort(cmpText),
    centrumgemeente,
    zorgkosten: r.zorgkosten && {
      categorieen: [...r.zorgkosten.categorieen].sort(cmpText),
      codes: [...r.zorgkosten.codes].sort(cmpText),
    },
    inleg: r.inleg && { bron: r.inleg.bron, factor: r.inleg.ingroeipad?.[j] ?? null },
    bedrijfsvoering: r.bedrijfsvoering && {
      kosten: r.bedrijfsvoering.kosten[j] ?? null,
      innovatiePercentage: r.bedrijfsvoering.innovatiePercentage ?? null,
      sleutel: r.bedrijfsvoering.sleutel,
    },
    sleutel: r.sleutel,
    overgang: r.overgang ?? null,
  };
}

export function computeYear(
  config: SettlementConfig,
  kosten: readonly CostLine[],
  opties: JaarBerekening,
): JaarUitkomst {
  const { jaar } = opties;
  const n = maandenBekend(opties);
  const problemen = new Problemen();
  const budgetten = indexBudgetten(config.budgetten);
  const actieve = activeSchemes(config, jaar);
  const resolved = actieve.map((a) => resolveScheme(config, budgetten, a, jaar, problemen));
  const bijdrage = perInhabitantContribution(config, jaar, problemen);
  problemen.throwIfAny();

  const prefix = `${jaar}-`;
  const lijnen = kosten.filter(
    (l) =>
      l.maand.startsWith(prefix) && (opties.totEnMetMaand === undefined || l.maand <= opties.totEnMetMaand),
  );
  const toerekening = attributeCosts(config.region, actieve, lijnen);
  const projecteer = (x: number): number => (n === null ? x : roundHalfUp(new Dec(x).times(12).div(n)));

  const regelingen = resolved.map((r) => {
    const { regeling, index } = r.actief;
    const k = toerekening.perRegeling.get(index);
    const opmerkingen: string[] = [];
    if (k !== undefined && k.zonderToewijzing > 0)
      opmerkingen.push(
        `${k.zonderToewijzing} kostenregel(s) zonder toewijzinggegevens: overgangsregel niet toepasbaar, toegerekend aan de herkomstgemeente`,
      );
    if (n !== null) opmerkingen.push(`VOORLOPIG: zorgkosten t/m ${opties.totEnMetMaand} × 12 / ${n}`);
    const leden: LidInvoer[] = r.leden.map((l) => {
      const eigen = k?.leden.get(l.gemeente) ?? { zorgkosten: 0, overgang: 0 };
      return {
        ...l,
        eigenZorgkosten: projecteer(eigen.zorgkosten),
        waarvanOvergang: projecteer(eigen.overgang),
        zorgkostenTotDatum: n === null ? null : eigen.zorgkosten,
      };
    });
    return computeScheme({
      naam: regeling.naam,
      soort: regeling.soort,
      taakvelden: regeling.taakvelden,
      centrumgemeente:
        regeling.soort === 'centrumgemeente-with-charge-on' || regeling.overgang !== undefined
          ? r.actief.centrumgemeente
          : null,
      leden,
      onbekend: projecteer(k?.onbekend ?? 0),
      buitenZorgkosten: k?.buitenZorgkosten ?? 0,
      bedrijfsvoering: r.bedrijfsvoering,
      sleutel: opties.sleutels?.get(index) ?? regeling.sleutel,
      bestanden: k ? [...k.bestanden] : [],
      herleiding: k
        ? [...k.herleiding.values()].map((m) => ({
            gemeente: m.gemeente,
            maand: m.maand,
            bedrag: m.bedrag,
            waarvanOvergang: m.overgang,
            bestanden: [...m.bestanden],
          }))
        : [],
      opmerkingen,
    });
  });

  const invoer: Json = {
    rekenmodel: REKENMODEL,
    regio: config.region.code,
    regioNaam: config.region.naam,
    centrumgemeente: config.region.centrumgemeente,
    jaar,
    status: opties.status,
    totEnMetMaand: opties.totEnMetMaand ?? null,
    // Only what this year's figures read: another year's amounts or an explanatory text changing must not make a
    // new version of this year. Member lists are sets: their order in region.json must not change the hash.
    verevening: {
      regelingen: actieve.map((a) => regelingInvoer(a.index, a.regeling, a.centrumgemeente, jaar)),
      bijdragePerInwoner: bijdrage && {
        ...bijdrage,
        ontvanger: { ...bijdrage.ontvanger },
        regels: [...bijdrage.regels]
          .sort((x, y) => cmpText(x.gemeente, y.gemeente))
          .map((r) => [r.gemeente, r.naam, r.inwoners, r.bedrag]),
      },
    },
    sleutels: opties.sleutels
      ? [...opties.sleutels.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([i, s]) => ({ regeling: i, sleutel: s }))
      : null,
    gemeenten: [...config.region.gemeenten]
      .sort((a, b) => cmpText(a.code, b.code))
      .map((g) => ({ code: g.code, naam: g.naam, inwoners: g.inwoners[String(jaar)] ?? null })),
    zorgproducten: config.region.producten
      .filter((p) => p.zorgkosten)
      .map((p) => `${p.categorie}/${p.code}`)
      .sort(cmpText),
    budgetten: config.budgetten
      .filter((b) => b.jaar === jaar)
      .map((b) => [b.gemeente, b.taakveld, b.historischBudget, b.objectiefBudget])
      .sort((a, b) => cmpText(JSON.stringify(a), JSON.stringify(b))),
    kosten: lijnen.map((l) => hashJson(kostenJson(l))).sort(cmpText),
  };
  return {
    regelingen,
    bijdragePerInwoner: bijdrage,
    nietToegerekend: toerekening.nietToegerekend,
    projectie:
      n === null
        ? null
        : {
            totEnMetMaand: opties.totEnMetMaand as string,
            maandenBekend: n,
            methode: `lineair: zorgkosten t/m ${opties.totEnMetMaand} × 12 / ${n}, per gemeente half naar boven afgerond op hele centen; bedrijfsvoering en inleg als jaarbedrag`,
          },
    invoerHash: hashJson(invoer),
  };
}

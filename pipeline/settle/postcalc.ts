/**
 * Post-calculation (nacalculatie). A definitief statement freezes its year. Corrections that arrive later (late
 * credits and debits) change the year's figures when it is recomputed; the difference per member is booked in a
 * post-calculation line of a later statement, never in the closed one.
 *
 * Baseline: what a closed year was last settled at, i.e. the recomputation in the latest closed statement that
 * carried a post-calculation for that year, else the year's own final statement. So a correction is booked once:
 * the next statement compares against the stand that already includes it.
 * Period: corrections are booked up to `correctietermijnJaren` (default 5) years back; an older year that changed is
 * reported under `buitenTermijn` and not booked.
 */
import { diffRegelingen } from './diff';
import type { Json } from './hash';
import type {
  BuitenTermijn,
  CostLine,
  Nacalculatie,
  NacalculatieRegel,
  SchemeStatement,
  SettlementConfig,
  Statement,
} from './types';
import { computeYear } from './year';

export interface NacalculatieUitkomst {
  readonly nacalculaties: readonly Nacalculatie[];
  readonly buitenTermijn: readonly BuitenTermijn[];
  /** What of this enters the input hash of the statement that carries it. */
  readonly invoer: Json;
}

interface Basis {
  readonly omschrijving: string;
  readonly invoerHash: string;
  readonly regelingen: readonly SchemeStatement[];
}

/** Final statements of the years before `jaar`, one per year, checked. */
export function closedYears(
  config: SettlementConfig,
  jaar: number,
  afgesloten: readonly Statement[],
): Map<number, Statement> {
  const perJaar = new Map<number, Statement>();
  for (const s of afgesloten) {
    if (s.status !== 'definitief')
      throw new RangeError(
        `afgesloten overzichten moeten definitief zijn; ${s.jaar} versie ${s.versie} is ${s.status}`,
      );
    if (s.regio.code !== config.region.code)
      throw new RangeError(
        `afgesloten overzicht ${s.jaar} hoort bij regio ${s.regio.code}, niet bij ${config.region.code}`,
      );
    if (s.jaar >= jaar) continue;
    if (perJaar.has(s.jaar)) throw new RangeError(`twee definitieve overzichten voor ${s.jaar}`);
    perJaar.set(s.jaar, s);
  }
  return perJaar;
}

function basisVoor(jaar: number, eigen: Statement, gesloten: ReadonlyMap<number, Statement>): Basis {
  let basis: Basis = {
    omschrijving: `definitief overzicht ${jaar} (versie ${eigen.versie})`,
    invoerHash: eigen.invoerHash,
    regelingen: eigen.regelingen,
  };
  for (const w of [...gesloten.keys()].sort((a, b) => a - b)) {
    if (w <= jaar) continue;
    const s = gesloten.get(w);
    const n = s?.nacalculaties.find((x) => x.jaar === jaar);
    if (s && n)
      basis = {
        omschrijving: `nacalculatie ${jaar} in het definitieve overzicht ${w} (versie ${s.versie})`,
        invoerHash: n.herberekening.invoerHash,
        regelingen: n.herberekening.regelingen,
      };
  }
  return basis;
}

function regels(basis: readonly SchemeStatement[], nieuw: readonly SchemeStatement[]): NacalculatieRegel[] {
  const out: NacalculatieRegel[] = [];
  const namen = [...new Set([...basis.map((s) => s.naam), ...nieuw.map((s) => s.naam)])];
  for (const naam of namen) {
    const oud = new Map((basis.find((s) => s.naam === naam)?.regels ?? []).map((l) => [l.gemeente, l]));
    const hier = new Map((nieuw.find((s) => s.naam === naam)?.regels ?? []).map((l) => [l.gemeente, l]));
    const codes = [...new Set([...oud.keys(), ...hier.keys()])].sort();
    for (const code of codes) {
      const a = oud.get(code);
      const b = hier.get(code);
      const vorigDeel = a?.deelResultaat ?? 0;
      const nieuwDeel = b?.deelResultaat ?? 0;
      const vorigeNetto = a?.nettoKosten ?? 0;
      const nieuweNetto = b?.nettoKosten ?? 0;
      if (vorigDeel === nieuwDeel && vorigeNetto === nieuweNetto) continue;
      out.push({
        regeling: naam,
        gemeente: code,
        naam: b?.naam ?? a?.naam ?? code,
        vorigDeelResultaat: vorigDeel,
        nieuwDeelResultaat: nieuwDeel,
        verschilDeelResultaat: nieuwDeel - vorigDeel,
        vorigeNettoKosten: vorigeNetto,
        nieuweNettoKosten: nieuweNetto,
        verschilNettoKosten: nieuweNetto - vorigeNetto,
      });
    }
  }
  return out;
}

/** Recomputes every closed year before `jaar` and books what changed since it was last settled. */
export function postCalculations(
  config: SettlementConfig,
  kosten: readonly CostLine[],
  jaar: number,
  afgesloten: readonly Statement[],
): NacalculatieUitkomst {
  const gesloten = closedYears(config, jaar, afgesloten);
  const termijn = config.verevening.correctietermijnJaren;
  const nacalculaties: Nacalculatie[] = [];
  const buitenTermijn: BuitenTermijn[] = [];
  const invoer: Json[] = [];
  for (const y of [...gesloten.keys()].sort((a, b) => a - b)) {
    const eigen = gesloten.get(y);
    if (eigen === undefined) continue;
    const basis = basisVoor(y, eigen, gesloten);
    const herberekening = computeYear(config, kosten, { jaar: y, status: 'definitief' });
    const verklaring = diffRegelingen(basis.regelingen, herberekening.regelingen);
    const lijst = regels(basis.regelingen, herberekening.regelingen);
    // Only changed figures make a post-calculation; a file re-identified with the same amounts does not.
    if (verklaring.posten.length === 0) continue;
    const verschil = lijst.reduce((t, r) => t + r.verschilNettoKosten, 0);
    if (jaar - y > termijn) {
      buitenTermijn.push({
        jaar: y,
        verschilNettoKosten: verschil,
        toelichting: `correctie op ${y} valt buiten de termijn van ${termijn} jaar en is niet verwerkt`,
      });
      invoer.push({ jaar: y, buitenTermijn: herberekening.invoerHash });
      continue;
    }
    nacalculaties.push({
      jaar: y,
      basis: { omschrijving: basis.omschrijving, invoerHash: basis.invoerHash },
      herberekening: { invoerHash: herberekening.invoerHash, regelingen: herberekening.regelingen },
      regels: lijst,
      verschilNettoKosten: verschil,
      verklaring,
    });
    invoer.push({ jaar: y, basis: basis.invoerHash, herberekening: herberekening.invoerHash });
  }
  return { nacalculaties, buitenTermijn, invoer };
}

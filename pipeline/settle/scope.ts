/**
 * A statement as a municipality's backoffice may see it: the schemes' regional figures (pot, costs, operating costs,
 * result, key, totals) and only its own lines (member lines, traceability, contribution per inhabitant,
 * post-calculations, unattributed costs, key comparison). Explanations that name another member are left out, and
 * so are the lists of other municipalities' files.
 */
import type { ScenarioVergelijking, SchemeStatement, Statement, Verschillen } from './types';

export interface Zicht {
  /** The municipalities the caller may see. */
  readonly eigen: ReadonlySet<string>;
  /** Every member code of the region (to recognise a sentence about another member). */
  readonly alle: readonly string[];
}

function overAnderen(tekst: string, zicht: Zicht): boolean {
  return zicht.alle.some((code) => !zicht.eigen.has(code) && new RegExp(`\\b${code}\\b`).test(tekst));
}

export function verschillen(v: Verschillen, zicht: Zicht): Verschillen {
  // The sentences listing files name other municipalities' files too: a backoffice gets no file lists.
  const bestandzin = (z: string) =>
    z.startsWith('Bestanden toegevoegd:') || z.startsWith('Bestanden vervallen:');
  return {
    samenvatting: v.samenvatting.filter((z) => !bestandzin(z) && !overAnderen(z, zicht)),
    posten: v.posten.filter((p) => !overAnderen(p.onderdeel, zicht)),
    bestandenToegevoegd: [],
    bestandenVervallen: [],
  };
}

function regeling(r: SchemeStatement, zicht: Zicht): SchemeStatement {
  const herleiding = r.herleiding.filter((h) => zicht.eigen.has(h.gemeente));
  return {
    ...r,
    regels: r.regels.filter((l) => zicht.eigen.has(l.gemeente)),
    herleiding,
    bestanden: [...new Set(herleiding.flatMap((h) => h.bestanden))].sort(),
    opmerkingen: r.opmerkingen.filter((o) => !overAnderen(o, zicht)),
  };
}

export function statementVoor(s: Statement, zicht: Zicht): Statement {
  return {
    ...s,
    verschillen: s.verschillen && verschillen(s.verschillen, zicht),
    regelingen: s.regelingen.map((r) => regeling(r, zicht)),
    bijdragePerInwoner: s.bijdragePerInwoner && {
      ...s.bijdragePerInwoner,
      regels: s.bijdragePerInwoner.regels.filter((r) => zicht.eigen.has(r.gemeente)),
    },
    nacalculaties: s.nacalculaties.map((n) => ({
      ...n,
      herberekening: {
        ...n.herberekening,
        regelingen: n.herberekening.regelingen.map((r) => regeling(r, zicht)),
      },
      regels: n.regels.filter((r) => zicht.eigen.has(r.gemeente)),
      verklaring: verschillen(n.verklaring, zicht),
    })),
    nietToegerekend: s.nietToegerekend.filter((n) => zicht.eigen.has(n.herkomstgemeente)),
    perGemeente: s.perGemeente.filter((g) => zicht.eigen.has(g.gemeente)),
  };
}

export function vergelijkingVoor(v: ScenarioVergelijking, zicht: Zicht): ScenarioVergelijking {
  return {
    ...v,
    regelingen: v.regelingen.map((r) => ({
      ...r,
      leden: r.leden.filter((l) => zicht.eigen.has(l.gemeente)),
    })),
  };
}

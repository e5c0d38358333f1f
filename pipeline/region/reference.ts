/** The region's reference data as the rules against state ask for it (tariffs, product list, municipalities). */
import { defaultTaakveld } from '../../schemas/iwmo/codelists';
import type { Variant } from '../reconcile/omvang';
import type { ReferenceData } from '../rules/state/types';
import { contractTarief, type RegionData } from './load';

export function referenceData(data: RegionData): ReferenceData & {
  taakveld(categorie: string, code: string): string;
  vestiging(agb: string, categorie: string, code: string, datum: string): string | null;
} {
  const products = new Map(
    data.region.producten.map((p) => [
      `${p.categorie}/${p.code}`,
      { variant: p.variant as Variant, taakveld: p.taakveld },
    ]),
  );
  const gemeenten = new Set(data.region.gemeenten.map((g) => g.code));
  // Nearly every line asks about the product of the line before: remember the last answer.
  let last: {
    categorie: string;
    code: string;
    product: { variant: Variant; taakveld: string } | null;
  } | null = null;
  const product = (categorie: string, code: string) => {
    if (last?.categorie === categorie && last.code === code) return last.product;
    last = { categorie, code, product: products.get(`${categorie}/${code}`) ?? null };
    return last.product;
  };
  const tariefCache = new Map<string, ReturnType<typeof contractTarief>>();
  // Two rules ask for the tariff of each line, and consecutive lines mostly share it: remember the last answer.
  let lastTarief: {
    agb: string;
    categorie: string;
    code: string;
    datum: string;
    eenheid: string;
    tarief: ReturnType<typeof contractTarief>;
  } | null = null;
  return {
    tarief(agb, categorie, code, datum, eenheid) {
      if (
        lastTarief?.agb === agb &&
        lastTarief.categorie === categorie &&
        lastTarief.code === code &&
        lastTarief.datum === datum &&
        lastTarief.eenheid === eenheid
      )
        return lastTarief.tarief;
      const id = `${agb}|${categorie}|${code}|${datum}|${eenheid}`;
      let t = tariefCache.get(id);
      if (t === undefined) {
        t = contractTarief(data.tarieven, agb, categorie, code, datum, eenheid);
        tariefCache.set(id, t);
      }
      lastTarief = { agb, categorie, code, datum, eenheid, tarief: t };
      return t;
    },
    product,
    gemeenteBekend: (code) => gemeenten.has(code),
    /** Taakveld of a product: the region's list, else by category (15 BW, 16/17 MO, 18 BWO). */
    taakveld: (categorie, code) => product(categorie, code)?.taakveld ?? defaultTaakveld(categorie) ?? 'BWO',
    /** Municipality of the provider's location for a product (tarieven.csv VestigingGemeente). */
    vestiging: (agb, categorie, code, datum) =>
      contractTarief(data.tarieven, agb, categorie, code, datum)?.vestigingGemeente ??
      data.aanbieders.find((a) => a.agbCode === agb)?.vestigingGemeente ??
      null,
  };
}

export type Reference = ReturnType<typeof referenceData>;

import { ruleFinding } from '../../read/findings';
import { bsnInt, dateInt, hashInt, IntColumn, LineTable } from '../line-table';
import { locatePrestatie } from '../locate';
import { defineDeclaratieRule } from '../types';

interface State {
  readonly slots: LineTable;
  /** Per debit line: the slot (toewijzing, product, period) as integers, and its identity (Bsn, ReferentieNummer). */
  readonly toewijzing: IntColumn;
  readonly product: IntColumn;
  readonly begin: IntColumn;
  readonly eind: IntColumn;
  readonly bsns: IntColumn;
  readonly refs: string[];
  /** ProductCategorie + ProductCode → a small number. */
  readonly products: Map<string, number>;
  /** Slot and identity of debits already reported (rare), so that a repeat of one is left to TR101. */
  readonly reported: Set<string>;
  last: { cat: string; code: string; number: number };
}

/** ProductCategorie/ProductCode as a small number; consecutive lines usually name the same product. */
function productNumber(s: State, cat: string, code: string): number {
  if (cat === s.last.cat && code === s.last.code) return s.last.number;
  const key = `${cat}/${code}`;
  let n = s.products.get(key);
  if (n === undefined) {
    n = s.products.size;
    s.products.set(key, n);
  }
  s.last = { cat, code, number: n };
  return n;
}

/**
 * TR416: at most one debit per ProductPeriode, ProductCategorie, ProductCode and ToewijzingNummer in a message
 * (all care in one product period is summed into one prestatie). An exact repeat of a line (same Bsn and
 * ReferentieNummer) is TR101's, not reported twice.
 */
export const TR416 = defineDeclaratieRule<State>({
  id: 'TR416',
  fold: {
    init: () => {
      const toewijzing = new IntColumn();
      const product = new IntColumn();
      const begin = new IntColumn();
      const eind = new IntColumn();
      return {
        slots: new LineTable(
          (a, b) =>
            toewijzing.get(a) === toewijzing.get(b) &&
            product.get(a) === product.get(b) &&
            begin.get(a) === begin.get(b) &&
            eind.get(a) === eind.get(b),
        ),
        toewijzing,
        product,
        begin,
        eind,
        bsns: new IntColumn(),
        refs: [],
        products: new Map(),
        reported: new Set(),
        last: { cat: '', code: '', number: -1 },
      };
    },
    step: (s, r) => {
      const p = r.prestatie;
      if (p.debetCredit !== 'D') return null;
      const product = productNumber(s, p.productCategorie, p.productCode);
      const tw = p.toewijzingNummer | 0;
      const begin = dateInt(p.begin);
      const eind = dateInt(p.eind);
      const line = s.refs.length;
      s.toewijzing.push(tw);
      s.product.push(product);
      s.begin.push(begin);
      s.eind.push(eind);
      s.bsns.push(bsnInt(p.bsn));
      s.refs.push(p.referentieNummer);
      const hash = hashInt(eind, hashInt(begin, hashInt(product, hashInt(tw))));
      const earlier = s.slots.findOrAdd(hash, line);
      if (earlier < 0) return null;
      const identity = `${p.bsn}|${p.referentieNummer}`;
      if (s.refs[earlier] === p.referentieNummer && s.bsns.get(earlier) === bsnInt(p.bsn)) return null;
      const repeat = `${earlier}|${identity}`;
      if (s.reported.has(repeat)) return null;
      s.reported.add(repeat);
      return ruleFinding(
        'declaratie',
        'TR416',
        locatePrestatie(r, 'ReferentieNummer'),
        `tweede debetprestatie voor toewijzing ${p.toewijzingNummer}, product ${p.productCategorie}/${p.productCode}, periode ${p.begin} t/m ${p.eind} (eerder: ${s.refs[earlier]})`,
      );
    },
    finish: () => null,
  },
});

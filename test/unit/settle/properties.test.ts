/**
 * Properties of the settlement (fast-check), over all three kinds of scheme:
 * parts sum exactly to the result; net costs sum to care costs + operating costs; operating cost shares sum to the
 * operating costs; the statement does not depend on the order of members (scheme level) or of any input (year level,
 * including the input hash); a 100 % inleg key with a zero result gives net cost = inleg.
 */
import fc from 'fast-check';
import { loadSettlementConfig } from '../../../pipeline/settle/config';
import { Dec } from '../../../pipeline/settle/round';
import { computeScheme, type LidInvoer, type SchemeInput } from '../../../pipeline/settle/scheme';
import { settleYear } from '../../../pipeline/settle/statement';
import type { CostLine } from '../../../pipeline/settle/types';
import type { Sleutel } from '../../../schemas/settlement';
import {
  A,
  B,
  C,
  lijn,
  VOORBEELD_BUDGETTEN,
  VOORBEELD_KOSTEN,
  voorbeeldRegio,
  voorbeeldVerevening,
} from './fixtures';

const pct = (n: number) => new Dec(n).div(10_000).toFixed();

/** Weights as cut points of 10,000: they always sum to exactly 1. */
function sleutelArb(codes: readonly string[]): fc.Arbitrary<Sleutel> {
  return fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 3, maxLength: 3 }),
      fc.array(fc.integer({ min: 0, max: 10_000 }), {
        minLength: codes.length - 1,
        maxLength: codes.length - 1,
      }),
    )
    .map(([cuts, vastCuts]) => {
      const [a, b, c] = [...cuts].sort((x, y) => x - y);
      const v = [0, ...[...vastCuts].sort((x, y) => x - y), 10_000];
      return {
        inleg: pct(a),
        gebruik: pct(b - a),
        inwoners: pct(c - b),
        vast: {
          gewicht: pct(10_000 - c),
          aandelen: Object.fromEntries(codes.map((code, i) => [code, pct(v[i + 1] - v[i])])),
        },
      };
    });
}

const schemeArb: fc.Arbitrary<SchemeInput> = fc
  .uniqueArray(fc.integer({ min: 1, max: 9_999 }), { minLength: 1, maxLength: 7 })
  .chain((nums) => {
    const codes = nums.map((n) => String(n).padStart(4, '0'));
    const lid = (code: string) =>
      fc.record({
        gemeente: fc.constant(code),
        naam: fc.constant(`Gemeente ${code}`),
        inleg: fc.integer({ min: 0, max: 5_000_000_000 }),
        inwoners: fc.integer({ min: 0, max: 200_000 }),
        eigenZorgkosten: fc.integer({ min: -1_000_000, max: 5_000_000_000 }),
        waarvanOvergang: fc.constant(0),
      });
    return fc.record({
      soort: fc.constantFrom('pool' as const, 'local' as const, 'centrumgemeente-with-charge-on' as const),
      leden: fc.tuple(...codes.map(lid)),
      onbekend: fc.integer({ min: -1_000_000, max: 500_000_000 }),
      bedrijfsvoering: fc.option(
        fc.record({
          posten: fc
            .tuple(fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 0, max: 50_000_000 }))
            .map(([a, b]) => [
              { post: 'relatiemanagement' as const, bedrag: a },
              { post: 'transferpunt' as const, bedrag: b },
            ]),
          innovatiePercentage: fc.constantFrom('0', '0.5', '1', '2.75'),
          sleutel: sleutelArb(codes),
        }),
        { nil: null },
      ),
      sleutel: sleutelArb(codes),
    });
  })
  .map((r) => {
    const centrum = r.leden[0].gemeente;
    const leden: LidInvoer[] =
      r.soort === 'centrumgemeente-with-charge-on'
        ? r.leden.map((l) => (l.gemeente === centrum ? l : { ...l, inleg: 0 }))
        : r.leden;
    return {
      naam: 'regeling',
      soort: r.soort,
      taakvelden: ['BW'],
      centrumgemeente: centrum,
      leden,
      onbekend: r.onbekend,
      buitenZorgkosten: 0,
      bedrijfsvoering: r.bedrijfsvoering,
      sleutel: r.sleutel,
      bestanden: [],
      opmerkingen: [],
    };
  });

const sum = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0);

describe('scheme properties', () => {
  it('parts sum exactly to the result; net costs sum to care costs + operating costs', () => {
    fc.assert(
      fc.property(schemeArb, (input) => {
        const s = computeScheme(input);
        expect(sum(s.regels.map((l) => l.deelResultaat))).toBe(s.resultaat);
        expect(sum(s.regels.map((l) => l.nettoKosten))).toBe(s.zorgkosten.totaal + s.bedrijfsvoering.totaal);
        expect(sum(s.regels.map((l) => l.aandeelBedrijfsvoering))).toBe(s.bedrijfsvoering.totaal);
        expect(s.resultaat).toBe(s.pot - s.zorgkosten.totaal - s.bedrijfsvoering.totaal);
        // The solidarity effect over all members is exactly the unknown-origin costs nobody owns.
        expect(sum(s.regels.map((l) => l.vereveningseffect))).toBe(s.zorgkosten.onbekend);
      }),
      { numRuns: 150 },
    );
  });

  it('does not depend on the order of the members', () => {
    fc.assert(
      fc.property(
        schemeArb.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray([...input.leden], { minLength: input.leden.length }),
          ),
        ),
        ([input, shuffled]) => {
          expect(computeScheme({ ...input, leden: shuffled })).toEqual(computeScheme(input));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a 100 % inleg key with a zero result gives net cost = inleg', () => {
    fc.assert(
      fc.property(schemeArb, (generated) => {
        const input: SchemeInput = { ...generated, soort: 'pool', sleutel: { inleg: '1' } };
        const pot = sum(input.leden.map((l) => l.inleg));
        const probe = computeScheme({ ...input, onbekend: 0 });
        // Choose the unknown-origin costs so that pot − care − operating = 0.
        const onbekend = pot - probe.zorgkosten.leden - probe.bedrijfsvoering.totaal;
        const s = computeScheme({ ...input, onbekend });
        expect(s.resultaat).toBe(0);
        for (const l of s.regels) {
          expect(l.deelResultaat).toBe(0);
          expect(l.nettoKosten).toBe(l.inleg);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('charge-on: a surplus stays with the centrumgemeente, a shortfall is charged by the key', () => {
    fc.assert(
      fc.property(schemeArb, (generated) => {
        const s = computeScheme({
          ...generated,
          soort: 'centrumgemeente-with-charge-on',
          leden: generated.leden.map((l, i) => (i === 0 ? l : { ...l, inleg: 0 })),
        });
        const centrum = generated.leden[0].gemeente;
        if (s.resultaat >= 0)
          for (const l of s.regels) expect(l.deelResultaat).toBe(l.gemeente === centrum ? s.resultaat : 0);
        else for (const l of s.regels) expect(l.deelResultaat).toBeLessThanOrEqual(0);
      }),
      { numRuns: 100 },
    );
  });
});

describe('year statement properties', () => {
  const extraLijn: fc.Arbitrary<CostLine> = fc
    .record({
      herkomst: fc.constantFrom(A, B, C, '0000'),
      maand: fc.integer({ min: 1, max: 12 }).map((m) => `2024-${String(m).padStart(2, '0')}`),
      bedrag: fc.integer({ min: -5_000_000, max: 20_000_000 }),
      product: fc.constantFrom('15A02', '15A30'),
      files: fc.uniqueArray(fc.constantFrom('x1', 'x2', 'x3', 'x4'), { minLength: 1, maxLength: 3 }),
    })
    .map((r) => lijn(r.herkomst, r.maand, r.bedrag, { productCode: r.product, fileIds: r.files }));

  const permutatie = <T>(xs: readonly T[]) =>
    fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length });

  it('the statement and its input hash do not depend on the order of lines, members, budgets or file ids', () => {
    const region = voorbeeldRegio();
    const leden = region.verevening?.regelingen[0].leden ?? [];
    fc.assert(
      fc.property(
        fc.array(extraLijn, { maxLength: 12 }).chain((extra) => {
          const kosten = [...VOORBEELD_KOSTEN, ...extra];
          return fc.tuple(fc.constant(kosten), permutatie(kosten));
        }),
        permutatie(region.gemeenten),
        permutatie(leden),
        permutatie(VOORBEELD_BUDGETTEN),
        ([kosten, kostenAnders], gemeenten, ledenAnders, budgetten) => {
          const s1 = settleYear(loadSettlementConfig(region, VOORBEELD_BUDGETTEN), kosten, {
            jaar: 2024,
            status: 'definitief',
          });
          const regio2 = {
            ...region,
            gemeenten,
            verevening: region.verevening && {
              ...region.verevening,
              regelingen: region.verevening.regelingen.map((r) => ({ ...r, leden: ledenAnders })),
            },
          };
          const kosten2 = kostenAnders.map((l) => ({ ...l, fileIds: [...l.fileIds].reverse() }));
          const s2 = settleYear(loadSettlementConfig(regio2, budgetten), kosten2, {
            jaar: 2024,
            status: 'definitief',
          });
          expect(s2).toEqual(s1);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('same inputs give the same hash; any changed amount gives another', () => {
    const config = loadSettlementConfig(voorbeeldRegio(), VOORBEELD_BUDGETTEN);
    const a = settleYear(config, VOORBEELD_KOSTEN, { jaar: 2024, status: 'definitief' });
    const b = settleYear(config, [...VOORBEELD_KOSTEN], { jaar: 2024, status: 'definitief' });
    expect(b.invoerHash).toBe(a.invoerHash);
    expect(a.invoerHash).toMatch(/^[0-9a-f]{64}$/);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: VOORBEELD_KOSTEN.length - 1 }),
        fc.integer({ min: 1, max: 1000 }),
        (i, delta) => {
          const changed = VOORBEELD_KOSTEN.map((l, k) => (k === i ? { ...l, bedrag: l.bedrag + delta } : l));
          const c = settleYear(config, changed, { jaar: 2024, status: 'definitief' });
          // A line of another year does not change this year's inputs.
          return VOORBEELD_KOSTEN[i].maand.startsWith('2024')
            ? c.invoerHash !== a.invoerHash
            : c.invoerHash === a.invoerHash;
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('traceability and input scope', () => {
  const extra: fc.Arbitrary<CostLine> = fc
    .record({
      herkomst: fc.constantFrom(A, B, C, '0000'),
      maand: fc.integer({ min: 1, max: 12 }).map((m) => `2023-${String(m).padStart(2, '0')}`),
      bedrag: fc.integer({ min: -5_000_000, max: 20_000_000 }),
      files: fc.uniqueArray(fc.constantFrom('y1', 'y2', 'y3'), { minLength: 1, maxLength: 2 }),
    })
    .map((r) => lijn(r.herkomst, r.maand, r.bedrag, { fileIds: r.files }));

  it('the traceability per member and month adds up to the care costs known, to the cent', () => {
    const config = loadSettlementConfig(voorbeeldRegio(), VOORBEELD_BUDGETTEN);
    fc.assert(
      fc.property(fc.array(extra, { maxLength: 15 }), fc.integer({ min: 1, max: 12 }), (lines, n) => {
        const kosten = [...VOORBEELD_KOSTEN, ...lines];
        const tot = `2023-${String(n).padStart(2, '0')}`;
        for (const s of [
          settleYear(config, kosten, { jaar: 2023, status: 'definitief' }),
          settleYear(config, kosten, { jaar: 2023, status: 'voorlopig', totEnMetMaand: tot }),
        ]) {
          const [r] = s.regelingen;
          const per = (code: string) =>
            sum(r.herleiding.filter((h) => h.gemeente === code).map((h) => h.bedrag));
          for (const l of r.regels) expect(per(l.gemeente)).toBe(l.zorgkostenTotDatum ?? l.eigenZorgkosten);
          if (s.status === 'definitief') {
            expect(per('0000')).toBe(r.zorgkosten.onbekend);
            expect(sum(r.herleiding.map((h) => h.bedrag))).toBe(r.zorgkosten.totaal);
          }
          for (const h of r.herleiding) {
            expect(h.maand <= (s.projectie?.totEnMetMaand ?? '2023-12')).toBe(true);
            for (const f of h.bestanden) expect(r.bestanden).toContain(f);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it("another year's operating costs or an explanatory text do not change this year's input hash", () => {
    const basis = voorbeeldVerevening();
    const hash = (v: typeof basis) =>
      settleYear(loadSettlementConfig(voorbeeldRegio(v), VOORBEELD_BUDGETTEN), VOORBEELD_KOSTEN, {
        jaar: 2023,
        status: 'definitief',
      }).invoerHash;
    const metKosten = (jaar: string, bedrag: number) => ({
      ...basis,
      toelichting: 'een andere toelichting',
      regelingen: basis.regelingen.map((r) => ({
        ...r,
        toelichting: 'ook anders',
        bedrijfsvoering: r.bedrijfsvoering && {
          ...r.bedrijfsvoering,
          kosten: { ...r.bedrijfsvoering.kosten, [jaar]: { relatiemanagement: bedrag } },
        },
      })),
    });
    expect(hash(metKosten('2025', 1))).toBe(hash(basis));
    expect(hash(metKosten('2023', 1))).not.toBe(hash(basis));
  });
});

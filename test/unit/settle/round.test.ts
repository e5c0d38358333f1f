import fc from 'fast-check';
import { Dec, largestRemainder, roundHalfUp } from '../../../pipeline/settle/round';

const verdeel = (total: number, shares: Record<string, string>) =>
  Object.fromEntries(
    largestRemainder(
      total,
      Object.entries(shares).map(([gemeente, s]) => ({ gemeente, aandeel: new Dec(s) })),
    ),
  );

describe('roundHalfUp', () => {
  it.each([
    ['2.5', 3],
    ['2.4999', 2],
    ['-2.5', -3],
    ['-2.4', -2],
    ['1000000.5', 1_000_001],
    ['0', 0],
    ['-0.4', 0],
  ])('%s → %d', (v, expected) => {
    expect(Object.is(roundHalfUp(v), expected)).toBe(true);
  });
});

describe('largestRemainder', () => {
  it('gives leftover cents to the largest remainders', () => {
    // 100 × 1/3 each: 33.33 → floors 99, one cent left; equal remainders → lowest code.
    expect(verdeel(100, { '0300': '1', '0100': '1', '0200': '1' })).toEqual({
      '0100': 34,
      '0200': 33,
      '0300': 33,
    });
  });

  it('breaks ties by gemeentecode ascending, whatever the input order', () => {
    expect(verdeel(3, { '0999': '0.5', '0001': '0.5' })).toEqual({ '0001': 2, '0999': 1 });
    expect(verdeel(3, { '0001': '0.5', '0999': '0.5' })).toEqual({ '0001': 2, '0999': 1 });
  });

  it('splits a negative total on its absolute value with the sign', () => {
    expect(verdeel(-3, { '0001': '0.5', '0999': '0.5' })).toEqual({ '0001': -2, '0999': -1 });
    expect(verdeel(-7, { '0001': '0.7', '0002': '0.3' })).toEqual({ '0001': -5, '0002': -2 });
  });

  it('gives zero (not −0) to members without a cent of a negative total', () => {
    const out = verdeel(-1, { '0001': '0.5', '0002': '0.5' });
    expect(Object.is(out['0002'], 0)).toBe(true);
  });

  it('refuses negative shares, duplicate members and an all-zero key', () => {
    expect(() => verdeel(10, { '0001': '-0.5', '0002': '1.5' })).toThrow(/negatief/);
    expect(() => verdeel(10, { '0001': '0', '0002': '0' })).toThrow(/0/);
    expect(() =>
      largestRemainder(10, [
        { gemeente: '0001', aandeel: new Dec(1) },
        { gemeente: '0001', aandeel: new Dec(1) },
      ]),
    ).toThrow(/dubbel/);
  });

  it('property: parts sum exactly to the total and each stays within one cent of its exact amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const shares = weights.map((w, i) => ({
            gemeente: String(i).padStart(4, '0'),
            aandeel: new Dec(w),
          }));
          const parts = largestRemainder(total, shares);
          const sum = [...parts.values()].reduce((s, v) => s + v, 0);
          if (sum !== total) return false;
          const som = weights.reduce((s, w) => s + w, 0);
          return shares.every((s) => {
            const exact = new Dec(total).times(s.aandeel).div(som);
            const part = parts.get(s.gemeente) ?? Number.NaN;
            return exact.minus(part).abs().lt(1) && (total >= 0 ? part >= 0 : part <= 0);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

/**
 * A CSV of several declarations is judged in credit waves (pipeline/reconcile/credit-waves.ts): its verdicts, usage
 * and figures equal those of the same declarations sent as separate files, in file order. Forty seeded random
 * constellations: 3–8 declarations on 1–3 toewijzingen (per week, a total, budget only), corrections, second and
 * wrong credits, credits of later declarations, reused numbers, wrong tariffs, declarations rejected as a whole.
 */
import { apart, generate, type Outcome, setupOf, together } from '../helpers/waves-differential';

jest.setTimeout(300_000);

test('forty random constellations: one CSV equals separate files', async () => {
  const differing: { seed: number; together: Outcome; apart: Outcome }[] = [];
  for (let seed = 1; seed <= 40; seed++) {
    const c = generate(seed);
    const setup = setupOf(c);
    const one = await together(c.decls, setup);
    const separate = await apart(c.decls, setup);
    if (JSON.stringify(one) !== JSON.stringify(separate))
      differing.push({ seed, together: one, apart: separate });
  }
  expect(differing).toEqual([]);
});

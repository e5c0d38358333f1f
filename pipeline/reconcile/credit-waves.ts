/**
 * In a CSV every DeclaratieNummer is a message of its own, in file order. A credit may reverse a debit of an
 * earlier declaration in the same file, as it may one of an earlier file: that debit must be judged before the
 * credit. Level 3 judges a wave's credits before its debits (so a credit and its replacement may share a
 * message), and waves one after the other; a new wave starts where a declaration credits a debit of an earlier
 * declaration of the current wave. Nearly every file is one wave: the file is then read as often as before.
 */
import type { DeclaratieOutcome } from '../report/results';

/** The declarations (in file order) in waves, each in file order. */
export function creditWaves(declaraties: readonly DeclaratieOutcome[]): DeclaratieOutcome[][] {
  const credited = new Set<string>();
  for (const d of declaraties)
    for (const vorig of d.creditsOf.values()) if (vorig !== null) credited.add(vorig);
  if (credited.size === 0 || declaraties.length < 2) return [[...declaraties]];
  // Which declarations hold a debit that some credit of the file names.
  const debitIn = new Map<string, DeclaratieOutcome[]>();
  for (const d of declaraties) {
    for (let i = 0; i < d.refs.length; i++) {
      const ref = d.refs[i];
      if (!credited.has(ref) || d.creditsOf.has(i)) continue;
      const holders = debitIn.get(ref);
      if (holders) holders.push(d);
      else debitIn.set(ref, [d]);
    }
  }
  const waves: DeclaratieOutcome[][] = [[]];
  let current = new Set<DeclaratieOutcome>();
  for (const d of declaraties) {
    const creditsCurrent = [...d.creditsOf.values()].some(
      (vorig) => vorig !== null && debitIn.get(vorig)?.some((holder) => current.has(holder)),
    );
    if (creditsCurrent) {
      waves.push([]);
      current = new Set();
    }
    waves[waves.length - 1].push(d);
    current.add(d);
  }
  return waves;
}

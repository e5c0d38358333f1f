/**
 * In a CSV every DeclaratieNummer is a message of its own, in file order: a message's credits come after the
 * debits of the messages before it, and before its own debits (so a credit and its replacement may share a
 * message). Level 3 judges in waves of declarations, each wave's credits before its debits, one wave after the
 * other. A new wave starts at a declaration with a credit on a toewijzing that an earlier declaration of the
 * current wave declares a debit on (or whose debit it credits): judged in the same wave, that credit would free
 * room, or lift a 9389, for a debit of an earlier message. Nearly every file is one wave, read as often as before.
 */
import type { DeclaratieOutcome } from '../report/results';

/** Whether any declaration but the first has credits: only then can a file need more than one wave. */
export const mayNeedWaves = (declaraties: readonly DeclaratieOutcome[]): boolean =>
  declaraties.slice(1).some((d) => d.credits > 0);

/**
 * The declarations (in file order) in waves, each in file order. `debitToewijzingen`: per declaration the
 * toewijzingen it declares a debit on (needed only when mayNeedWaves).
 */
export function creditWaves(
  declaraties: readonly DeclaratieOutcome[],
  debitToewijzingen: ReadonlyMap<DeclaratieOutcome, ReadonlySet<number>>,
): DeclaratieOutcome[][] {
  if (!mayNeedWaves(declaraties)) return [[...declaraties]];
  // ReferentieNummers some credit names: for a credit of a debit on another toewijzing than its own.
  const named = new Set<string>();
  for (const d of declaraties) for (const c of d.creditsOf.values()) if (c.vorig !== null) named.add(c.vorig);
  const waves: DeclaratieOutcome[][] = [[]];
  let toewijzingen = new Set<number>();
  let refs = new Set<string>();
  for (const d of declaraties) {
    const credits = [...d.creditsOf.values()];
    const after = credits.some(
      (c) => toewijzingen.has(c.toewijzing) || (c.vorig !== null && refs.has(c.vorig)),
    );
    if (after) {
      waves.push([]);
      toewijzingen = new Set();
      refs = new Set();
    }
    waves[waves.length - 1].push(d);
    for (const t of debitToewijzingen.get(d) ?? []) toewijzingen.add(t);
    d.refs.forEach((ref, i) => {
      if (named.has(ref) && !d.creditsOf.has(i)) refs.add(ref);
    });
  }
  return waves;
}

/**
 * The common frame of the unit tests of the in-message rules (level 2, test/unit/rules/declaratie|toewijzing/):
 * each rule runs, in XML and in CSV, over a table of compliant cases (no finding) and a table of non-compliant cases
 * (exactly the findings at the given places). The frame was written out again in every rule's test file; here it
 * is once, so a rule's test file holds only what is its own: the title, the tables of cases and any extra tests.
 *
 * The test names are those the files had: `<id> <title> (<flavour>)` › `compliant: <case>` / `non-compliant: <case>`.
 */
import type { DeclaratieRule, ToewijzingRule } from '../../pipeline/rules/types';
import {
  type DeclaratieOverrides,
  declaratie,
  FLAVOURS,
  type LineSpec,
  type ProductSpec,
  toewijzing,
} from './records';
import {
  type At,
  expectedOnLines,
  expectedOnProducts,
  runDeclaratieRule,
  runToewijzingRule,
} from './run-rule';

/** A compliant declaration: its name, its lines and, where the case needs them, message or declaration overrides. */
export type DeclaratieCase = readonly [
  name: string,
  lines: readonly LineSpec[],
  overrides?: DeclaratieOverrides,
];
/** A non-compliant declaration: as DeclaratieCase, with the places of the findings before the overrides. */
export type FailingDeclaratieCase = readonly [
  name: string,
  lines: readonly LineSpec[],
  where: readonly At[],
  overrides?: DeclaratieOverrides,
];

export interface DeclaratieRuleCases {
  /** What the rule demands; the describe block is `<id> <title> (<flavour>)`. */
  readonly title: string;
  readonly compliant: readonly DeclaratieCase[];
  readonly nonCompliant: readonly FailingDeclaratieCase[];
}

/** A declaratie rule (DECLARATIE_RULES) on its tables of cases, in both flavours. */
export function describeDeclaratieRule<S>(rule: DeclaratieRule<S>, cases: DeclaratieRuleCases): void {
  // Every row gets its overrides ({} by default): Jest passes a `done` callback to a test function that declares
  // more parameters than its row has.
  const compliant = cases.compliant.map(([name, lines, overrides = {}]) => [name, lines, overrides] as const);
  const nonCompliant = cases.nonCompliant.map(
    ([name, lines, where, overrides = {}]) => [name, lines, where, overrides] as const,
  );
  describe.each(FLAVOURS)(`${rule.id} ${cases.title} (%s)`, (flavour) => {
    it.each(compliant)('compliant: %s', (_, lines, overrides) => {
      expect(runDeclaratieRule(rule, declaratie(flavour, lines, overrides))).toEqual([]);
    });

    it.each(nonCompliant)('non-compliant: %s', (_, lines, where, overrides) => {
      const regels = declaratie(flavour, lines, overrides);
      expect(runDeclaratieRule(rule, regels)).toEqual(expectedOnLines(rule.id, regels, where));
    });
  });
}

/** A compliant toewijzing message: its name and its products. */
export type ToewijzingCase = readonly [name: string, products: readonly ProductSpec[]];
/** A non-compliant toewijzing message: its name, its products and the places of the findings. */
export type FailingToewijzingCase = readonly [
  name: string,
  products: readonly ProductSpec[],
  where: readonly At[],
];

export interface ToewijzingRuleCases {
  /** What the rule demands; the describe block is `<id> <title> (<flavour>)`. */
  readonly title: string;
  readonly compliant: readonly ToewijzingCase[];
  readonly nonCompliant: readonly FailingToewijzingCase[];
}

/** A toewijzing rule (TOEWIJZING_RULES) on its tables of cases, in both flavours. */
export function describeToewijzingRule<S>(rule: ToewijzingRule<S>, cases: ToewijzingRuleCases): void {
  describe.each(FLAVOURS)(`${rule.id} ${cases.title} (%s)`, (flavour) => {
    it.each(cases.compliant)('compliant: %s', (_, products) => {
      expect(runToewijzingRule(rule, toewijzing(flavour, products))).toEqual([]);
    });

    it.each(cases.nonCompliant)('non-compliant: %s', (_, products, where) => {
      const regels = toewijzing(flavour, products);
      expect(runToewijzingRule(rule, regels)).toEqual(expectedOnProducts(rule.id, regels, where));
    });
  });
}

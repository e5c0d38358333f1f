/**
 * The common frame of the unit tests of the rules against state (test/unit/rules/state/): each rule is judged, in
 * XML and in CSV, on a table of compliant cases (no finding) and a table of non-compliant cases (exactly the one
 * finding of the rule, at its field). The frame was written out again in every rule's test file; here it is once,
 * so a rule's test file holds only what is its own: the title, the tables of cases and any extra tests.
 *
 * The test names are those the files had: `<id> <title> (<flavour>)` › `judges debits only` / `compliant: <case>` /
 * `non-compliant: <case>`.
 */
import type { StateMessageRule } from '../../pipeline/rules/state/message';
import type { ReferenceData, StatePrestatieRule } from '../../pipeline/rules/state/types';
import { FLAVOURS, type Flavour, type LineSpec } from './records';
import {
  expectedAt,
  judge,
  judgeMessage,
  type MessageSpec,
  messageContext,
  nmlReference,
  prestatieContext,
  type StateSpec,
} from './state-context';

/** One case of a line rule: its name, the declaration line and the state it is judged against. */
export type LineCase = readonly [name: string, line: LineSpec, spec: StateSpec];

export interface LineRuleCases {
  /** What the rule demands; the describe block is `<id> <title> (<flavour>)`. */
  readonly title: string;
  /** The lines the rule judges (asserted against the rule). */
  readonly applies: StatePrestatieRule['applies'];
  /** The CSV column name of the field a finding names. */
  readonly field: string;
  readonly compliant: readonly LineCase[];
  readonly nonCompliant: readonly LineCase[];
}

const JUDGES: Record<StatePrestatieRule['applies'], string> = {
  D: 'debits only',
  C: 'credits only',
  DC: 'debits and credits',
};

/** A line rule (STATE_PRESTATIE_RULES) on its tables of cases, in both flavours. */
export function describeLineRule(rule: StatePrestatieRule, cases: LineRuleCases): void {
  describe.each(FLAVOURS)(`${rule.id} ${cases.title} (%s)`, (flavour) => {
    it(`judges ${JUDGES[cases.applies]}`, () => {
      expect(rule.applies).toBe(cases.applies);
    });

    it.each(cases.compliant)('compliant: %s', (_, line, spec) => {
      expect(judge(rule, prestatieContext(flavour, line, spec))).toEqual([]);
    });

    it.each(cases.nonCompliant)('non-compliant: %s', (_, line, spec) => {
      const c = prestatieContext(flavour, line, spec);
      expect(judge(rule, c)).toEqual(expectedAt(rule.id, c, cases.field));
    });
  });
}

/** One case against the example region: its name and the declaration line. */
export type RegionLineCase = readonly [name: string, line: LineSpec];

export interface RegionLineRuleCases {
  /** The describe block is `<id> <title> (<flavour>)`. */
  readonly title: string;
  readonly field: string;
  /** The state of every case, given the region's reference data. Default: that reference data only. */
  readonly spec?: (ref: ReferenceData) => StateSpec;
  readonly compliant: readonly RegionLineCase[];
  readonly nonCompliant: readonly RegionLineCase[];
}

/**
 * A line rule against the reference data of examples/regions/nml (loaded once per flavour, as the pipeline builds
 * it), rather than the stub: the region's own contracts and product list must give the same verdicts.
 */
export function describeLineRuleInRegion(rule: StatePrestatieRule, cases: RegionLineRuleCases): void {
  const specOf = cases.spec ?? ((ref: ReferenceData): StateSpec => ({ ref }));
  describe.each(FLAVOURS)(`${rule.id} ${cases.title} (%s)`, (flavour) => {
    let ref: ReferenceData;
    beforeAll(async () => {
      ref = await nmlReference();
    });

    it.each(cases.compliant)('compliant: %s', (_, line) => {
      expect(judge(rule, prestatieContext(flavour, line, specOf(ref)))).toEqual([]);
    });

    it.each(cases.nonCompliant)('non-compliant: %s', (_, line) => {
      const c = prestatieContext(flavour, line, specOf(ref));
      expect(judge(rule, c)).toEqual(expectedAt(rule.id, c, cases.field));
    });
  });
}

/** One case of a message rule: its name and the message state. */
export type MessageCase = readonly [name: string, spec: MessageSpec];

export interface MessageRuleCases {
  /** The describe block is `<id> <title> (<flavour>)`. */
  readonly title: string;
  /** Where the rule rejects (asserted against the rule, once). */
  readonly level: StateMessageRule['level'];
  /** The CSV column name of the field a finding names; per flavour where XML and CSV name different fields. */
  readonly field: string | ((flavour: Flavour) => string);
  /** Default: both. */
  readonly flavours?: readonly Flavour[];
  readonly compliant: readonly MessageCase[];
  readonly nonCompliant: readonly MessageCase[];
}

const REJECTS: Record<StateMessageRule['level'], string> = {
  header: 'the whole message in the header',
  declaratie: 'the declaration (DeclaratieAntwoord), not the header',
};

/** A message or declaration rule (STATE_MESSAGE_RULES) on its tables of cases. */
export function describeMessageRule(rule: StateMessageRule, cases: MessageRuleCases): void {
  const fieldIn = (flavour: Flavour) =>
    typeof cases.field === 'string' ? cases.field : cases.field(flavour);

  it(`${rule.id} rejects ${REJECTS[cases.level]}`, () => {
    expect(rule.level).toBe(cases.level);
  });

  describe.each(cases.flavours ?? FLAVOURS)(`${rule.id} ${cases.title} (%s)`, (flavour) => {
    it.each(cases.compliant)('compliant: %s', (_, spec) => {
      expect(judgeMessage(rule, messageContext(flavour, spec))).toEqual([]);
    });

    it.each(cases.nonCompliant)('non-compliant: %s', (_, spec) => {
      const c = messageContext(flavour, spec);
      expect(judgeMessage(rule, c)).toEqual(expectedAt(rule.id, c, fieldIn(flavour)));
    });
  });
}

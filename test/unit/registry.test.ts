/**
 * The rule registry (schemas/rules.ts) against the code: every registered rule has its rule file, a unit test and
 * a place in the list of rules that run; every retourcode is a real one.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DECLARATIE_RULES } from '../../pipeline/rules/declaratie';
import { TOEWIJZING_RULES } from '../../pipeline/rules/toewijzing';
import type { DeclaratieRule, ToewijzingRule } from '../../pipeline/rules/types';
import { RETOURCODE } from '../../schemas/iwmo/codelists';
import { PROJECT_CODES, RULES, type RuleSpec, ruleFilePath, ruleKey } from '../../schemas/rules';

const ROOT = join(__dirname, '..', '..');
type AnyRule = DeclaratieRule<unknown> | ToewijzingRule<unknown>;

/** The test of a rule sits in test/unit/rules/ under the same folder name as its rule file. */
const testFilePath = (r: RuleSpec) => `test/unit/rules/${basename(dirname(ruleFilePath(r)))}/${r.id}.test.ts`;

const RUNNING: Record<string, readonly AnyRule[]> = {
  declaratie: DECLARATIE_RULES,
  toewijzing: TOEWIJZING_RULES,
};

/** The rule objects a rule file exports (objects with an id and at least one hook). */
function exportedRules(r: RuleSpec): AnyRule[] {
  // A plain require: the rule file is named by the registry, not known at compile time.
  const mod: Record<string, unknown> = require(join(ROOT, ruleFilePath(r)));
  return Object.values(mod).filter(
    (v): v is AnyRule =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as { id?: unknown }).id === 'string' &&
      ['declaratie', 'prestatie', 'client', 'product', 'fold'].some((hook) => hook in v),
  );
}

const duplicates = (xs: readonly string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

describe.each(RULES.map((r) => [ruleKey(r), r] as const))('%s', (_, r) => {
  it('has its rule file', () => {
    expect(existsSync(join(ROOT, ruleFilePath(r)))).toBe(true);
  });

  it('has its unit test', () => {
    expect(existsSync(join(ROOT, testFilePath(r)))).toBe(true);
  });

  it('exports one rule object with the same id', () => {
    expect(exportedRules(r).map((rule) => rule.id)).toEqual([r.id]);
  });

  it('runs: it is in the rule list of its message', () => {
    const [rule] = exportedRules(r);
    expect(RUNNING[r.message] ?? []).toContain(rule);
  });
});

describe('registry', () => {
  it('lists every rule that runs', () => {
    for (const [message, rules] of Object.entries(RUNNING)) {
      const registered = RULES.filter((r) => r.message === message).map((r) => r.id);
      expect(rules.map((rule) => rule.id).filter((id) => !registered.includes(id))).toEqual([]);
    }
  });

  it.each([
    ...RULES.map((r) => [`rule ${ruleKey(r)}`, r.retourcode] as const),
    ...PROJECT_CODES.map((p) => [`project code ${p.id}`, p.retourcode] as const),
  ])('%s has a known retourcode or none', (_, code) => {
    if (code !== null) expect(Object.keys(RETOURCODE)).toContain(code);
  });

  it('has no duplicate keys', () => {
    expect(duplicates(RULES.map(ruleKey))).toEqual([]);
    expect(duplicates(PROJECT_CODES.map((p) => p.id))).toEqual([]);
    // A finding names its rule by id: a project code must not share an id with a rule.
    const ruleIds = new Set(RULES.map((r) => r.id));
    expect(PROJECT_CODES.map((p) => p.id).filter((id) => ruleIds.has(id))).toEqual([]);
  });

  it('runs each rule once', () => {
    for (const rules of Object.values(RUNNING)) expect(duplicates(rules.map((rule) => rule.id))).toEqual([]);
  });
});

/**
 * The rule registry (schemas/rules.ts) against the code: every registered rule has its rule file, a unit test and
 * a place in the list of rules that run; every retourcode is a real one.
 *
 * In-message rules (level 2) live in pipeline/rules/<message>/ and run from DECLARATIE_RULES / TOEWIJZING_RULES.
 * Rules against state (levels 3 and 4) live in pipeline/rules/state/<message>/: a declaratie line rule runs from
 * STATE_PRESTATIE_RULES, a message or declaration rule from STATE_MESSAGE_RULES; TR332 is a function the
 * toewijzing reconciliation calls.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECLARATIE_RULES } from '../../pipeline/rules/declaratie';
import { STATE_PRESTATIE_RULES } from '../../pipeline/rules/state/declaratie';
import { STATE_MESSAGE_RULES } from '../../pipeline/rules/state/declaratie/messages';
import { TOEWIJZING_RULES } from '../../pipeline/rules/toewijzing';
import type { DeclaratieRule, ToewijzingRule } from '../../pipeline/rules/types';
import { RETOURCODE } from '../../schemas/iwmo/codelists';
import { PROJECT_CODES, RULES, type RuleSpec, ruleFilePath, ruleKey } from '../../schemas/rules';

const ROOT = join(__dirname, '..', '..');
type AnyRule = DeclaratieRule<unknown> | ToewijzingRule<unknown>;
/** A rule against state: an object with an id and a check, or (TR332) a function named after the rule. */
type StateRule = { readonly id: string } | ((...args: never[]) => unknown);

const inMessage = (r: RuleSpec) => r.level === 2;
const IN_MESSAGE = RULES.filter(inMessage);
const AGAINST_STATE = RULES.filter((r) => !inMessage(r));

/** The test of a rule mirrors its rule file: pipeline/rules/X/Y.ts is tested in test/unit/rules/X/Y.test.ts. */
const testFilePath = (r: RuleSpec) =>
  ruleFilePath(r)
    .replace(/^pipeline\/rules\//, 'test/unit/rules/')
    .replace(/\.ts$/, '.test.ts');

const RUNNING: Record<string, readonly AnyRule[]> = {
  declaratie: DECLARATIE_RULES,
  toewijzing: TOEWIJZING_RULES,
};

/** Where a rule against state runs, by the message part the registry gives it. */
const RUNNING_STATE: Record<string, readonly { readonly id: string }[]> = {
  'declaratie/prestatie': STATE_PRESTATIE_RULES,
  'declaratie/header': STATE_MESSAGE_RULES,
  'declaratie/declaratie': STATE_MESSAGE_RULES,
};

/** A plain require: the rule file is named by the registry, not known at compile time. */
const load = (r: RuleSpec): Record<string, unknown> => require(join(ROOT, ruleFilePath(r)));

/** The rule objects a rule file exports (objects with an id and at least one hook). */
function exportedRules(r: RuleSpec): AnyRule[] {
  return Object.values(load(r)).filter(
    (v): v is AnyRule =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as { id?: unknown }).id === 'string' &&
      ['declaratie', 'prestatie', 'client', 'product', 'fold'].some((hook) => hook in v),
  );
}

/** What a state rule file exports: rule objects (an id and a check) and functions named like a rule. */
function exportedStateRules(r: RuleSpec): StateRule[] {
  return Object.values(load(r)).filter(
    (v): v is StateRule =>
      (typeof v === 'object' &&
        v !== null &&
        typeof (v as { id?: unknown }).id === 'string' &&
        typeof (v as { check?: unknown }).check === 'function') ||
      (typeof v === 'function' && /^[A-Z]{2,}[0-9]+$/.test(v.name)),
  );
}
const stateRuleId = (rule: StateRule) => (typeof rule === 'function' ? rule.name : rule.id);

const duplicates = (xs: readonly string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

describe.each(RULES.map((r) => [ruleKey(r), r] as const))('%s', (_, r) => {
  it('has its rule file', () => {
    expect(existsSync(join(ROOT, ruleFilePath(r)))).toBe(true);
  });

  it('has its unit test', () => {
    expect(existsSync(join(ROOT, testFilePath(r)))).toBe(true);
  });
});

describe.each(IN_MESSAGE.map((r) => [ruleKey(r), r] as const))('%s (in-message, level 2)', (_, r) => {
  it('lives in pipeline/rules/<message>/ and is tested in test/unit/rules/<message>/', () => {
    expect(ruleFilePath(r)).toBe(`pipeline/rules/${r.message}/${r.id}.ts`);
    expect(testFilePath(r)).toBe(`test/unit/rules/${r.message}/${r.id}.test.ts`);
  });

  it('exports one rule object with the same id', () => {
    expect(exportedRules(r).map((rule) => rule.id)).toEqual([r.id]);
  });

  it('runs: it is in the rule list of its message', () => {
    const [rule] = exportedRules(r);
    expect(RUNNING[r.message] ?? []).toContain(rule);
  });
});

describe.each(AGAINST_STATE.map((r) => [ruleKey(r), r] as const))('%s (against state, level 3/4)', (_, r) => {
  it('lives in pipeline/rules/state/<message>/ and is tested in test/unit/rules/state/<message>/', () => {
    expect(ruleFilePath(r)).toBe(`pipeline/rules/state/${r.message}/${r.id}.ts`);
    expect(testFilePath(r)).toBe(`test/unit/rules/state/${r.message}/${r.id}.test.ts`);
  });

  it('has an official retourcode of its own (not the 0001 of a level-2 rejection)', () => {
    expect(r.retourcode).not.toBeNull();
    expect(r.retourcode).not.toBe('0001');
  });

  it('exports one rule with the same id', () => {
    expect(exportedStateRules(r).map(stateRuleId)).toEqual([r.id]);
  });

  it('runs: it is in the list of its message part, or called by the reconciliation', () => {
    const [rule] = exportedStateRules(r);
    if (r.message === 'toewijzing') {
      // TR332 is a function, not in a list: pipeline/reconcile/toewijzingen.ts imports it from its rule file.
      expect(typeof rule).toBe('function');
      const source = readFileSync(join(ROOT, 'pipeline/reconcile/toewijzingen.ts'), 'utf8');
      expect(source).toContain(`import { ${r.id} } from '../rules/state/toewijzing/${r.id}'`);
      expect(source).toMatch(new RegExp(`\\b${r.id}\\(`));
      return;
    }
    const list = RUNNING_STATE[`${r.message}/${r.part}`];
    expect(list).toBeDefined();
    expect(list).toContain(rule);
  });

  it('a message rule rejects at the level of its registered part (header or DeclaratieAntwoord)', () => {
    const [rule] = exportedStateRules(r);
    if (typeof rule === 'function' || r.part === 'prestatie') return;
    expect((rule as { level?: unknown }).level).toBe(r.part);
  });
});

describe('registry', () => {
  it('lists every rule that runs', () => {
    for (const [message, rules] of Object.entries(RUNNING)) {
      const registered = IN_MESSAGE.filter((r) => r.message === message).map((r) => r.id);
      expect(rules.map((rule) => rule.id).filter((id) => !registered.includes(id))).toEqual([]);
    }
  });

  it('lists every rule against state that runs, under its part', () => {
    for (const [rules, parts] of [
      [STATE_PRESTATIE_RULES, ['prestatie']],
      [STATE_MESSAGE_RULES, ['header', 'declaratie']],
    ] as const) {
      const registered = AGAINST_STATE.filter(
        (r) => r.message === 'declaratie' && parts.includes(r.part as never),
      );
      expect(rules.map((rule) => rule.id).filter((id) => !registered.some((r) => r.id === id))).toEqual([]);
    }
  });

  it('runs the state rules of the declaratie lines with TR338 (missing toewijzing) before the rules that need it', () => {
    const ids = STATE_PRESTATIE_RULES.map((rule) => rule.id);
    const needToewijzing = [
      'TR304',
      'TR384',
      'TR307',
      'TR308',
      'TR387',
      'TR388',
      'TR339',
      'TR340',
      'TR341',
      'TR321',
      'TR322',
      'TR369',
    ];
    for (const id of needToewijzing) expect(ids.indexOf(id)).toBeGreaterThan(ids.indexOf('TR338'));
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
    const state = [...STATE_PRESTATIE_RULES, ...STATE_MESSAGE_RULES].map((rule) => rule.id);
    expect(duplicates(state)).toEqual([]);
  });
});

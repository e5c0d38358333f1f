/**
 * The identity-based policy of one role in the synthesised template, evaluated the way IAM does for the parts the
 * stand-ins need (test/review/iam-store.ts for DynamoDB, test/review/iam-bucket.ts for S3): an explicit Deny wins,
 * otherwise an Allow must match both action (case-insensitive, `*` and `?` wildcards) and resource (ARN as synth.ts
 * renders it, e.g. `<StorageStateA15002BE.Arn>`). Statements with a Condition are not evaluated: such an Allow does
 * not count (a call it would allow shows as a denial to look at), such a Deny does not apply.
 *
 * Every check is recorded, allowed or not, so a test can also show which grants nothing used (least privilege).
 */
import type { Template } from 'aws-cdk-lib/assertions';
import {
  actionsOf,
  logicalIdAt,
  resourcesOfStatement,
  type Statement,
  statementsOfRole,
} from '../infra/synth';

export interface Check {
  /** The store call that made the request, with its key or prefix. */
  readonly call: string;
  readonly action: string;
  readonly resource: string;
  readonly allowed: boolean;
}

/** An Allow that no recorded check used: one action on one resource pattern of a statement. */
export interface Grant {
  readonly action: string;
  readonly resource: string;
}

const glob = (pattern: string, flags = '') =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    flags,
  );

const matchesAction = (pattern: string, action: string) => glob(pattern, 'i').test(action);
const matchesResource = (pattern: string, resource: string) => glob(pattern).test(resource);

const matches = (s: Statement, action: string, resource: string) =>
  actionsOf(s).some((a) => matchesAction(a, action)) &&
  resourcesOfStatement(s).some((r) => matchesResource(r, resource));

export class RolePolicy {
  readonly checks: Check[] = [];

  constructor(
    /** The role's logical id: named in the error messages as the assumed role. */
    readonly role: string,
    readonly statements: readonly Statement[],
  ) {
    for (const s of statements)
      if ('NotAction' in s || 'NotResource' in s || 'NotPrincipal' in s)
        throw new Error(`${role}: NotAction/NotResource are not modelled (${JSON.stringify(s)})`);
  }

  /** The role of a construct path (e.g. `Bwmo-NML/Processing/Ingest/Role`) in the template. */
  static of(template: Template, rolePath: string): RolePolicy {
    const role = logicalIdAt(template, 'AWS::IAM::Role', rolePath);
    return new RolePolicy(role, statementsOfRole(template, role));
  }

  /** Whether the role may do this, without recording it. */
  allows(action: string, resource: string): boolean {
    const applies = this.statements.filter((s) => matches(s, action, resource));
    if (applies.some((s) => s.Effect === 'Deny' && !s.Condition)) return false;
    return applies.some((s) => s.Effect === 'Allow' && !s.Condition);
  }

  /** Whether the role may do this; the request is recorded. */
  check(call: string, action: string, resource: string): boolean {
    const allowed = this.allows(action, resource);
    this.checks.push({ call, action, resource, allowed });
    return allowed;
  }

  get denials(): Check[] {
    return this.checks.filter((c) => !c.allowed);
  }

  /** Forgets the recorded checks (between the steps of a scenario). */
  reset(): void {
    this.checks.length = 0;
  }

  /**
   * The Allow grants of these services (`s3`, `dynamodb`) that no allowed check matched: an action on a resource
   * pattern the role was given and did not use in what was recorded.
   */
  unused(services: readonly string[], checks: readonly Check[] = this.checks): Grant[] {
    const allowed = checks.filter((c) => c.allowed);
    const out: Grant[] = [];
    for (const s of this.statements) {
      if (s.Effect !== 'Allow' || s.Condition) continue;
      for (const action of actionsOf(s)) {
        if (!services.some((svc) => action.toLowerCase().startsWith(`${svc}:`))) continue;
        for (const resource of resourcesOfStatement(s))
          if (!allowed.some((c) => matchesAction(action, c.action) && matchesResource(resource, c.resource)))
            out.push({ action, resource });
      }
    }
    return out;
  }
}

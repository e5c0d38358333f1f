/**
 * Synthesises the stack the way `npx cdk synth` does (same feature flags from cdk.json, same cdk-nag packs), with
 * extra context. Synthesis runs the policy-validation plugins: a nag finding without an acknowledgement throws.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/build';
import { readRegionFacts } from '../../infra/config';
import type { BwmoStack } from '../../infra/stack';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The municipality codes of the default region folder (examples/regions/nml/region.json). */
export const NML = readRegionFacts(`${REPO_ROOT}/examples/regions/nml`).gemeenten;

/** The context of cdk.json (feature flags). */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(resolve(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export interface Synthesised {
  readonly app: App;
  readonly stack: BwmoStack;
  readonly template: Template;
}

export function synth(context: Record<string, unknown> = {}): Synthesised {
  const app = new App({
    context: { ...cdkJsonContext(), 'aws:cdk:enable-path-metadata': true, bundle: false, ...context },
  });
  const stack = buildApp(app);
  const template = Template.fromStack(stack);
  return { app, stack, template };
}

type Json = Record<string, unknown>;

/** Every resource of a type, as [logicalId, resource]. */
export function resourcesOf(template: Template, type: string): [string, Json][] {
  return Object.entries(template.findResources(type)) as [string, Json][];
}

/** A CloudFormation value as text: `{Ref: X}` → `<X>`, GetAtt → `<X.Attr>`, Fn::Join joined (as cdk-nag writes them). */
export function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flat).join(',');
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('Ref' in v) return `<${String(v.Ref)}>`;
    if ('Fn::GetAtt' in v) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
    if ('Fn::Join' in v) {
      const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(flat).join(sep);
    }
  }
  return JSON.stringify(value);
}

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
  readonly Sid?: string;
}

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resourcesOfStatement = (s: Statement): string[] =>
  (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map(flat);

/** The statements of a role: its inline policies and every AWS::IAM::Policy attached to it. */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const role = template.toJSON().Resources[roleLogicalId] as {
    Properties: { Policies?: { PolicyDocument: { Statement: Statement[] } }[] };
  };
  const inline = (role.Properties.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement);
  const attached = resourcesOf(template, 'AWS::IAM::Policy')
    .map(([, r]) => r.Properties as { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } })
    .filter((p) => p.Roles.some((r) => r.Ref === roleLogicalId))
    .flatMap((p) => p.PolicyDocument.Statement);
  return [...inline, ...attached];
}

/** The logical id of the (only) resource of a type under a construct path prefix, via the template metadata. */
export function logicalIdAt(template: Template, type: string, pathPrefix: string): string {
  const found = Object.entries(
    template.toJSON().Resources as Record<string, { Type: string; Metadata?: Record<string, string> }>,
  )
    .filter(([, r]) => r.Type === type && (r.Metadata?.['aws:cdk:path'] ?? '').startsWith(pathPrefix))
    .map(([id]) => id);
  if (found.length !== 1)
    throw new Error(`${found.length} resources ${type} at ${pathPrefix}: ${found.join(', ')}`);
  return found[0];
}

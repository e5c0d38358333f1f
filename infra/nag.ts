/**
 * cdk-nag 3 wiring. The AwsSolutions and Serverless packs run as CDK policy-validation plugins: any finding that is
 * not acknowledged fails `cdk synth`. Acknowledgements go through CDK's own `Validations.of(x).acknowledge(...)`
 * and always name the exact finding (`Rule[Finding]` for rules that report several) with the reason it is right
 * for this stack; they are listed in infra/README.md. The HIPAA Security pack runs separately as advice: it never
 * fails synthesis, its findings are written to a report next to the cloud assembly.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, type CfnElement, type PolicyViolation, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** Registers the failing packs on the app. */
export function applyNagPacks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
}

/** Acknowledges one finding on a construct and everything below it. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** How cdk-nag writes a resource's ARN (Fn::GetAtt … Arn) inside a finding id. */
export function arnToken(element: IConstruct): string {
  return `<${logicalId(element)}.Arn>`;
}

function logicalId(element: IConstruct): string {
  const cfn = (element.node.defaultChild ?? element) as CfnElement;
  return Stack.of(cfn).getLogicalId(cfn);
}

export interface AdviceFinding {
  readonly rule: string;
  readonly level: string;
  readonly description: string;
  readonly resources: readonly string[];
}

/** The HIPAA Security pack's findings on the synthesised app, as advice (nothing is acknowledged or failed). */
export function hipaaAdvice(app: App): AdviceFinding[] {
  const report = new HIPAASecurityChecks(app).validateScope(app);
  return report.violations
    .map((v: PolicyViolation) => ({
      rule: v.ruleName,
      level: v.severity ?? 'error',
      description: v.description,
      resources: v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId ?? '?').sort(),
    }))
    .sort((a, b) => a.rule.localeCompare(b.rule));
}

/** Writes the HIPAA advice as JSON into the cloud assembly folder and returns a one-line summary. */
export function writeHipaaAdvice(app: App, outdir: string): string {
  const advice = hipaaAdvice(app);
  const file = join(outdir, 'hipaa-security-advice.json');
  writeFileSync(file, `${JSON.stringify({ pack: 'HIPAA.Security', advice }, null, 2)}\n`);
  const resources = advice.reduce((n, a) => n + a.resources.length, 0);
  return `HIPAA Security (advies, faalt niet): ${advice.length} regels met ${resources} bevindingen, zie ${file}`;
}

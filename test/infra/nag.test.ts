/**
 * cdk-nag 3 (AwsSolutions + Serverless as CDK policy-validation plugins): synthesis fails on a non-compliant
 * resource, passes on the real stack (bundled for real, as `npx cdk synth` does), and every acknowledgement in the
 * stack is used by a finding and gives a reason. The HIPAA Security pack is advice only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, NagPack, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../infra/build';
import { applyNagPacks, hipaaAdvice } from '../../infra/nag';
import { cdkJsonContext, REPO_ROOT } from './synth';

interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

function acknowledgements(root: IConstruct): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  const walk = (c: IConstruct) => {
    for (const m of c.node.metadata) {
      if (m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [key, reason] of Object.entries(m.data as Record<string, string>)) {
        out.push({ path: c.node.path, id: key.replace(/^annotation::/i, ''), reason });
      }
    }
    for (const child of c.node.children) walk(child);
  };
  walk(root);
  return out;
}

/**
 * Every finding of the failing packs as if nothing were acknowledged. cdk-nag has no public switch for that, so the
 * private check is replaced for the duration of the call (and restored).
 */
function rawFindings(app: App): { rule: string; path: string }[] {
  const proto = NagPack.prototype as unknown as { isAcknowledged: (...args: unknown[]) => boolean };
  const original = proto.isAcknowledged;
  proto.isAcknowledged = () => false;
  try {
    return [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
      pack
        .validateScope(app)
        .violations.flatMap((v) =>
          v.violatingResources.map((r) => ({ rule: v.ruleName, path: r.constructPath ?? '' })),
        ),
    );
  } finally {
    proto.isAcknowledged = original;
  }
}

interface ValidationReport {
  readonly pluginReports: {
    readonly pluginName: string;
    readonly violations?: { readonly severity?: string }[];
  }[];
}

const readReport = (app: App): ValidationReport =>
  JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as ValidationReport;

describe('cdk-nag', () => {
  test('synthesis FAILS on a non-compliant resource under the same packs', () => {
    const app = new App({ context: cdkJsonContext() });
    const throwaway = new Stack(app, 'Throwaway');
    new s3.Bucket(throwaway, 'Open'); // no access logs, no TLS-only policy
    new sqs.Queue(throwaway, 'Plain', { encryption: sqs.QueueEncryption.UNENCRYPTED }); // no DLQ, no SSE, no TLS
    applyNagPacks(app);
    let error: Error | undefined;
    try {
      app.synth();
    } catch (err) {
      error = err as Error;
    }
    expect(error?.name).toBe('ValidationFailed');
    const message = error?.message ?? '';
    for (const rule of [
      'AwsSolutions-S1',
      'AwsSolutions-S10',
      'AwsSolutions-SQS2',
      'AwsSolutions-SQS3',
      'AwsSolutions-SQS4',
      'Serverless-SQSRedrivePolicy',
    ])
      expect(message).toContain(rule);
    const report = readReport(app);
    const errors = report.pluginReports
      .flatMap((p) => p.violations ?? [])
      .filter((v) => v.severity === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(6);
  });

  describe('the real stack, bundled with esbuild', () => {
    let app: App;
    let synthError: unknown;

    beforeAll(() => {
      app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:enable-path-metadata': true, sftp: true } });
      buildApp(app);
      try {
        app.synth();
      } catch (err) {
        synthError = err;
      }
    }, 60_000);

    test('PASSES: no unacknowledged finding', () => {
      expect(synthError).toBeUndefined();
      const report = readReport(app);
      const open = report.pluginReports.flatMap((p) =>
        (p.violations ?? []).map((v) => ({ plugin: p.pluginName, ...v })),
      );
      expect(open).toEqual([]);
      for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
        expect(pack.validateScope(app)).toEqual({ success: true, violations: [] });
      }
    });

    test('every acknowledgement is used by a finding and says why', () => {
      const acks = acknowledgements(app);
      const findings = rawFindings(app);
      expect(findings.length).toBeGreaterThan(0);
      const unused = acks.filter(
        (a) =>
          !findings.some((f) => f.rule === a.id && (f.path === a.path || f.path.startsWith(`${a.path}/`))),
      );
      expect(unused).toEqual([]);
      for (const a of acks) expect(a.reason.length).toBeGreaterThan(40);
    });

    test('infra/README.md lists every acknowledged rule', () => {
      const readme = readFileSync(resolve(REPO_ROOT, 'infra/README.md'), 'utf8');
      const rules = new Set(acknowledgements(app).map((a) => a.id.replace(/\[.*$/, '')));
      for (const rule of rules) expect(readme).toContain(rule);
    });

    test('the ingest bundle carries the region folder', () => {
      const assets = readdirAssets(app.outdir);
      const withRegion = assets.filter((dir) => existsSync(join(dir, 'region', 'region.json')));
      // ingest, notify, settle, export, api: the functions that load the region
      expect(withRegion).toHaveLength(5);
      for (const dir of withRegion) {
        expect(existsSync(join(dir, 'index.js'))).toBe(true);
        expect(existsSync(join(dir, 'region', 'tarieven.csv'))).toBe(true);
      }
    });

    test('HIPAA Security runs as advice: findings are reported, synthesis is not failed by them', () => {
      const advice = hipaaAdvice(app);
      expect(advice.length).toBeGreaterThan(0);
      const readme = readFileSync(resolve(REPO_ROOT, 'infra/README.md'), 'utf8');
      for (const a of advice) expect(readme).toContain(a.rule);
    });
  });
});

function readdirAssets(outdir: string): string[] {
  return readdirSync(outdir)
    .filter((name) => name.startsWith('asset.'))
    .map((name) => join(outdir, name));
}

/**
 * The CDK app (cdk.json: `npx tsx infra/app.ts`). Validates the whole region folder with the pipeline's own loader
 * (a bad tariff row stops the deployment here, not in every Lambda invocation), synthesises the stack with the
 * AwsSolutions and Serverless cdk-nag packs (unacknowledged findings fail), and writes the HIPAA Security pack's
 * findings as advice next to the cloud assembly.
 */
import { App } from 'aws-cdk-lib';
import { loadRegion } from '../pipeline/region/load';
import { buildApp } from './build';
import { readConfig } from './config';
import { writeHipaaAdvice } from './nag';

async function main(): Promise<void> {
  const app = new App();
  const config = readConfig(app.node);
  // Before building the stack: building bundles every function with esbuild, which a bad region need not wait for.
  await loadRegion(config.regionDir);
  buildApp(app, config);
  const assembly = app.synth();
  console.error(writeHipaaAdvice(app, assembly.directory));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

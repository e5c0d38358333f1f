/**
 * Builds the app's one stack from context and registers the cdk-nag packs. Shared by infra/app.ts (the CDK app)
 * and the infra tests, so both synthesise exactly the same thing.
 */
import type { App } from 'aws-cdk-lib';
import { type BwmoConfig, readConfig } from './config';
import { applyNagPacks } from './nag';
import { BwmoStack } from './stack';

export function stackId(config: BwmoConfig, override?: unknown): string {
  return typeof override === 'string' && override !== '' ? override : `Bwmo-${config.regionCode}`;
}

/** Builds the stack from `config`, by default the configuration read from the app's context. */
export function buildApp(app: App, config: BwmoConfig = readConfig(app.node)): BwmoStack {
  const stack = new BwmoStack(app, stackId(config, app.node.tryGetContext('stackName')), {
    config,
    description: `bwmo-pipeline: iWmo-toewijzingen en -declaraties van regio ${config.regionName} (${config.regionCode})`,
  });
  applyNagPacks(app);
  return stack;
}

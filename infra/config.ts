/**
 * The stack's parameters, read from CDK context (`-c key=value` or cdk.json). Everything has a default, so
 * `npx cdk synth` works with no arguments; invalid values stop synthesis with a message naming the context key.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Node } from 'constructs';
import { RegionSchema } from '../schemas/region';

export interface BwmoConfig {
  /** Absolute path of the region folder (copied into the Lambda bundles as /var/task/region). */
  readonly regionDir: string;
  /** The region's code from region.json (e.g. NML). */
  readonly regionCode: string;
  readonly regionName: string;
  /** Municipalities that get an uploader role, a Cognito backoffice group and (with sftp) an SFTP user. */
  readonly gemeenten: readonly string[];
  /** Deploy the AWS Transfer Family SFTP server (a fixed hourly fee per protocol; off by default). */
  readonly sftp: boolean;
  /** Days after which archive/ objects move to S3 Glacier Instant Retrieval. */
  readonly archiveDays: number;
  /** Days after which noncurrent object versions are deleted. */
  readonly noncurrentDays: number;
  /** Days CloudWatch log groups keep their events. */
  readonly logRetentionDays: number;
  /** Optional e-mail subscriber to the rejection alerts. */
  readonly alertEmail?: string;
  /** Municipalities whose alerts that e-mail receives (filter on message attribute `gemeente`); empty = all. */
  readonly alertGemeenten: readonly string[];
  /** Optional e-mail subscriber to the operators' alarm topic. */
  readonly opsEmail?: string;
  /** Name of the SSM SecureString parameter holding the pseudonym key (created once by the operator). */
  readonly pseudonymParameter: string;
  /** Principal (ARN) allowed to assume the per-municipality uploader roles and the API machine role. */
  readonly uploaderPrincipal?: string;
  /** Prefix of the external id required to assume an uploader role: `<prefix><gemeentecode>`. */
  readonly externalIdPrefix: string;
  /** Reserved concurrency of the ingest function (also the SQS event source's maximum concurrency). */
  readonly ingestConcurrency: number;
  /** Messages (files) per ingest invocation, 1..10. */
  readonly ingestBatchSize: number;
  /**
   * Prefix of the Cognito hosted-UI domain `<prefix>.auth.<aws region>.amazoncognito.com`; unset = the stack's
   * default `bwmo-<region code>-<8 hex of the stack id>` (infra/constructs/people.ts).
   */
  readonly cognitoDomainPrefix?: string;
  /** Bundle the Lambda code with esbuild (false only in tests that do not look at the code). */
  readonly bundle: boolean;
}

export class ConfigError extends Error {}

type Context = Pick<Node, 'tryGetContext'>;

const str = (node: Context, key: string): string | undefined => {
  const v: unknown = node.tryGetContext(key);
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(String).join(',');
  throw new ConfigError(`context ${key}: verwacht een tekst, kreeg ${JSON.stringify(v)}`);
};

const bool = (node: Context, key: string, fallback: boolean): boolean => {
  const v = str(node, key);
  if (v === undefined) return fallback;
  if (/^(true|1|yes|ja)$/i.test(v)) return true;
  if (/^(false|0|no|nee)$/i.test(v)) return false;
  throw new ConfigError(`context ${key}: verwacht true of false, kreeg ${v}`);
};

const int = (node: Context, key: string, fallback: number, min: number, max: number): number => {
  const v = str(node, key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`context ${key}: verwacht een geheel getal van ${min} tot ${max}, kreeg ${v}`);
  return n;
};

/** The retention periods CloudWatch Logs accepts (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const list = (node: Context, key: string): string[] | undefined => {
  const v = str(node, key);
  if (v === undefined) return undefined;
  return v
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
};

function retention(node: Context): number {
  const days = int(node, 'logRetentionDays', 365, 1, 3653);
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(days))
    throw new ConfigError(
      `context logRetentionDays: CloudWatch Logs kent ${days} niet; kies uit ${LOG_RETENTION_DAYS.join(', ')}`,
    );
  return days;
}

interface RegionFacts {
  readonly code: string;
  readonly naam: string;
  readonly gemeenten: readonly string[];
}

/** region.json of a region folder, validated with the same schema the pipeline uses. */
export function readRegionFacts(regionDir: string): RegionFacts {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(regionDir, 'region.json'), 'utf8'));
  } catch (err) {
    throw new ConfigError(
      `context region: ${regionDir}/region.json is niet te lezen: ${(err as Error).message}`,
    );
  }
  const parsed = RegionSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`context region: ${regionDir}/region.json is ongeldig: ${issues}`);
  }
  return {
    code: parsed.data.code,
    naam: parsed.data.naam,
    gemeenten: parsed.data.gemeenten.map((g) => g.code),
  };
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** What Cognito accepts as a domain prefix: lowercase letters, digits and inner hyphens, 1..63 characters. */
export const COGNITO_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Words Cognito refuses inside a domain prefix. */
export const COGNITO_RESERVED = ['aws', 'amazon', 'cognito'] as const;

/** Why a Cognito domain prefix is refused, or undefined when it is valid. */
export function cognitoPrefixProblem(prefix: string): string | undefined {
  if (!COGNITO_PREFIX.test(prefix))
    return 'alleen kleine letters, cijfers en koppeltekens (niet aan begin of eind), hoogstens 63 tekens';
  const reserved = COGNITO_RESERVED.find((w) => prefix.includes(w));
  return reserved ? `Cognito weigert prefixen met "${reserved}"` : undefined;
}
const GEMEENTE = /^[0-9]{4}$/;

/** The configuration from a construct's context (the App's, in practice). */
export function readConfig(node: Context, cwd: string = process.cwd()): BwmoConfig {
  const regionArg = str(node, 'region') ?? 'examples/regions/nml';
  const regionDir = isAbsolute(regionArg) ? regionArg : resolve(cwd, regionArg);
  const region = readRegionFacts(regionDir);

  const requested = list(node, 'gemeenten');
  for (const g of requested ?? []) {
    if (!GEMEENTE.test(g))
      throw new ConfigError(`context gemeenten: ${g} is geen gemeentecode van 4 cijfers`);
    if (!region.gemeenten.includes(g))
      throw new ConfigError(
        `context gemeenten: ${g} staat niet in ${regionDir}/region.json; voeg de gemeente daar eerst toe (de pipeline kent alleen gemeenten uit de regiomap)`,
      );
  }
  const gemeenten = [...new Set(requested ?? region.gemeenten)];
  if (gemeenten.length === 0) throw new ConfigError('context gemeenten: geen enkele gemeente');

  const alertEmail = str(node, 'alertEmail');
  const opsEmail = str(node, 'opsEmail');
  for (const [key, value] of [
    ['alertEmail', alertEmail],
    ['opsEmail', opsEmail],
  ] as const) {
    if (value !== undefined && !EMAIL.test(value))
      throw new ConfigError(`context ${key}: ${value} is geen e-mailadres`);
  }
  const alertGemeenten = list(node, 'alertGemeente') ?? [];
  for (const g of alertGemeenten) {
    if (!GEMEENTE.test(g))
      throw new ConfigError(`context alertGemeente: ${g} is geen gemeentecode van 4 cijfers`);
  }
  if (alertGemeenten.length > 0 && alertEmail === undefined)
    throw new ConfigError('context alertGemeente: zonder alertEmail is er niemand om te filteren');

  const pseudonymParameter = str(node, 'pseudonymParameter') ?? '/bwmo/pseudoniem-sleutel';
  if (!/^\/[A-Za-z0-9_.\-/]+$/.test(pseudonymParameter))
    throw new ConfigError(
      `context pseudonymParameter: ${pseudonymParameter} is geen SSM-parameternaam met pad`,
    );

  const uploaderPrincipal = str(node, 'uploaderPrincipal');
  if (
    uploaderPrincipal !== undefined &&
    !/^arn:aws[a-z-]*:iam::[0-9]{12}:(root|role\/.+|user\/.+)$/.test(uploaderPrincipal)
  )
    throw new ConfigError(
      `context uploaderPrincipal: ${uploaderPrincipal} is geen IAM-ARN (account root, rol of gebruiker)`,
    );

  const cognitoDomainPrefix = str(node, 'cognitoDomainPrefix');
  const prefixProblem =
    cognitoDomainPrefix === undefined ? undefined : cognitoPrefixProblem(cognitoDomainPrefix);
  if (prefixProblem)
    throw new ConfigError(`context cognitoDomainPrefix: ${cognitoDomainPrefix}: ${prefixProblem}`);

  return {
    regionDir,
    regionCode: region.code,
    regionName: region.naam,
    gemeenten,
    sftp: bool(node, 'sftp', false),
    archiveDays: int(node, 'archiveDays', 90, 1, 3650),
    noncurrentDays: int(node, 'noncurrentDays', 90, 1, 3650),
    logRetentionDays: retention(node),
    alertEmail,
    alertGemeenten,
    opsEmail,
    pseudonymParameter,
    uploaderPrincipal,
    externalIdPrefix: str(node, 'externalIdPrefix') ?? 'bwmo-',
    ingestConcurrency: int(node, 'ingestConcurrency', 10, 2, 1000),
    ingestBatchSize: int(node, 'ingestBatchSize', 1, 1, 10),
    cognitoDomainPrefix,
    bundle: bool(node, 'bundle', true),
  };
}

/** Context parsing of the CDK app (infra/config.ts). */
import { ConfigError, readConfig } from '../../infra/config';
import { REPO_ROOT } from './synth';

const ctx = (values: Record<string, unknown>) => ({ tryGetContext: (key: string): unknown => values[key] });
const read = (values: Record<string, unknown> = {}) => readConfig(ctx(values), REPO_ROOT);

test('defaults: the NML example, all its municipalities, no SFTP, bundling on', () => {
  const c = read();
  expect(c.regionDir).toBe(`${REPO_ROOT}/examples/regions/nml`);
  expect(c.regionCode).toBe('NML');
  expect(c.gemeenten).toHaveLength(14);
  expect(c.gemeenten).toContain('0988');
  expect(c).toMatchObject({
    sftp: false,
    archiveDays: 90,
    noncurrentDays: 90,
    logRetentionDays: 365,
    pseudonymParameter: '/bwmo/pseudoniem-sleutel',
    externalIdPrefix: 'bwmo-',
    ingestConcurrency: 10,
    ingestBatchSize: 1,
    bundle: true,
    alertGemeenten: [],
  });
});

test('strings from -c are parsed: lists, booleans, numbers', () => {
  const c = read({
    gemeenten: '0988, 0983',
    sftp: 'true',
    archiveDays: '30',
    alertEmail: 'a@b.nl',
    alertGemeente: '0988',
  });
  expect(c).toMatchObject({
    gemeenten: ['0988', '0983'],
    sftp: true,
    archiveDays: 30,
    alertGemeenten: ['0988'],
  });
});

test.each([
  [{ gemeenten: '9999' }, /9999 staat niet in/],
  [{ gemeenten: '98' }, /geen gemeentecode/],
  [{ sftp: 'misschien' }, /context sftp/],
  [{ archiveDays: '0' }, /context archiveDays/],
  [{ logRetentionDays: '100' }, /context logRetentionDays/],
  [{ ingestBatchSize: '11' }, /context ingestBatchSize/],
  [{ alertEmail: 'geen-adres' }, /context alertEmail/],
  [{ alertGemeente: '0988' }, /zonder alertEmail/],
  [{ region: 'examples/regions/bestaat-niet' }, /region.json is niet te lezen/],
  [{ uploaderPrincipal: 'iemand' }, /context uploaderPrincipal/],
])('rejects %o', (values, message) => {
  expect(() => read(values)).toThrow(ConfigError);
  expect(() => read(values)).toThrow(message);
});

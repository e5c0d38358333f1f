/**
 * The IAM-enforcing stand-ins themselves: they deny what a role does not allow, the way DynamoDB and S3 answer, and
 * nothing reaches the inner store then. Without these a scenario without denials could mean a wrapper that never
 * denies.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Item } from '../../pipeline/ports';
import { LocalBlobStore } from '../../stores/local-blobs';
import { MemoryItemStore } from '../../stores/memory';
import { iamEnforcingBucket } from '../helpers/iam-bucket';
import { RolePolicy } from '../helpers/iam-policy';
import { iamEnforcingItems } from '../helpers/iam-store';
import { logicalIdAt, synth } from '../infra/synth';

const { template } = synth();
const TABLE_ARN = `<${logicalIdAt(template, 'AWS::DynamoDB::Table', 'Bwmo-NML/Storage/State/')}.Arn>`;
const BUCKET_ARN = `<${logicalIdAt(template, 'AWS::S3::Bucket', 'Bwmo-NML/Storage/Raw/')}.Arn>`;
const role = (path: string) => RolePolicy.of(template, `${path}/Role/`);

const drain = async (pages: AsyncIterable<Item[]>) => {
  const out: Item[] = [];
  for await (const page of pages) out.push(...page);
  return out;
};

describe('iamEnforcingItems', () => {
  it('denies what the role does not allow with AccessDeniedException, and writes nothing', async () => {
    const inner = new MemoryItemStore();
    await inner.putOne({ pk: 'GEM#0983#FILES', sk: 'FILE#1', status: 'verwerkt' });
    // notify: BatchGetItem and UpdateItem only.
    const policy = role('Bwmo-NML/Processing/Notify');
    const store = iamEnforcingItems(inner, policy, TABLE_ARN);
    expect(await store.get([{ pk: 'GEM#0983#FILES', sk: 'FILE#1' }])).toHaveLength(1);
    expect(await store.mark({ pk: 'GEM#0983#FILES', sk: 'FILE#1' }, { alertVerzonden: 'x' })).toBe(true);
    await expect(store.put([{ pk: 'a', sk: 'b' }])).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringContaining(`dynamodb:BatchWriteItem on resource: ${TABLE_ARN}`),
    });
    await expect(store.putOne({ pk: 'a', sk: 'b' })).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(drain(store.query('GEM#0983#FILES'))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    expect(await drain(inner.query('a'))).toEqual([]);
    expect(policy.denials.map((d) => d.action)).toEqual([
      'dynamodb:BatchWriteItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
    // Nothing is sent for no keys and no items, so nothing is checked.
    await store.put([]);
    expect(await store.get([])).toEqual([]);
    expect(policy.checks).toHaveLength(5);
  });

  it('lets an explicit Deny win, does not count a conditional Allow, and matches actions case-insensitively', () => {
    const policy = new RolePolicy('R', [
      { Effect: 'Allow', Action: 'DynamoDB:Get*', Resource: '<T.Arn>' },
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: '<T.Arn>' },
      { Effect: 'Deny', Action: 'dynamodb:Query', Resource: '<T.Arn>' },
      {
        Effect: 'Allow',
        Action: 'dynamodb:PutItem',
        Resource: '<T.Arn>',
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['x'] } },
      },
    ]);
    expect(policy.allows('dynamodb:GetItem', '<T.Arn>')).toBe(true);
    expect(policy.allows('dynamodb:GetItem', '<T.Arn>/index/i')).toBe(false);
    expect(policy.allows('dynamodb:Query', '<T.Arn>')).toBe(false);
    expect(policy.allows('dynamodb:PutItem', '<T.Arn>')).toBe(false);
  });
});

describe('iamEnforcingBucket', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bwmo-iam-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a HEAD of a missing key with 403 without s3:ListBucket, 404 (false) with it', async () => {
    const inner = new LocalBlobStore(dir);
    const settle = iamEnforcingBucket(inner, role('Bwmo-NML/Processing/Settle'), BUCKET_ARN);
    await expect(settle.exists('exports/nope.json')).rejects.toMatchObject({
      name: 'Forbidden',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(settle.open('exports/nope.json')).rejects.toMatchObject({ name: 'AccessDenied' });
    const ingest = iamEnforcingBucket(inner, role('Bwmo-NML/Processing/Ingest'), BUCKET_ARN);
    expect(await ingest.exists('archive/0983/nope.csv')).toBe(false);
    expect(await ingest.version('inbox/0983/nope.csv')).toBeNull();
  });

  it('reads a version by its VersionId (s3:GetObjectVersion) and denies other prefixes', async () => {
    const inner = new LocalBlobStore(dir);
    await inner.put('inbox/0983/a.csv', 'x');
    await inner.put('exports/2022-04/a.csv', 'y');
    const policy = role('Bwmo-NML/Processing/Ingest');
    const blobs = iamEnforcingBucket(inner, policy, BUCKET_ARN);
    const v = await blobs.version('inbox/0983/a.csv');
    expect(v?.versionId).toBeDefined();
    await blobs.open('inbox/0983/a.csv', v ?? undefined);
    expect(policy.checks.at(-1)).toMatchObject({ action: 's3:GetObjectVersion', allowed: true });
    await expect(blobs.open('exports/2022-04/a.csv')).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(blobs.put('exports/2022-04/b.csv', 'z')).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(await inner.exists('exports/2022-04/b.csv')).toBe(false);
  });
});

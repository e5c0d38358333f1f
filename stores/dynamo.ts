/**
 * The ItemStore on DynamoDB (AWS SDK v3): one table with string keys pk and sk. Batch reads of 100 and writes of
 * 25 keys, unprocessed keys and items retried with exponential backoff and jitter; the same adapter talks to
 * DynamoDB on AWS and to dynalite locally.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Item, ItemKey, ItemStore } from '../pipeline/ports';

export interface DynamoOptions {
  readonly table: string;
  readonly client: DynamoDBClient;
  /** Retries of unprocessed keys/items before giving up (the Lambda then fails and SQS retries the file). */
  readonly maxRetries?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Batch requests in flight at once: the writes of one file are independent of each other. */
const CONCURRENCY = 4;

/**
 * Runs the batches on `limit` workers. After a failure no batch is started, and the call settles only once the
 * batches in flight have: a caller that sees the error (an ingest that fails, its municipality's next file starting)
 * must not have writes of this call land after it.
 */
async function inParallel<T>(work: readonly T[], limit: number, run: (w: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < work.length) {
      try {
        await run(work[next++]);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, work.length) }, worker));
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
}

export class DynamoItemStore implements ItemStore {
  readonly stats = { readRequests: 0, writeRequests: 0 };
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly maxRetries: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: DynamoOptions) {
    this.doc = DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    });
    this.table = options.table;
    this.maxRetries = options.maxRetries ?? 8;
    this.sleep = options.sleep ?? defaultSleep;
  }

  private backoff(attempt: number): number {
    return Math.min(2000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2);
  }

  async get(keys: readonly ItemKey[]): Promise<Item[]> {
    const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, { pk: k.pk, sk: k.sk }])).values()];
    const out: Item[] = [];
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < unique.length; i += 100) batches.push(unique.slice(i, i + 100));
    await inParallel(batches, CONCURRENCY, async (batch) => {
      let pending = batch;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > this.maxRetries)
          throw new Error(
            `BatchGetItem: ${pending.length} sleutels niet verwerkt na ${this.maxRetries} pogingen`,
          );
        if (attempt > 0) await this.sleep(this.backoff(attempt));
        this.stats.readRequests++;
        const res = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }),
        );
        out.push(...((res.Responses?.[this.table] ?? []) as Item[]));
        pending = (res.UnprocessedKeys?.[this.table]?.Keys ?? []) as Record<string, unknown>[];
      }
    });
    return out;
  }

  async put(items: readonly Item[]): Promise<void> {
    // The last write of a key within one call wins, as a BatchWriteItem may not repeat a key.
    const unique = [...new Map(items.map((it) => [`${it.pk}\u0000${it.sk}`, it])).values()];
    const batches: Item[][] = [];
    for (let i = 0; i < unique.length; i += 25) batches.push(unique.slice(i, i + 25));
    await inParallel(batches, CONCURRENCY, async (batch) => {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > this.maxRetries)
          throw new Error(
            `BatchWriteItem: ${pending.length} items niet verwerkt na ${this.maxRetries} pogingen`,
          );
        if (attempt > 0) await this.sleep(this.backoff(attempt));
        this.stats.writeRequests++;
        const res = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending } }));
        pending = (res.UnprocessedItems?.[this.table] ?? []) as typeof pending;
      }
    });
  }

  async putOne(item: Item): Promise<void> {
    this.stats.writeRequests++;
    await this.doc.send(new PutCommand({ TableName: this.table, Item: item }));
  }

  async mark(key: ItemKey, attributes: Readonly<Record<string, unknown>>): Promise<boolean> {
    const names = Object.keys(attributes);
    this.stats.writeRequests++;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: key.pk, sk: key.sk },
          UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
          ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, attributes[n]])),
        }),
      );
      return true;
    } catch (err) {
      // By name: the class may come from another copy of the SDK (or a test runner's other realm).
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  async *query(pk: string, skPrefix?: string): AsyncIterable<Item[]> {
    let start: Record<string, unknown> | undefined;
    do {
      this.stats.readRequests++;
      const res = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :sk)' : 'pk = :pk',
          ExpressionAttributeValues: skPrefix ? { ':pk': pk, ':sk': skPrefix } : { ':pk': pk },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      yield (res.Items ?? []) as Item[];
      start = res.LastEvaluatedKey;
    } while (start);
  }
}

/** Creates the table if it does not exist (local mode and tests; on AWS the CDK stack owns it). */
export async function ensureTable(client: DynamoDBClient, table: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
    return;
  } catch (err) {
    if (
      !(err instanceof ResourceNotFoundException) &&
      (err as { name?: string }).name !== 'ResourceNotFoundException'
    )
      throw err;
  }
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  for (let i = 0; i < 50; i++) {
    const d = await client.send(new DescribeTableCommand({ TableName: table }));
    if (d.Table?.TableStatus === 'ACTIVE') return;
    await defaultSleep(20);
  }
}

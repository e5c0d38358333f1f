/**
 * DynamoItemStore (stores/dynamo.ts) against dynalite over loopback: batching of reads (100 keys) and writes
 * (25 items), query paging, and — with an SDK-level fake only for what dynalite cannot do — UnprocessedItems and
 * UnprocessedKeys retried with backoff until done, giving up after maxRetries, and throttling errors propagating
 * (so the Lambda fails and SQS delivers the file again).
 *
 * The store talks through a DynamoDBDocumentClient, which runs the DynamoDBClient's middleware stack rather than
 * its `send`; the fake is therefore a middleware on that stack. At the initialize step it sees the document-level
 * (unmarshalled) input and output, as the store does.
 */
import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { ingestObject } from '../../pipeline/ingest';
import type { Item } from '../../pipeline/ports';
import { type LocalDynamo, startDynalite, TABLE } from '../../stores/dynalite';
import { DynamoItemStore } from '../../stores/dynamo';
import { declaratieCsv, declaratieXml, line, toewijzingCsv } from '../helpers/scenario';
import { putWithTime, type Stack, startStack } from '../helpers/stack';

type Req = Record<string, unknown>;
type Handler = (args: { input: unknown }) => Promise<{ output: unknown; response: unknown }>;
/** A middleware as the fakes write it (the stack's own types are per step). */
type Fake = (next: Handler, context: { commandName?: string }) => Handler;
interface FakeStack {
  add(fake: Fake, options: object): void;
  addRelativeTo(fake: Fake, options: object): void;
}
const stackOf = (client: DynamoDBClient) => client.middlewareStack as unknown as FakeStack;

/** Fake of an overloaded table: the next `writes` / `reads` batch calls process only `keep` entries each. */
interface Overload {
  writes: number;
  reads: number;
  keep: number;
  /** Entries sent per BatchWriteItem / BatchGetItem call (what reached the fake). */
  readonly writeCalls: number[];
  readonly readCalls: number[];
}

function overload(
  client: DynamoDBClient,
  plan: Partial<Pick<Overload, 'writes' | 'reads' | 'keep'>>,
): Overload {
  const o: Overload = { writes: 0, reads: 0, keep: 0, writeCalls: [], readCalls: [], ...plan };
  const fake: Fake = (next, context) => async (args) => {
    const input = args.input as Req;
    if (context.commandName === 'BatchWriteItemCommand') {
      const [[table, requests]] = Object.entries(input.RequestItems as Record<string, Req[]>);
      o.writeCalls.push(requests.length);
      if (o.writes <= 0) return next(args);
      o.writes--;
      const done = requests.slice(0, o.keep);
      const rest = requests.slice(o.keep);
      if (done.length) await next({ ...args, input: { ...input, RequestItems: { [table]: done } } });
      return {
        response: {},
        output: { $metadata: {}, UnprocessedItems: rest.length ? { [table]: rest } : {} },
      };
    }
    if (context.commandName === 'BatchGetItemCommand') {
      const [[table, request]] = Object.entries(input.RequestItems as Record<string, { Keys: Req[] }>);
      o.readCalls.push(request.Keys.length);
      if (o.reads <= 0) return next(args);
      o.reads--;
      const done = request.Keys.slice(0, o.keep);
      const rest = request.Keys.slice(o.keep);
      const res = done.length
        ? await next({
            ...args,
            input: { ...input, RequestItems: { [table]: { ...request, Keys: done } } },
          })
        : { response: {}, output: { $metadata: {}, Responses: { [table]: [] } } };
      const output = res.output as Req;
      return {
        ...res,
        output: { ...output, UnprocessedKeys: rest.length ? { [table]: { ...request, Keys: rest } } : {} },
      };
    }
    return next(args);
  };
  stackOf(client).add(fake, {
    step: 'initialize',
    name: 'fakeOverload',
    override: true,
  });
  return o;
}

/** Throttles the next `times` calls of a command, inside the SDK's own retries (as DynamoDB would). */
function throttle(client: DynamoDBClient, command: string, times: number): { thrown: number; times: number } {
  const state = { thrown: 0, times };
  const fake: Fake = (next, context) => async (args) => {
    if (context.commandName === command && state.thrown < state.times) {
      state.thrown++;
      throw new ProvisionedThroughputExceededException({
        message: 'The level of configured provisioned throughput for the table was exceeded.',
        $metadata: { httpStatusCode: 400 },
      });
    }
    return next(args);
  };
  stackOf(client).addRelativeTo(fake, {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: 'fakeThrottle',
    override: true,
  });
  return state;
}

function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

const item = (i: number, extra: Record<string, unknown> = {}): Item => ({
  pk: `P#${i % 3}`,
  sk: `S#${String(i).padStart(4, '0')}`,
  n: i,
  nested: { list: [i, `x${i}`, { deep: i % 2 === 0 }], leeg: '', niets: null },
  ...extra,
});

async function all(pages: AsyncIterable<Item[]>): Promise<Item[][]> {
  const out: Item[][] = [];
  for await (const p of pages) out.push(p);
  return out;
}

const sortKey = (i: Item) => `${i.pk}\u0000${i.sk}`;
const sorted = (items: readonly Item[]) => [...items].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));

describe('DynamoItemStore on dynalite', () => {
  let dynamo: LocalDynamo;
  /** A client of its own per test, so a fake middleware never outlives its test. */
  let client: DynamoDBClient;
  beforeEach(async () => {
    dynamo = await startDynalite();
    client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });
  afterEach(async () => {
    client.destroy();
    await dynamo.close();
  });

  it('round trip: 130 items in batches of 25, 230 keys in batches of 100, the last write of a key wins', async () => {
    const store = new DynamoItemStore({ table: TABLE, client });
    const items = Array.from({ length: 130 }, (_, i) => item(i));
    // Item 7 twice in one call: a BatchWriteItem may not repeat a key, so the store keeps the last.
    await store.put([...items, { ...item(7), n: 'later' }]);
    expect(store.stats.writeRequests).toBe(6);

    const missing = Array.from({ length: 100 }, (_, i) => ({ pk: 'P#9', sk: `GEEN#${i}` }));
    const keys = [
      ...items.map(({ pk, sk }) => ({ pk, sk })),
      ...missing,
      { pk: items[0].pk, sk: items[0].sk },
    ];
    const got = await store.get(keys);
    expect(store.stats.readRequests).toBe(3);
    const expected = items.map((it) => (it.sk === 'S#0007' ? { ...it, n: 'later' } : it));
    expect(sorted(got)).toEqual(sorted(expected));
    expect(await store.get([])).toEqual([]);

    const p1 = (await all(store.query('P#1'))).flat();
    expect(p1).toEqual(expected.filter((i) => i.pk === 'P#1'));
    const prefixed = (await all(store.query('P#1', 'S#00'))).flat();
    expect(prefixed.map((i) => i.sk)).toEqual(
      items.filter((i) => i.pk === 'P#1' && (i.n as number) < 100).map((i) => i.sk),
    );
    expect((await all(store.query('P#9'))).flat()).toEqual([]);

    await store.putOne({ ...item(1), n: 'een' });
    expect((await store.get([{ pk: 'P#1', sk: 'S#0001' }]))[0].n).toBe('een');
  });

  it('mark sets attributes of an existing item and keeps the rest; it creates no item that is not there', async () => {
    const store = new DynamoItemStore({ table: TABLE, client });
    await store.putOne({ ...item(1), status: 'ingetrokken' });
    expect(await store.mark({ pk: 'P#1', sk: 'S#0001' }, { alertVerzonden: 'nu', 'met spatie': 'ja' })).toBe(
      true,
    );
    expect(await store.get([{ pk: 'P#1', sk: 'S#0001' }])).toEqual([
      { ...item(1), status: 'ingetrokken', alertVerzonden: 'nu', 'met spatie': 'ja' },
    ]);
    expect(await store.mark({ pk: 'P#1', sk: 'GEEN' }, { alertVerzonden: 'nu' })).toBe(false);
    expect(await store.get([{ pk: 'P#1', sk: 'GEEN' }])).toEqual([]);
  });

  it('query follows LastEvaluatedKey over pages (more than 1 MB in one partition)', async () => {
    const store = new DynamoItemStore({ table: TABLE, client });
    const payload = 'x'.repeat(20_000);
    const items = Array.from({ length: 80 }, (_, i) => ({
      pk: 'GROOT',
      sk: `S#${String(i).padStart(3, '0')}`,
      payload,
    }));
    await store.put(items);
    const pages = await all(store.query('GROOT'));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat().map((i) => i.sk)).toEqual(items.map((i) => i.sk));
  });

  /** Waits of retry attempts 1, 2, …: 25·2^a ms with jitter × [0.5, 1]. */
  const expectBackoff = (waits: readonly number[]) =>
    waits.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(25 * 2 ** (i + 1) * 0.5);
      expect(ms).toBeLessThanOrEqual(25 * 2 ** (i + 1));
    });

  it('retries UnprocessedItems with growing backoff until every item is written', async () => {
    const fake = overload(client, { writes: 1000, keep: 5 });
    const { sleep, waits } = recordingSleep();
    const store = new DynamoItemStore({ table: TABLE, client, sleep });
    const items = Array.from({ length: 25 }, (_, i) => item(i));
    await store.put(items);
    // One batch; each call the table takes 5 items and hands back the rest.
    expect(fake.writeCalls).toEqual([25, 20, 15, 10, 5]);
    expect(store.stats.writeRequests).toBe(5);
    expect(waits).toHaveLength(4);
    expectBackoff(waits);
    const stored = await new DynamoItemStore({ table: TABLE, client }).get(
      items.map(({ pk, sk }) => ({ pk, sk })),
    );
    expect(sorted(stored)).toEqual(sorted(items));
  });

  it('retries every batch of a large write on its own (in whatever order the batches run)', async () => {
    const fake = overload(client, { writes: 1000, keep: 10 });
    const { sleep, waits } = recordingSleep();
    const store = new DynamoItemStore({ table: TABLE, client, sleep });
    const items = Array.from({ length: 60 }, (_, i) => item(i));
    await store.put(items);
    // Batches of 25, 25 and 10: 25 → 15 → 5 twice, and 10 at once.
    expect([...fake.writeCalls].sort((a, b) => a - b)).toEqual([5, 5, 10, 15, 15, 25, 25]);
    expect(waits).toHaveLength(4);
    const stored = await new DynamoItemStore({ table: TABLE, client }).get(
      items.map(({ pk, sk }) => ({ pk, sk })),
    );
    expect(sorted(stored)).toEqual(sorted(items));
  });

  it('retries UnprocessedKeys with backoff until every key is read', async () => {
    const store = new DynamoItemStore({ table: TABLE, client });
    const items = Array.from({ length: 230 }, (_, i) => item(i));
    await store.put(items);
    const keys = items.map(({ pk, sk }) => ({ pk, sk }));

    const single = overload(client, { reads: 1000, keep: 30 });
    const one = recordingSleep();
    const reader = new DynamoItemStore({ table: TABLE, client, sleep: one.sleep });
    expect(sorted(await reader.get(keys.slice(0, 100)))).toEqual(sorted(items.slice(0, 100)));
    expect(single.readCalls).toEqual([100, 70, 40, 10]);
    expect(one.waits).toHaveLength(3);
    expectBackoff(one.waits);

    single.readCalls.length = 0;
    single.keep = 40;
    const many = recordingSleep();
    const parallel = new DynamoItemStore({ table: TABLE, client, sleep: many.sleep });
    expect(sorted(await parallel.get(keys))).toEqual(sorted(items));
    // Batches of 100, 100 and 30: 100 → 60 → 20 twice, and 30 at once.
    expect([...single.readCalls].sort((a, b) => a - b)).toEqual([20, 20, 30, 60, 60, 100, 100]);
    expect(many.waits).toHaveLength(4);
  });

  it('gives up with an error after maxRetries when items stay unprocessed', async () => {
    const fake = overload(client, { writes: 100, keep: 0 });
    const { sleep, waits } = recordingSleep();
    const store = new DynamoItemStore({ table: TABLE, client, sleep, maxRetries: 3 });
    await expect(store.put([item(1), item(2)])).rejects.toThrow(
      /BatchWriteItem: 2 items niet verwerkt na 3 pogingen/,
    );
    expect(fake.writeCalls).toEqual([2, 2, 2, 2]);
    expect(waits).toHaveLength(3);
    expectBackoff(waits);
  });

  it('gives up with an error after maxRetries when keys stay unprocessed', async () => {
    overload(client, { reads: 100, keep: 0 });
    const { sleep, waits } = recordingSleep();
    const store = new DynamoItemStore({ table: TABLE, client, sleep, maxRetries: 2 });
    await expect(store.get([{ pk: 'a', sk: 'b' }])).rejects.toThrow(
      /BatchGetItem: 1 sleutels niet verwerkt na 2 pogingen/,
    );
    expect(waits).toHaveLength(2);
  });

  it('a throttling error from the client propagates from put, putOne, get and query', async () => {
    const { sleep, waits } = recordingSleep();
    const store = new DynamoItemStore({ table: TABLE, client, sleep });
    for (const command of [
      'BatchWriteItemCommand',
      'PutItemCommand',
      'BatchGetItemCommand',
      'QueryCommand',
    ]) {
      const t = throttle(client, command, 1);
      const call =
        command === 'BatchWriteItemCommand'
          ? store.put([item(1)])
          : command === 'PutItemCommand'
            ? store.putOne(item(1))
            : command === 'BatchGetItemCommand'
              ? store.get([{ pk: 'a', sk: 'b' }])
              : all(store.query('a'));
      await expect(call).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
      expect(t.thrown).toBe(1);
    }
    // The store does not swallow or retry it itself (the SDK's own retries sit below it).
    expect(waits).toEqual([]);
  });
});

describe('the pipeline on an overloaded or throttled table', () => {
  const tw = toewijzingCsv([{}, { nummer: 5002, bsn: '999900018', code: '15A07' }]);
  const lines = Array.from({ length: 12 }, (_, i) =>
    line(
      `2022-${String(i + 1).padStart(2, '0')}`,
      `R${i + 1}`,
      i % 2 ? { toewijzingNummer: 5002, bsn: '999900018', productCode: '15A07', tarief: 14250 } : {},
    ),
  );
  const uploads = [
    { name: 'tw.csv', content: tw },
    { name: 'jaar.csv', content: declaratieCsv({ nummer: 'D1', maand: '2022-12', lines }) },
    {
      name: 'extra.xml',
      content: declaratieXml({ nummer: 'D2', maand: '2022-12', lines: [line('2022-12', 'R1')] }),
    },
  ];
  const at = new Date('2023-01-10T09:00:00Z');

  async function runAll(stack: Stack) {
    const reports = [];
    for (const u of uploads) reports.push((await stack.upload('0983', u.name, u.content, at)).report);
    return { reports, dump: await stack.dump(), outputs: await stack.outputs() };
  }

  let stacks: Stack[] = [];
  afterEach(async () => {
    for (const s of stacks) await s.close();
    stacks = [];
  });

  it('with UnprocessedItems and UnprocessedKeys on every batch call, the state and answers equal a clean run', async () => {
    const clean = await startStack();
    const slow = await startStack();
    stacks = [clean, slow];
    const fake = overload(slow.dynamo.client, { writes: 1000, reads: 1000, keep: 7 });
    const a = await runAll(clean);
    const b = await runAll(slow);
    // Batches larger than 7 really were split over several calls.
    expect(fake.writeCalls.some((n) => n > 7)).toBe(true);
    expect(fake.readCalls.some((n) => n > 7)).toBe(true);
    expect(b.reports.map((r) => r.counts)).toEqual(a.reports.map((r) => r.counts));
    expect(b.reports[1].declaraties[0].prestaties.every((p) => p.status === 'toegekend')).toBe(true);
    expect(b.reports[2].declaraties[0].prestaties[0].retourcodes).toEqual(['8021']);
    expect(b.dump).toEqual(a.dump);
    expect(b.outputs).toEqual(a.outputs);
  });

  it('a throttled write fails the delivery without a commit; the retry then gives the clean result', async () => {
    const clean = await startStack();
    const flaky = await startStack();
    stacks = [clean, flaky];
    const a = await runAll(clean);
    await flaky.upload('0983', 'tw.csv', tw, at);
    // Every batch write is throttled, also the SDK client's own retries (it tries 3 times).
    const t = throttle(flaky.dynamo.client, 'BatchWriteItemCommand', Number.POSITIVE_INFINITY);
    const key = 'inbox/0983/jaar.csv';
    await putWithTime(flaky.blobs, key, uploads[1].content, at);
    await expect(ingestObject(flaky.deps, key)).rejects.toBeInstanceOf(
      ProvisionedThroughputExceededException,
    );
    expect(t.thrown).toBeGreaterThanOrEqual(3);
    t.times = 0;
    // No commit record, the file still waits in the inbox, no alert.
    const files = (await flaky.dump()).filter((i) => i.pk === 'GEM#0983#FILES');
    expect(files).toHaveLength(1);
    expect(await flaky.blobs.exists(key)).toBe(true);
    // SQS delivers again: same result as the clean run.
    await ingestObject(flaky.deps, key);
    await flaky.upload('0983', 'extra.xml', uploads[2].content, at);
    expect(await flaky.dump()).toEqual(a.dump);
    expect(await flaky.outputs()).toEqual(a.outputs);
  }, 20_000);
});

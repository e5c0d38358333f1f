/**
 * Every Lambda function that touches the table or the bucket, run on the embedded stack (dynalite, a folder) as it
 * runs on AWS as far as S3 and DynamoDB permissions go: each with the stores it would have there, allowing only what
 * its own role in the synthesised template allows (iam-store.ts, iam-bucket.ts). The real handlers run (the
 * factories where there is one; functions/aws is replaced by the stack's dependencies with `alertMode: 'deferred'`,
 * as awsDeps sets it), one scenario in order: ingest fills the table and bucket, notify sends the alerts, settle
 * stores statements, export writes the monthly export, and the API answers every route.
 *
 * Then, per role, the S3 and DynamoDB grants that nothing used: each is either needed by something the scenario does
 * not reach (listed with the reason) or broader than the function needs.
 */
import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { handler as apiHandler } from '../../functions/api';
import { handler as exportHandler } from '../../functions/export';
import { makeIngestHandler } from '../../functions/ingest';
import { handler as notifyHandler } from '../../functions/notify';
import { makeSettleHandler, type SettleAnswer } from '../../functions/settle';
import type { IngestDeps } from '../../pipeline/ingest';
import { periodParams } from '../../pipeline/monitor/export';
import { VIEW_NAMES } from '../../pipeline/monitor/views';
import { key } from '../../pipeline/state/items';
import { withdrawalOutcomeKey } from '../../pipeline/withdraw-request';
import { TABLE } from '../../stores/dynalite';
import { iamEnforcingBucket } from '../helpers/iam-bucket';
import { type Check, RolePolicy } from '../helpers/iam-policy';
import { iamEnforcingItems } from '../helpers/iam-store';
import { declaratieXml, line, taakgerichtCsv, toewijzingCsv } from '../helpers/scenario';
import { routedMessage } from '../helpers/sqs';
import { putWithTime, type Stack, startStack } from '../helpers/stack';
import { logicalIdAt, synth } from '../infra/synth';

/** The dependencies functions/aws would build on AWS; set per step to the stores of the function that runs. */
let mockDeps: IngestDeps | null = null;
jest.mock('../../functions/aws', () => {
  const actual = jest.requireActual<typeof import('../../functions/aws')>('../../functions/aws');
  const silent = { info: () => undefined, error: () => undefined, warn: () => undefined };
  return {
    ...actual,
    logger: silent,
    awsDeps: async () => {
      if (!mockDeps) throw new Error('geen deps voor deze stap');
      return mockDeps;
    },
  };
});

const silentMetrics = { addMetric: () => undefined, publishStoredMetrics: () => undefined };
const context = { getRemainingTimeInMillis: () => 600_000 } as Context;
const silentLog = { info: () => undefined, error: () => undefined };

const { template } = synth();
const TABLE_ARN = `<${logicalIdAt(template, 'AWS::DynamoDB::Table', 'Bwmo-NML/Storage/State/')}.Arn>`;
const BUCKET_ARN = `<${logicalIdAt(template, 'AWS::S3::Bucket', 'Bwmo-NML/Storage/Raw/')}.Arn>`;

/** Each function's construct path; its role is `<path>/Role`. */
const FUNCTIONS = {
  ingest: 'Bwmo-NML/Processing/Ingest',
  notify: 'Bwmo-NML/Processing/Notify',
  settle: 'Bwmo-NML/Processing/Settle',
  export: 'Bwmo-NML/Processing/Export',
  api: 'Bwmo-NML/Http/Handler',
} as const;
type Fn = keyof typeof FUNCTIONS;

const roles = Object.fromEntries(
  Object.entries(FUNCTIONS).map(([fn, path]) => [fn, RolePolicy.of(template, `${path}/Role/`)]),
) as Record<Fn, RolePolicy>;

/**
 * Grants a function needs that the scenario cannot show in use: the DynamoDB stream actions are the notify event
 * source's (Lambda polls the stream with the function's role); AbortMultipartUpload is sent by lib-storage only when
 * a multipart upload fails.
 */
const NEEDED_UNSEEN = new Set([
  'dynamodb:ListStreams',
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  's3:AbortMultipartUpload',
]);

/** A GET through API Gateway: people with a Cognito JWT (groups claim as "[a b]"), machines with IAM auth. */
function apiEvent(
  path: string,
  query: string,
  groups: readonly string[] | 'machine',
): APIGatewayProxyEventV2 {
  const authorizer =
    groups === 'machine'
      ? { iam: { userArn: 'arn:aws:sts::111122223333:assumed-role/MachineClient/finance' } }
      : { jwt: { claims: { 'cognito:groups': `[${groups.join(' ')}]` }, scopes: [] } };
  return {
    version: '2.0',
    routeKey: 'GET /api/{proxy+}',
    rawPath: path,
    rawQueryString: query,
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      accountId: '111122223333',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'r',
      routeKey: 'GET /api/{proxy+}',
      stage: '$default',
      time: '10/May/2022:10:00:00 +0000',
      timeEpoch: 0,
      // The handler reads the authorizer as API Gateway adds it (functions/api.ts groupsOf).
      ...({ authorizer } as object),
    },
  };
}

describe('the functions within the S3 and DynamoDB permissions of their roles', () => {
  let stack: Stack;
  /** The checks of each step, by function: what it asked S3 and DynamoDB for, allowed or not. */
  const seen: Record<Fn, Check[]> = { ingest: [], notify: [], settle: [], export: [], api: [] };

  const depsOf = (fn: Fn): IngestDeps => ({
    ...stack.deps,
    store: iamEnforcingItems(stack.store, roles[fn], TABLE_ARN),
    blobs: iamEnforcingBucket(stack.blobs, roles[fn], BUCKET_ARN),
    alertMode: 'deferred',
  });

  /** Runs a step as function `fn`; gives the requests it made that its role does not allow. */
  async function as<T>(
    fn: Fn,
    step: (deps: IngestDeps) => Promise<T>,
  ): Promise<{ result: T; denied: Check[] }> {
    const policy = roles[fn];
    policy.reset();
    mockDeps = depsOf(fn);
    try {
      const result = await step(mockDeps);
      return { result, denied: policy.denials };
    } finally {
      seen[fn].push(...policy.checks);
      mockDeps = null;
    }
  }

  /** File records as the table's stream gives them (NewImage), like the notify event source filters them. */
  async function fileRecordImages(): Promise<Record<string, AttributeValue>[]> {
    const images: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await stack.dynamo.client.send(
        new ScanCommand({ TableName: TABLE, ExclusiveStartKey: start }),
      );
      images.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return images.filter(
      (i) => i.pk?.S?.startsWith('GEM#') && i.sk?.S?.startsWith('FILE#') && i.alertVerzonden === undefined,
    );
  }

  const streamEvent = (images: readonly Record<string, AttributeValue>[]): DynamoDBStreamEvent => ({
    Records: images.map(
      (image, n): DynamoDBRecord => ({
        eventID: String(n),
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        // The SDK's and aws-lambda's AttributeValue types describe the same wire format.
        dynamodb: { NewImage: image as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'] },
      }),
    ),
  });

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('runs each function with the role its function resource names, on the table and bucket it is given', () => {
    const resources = template.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>;
    const table = TABLE_ARN.slice(1, -5);
    const bucket = BUCKET_ARN.slice(1, -5);
    for (const [fn, path] of Object.entries(FUNCTIONS) as [Fn, string][]) {
      const props = resources[logicalIdAt(template, 'AWS::Lambda::Function', `${path}/Function/`)].Properties;
      expect(props.Role).toEqual({ 'Fn::GetAtt': [roles[fn].role, 'Arn'] });
      const variables = (props.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables.TABLE_NAME).toEqual({ Ref: table });
      expect(variables.BUCKET_NAME).toEqual({ Ref: bucket });
    }
  });

  it('ingest: new, rejected, quarantined, duplicate, renamed, redelivered and withdrawn-duplicate files', async () => {
    const handler = makeIngestHandler(async () => depsOf('ingest'), silentMetrics);
    const tw = toewijzingCsv([{}]);
    const d1 = declaratieXml({
      nummer: 'D1',
      maand: '2022-03',
      lines: [line('2022-03', 'R1'), line('2022-03', 'R2', { toewijzingNummer: 999 })],
    });
    const d2 = declaratieXml({ nummer: 'D2', maand: '2022-04', lines: [line('2022-04', 'R3')] });
    const rommel = Buffer.from([0, 1, 2, 3]);
    const uploads: [string, string | Buffer, string][] = [
      ['tw.csv', tw, '2022-01-05T09:00:00Z'],
      ['d.xml', d1, '2022-04-08T09:00:00Z'],
      ['kopie.xml', d1, '2022-04-09T09:00:00Z'],
      ['d.xml', d2, '2022-05-08T09:00:00Z'],
      ['rommel.bin', rommel, '2022-05-09T09:00:00Z'],
      ['taak.csv', taakgerichtCsv([{}]), '2022-05-09T09:30:00Z'],
    ];
    const failures: unknown[] = [];
    const { denied } = await as('ingest', async () => {
      let n = 0;
      const ingest = async (name: string, content: string | Buffer, at: string, prefix = 'inbox/0983/') => {
        const objectKey = `${prefix}${name}`;
        await putWithTime(stack.blobs, objectKey, content, new Date(at));
        const res = await handler({ Records: [routedMessage(`m${++n}`, objectKey, '0983')] }, context);
        failures.push(...res.batchItemFailures);
      };
      for (const [name, content, at] of uploads) await ingest(name, content, at);
      // A message delivered again after the file was done (inbox empty): HEAD of a missing key.
      const again = await handler(
        { Records: [routedMessage('again', 'inbox/0983/tw.csv', '0983')] },
        context,
      );
      failures.push(...again.batchItemFailures);
      // A crash after the commit, before the inbox was cleared: the same object again, outputs published again.
      await ingest('tw.csv', tw, '2022-01-05T09:00:00Z');
      await ingest('rommel.bin', rommel, '2022-05-09T09:00:00Z');
      // An operator asks to withdraw D2 (withdrawals/, carried out in the municipality's turn); its bytes come again.
      const d2Record = (await stack.dump()).find(
        (i) => i.sk.startsWith('FILE#') && i.ontvangen === '2022-05-08T09:00:00.000Z',
      );
      expect(d2Record?.name).toBe('d.xml');
      const request = JSON.stringify({ fileId: d2Record?.fileId, reden: 'test' });
      await ingest('d2.json', request, '2022-05-09T09:45:00Z', 'withdrawals/0983/');
      expect(JSON.parse((await stack.outputs())['outbox/0983/intrekkingen/d2.uitkomst.json']).status).toBe(
        'ingetrokken',
      );
      // The operators' role may put that request and read that outcome, and no other answer of the outbox.
      const operator = RolePolicy.of(template, 'Bwmo-NML/Operators/Beheer/');
      expect(operator.allows('s3:PutObject', `${BUCKET_ARN}/withdrawals/0983/d2.json`)).toBe(true);
      expect(
        operator.allows('s3:GetObject', `${BUCKET_ARN}/${withdrawalOutcomeKey('0983', 'd2.json')}`),
      ).toBe(true);
      expect(operator.allows('s3:GetObject', `${BUCKET_ARN}/outbox/0983/d.xml.antwoord.xml`)).toBe(false);
      expect(operator.allows('s3:PutObject', `${BUCKET_ARN}/inbox/0983/d.xml`)).toBe(false);
      await ingest('opnieuw.xml', d2, '2022-05-09T10:00:00Z');
    });
    expect(failures).toEqual([]);
    expect(denied).toEqual([]);
    expect(stack.alerts.sent).toEqual([]); // deferred: notify sends them
    const outputs = Object.keys(await stack.outputs());
    expect(outputs).toEqual(
      expect.arrayContaining([
        'archive/0983/tw.csv',
        'archive/0983/d.xml',
        'archive/0983/kopie.xml',
        'archive/0983/opnieuw.xml',
        'archive/0983/taak.csv',
        'quarantine/0983/rommel.bin',
        'outbox/0983/opnieuw.xml.rapport.json',
        'outbox/0983/opnieuw.xml.antwoord.xml',
      ]),
    );
    const rapport = (await stack.outputs())['outbox/0983/opnieuw.xml.rapport.json'];
    expect(rapport).toContain('INGETROKKEN');
    expect(await stack.blobs.list('inbox/')).toEqual([]);
  });

  it('notify: one alert per committed file with rejections, alertVerzonden set, none on a redelivery', async () => {
    const images = await fileRecordImages();
    expect(images.length).toBeGreaterThanOrEqual(4);
    const { denied } = await as('notify', async () => {
      await notifyHandler(streamEvent(images));
      // The stream delivers a batch again (a retry after a timeout): the record says the alert was sent.
      await notifyHandler(streamEvent(images));
    });
    expect(denied).toEqual([]);
    expect(stack.alerts.sent.map((a) => a.bestand).sort()).toEqual(['d.xml', 'rommel.bin']);
    // dump() leaves alertVerzonden out: read the two records themselves.
    const sent = await stack.store.get(stack.alerts.sent.map((a) => key.file(a.gemeente, a.fileId)));
    expect(sent.map((r) => typeof r.alertVerzonden)).toEqual(['string', 'string']);
  });

  it('settle: the monthly run, a run again, on demand up to a month, and closing a year', async () => {
    const handler = (nu: string) =>
      makeSettleHandler(
        async () => depsOf('settle'),
        silentLog,
        () => new Date(nu),
      );
    const { result, denied } = await as('settle', async () => [
      await handler('2022-05-10T06:00:00Z')({ sluit: false }),
      await handler('2022-05-10T06:00:00Z')({
        version: '0',
        id: 'e',
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: '111122223333',
        time: '2022-05-10T06:00:00Z',
        region: 'eu-west-1',
        resources: [],
        detail: {},
      }),
      await handler('2022-05-10T06:00:00Z')({ jaar: 2022, totMaand: '2022-03' }),
      await handler('2022-05-10T06:00:00Z')({ jaar: 2021, sluit: true }),
    ]);
    expect(denied).toEqual([]);
    expect(result).toEqual([
      expect.objectContaining({ jaar: 2022, versie: 1, status: 'voorlopig', opslag: 'nieuw' }),
      expect.objectContaining({ jaar: 2022, versie: 1, opslag: 'bestaand' }),
      expect.objectContaining({ jaar: 2022, versie: 2, status: 'voorlopig', opslag: 'nieuw' }),
      expect.objectContaining({ jaar: 2021, status: 'definitief', opslag: 'nieuw' }),
    ]);
    expect((result[0] as SettleAnswer).bestand).toBe('exports/verevening/2022/v1.json');
  });

  it('export: the monthly finance export, on demand and as the schedule invokes it', async () => {
    const { result, denied } = await as('export', async () => [
      await exportHandler({ datum: '2022-05-10' }),
      // The schedule's target has no input: the EventBridge event itself, without datum (today's date).
      await exportHandler({}),
    ]);
    expect(denied).toEqual([]);
    expect(result[0].bestanden).toContain('exports/2022-04/maand-2022-04.xlsx');
    expect(result[1].bestanden.length).toBe(result[0].bestanden.length);
  });

  it('api: every route as finance, policy, a backoffice and a machine client', async () => {
    const period = { van: '2022-01', tot: '2022-04' };
    const finance = ['financien'];
    const requests: [string, string, readonly string[] | 'machine'][] = [
      ['/api/gezondheid', '', finance],
      ['/api/regio', '', finance],
      ['/api/bestanden/0983', '', finance],
      ...VIEW_NAMES.flatMap((name) => {
        const q = new URLSearchParams(
          Object.entries(periodParams(name, period)).map(([k, v]): [string, string] => [k, String(v)]),
        ).toString();
        return (['json', 'csv', 'xlsx'] as const).map((format): [string, string, readonly string[]] => [
          `/api/${name}`,
          `${q}&format=${format}`,
          finance,
        ]);
      }),
      ['/api/export', 'van=2022-01&tot=2022-04', finance],
      ['/api/verevening', 'jaar=2022', finance],
      ['/api/verevening', 'jaar=2022&vergelijking=ja', finance],
      ['/api/verevening', 'jaar=2022&versie=1', finance],
      ['/api/verevening', 'jaar=2022&tot=2022-04', finance],
      ['/api/verevening', 'jaar=2022&format=csv', finance],
      ['/api/verevening', 'jaar=2022&format=xlsx', finance],
      ['/api/verevening', 'jaar=2022&format=html', finance],
      ['/api/verevening', 'jaar=2021', finance],
      ['/api/verevening', 'jaar=2023', finance],
      ['/api/verevening/versies', 'jaar=2022', finance],
      ['/api/verevening/scenarios', 'jaar=2022', finance],
      ['/api/verevening/scenarios', 'jaar=2022&format=xlsx', finance],
      ['/api/regio', '', ['beleid']],
      ['/api/stand', 'datum=2022-04-30', ['beleid']],
      ['/api/maand', 'van=2022-01&tot=2022-04&gemeente=0983', ['backoffice-0983']],
      ['/api/bestanden/0983', '', ['backoffice-0983']],
      ['/api/verevening', 'jaar=2022', ['backoffice-0983']],
      ['/api/verevening/versies', 'jaar=2022', ['backoffice-0983']],
      ['/machine/regio', '', 'machine'],
      ['/machine/export', 'van=2022-04&tot=2022-04', 'machine'],
    ];
    const answers: { path: string; status: number | undefined; fout?: string }[] = [];
    const { denied } = await as('api', async () => {
      for (const [path, query, groups] of requests) {
        // A handler that throws is what API Gateway turns into 500 {"message":"Internal Server Error"}.
        const res = (await apiHandler(apiEvent(path, query, groups)).catch((err: Error) => ({
          statusCode: 500,
          body: JSON.stringify({ fout: `${err.name}: ${err.message}` }),
        }))) as APIGatewayProxyStructuredResultV2;
        const fout = res.statusCode === 200 ? undefined : String(res.body);
        answers.push({ path: `${path}?${query}`, status: res.statusCode, ...(fout ? { fout } : {}) });
      }
    });
    expect(denied).toEqual([]);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
  });

  it.each(Object.keys(FUNCTIONS) as Fn[])('%s: no S3 or DynamoDB grant beyond what it used', (fn) => {
    expect(seen[fn].length).toBeGreaterThan(0);
    const unused = roles[fn].unused(['s3', 'dynamodb'], seen[fn]).filter((g) => !NEEDED_UNSEEN.has(g.action));
    expect(unused).toEqual([]);
  });
});

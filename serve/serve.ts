/**
 * `bwmo serve`: the whole AWS flow on loopback, with real protocol stand-ins. s3rver is the S3 API; its in-process
 * events, encoded as S3 encodes them, go through the same router handler into a local FIFO queue (one group per
 * municipality) and the same ingest handler as on AWS. dynalite is the DynamoDB API (persisted), an ssh2 server
 * plays Transfer Family (one user per municipality: /upload and /antwoorden), and the HTTP API and the monitor page
 * are served on localhost. A `bwmo ingest` while this runs hands its files to it (LevelDB allows one process).
 */

import { rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Context, S3Event, SQSEvent } from 'aws-lambda';
import { openLocal } from '../cli/runtime';
import { makeIngestHandler } from '../functions/ingest';
import { makeRouterHandler } from '../functions/router';
import { type ApiResponse, apiRouter } from '../pipeline/api/router';
import { localSettlement } from '../pipeline/api/settle';
import { alertWithoutBsns, isKeptNameOf, redactBsns } from '../pipeline/bsn';
import { type IngestDeps, parseInboxKey } from '../pipeline/ingest';
import {
  momentTag,
  partialUploadKey,
  partialUploadReport,
  partialUploadReportKeys,
} from '../pipeline/partial-upload';
import { keptNameOf } from '../pipeline/pseudonym';
import type { RoutedObject } from '../pipeline/route';
import { readBlob } from '../pipeline/settle/store';
import { loadFiles } from '../pipeline/state/reader';
import { textUpTo } from '../pipeline/text';
import { withdrawSerialised } from '../pipeline/withdraw';
import type { Report } from '../schemas/report';
import { foreignHost, fromBrowser } from '../stores/browser-guard';
import { BUCKET } from '../stores/s3rver';
import { SERVE_FILE, type ServeInfo } from './info';
import { monitorPage } from './monitor';
import { type Delivery, LocalFifoQueue } from './queue';
import { startSftpServer, uploadKey } from './sftp';

export { BUCKET, s3rverClient } from '../stores/s3rver';

export interface ServeOptions {
  readonly data: string;
  readonly region: string;
  readonly ports?: {
    readonly s3?: number;
    readonly dynamo?: number;
    readonly sftp?: number;
    readonly http?: number;
  };
  /** Where alerts and log lines go besides alerts.jsonl (default: stdout). */
  readonly log?: (line: string) => void;
  /** Wraps the pipeline's dependencies (tests inject faults here). */
  readonly wrapDeps?: (deps: IngestDeps) => IngestDeps;
  /** Retry delay of the local queue (tests shorten it). */
  readonly retryDelayMs?: number;
}

export interface Serving extends ServeInfo {
  readonly deps: IngestDeps;
  readonly queue: LocalFifoQueue<RoutedObject>;
  /** Keys in the order the router received them, per municipality (the load test checks processing order). */
  readonly received: Map<string, string[]>;
  readonly processed: Map<string, string[]>;
  /** Resolves with the report once the object at this inbox key has been processed. */
  waitFor(key: string): Promise<Report>;
  close(): Promise<void>;
}

export async function startServe(options: ServeOptions): Promise<Serving> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  // The embedded stack's dynalite, key file and alerts.jsonl; the bucket is s3rver's instead of a folder.
  const local = await openLocal({
    data: options.data,
    region: options.region,
    dynamoPort: options.ports?.dynamo ?? 0,
    echoAlerts: (line) => log(`melding: ${line}`),
    s3rverPort: options.ports?.s3 ?? 0,
    onMoved: (count, from) => log(`${count} bestand(en) uit ${from} overgezet naar de bucket van serve`),
  });
  const { dataDir, region, blobs } = local;
  const gemeenten = region.region.gemeenten.map((g) => g.code);
  // openLocal ran s3rver, as asked.
  const { server: s3rver, endpoint: s3 } = local.s3!;
  const base: IngestDeps = {
    store: local.store,
    blobs,
    secrets: local.secrets,
    alerts: local.alerts,
    region,
  };
  const deps = options.wrapDeps ? options.wrapDeps(base) : base;

  // Processing: router → local FIFO queue → the ingest Lambda's handler, with the same event shapes as on AWS.
  const received = new Map<string, string[]>();
  const processed = new Map<string, string[]>();
  const waiters = new Map<string, { resolve: (r: Report) => void; reject: (err: Error) => void }[]>();
  const ingestHandler = makeIngestHandler(
    async () => deps,
    { addMetric: () => undefined, publishStoredMetrics: () => undefined },
    async (message, { report, alreadyDone }) => {
      append(processed, message.gemeente, message.key);
      // An earlier delivery finished the file: its report is the stored one, not the pipeline's placeholder.
      const stored = alreadyDone ? await readReport(deps, message.key) : report;
      for (const w of waiters.get(message.key) ?? []) w.resolve(stored);
      waiters.delete(message.key);
    },
  );
  const queue = new LocalFifoQueue<RoutedObject>(
    async (message) => {
      const response = await ingestHandler(sqsEvent(message), {} as Context);
      if (response.batchItemFailures.length) throw new Error(`verwerking van ${message.key} mislukt`);
    },
    (message, err, attempt) => log(redactBsns(`fout bij ${message.key} (poging ${attempt}): ${cause(err)}`)),
    { retryDelayMs: options.retryDelayMs },
  );
  // Whoever waits for a key hears of it also when its message ends as dead letter (an error), or is dropped as a
  // duplicate of one already handled (same key and bytes within the window: the stored report).
  const settleWaiters = async (key: string, delivery: Delivery) => {
    const pending = waiters.get(key);
    if (!pending || delivery === 'verwerkt') return;
    waiters.delete(key);
    const report = delivery === 'dubbel' ? await readReport(deps, key).catch(() => null) : null;
    for (const w of pending) {
      if (report) w.resolve(report);
      else w.reject(new Error(`${key} is niet verwerkt (dead letter); zie de log`));
    }
  };
  const route = makeRouterHandler(async (group, dedup, message) => {
    append(received, group, message.key);
    void queue.send(group, dedup, message).then((delivery) => settleWaiters(message.key, delivery));
  });
  s3rver.on('event', (event) => {
    void route(asS3Encoded(event));
  });

  // SFTP as Transfer Family: a complete upload is copied to the inbox, a cut-off one goes to quarantine.
  const sftpPort = options.ports?.sftp ?? 0;
  const sftp = await startSftpServer({
    dataDir,
    gemeenten,
    blobs,
    port: sftpPort,
    log,
    onUploadComplete: async (g, name) => {
      await blobs.copy(uploadKey(g, name), `inbox/${g}/${name}`);
      await blobs.delete(uploadKey(g, name));
    },
    onPartialUpload: async (g, name, bytes) => {
      await quarantinePartialUpload(deps, g, name, bytes);
    },
  }).catch(givingUp('SFTP', sftpPort, '--sftp-port', [local]));

  const api = apiRouter(deps);
  const settlement = localSettlement(deps);
  const httpServer = createServer((req, res) => {
    void handleHttp(req, res).catch((err) => sendFout(res, 500, (err as Error).message));
  });
  const handleHttp = async (req: IncomingMessage, res: ServerResponse) => {
    const refusal = refuseForeign(req);
    if (refusal) return sendFout(res, 403, refusal);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/lokaal/ingest') {
      const gemeente = url.searchParams.get('gemeente') ?? '';
      const naam = url.searchParams.get('naam') ?? '';
      if (!/^[0-9]{4}$/.test(gemeente) || !naam || naam.includes('/'))
        return sendFout(res, 400, 'gemeente (4 cijfers) en naam zijn nodig');
      const key = `inbox/${gemeente}/${naam}`;
      const done = waitFor(key);
      await blobs.put(key, req as unknown as AsyncIterable<Buffer>);
      return sendJson(res, 200, await done);
    }
    if (req.method === 'POST' && url.pathname === '/lokaal/intrekken') {
      // `bwmo withdraw` on a data folder this server holds open.
      const fileId = url.searchParams.get('fileId') ?? '';
      const reden = (url.searchParams.get('reden') ?? '').trim();
      if (!fileId || !reden) return sendFout(res, 400, 'fileId en reden zijn nodig');
      const gemeente = url.searchParams.get('gemeente');
      const codes = gemeente ? [gemeente] : deps.region.region.gemeenten.map((g) => g.code);
      const result = await withdrawSerialised(deps.store, codes, fileId, reden);
      return 'record' in result ? sendJson(res, 200, result.record) : sendFout(res, 409, result.reden);
    }
    if (req.method === 'POST' && url.pathname === '/lokaal/verevening') {
      // `bwmo settle` on a data folder this server holds open: the run (store, close) happens here.
      const body = await textUpTo(req, MAX_SETTLE_REQUEST);
      if (body === null) return sendFout(res, 413, 'de vraag is groter dan 1 MB');
      return send(res, await settlement.handle(body));
    }
    if (url.pathname.startsWith('/api/')) {
      return send(
        res,
        await api.handle({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          groups: localGroups(req),
        }),
      );
    }
    const page = await monitorPage(url.pathname);
    if (page) {
      res.writeHead(200, { 'content-type': page.type, ...PAGE_HEADERS });
      res.end(page.body);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('niet gevonden');
  };
  const httpPort = options.ports?.http ?? 0;
  await new Promise<void>((listening, failed) => {
    httpServer.once('error', failed);
    httpServer.listen(httpPort, '127.0.0.1', () => {
      httpServer.off('error', failed);
      listening();
    });
  }).catch(givingUp('HTTP', httpPort, '--http-port', [sftp, local]));
  const http = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  const waitFor = (key: string) =>
    new Promise<Report>((resolve, reject) => {
      append(waiters, key, { resolve, reject });
    });

  const info: ServeInfo = {
    pid: process.pid,
    http,
    s3,
    dynamo: local.dynamoEndpoint,
    sftpPort: sftp.port,
    bucket: BUCKET,
  };
  await writeFile(join(dataDir, SERVE_FILE), `${JSON.stringify(info, null, 2)}\n`);

  return {
    ...info,
    deps,
    queue,
    received,
    processed,
    waitFor,
    close: async () => {
      await rm(join(dataDir, SERVE_FILE), { force: true });
      await sftp.close();
      await new Promise<void>((r) => (httpServer as Server).close(() => r()));
      await queue.drain();
      await local.close();
    },
  };
}

/**
 * A server that could not start on its port: what started before it stops again, so the command ends with a message
 * instead of hanging on open servers.
 */
const givingUp =
  (what: string, port: number, option: string, started: readonly { close(): Promise<void> }[]) =>
  async (err: NodeJS.ErrnoException): Promise<never> => {
    for (const s of started) await s.close();
    const problem = err.code === 'EADDRINUSE' ? 'al in gebruik' : err.message;
    throw new Error(`${what}-poort ${port}: ${problem}; kies een andere met ${option}`);
  };

/** A settlement run is a year, a month and at most a scenario file: far below this. */
const MAX_SETTLE_REQUEST = 1 << 20;

/** Appends to a key's list (files per municipality in the order seen, waiters per key). */
function append<T>(lists: Map<string, T[]>, key: string, value: T): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/** Writes an answer in the API router's shape (a base64 body as its bytes). */
function send(res: ServerResponse, response: ApiResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.base64 ? Buffer.from(response.body, 'base64') : response.body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** An error as the API gives one: `{fout}`. */
/** Error texts may repeat free text (file names, reasons): a possible BSN in them is masked, as the API does. */
const sendFout = (res: ServerResponse, status: number, fout: string): void =>
  sendJson(res, status, { fout: redactBsns(fout) });

/**
 * The HTTP server listens on loopback and trusts its callers (the role comes from a header), so it refuses what a web
 * page elsewhere could make a browser send: a Host other than this machine (DNS rebinding: a site's name resolving
 * to 127.0.0.1), and a write (`/lokaal/…`) from a browser (stores/browser-guard.ts: a cross-site form post; bwmo's own CLI sends no such headers).
 */
function refuseForeign(req: IncomingMessage): string | null {
  const foreign = foreignHost(req);
  if (foreign) return `bwmo serve beantwoordt ${foreign}`;
  if ((req.url ?? '').startsWith('/lokaal/') && fromBrowser(req))
    return 'bwmo serve neemt /lokaal/ alleen aan van bwmo op deze machine, niet van een webpagina';
  return null;
}

/** What a <meta> CSP cannot say: no framing (clickjacking), no content sniffing, no referrer to other sites. */
const PAGE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
} as const;

/**
 * Locally there is no login: a caller names its role in the X-Bwmo-Groepen header (comma-separated, as the Cognito
 * groups on AWS); without it the caller is a policy adviser, who sees the region with small counts suppressed.
 */
export function localGroups(req: IncomingMessage): string[] {
  const header = req.headers['x-bwmo-groepen'];
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const groups = value
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  return groups.length ? groups : ['beleid'];
}

/** s3rver gives keys as they are; S3 events carry them URL-encoded (spaces as +): the router decodes them. */
function asS3Encoded(event: S3Event): S3Event {
  return {
    Records: event.Records.map((r) => ({
      ...r,
      s3: {
        ...r.s3,
        object: {
          ...r.s3.object,
          key: encodeURIComponent(r.s3.object.key).replace(/%2F/g, '/').replace(/%20/g, '+'),
        },
      },
    })),
  };
}

/** The error to show: Powertools' "All records failed processing" carries the records' own errors. */
function cause(err: unknown): string {
  const records = (err as { recordErrors?: unknown[] }).recordErrors;
  const first = Array.isArray(records) && records.length ? records[0] : err;
  return first instanceof Error ? first.message : String(first);
}

function sqsEvent(message: RoutedObject): SQSEvent {
  return {
    Records: [
      {
        messageId: `${message.key}#${message.eventTime}`,
        receiptHandle: 'lokaal',
        body: JSON.stringify(message),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'lokaal',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
          MessageGroupId: message.gemeente,
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:bwmo-lokaal.fifo',
        awsRegion: 'eu-west-1',
      },
    ],
  };
}

/**
 * The stored report of a file processed earlier: that of the file last committed under this name (its outputs may
 * carry a suffix when the name was used before), else what the outbox or quarantine holds under the name (a
 * duplicate has no record of its own).
 */
async function readReport(deps: IngestDeps, inboxKey: string): Promise<Report> {
  const { gemeente: g, name: sent } = parseInboxKey(inboxKey);
  const name = await keptNameOf(sent, deps.secrets);
  const [last] = [...(await loadFiles(deps.store, g)).values()]
    .filter((r) => isKeptNameOf(r.name, name, sent))
    .sort((a, b) => b.ontvangen.localeCompare(a.ontvangen));
  const candidates = [
    ...(last ? [last.rapportKey] : []),
    `outbox/${g}/${name}.rapport.json`,
    `quarantine/${g}/${name}.rapport.json`,
  ];
  for (const key of candidates) {
    if (await deps.blobs.exists(key)) return JSON.parse((await readBlob(deps.blobs, key)).toString('utf8'));
  }
  throw new Error(`geen rapport voor ${inboxKey}`);
}

/**
 * A cut-off SFTP upload (what Transfer Family's OnPartialUpload handles on AWS): moved to quarantine with a report
 * (there and in the outbox), never processed, and an alert.
 */
export async function quarantinePartialUpload(
  deps: IngestDeps,
  g: string,
  name: string,
  bytes: number,
): Promise<void> {
  const staging = uploadKey(g, name);
  const ontvangen = new Date().toISOString();
  const target = partialUploadKey(g, name, ontvangen.slice(0, 10));
  const report = partialUploadReport(g, name, ontvangen, bytes);
  if (await deps.blobs.exists(staging)) {
    await deps.blobs.copy(staging, target);
    await deps.blobs.delete(staging);
  }
  const reportKeys = partialUploadReportKeys(target, { gemeente: g, name }, momentTag(ontvangen));
  for (const k of reportKeys) await deps.blobs.put(k, JSON.stringify(report));
  await deps.alerts.send(
    alertWithoutBsns({
      gemeente: g,
      bestand: name,
      fileId: '',
      soort: 'onbekend',
      status: 'quarantaine',
      regels: 0,
      afgewezen: 0,
      afgewezenBedrag: 0,
      retourcodes: [],
      antwoord: null,
      // The outbox copy: the backoffice can read it, and its name has no BSN (the quarantined part keeps the name).
      rapport: reportKeys[1],
      bevindingen: report.findings.map((f) => ({ rule: f.rule, message: f.message })),
    }),
  );
}

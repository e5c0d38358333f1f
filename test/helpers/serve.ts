/**
 * `bwmo serve` in-process for end-to-end tests: the whole local stack (s3rver, dynalite, the SFTP server, the HTTP
 * API) on loopback with free ports and a temporary data folder; an S3 client for s3rver, ssh2 SFTP sessions for
 * the municipalities' users (passwords from `<data>/sftp/gebruikers.json`) and readers for what the stack leaves
 * behind (bucket objects, alerts.jsonl, the API).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Client, type ConnectConfig, type FileEntry, type SFTPWrapper } from 'ssh2';
import { logger } from '../../functions/aws';
import type { IngestDeps } from '../../pipeline/ingest';
import type { Alert } from '../../pipeline/ports';
import type { Report } from '../../schemas/report';
import { BUCKET, type Serving, s3rverClient, startServe } from '../../serve/serve';
import { type GebruikersBestand, sftpDir, USERS_FILE } from '../../serve/sftp-config';
import { NML } from './stack';

/** `bwmo serve` on free loopback ports over a data folder, its log discarded. */
export const startQuietServe = (data: string): Promise<Serving> =>
  startServe({ data, region: NML, ports: { s3: 0, dynamo: 0, sftp: 0, http: 0 }, log: () => undefined });

/**
 * Hands files to a running server as `bwmo ingest` does: one at a time, in manifest order, each answered by its
 * report (returned in that order).
 */
export async function handToServe(
  serving: Serving,
  filesDir: string,
  files: readonly { readonly path: string; readonly gemeente: string }[],
): Promise<Report[]> {
  const reports: Report[] = [];
  for (const f of files) {
    const naam = f.path.split('/').pop()!;
    const response = await fetch(
      `${serving.http}/lokaal/ingest?gemeente=${f.gemeente}&naam=${encodeURIComponent(naam)}`,
      { method: 'POST', body: await readFile(join(filesDir, f.path)) },
    );
    if (response.status !== 200) throw new Error(`${f.path}: ${response.status} ${await response.text()}`);
    reports.push((await response.json()) as Report);
  }
  return reports;
}

/** An alert line of `<data>/alerts.jsonl`. */
export type AlertLine = Alert & { readonly tijd: string };

export interface ServeFixture {
  /** The temporary folder (data folder and scratch files below it). */
  readonly dir: string;
  readonly data: string;
  readonly serving: Serving;
  /** An S3 client for s3rver, as a backoffice would configure one. */
  readonly s3: S3Client;
  /** The server's log lines (alerts, SFTP, retries). */
  readonly log: string[];
  /** PutObject of `key` through the S3 API (no waiting for processing). */
  putObject(key: string, body: string | Buffer): Promise<void>;
  /** PutObject of `inbox/<g>/<name>` through the S3 API; resolves with the report once it has been processed. */
  upload(gemeente: string, name: string, body: string | Buffer): Promise<Report>;
  /** An object's bytes through the S3 API, or null when there is none. */
  object(key: string): Promise<Buffer | null>;
  /** The report of a processed object (outbox or quarantine), parsed. */
  report(key: string): Promise<Report>;
  /** Keys under a prefix. */
  keys(prefix: string): Promise<string[]>;
  /** The lines of `<data>/alerts.jsonl`, parsed. */
  alerts(): Promise<AlertLine[]>;
  /** GET from the HTTP API with these groups (default finance); fails on a status other than 200. */
  api<T = ApiView>(path: string, groups?: string): Promise<T>;
  /** The SFTP password of a municipality's user. */
  password(gemeente: string): Promise<string>;
  /** Logs in over SFTP as `g<gemeente>`. */
  sftp(gemeente: string, extra?: Partial<ConnectConfig>): Promise<SftpSession>;
  close(): Promise<void>;
}

/** A monitor view as `/api/<view>` answers in JSON (rows and totals as the tests read them). */
export interface ApiView {
  readonly aantal: number;
  readonly rijen: readonly Record<string, unknown>[];
  readonly totaal?: Record<string, number>;
}

export interface ServeFixtureOptions {
  readonly wrapDeps?: (deps: IngestDeps) => IngestDeps;
  readonly retryDelayMs?: number;
}

export async function startServeFixture(options: ServeFixtureOptions = {}): Promise<ServeFixture> {
  // The ingest handler logs a JSON line per file; the tests read reports, not logs.
  logger.setLogLevel('SILENT');
  const dir = await mkdtemp(join(tmpdir(), 'bwmo-serve-'));
  const data = join(dir, 'data');
  const log: string[] = [];
  const serving = await startServe({
    data,
    region: NML,
    ports: { s3: 0, dynamo: 0, sftp: 0, http: 0 },
    log: (line) => log.push(line),
    wrapDeps: options.wrapDeps,
    retryDelayMs: options.retryDelayMs ?? 20,
  });
  const s3 = s3rverClient(serving.s3);
  const sessions = new Set<Client>();

  const putObject = async (key: string, body: string | Buffer) => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  };
  const object = async (key: string): Promise<Buffer | null> => {
    try {
      const res = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return Buffer.from(await res.Body!.transformToByteArray());
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') return null;
      throw err;
    }
  };
  const fixture: ServeFixture = {
    dir,
    data,
    serving,
    s3,
    log,
    putObject,
    async upload(gemeente, name, body) {
      const key = `inbox/${gemeente}/${name}`;
      // Registered before the upload: the report may be ready before PutObject has returned.
      const done = serving.waitFor(key);
      await putObject(key, body);
      return done;
    },
    object,
    async report(key) {
      const [, g, ...rest] = key.split('/');
      const name = rest.join('/');
      for (const k of [`outbox/${g}/${name}.rapport.json`, `quarantine/${g}/${name}.rapport.json`]) {
        const body = await object(k);
        if (body) return JSON.parse(body.toString('utf8')) as Report;
      }
      throw new Error(`geen rapport voor ${key}`);
    },
    keys: (prefix) => serving.deps.blobs.list(prefix),
    async alerts() {
      const text = await readFile(join(data, 'alerts.jsonl'), 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as AlertLine);
    },
    async api<T>(path: string, groups = 'financien'): Promise<T> {
      const res = await fetch(`${serving.http}${path}`, { headers: { 'X-Bwmo-Groepen': groups } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text}`);
      return JSON.parse(text) as T;
    },
    password: (gemeente) => sftpPassword(data, gemeente),
    async sftp(gemeente, extra = {}) {
      const session = await sftpLogin(serving.sftpPort, {
        username: `g${gemeente}`,
        password: await sftpPassword(data, gemeente),
        ...extra,
      });
      sessions.add(session.client);
      session.client.once('close', () => sessions.delete(session.client));
      return session;
    },
    async close() {
      for (const client of sessions) client.end();
      await serving.close();
      s3.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

export async function sftpPassword(data: string, gemeente: string): Promise<string> {
  const users = JSON.parse(await readFile(join(sftpDir(data), USERS_FILE), 'utf8')) as GebruikersBestand;
  const user = users.gebruikers.find((u) => u.gemeente === gemeente);
  if (!user?.wachtwoord) throw new Error(`geen wachtwoord voor gemeente ${gemeente}`);
  return user.wachtwoord;
}

/** An SFTP session with promisified calls; a refused call rejects with ssh2's error (`code` = SFTP status). */
export interface SftpSession {
  readonly client: Client;
  readonly sftp: SFTPWrapper;
  put(path: string, data: string | Buffer): Promise<void>;
  get(path: string): Promise<Buffer>;
  list(path: string): Promise<string[]>;
  open(path: string, mode: 'r' | 'w'): Promise<Buffer>;
  write(handle: Buffer, data: Buffer, position: number): Promise<void>;
  /** Ends the connection and waits until it is closed. */
  end(): Promise<void>;
}

export function sftpLogin(port: number, credentials: Partial<ConnectConfig>): Promise<SftpSession> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client
      .on('ready', () => {
        client.sftp((err, sftp) => (err ? reject(err) : resolve(sftpSession(client, sftp))));
      })
      .on('error', reject)
      .connect({ host: '127.0.0.1', port, readyTimeout: 10_000, ...credentials });
  });
}

function sftpSession(client: Client, sftp: SFTPWrapper): SftpSession {
  return {
    client,
    sftp,
    put: (path, data) =>
      new Promise((res, rej) =>
        sftp.writeFile(path, typeof data === 'string' ? Buffer.from(data) : data, (e) =>
          e ? rej(e) : res(),
        ),
      ),
    get: (path) => new Promise((res, rej) => sftp.readFile(path, (e, b) => (e ? rej(e) : res(b)))),
    list: (path) =>
      new Promise((res, rej) =>
        sftp.readdir(path, (e, list: FileEntry[]) => (e ? rej(e) : res(list.map((f) => f.filename).sort()))),
      ),
    open: (path, mode) => new Promise((res, rej) => sftp.open(path, mode, (e, h) => (e ? rej(e) : res(h)))),
    write: (handle, data, position) =>
      new Promise((res, rej) =>
        sftp.write(handle, data, 0, data.length, position, (e) => (e ? rej(e) : res())),
      ),
    end: () =>
      new Promise((res) => {
        client.once('close', () => res());
        client.end();
      }),
  };
}

/**
 * Starts an upload over SFTP as `g<gemeente>`, writes `data` into `/upload/<name>` without closing the handle, then
 * destroys the TCP connection: a cut-off upload as the server sees one.
 */
export async function cutOffUpload(
  port: number,
  gemeente: string,
  password: string,
  name: string,
  data: Buffer,
): Promise<void> {
  const sock: Socket = netConnect(port, '127.0.0.1');
  await new Promise<void>((r) => sock.once('connect', () => r()));
  const session = await sftpLogin(port, { sock, username: `g${gemeente}`, password });
  session.client.on('error', () => undefined);
  const handle = await session.open(`/upload/${name}`, 'w');
  await session.write(handle, data, 0);
  sock.destroy();
}

/** Polls `condition` every 25 ms until it holds; fails with `what` after `ms` (a wait, not a timing assertion). */
export async function waitUntil(condition: () => Promise<boolean> | boolean, what: string, ms = 15_000) {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`wachten duurde te lang: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

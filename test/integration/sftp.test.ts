/**
 * The local SFTP server (serve/sftp.ts) over loopback, with the ssh2 client as SFTP client and a LocalBlobStore in a
 * temporary folder: uploads into /upload, answers from /antwoorden, permissions of the two folders, path traversal
 * and isolation between municipalities (every bucket key the server touches is recorded and checked), partial
 * uploads (connection ended, socket destroyed, session closed, server closed), authentication, and the
 * configuration files kept between starts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Client, type ConnectConfig, type FileEntry, type SFTPWrapper, type Stats, utils } from 'ssh2';
import type { BlobStore, BlobVersion } from '../../pipeline/ports';
import { resolveVirtualPath, type SftpServer, startSftpServer } from '../../serve/sftp';
import {
  type GebruikersBestand,
  generateEd25519KeyPair,
  HOST_KEY_FILE,
  USERS_FILE,
} from '../../serve/sftp-config';
import { LocalBlobStore } from '../../stores/local-blobs';

const { STATUS_CODE } = utils.sftp;
const GEMEENTEN = ['0988', '0983'];

/** A BlobStore that records every key the server passes to it. */
class RecordingBlobs implements BlobStore {
  readonly keys: string[] = [];
  constructor(private readonly inner: BlobStore) {}
  private seen(...keys: string[]) {
    this.keys.push(...keys);
  }
  put(key: string, body: Parameters<BlobStore['put']>[1]) {
    this.seen(key);
    return this.inner.put(key, body);
  }
  open(key: string, version?: BlobVersion): Promise<Readable> {
    this.seen(key);
    return this.inner.open(key, version);
  }
  exists(key: string) {
    this.seen(key);
    return this.inner.exists(key);
  }
  copy(from: string, to: string, version?: BlobVersion) {
    this.seen(from, to);
    return this.inner.copy(from, to, version);
  }
  delete(key: string, version?: BlobVersion) {
    this.seen(key);
    return this.inner.delete(key, version);
  }
  list(prefix: string) {
    this.seen(prefix);
    return this.inner.list(prefix);
  }
  version(key: string) {
    this.seen(key);
    return this.inner.version(key);
  }
}

interface Events {
  complete: { g: string; name: string }[];
  partial: { g: string; name: string; bytes: number }[];
  log: string[];
}

interface Fixture extends Events {
  readonly dir: string;
  readonly dataDir: string;
  readonly local: LocalBlobStore;
  readonly blobs: RecordingBlobs;
  server: SftpServer;
  /** Makes the next onUploadComplete throw (the caller could not hand the upload on). */
  failNextComplete: boolean;
  reset(): void;
  start(gemeenten?: readonly string[]): Promise<SftpServer>;
}

async function fixture(): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'bwmo-sftp-'));
  const local = new LocalBlobStore(join(dir, 'bucket'));
  const blobs = new RecordingBlobs(local);
  const f: Fixture = {
    dir,
    dataDir: join(dir, 'data'),
    local,
    blobs,
    complete: [],
    partial: [],
    log: [],
    server: undefined as unknown as SftpServer,
    failNextComplete: false,
    reset() {
      f.failNextComplete = false;
      f.complete.length = 0;
      f.partial.length = 0;
      f.log.length = 0;
      blobs.keys.length = 0;
    },
    async start(gemeenten = GEMEENTEN) {
      f.server = await startSftpServer({
        dataDir: f.dataDir,
        gemeenten,
        blobs,
        log: (line) => f.log.push(line),
        onUploadComplete: (g, name) => {
          if (f.failNextComplete) {
            f.failNextComplete = false;
            throw new Error('inbox niet bereikbaar');
          }
          f.complete.push({ g, name });
        },
        onPartialUpload: (g, name, bytes) => {
          f.partial.push({ g, name, bytes });
        },
      });
      return f.server;
    },
  };
  await f.start();
  return f;
}

async function usersOf(f: Fixture): Promise<GebruikersBestand> {
  return JSON.parse(await readFile(join(f.dataDir, 'sftp', USERS_FILE), 'utf8')) as GebruikersBestand;
}

async function passwordOf(f: Fixture, gemeente: string): Promise<string> {
  const user = (await usersOf(f)).gebruikers.find((u) => u.gemeente === gemeente);
  if (!user?.wachtwoord) throw new Error(`geen wachtwoord voor ${gemeente}`);
  return user.wachtwoord;
}

interface Session {
  readonly client: Client;
  readonly sftp: SFTPWrapper;
}

function login(port: number, credentials: Partial<ConnectConfig>): Promise<Session> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client
      .on('ready', () => {
        client.sftp((err, sftp) => (err ? reject(err) : resolve({ client, sftp })));
      })
      .on('error', reject)
      .connect({ host: '127.0.0.1', port, readyTimeout: 5000, ...credentials });
  });
}

async function loginAs(f: Fixture, gemeente: string, extra: Partial<ConnectConfig> = {}): Promise<Session> {
  return login(f.server.port, {
    username: `g${gemeente}`,
    password: await passwordOf(f, gemeente),
    ...extra,
  });
}

function closed(client: Client): Promise<void> {
  return new Promise((resolve) => {
    client.once('close', () => resolve());
    client.end();
  });
}

/** Promisified client calls; a failed call rejects with ssh2's error (`code` is the SFTP status). */
const op = {
  open: (s: SFTPWrapper, path: string, mode: 'r' | 'w' | 'a' | 'wx' | 'r+') =>
    new Promise<Buffer>((res, rej) => s.open(path, mode, (e, h) => (e ? rej(e) : res(h)))),
  write: (s: SFTPWrapper, h: Buffer, data: Buffer, position: number) =>
    new Promise<void>((res, rej) => s.write(h, data, 0, data.length, position, (e) => (e ? rej(e) : res()))),
  close: (s: SFTPWrapper, h: Buffer) =>
    new Promise<void>((res, rej) => s.close(h, (e) => (e ? rej(e) : res()))),
  readdir: (s: SFTPWrapper, path: string) =>
    new Promise<FileEntry[]>((res, rej) => s.readdir(path, (e, list) => (e ? rej(e) : res(list)))),
  opendir: (s: SFTPWrapper, path: string) =>
    new Promise<Buffer>((res, rej) => s.opendir(path, (e, h) => (e ? rej(e) : res(h)))),
  stat: (s: SFTPWrapper, path: string) =>
    new Promise<Stats>((res, rej) => s.stat(path, (e, st) => (e ? rej(e) : res(st)))),
  realpath: (s: SFTPWrapper, path: string) =>
    new Promise<string>((res, rej) => s.realpath(path, (e, p) => (e ? rej(e) : res(p)))),
  readFile: (s: SFTPWrapper, path: string) =>
    new Promise<Buffer>((res, rej) => s.readFile(path, (e, b) => (e ? rej(e) : res(b)))),
  writeFile: (s: SFTPWrapper, path: string, data: Buffer) =>
    new Promise<void>((res, rej) => s.writeFile(path, data, (e) => (e ? rej(e) : res()))),
  fastPut: (s: SFTPWrapper, local: string, remote: string) =>
    new Promise<void>((res, rej) =>
      s.fastPut(local, remote, { concurrency: 8, chunkSize: 16 * 1024 }, (e) => (e ? rej(e) : res())),
    ),
  fastGet: (s: SFTPWrapper, remote: string, local: string) =>
    new Promise<void>((res, rej) =>
      s.fastGet(remote, local, { concurrency: 8, chunkSize: 16 * 1024 }, (e) => (e ? rej(e) : res())),
    ),
  mkdir: (s: SFTPWrapper, path: string) =>
    new Promise<void>((res, rej) => s.mkdir(path, (e) => (e ? rej(e) : res()))),
  rmdir: (s: SFTPWrapper, path: string) =>
    new Promise<void>((res, rej) => s.rmdir(path, (e) => (e ? rej(e) : res()))),
  unlink: (s: SFTPWrapper, path: string) =>
    new Promise<void>((res, rej) => s.unlink(path, (e) => (e ? rej(e) : res()))),
  rename: (s: SFTPWrapper, from: string, to: string) =>
    new Promise<void>((res, rej) => s.rename(from, to, (e) => (e ? rej(e) : res()))),
  symlink: (s: SFTPWrapper, target: string, path: string) =>
    new Promise<void>((res, rej) => s.symlink(target, path, (e) => (e ? rej(e) : res()))),
  setstat: (s: SFTPWrapper, path: string) =>
    new Promise<void>((res, rej) => s.setstat(path, { mode: 0o777 }, (e) => (e ? rej(e) : res()))),
};

/** The SFTP status code a refused call ended with (fails the test if the call succeeded). */
async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (err) {
    return (err as { code: number }).code;
  }
  throw new Error('de aanroep slaagde, maar had geweigerd moeten worden');
}

async function waitUntil(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timeout: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function bucketSnapshot(local: LocalBlobStore): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const key of await local.list(''))
    out.set(key, (await readFile(join(local.root, key))).toString('base64'));
  return out;
}

const ownPrefix = (g: string) => (key: string) =>
  key.startsWith(`upload/${g}/`) || key.startsWith(`outbox/${g}/`);

describe('SFTP server (Transfer Family stand-in)', () => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture();
  });
  afterAll(async () => {
    await f.server.close();
    await rm(f.dir, { recursive: true, force: true });
  });
  beforeEach(() => f.reset());

  test('resolves paths to the virtual tree only', () => {
    expect(resolveVirtualPath('/')).toEqual({ kind: 'root', path: '/' });
    expect(resolveVirtualPath('')).toEqual({ kind: 'root', path: '/' });
    expect(resolveVirtualPath('.//upload/./')).toEqual({ kind: 'folder', folder: 'upload', path: '/upload' });
    expect(resolveVirtualPath('antwoorden/a.xml')).toMatchObject({
      kind: 'file',
      folder: 'antwoorden',
      name: 'a.xml',
    });
    expect(resolveVirtualPath('/upload/../antwoorden/a.xml')).toBeNull();
    expect(resolveVirtualPath('/upload/../antwoorden/a.xml', true)).toMatchObject({
      path: '/antwoorden/a.xml',
    });
    expect(resolveVirtualPath('/../../..', true)).toEqual({ kind: 'root', path: '/' });
    expect(resolveVirtualPath('/../../outbox/0983', true)).toBeNull();
    for (const bad of [
      '/upload/a\\b',
      '/upload/%2e%2e',
      '/upload/a\u0000b',
      '/upload/a/b',
      '/upload/.x',
      '/etc',
    ]) {
      expect(resolveVirtualPath(bad, true)).toBeNull();
    }
  });

  test('an upload into /upload lands at upload/<g>/<name>, then onUploadComplete runs', async () => {
    const { client, sftp } = await loginAs(f, '0988');
    try {
      expect(await op.realpath(sftp, '.')).toBe('/');
      const content = Buffer.from('regel 1;123456782;product\nregel 2;111222333;product\n');
      const h = await op.open(sftp, '/upload/declaraties.csv', 'w');
      await op.write(sftp, h, content.subarray(0, 20), 0);
      await op.write(sftp, h, content.subarray(20), 20);
      expect(f.complete).toEqual([]);
      await op.close(sftp, h);
      expect(f.complete).toEqual([{ g: '0988', name: 'declaraties.csv' }]);
      expect(await readFile(join(f.local.root, 'upload/0988/declaraties.csv'))).toEqual(content);

      // A larger file with concurrent, out-of-order writes (ssh2 fastPut), and a path relative to the root.
      const big = randomBytes(300 * 1024);
      const localFile = join(f.dir, 'groot.xml');
      await writeFile(localFile, big);
      await op.fastPut(sftp, localFile, 'upload/groot.xml');
      expect(f.complete).toEqual([
        { g: '0988', name: 'declaraties.csv' },
        { g: '0988', name: 'groot.xml' },
      ]);
      expect((await readFile(join(f.local.root, 'upload/0988/groot.xml'))).equals(big)).toBe(true);
      // ssh2's writeFile goes through FSETSTAT (mode) as well.
      await op.writeFile(sftp, '/upload/klein.csv', Buffer.from('x'));
      expect(f.complete.at(-1)).toEqual({ g: '0988', name: 'klein.csv' });
      expect(f.partial).toEqual([]);
    } finally {
      await closed(client);
    }
    expect(f.blobs.keys.every(ownPrefix('0988'))).toBe(true);
    expect(f.log.some((l) => l.includes('aanmelding g0988 (wachtwoord)'))).toBe(true);
    expect(f.log.filter((l) => l.includes('compleet'))).toHaveLength(3);
    const logged = f.log.join('\n');
    expect(logged).not.toContain('regel 1');
    expect(logged).not.toContain('123456782');
    expect(logged).not.toContain(await passwordOf(f, '0988'));
  });

  test('/antwoorden lists and reads outbox/<g>/ and nothing of another municipality', async () => {
    const answer = Buffer.from('<Bericht>antwoord</Bericht>\n');
    const big = randomBytes(200 * 1024);
    await f.local.put('outbox/0988/decl.xml.wmo325.xml', answer);
    await f.local.put('outbox/0988/decl.xml.rapport.json', '{"status":"verwerkt"}');
    await f.local.put('outbox/0988/groot.bin', big);
    await f.local.put('outbox/0983/geheim.xml', 'van een andere gemeente');
    f.reset();
    const { client, sftp } = await loginAs(f, '0988');
    try {
      expect((await op.readdir(sftp, '/')).map((e) => e.filename).sort()).toEqual(['antwoorden', 'upload']);
      const listing = await op.readdir(sftp, '/antwoorden');
      expect(listing.map((e) => e.filename).sort()).toEqual([
        'decl.xml.rapport.json',
        'decl.xml.wmo325.xml',
        'groot.bin',
      ]);
      expect(listing.find((e) => e.filename === 'decl.xml.wmo325.xml')?.attrs.size).toBe(answer.length);
      expect((await op.stat(sftp, '/antwoorden/decl.xml.wmo325.xml')).size).toBe(answer.length);
      expect((await op.stat(sftp, '/antwoorden')).isDirectory()).toBe(true);
      expect(await op.readFile(sftp, '/antwoorden/decl.xml.wmo325.xml')).toEqual(answer);
      expect((await op.readFile(sftp, 'antwoorden/decl.xml.rapport.json')).toString()).toBe(
        '{"status":"verwerkt"}',
      );
      const local = join(f.dir, 'groot.kopie');
      await op.fastGet(sftp, '/antwoorden/groot.bin', local);
      expect((await readFile(local)).equals(big)).toBe(true);
      // The other municipality's answer is not there under any name.
      expect(await statusOf(op.stat(sftp, '/antwoorden/geheim.xml'))).toBe(STATUS_CODE.NO_SUCH_FILE);
      expect(await statusOf(op.readFile(sftp, '/antwoorden/geheim.xml'))).toBe(STATUS_CODE.NO_SUCH_FILE);
    } finally {
      await closed(client);
    }
    expect(f.blobs.keys.every(ownPrefix('0988'))).toBe(true);

    const other = await loginAs(f, '0983');
    try {
      expect((await op.readdir(other.sftp, '/antwoorden')).map((e) => e.filename)).toEqual(['geheim.xml']);
    } finally {
      await closed(other.client);
    }
  });

  test('/antwoorden is read-only, /upload is write-only, nothing else can be changed', async () => {
    await f.local.put('outbox/0988/antwoord.xml', 'origineel');
    const before = await bucketSnapshot(f.local);
    f.reset();
    const { client, sftp } = await loginAs(f, '0988');
    try {
      const denied = STATUS_CODE.PERMISSION_DENIED;
      expect(await statusOf(op.open(sftp, '/antwoorden/antwoord.xml', 'w'))).toBe(denied);
      expect(await statusOf(op.open(sftp, '/antwoorden/nieuw.xml', 'w'))).toBe(denied);
      expect(await statusOf(op.open(sftp, '/antwoorden/antwoord.xml', 'r+'))).toBe(denied);
      expect(await statusOf(op.open(sftp, '/antwoorden/antwoord.xml', 'a'))).toBe(denied);
      expect(await statusOf(op.unlink(sftp, '/antwoorden/antwoord.xml'))).toBe(denied);
      expect(await statusOf(op.rename(sftp, '/antwoorden/antwoord.xml', '/upload/x'))).toBe(denied);
      expect(await statusOf(op.setstat(sftp, '/antwoorden/antwoord.xml'))).toBe(denied);
      expect(await statusOf(op.readdir(sftp, '/upload'))).toBe(denied);
      expect(await statusOf(op.opendir(sftp, '/upload/'))).toBe(denied);
      expect(await statusOf(op.open(sftp, '/upload/iets.csv', 'r'))).toBe(denied);
      expect(await statusOf(op.open(sftp, '/upload/iets.csv', 'r+'))).toBe(denied);
      expect(await statusOf(op.open(sftp, '/upload/iets.csv', 'a'))).toBe(denied);
      expect(await statusOf(op.mkdir(sftp, '/upload/map'))).toBe(denied);
      expect(await statusOf(op.rmdir(sftp, '/upload'))).toBe(denied);
      expect(await statusOf(op.unlink(sftp, '/upload/iets.csv'))).toBe(denied);
      expect(await statusOf(op.symlink(sftp, '/antwoorden/antwoord.xml', '/upload/link'))).toBe(denied);
      expect(await statusOf(op.open(sftp, '/upload', 'w'))).toBe(denied);
      expect(await statusOf(op.open(sftp, '/', 'w'))).toBe(denied);
      // No subfolders in /upload, no files in the root.
      expect(await statusOf(op.open(sftp, '/upload/map/iets.csv', 'w'))).toBe(STATUS_CODE.NO_SUCH_FILE);
      expect(await statusOf(op.open(sftp, '/iets.csv', 'w'))).toBe(STATUS_CODE.NO_SUCH_FILE);
      expect(await statusOf(op.stat(sftp, '/upload/iets.csv'))).toBe(STATUS_CODE.NO_SUCH_FILE);
    } finally {
      await closed(client);
    }
    expect(await bucketSnapshot(f.local)).toEqual(before);
    expect(f.complete).toEqual([]);
    expect(f.partial).toEqual([]);
    expect(f.blobs.keys.every(ownPrefix('0988'))).toBe(true);
  });

  test('path traversal never leaves the two folders, nor reaches another municipality', async () => {
    await f.local.put('outbox/0983/x', 'van 0983');
    await f.local.put('inbox/0988/x', 'inbox');
    await f.local.put('outbox/0988/a.xml', 'eigen antwoord');
    const before = await bucketSnapshot(f.local);
    const configBefore = await readFile(join(f.dataDir, 'sftp', USERS_FILE), 'utf8');
    f.reset();
    const attempts = [
      '/antwoorden/../../outbox/0983/x',
      '/antwoorden/../../../outbox/0983/x',
      'antwoorden/../../outbox/0983',
      '/../upload',
      '/../upload/x',
      '/upload/../antwoorden/a.xml',
      '/upload/./../../inbox/0988/x',
      '/upload/..',
      '//etc/passwd',
      '/etc/passwd',
      '/outbox/0983/x',
      '/inbox/0988/x',
      '/upload/0988/x',
      '\\..\\',
      '\\..\\outbox\\0983\\x',
      '/upload/..\\..\\outbox\\0983\\x',
      '/antwoorden\\..\\..\\outbox\\0983\\x',
      '%2e%2e/',
      '%2e%2e/%2e%2e/outbox/0983/x',
      '/antwoorden/%2e%2e/%2e%2e/outbox/0983/x',
      '/upload/..%2f..%2foutbox%2f0983%2fx',
      '/upload/%00x',
      '/upload/x\u0000.csv',
      '/antwoorden/a.xml\u0000',
      '/antwoorden/a.xml\u0000/../../outbox/0983/x',
      '\u0000/antwoorden',
      '/upload/.hidden',
      '/upload/...',
      '/upload/x\r\nfake log line',
      '/antwoorden/../../../sftp/gebruikers.json',
      '../data/sftp/gebruikers.json',
      `/antwoorden/${'../'.repeat(40)}outbox/0983/x`,
    ];
    const { client, sftp } = await loginAs(f, '0988');
    try {
      for (const path of attempts) {
        for (const mode of ['w', 'r', 'wx'] as const) {
          const code = await statusOf(op.open(sftp, path, mode)).catch((err: Error) => {
            throw new Error(`open(${JSON.stringify(path)}, ${mode}): ${err.message}`);
          });
          expect([STATUS_CODE.NO_SUCH_FILE, STATUS_CODE.PERMISSION_DENIED, STATUS_CODE.FAILURE]).toContain(
            code,
          );
        }
        for (const call of [op.stat, op.opendir]) {
          const code = await statusOf(call(sftp, path)).catch((err: Error) => {
            throw new Error(
              `${call === op.stat ? 'stat' : 'opendir'}(${JSON.stringify(path)}): ${err.message}`,
            );
          });
          expect([STATUS_CODE.NO_SUCH_FILE, STATUS_CODE.PERMISSION_DENIED]).toContain(code);
        }
        await statusOf(op.unlink(sftp, path));
        await statusOf(op.rename(sftp, '/upload/x', path));
      }
      // REALPATH resolves `..` as a chroot does: never above the root, never outside the tree.
      expect(await op.realpath(sftp, '/../../..')).toBe('/');
      expect(await op.realpath(sftp, '/upload/..')).toBe('/');
      expect(await op.realpath(sftp, '/upload/../antwoorden')).toBe('/antwoorden');
      expect(await statusOf(op.realpath(sftp, '/antwoorden/../../outbox/0983'))).toBe(
        STATUS_CODE.NO_SUCH_FILE,
      );
      expect(await statusOf(op.realpath(sftp, '%2e%2e'))).toBe(STATUS_CODE.NO_SUCH_FILE);
      // The session still works afterwards.
      expect(await op.readFile(sftp, '/antwoorden/a.xml')).toEqual(Buffer.from('eigen antwoord'));
    } finally {
      await closed(client);
    }
    expect(await bucketSnapshot(f.local)).toEqual(before);
    expect(await readFile(join(f.dataDir, 'sftp', USERS_FILE), 'utf8')).toBe(configBefore);
    expect(f.complete).toEqual([]);
    expect(f.partial).toEqual([]);
    // Every key the server touched is in the user's own two prefixes.
    expect(f.blobs.keys.filter((k) => !ownPrefix('0988')(k))).toEqual([]);
    // Refusals are logged with the path escaped: no control characters reach the log.
    expect(f.log.some((l) => l.includes('geweigerd') && l.includes('\\r\\nfake log line'))).toBe(true);
    expect(f.log.every((l) => !l.includes('\r') && !l.includes('\n') && !l.includes('\u0000'))).toBe(true);
  });

  test('an upload cut off by the client ending the connection is partial: onPartialUpload, not onUploadComplete', async () => {
    const { client, sftp } = await loginAs(f, '0988');
    const h = await op.open(sftp, '/upload/half.xml', 'w');
    await op.write(sftp, h, Buffer.alloc(1000, 'a'), 0);
    await op.write(sftp, h, Buffer.alloc(500, 'b'), 1000);
    await closed(client);
    await waitUntil(() => f.partial.length > 0, 'onPartialUpload');
    expect(f.partial).toEqual([{ g: '0988', name: 'half.xml', bytes: 1500 }]);
    expect(f.complete).toEqual([]);
    expect((await readFile(join(f.local.root, 'upload/0988/half.xml'))).length).toBe(1500);
    expect(f.log.some((l) => l.includes('onvolledig (1500 bytes ontvangen)'))).toBe(true);
  });

  test('an upload cut off by a destroyed socket is partial', async () => {
    const password = await passwordOf(f, '0983');
    const sock: Socket = netConnect(f.server.port, '127.0.0.1');
    await new Promise<void>((r) => sock.once('connect', () => r()));
    const { client, sftp } = await login(f.server.port, { sock, username: 'g0983', password });
    client.on('error', () => undefined);
    const h = await op.open(sftp, '/upload/afgebroken.csv', 'w');
    await op.write(sftp, h, Buffer.alloc(4096, 'x'), 0);
    sock.destroy();
    await waitUntil(() => f.partial.length > 0, 'onPartialUpload');
    expect(f.partial).toEqual([{ g: '0983', name: 'afgebroken.csv', bytes: 4096 }]);
    expect(f.complete).toEqual([]);
    expect((await readFile(join(f.local.root, 'upload/0983/afgebroken.csv'))).length).toBe(4096);
  });

  test('an upload whose SFTP session ends (connection kept) is partial; a completed one in the same session is not', async () => {
    const { client, sftp } = await loginAs(f, '0988');
    try {
      await op.writeFile(sftp, '/upload/heel.csv', Buffer.from('heel'));
      const h = await op.open(sftp, '/upload/sessie.csv', 'w');
      await op.write(sftp, h, Buffer.alloc(10, 'z'), 0);
      sftp.end();
      await waitUntil(() => f.partial.length > 0, 'onPartialUpload');
      expect(f.partial).toEqual([{ g: '0988', name: 'sessie.csv', bytes: 10 }]);
      expect(f.complete).toEqual([{ g: '0988', name: 'heel.csv' }]);
    } finally {
      await closed(client);
    }
  });

  test('an upload with a hole (a range never written) is not complete', async () => {
    const { client, sftp } = await loginAs(f, '0988');
    try {
      const h = await op.open(sftp, '/upload/gat.csv', 'w');
      await op.write(sftp, h, Buffer.alloc(100, 'a'), 0);
      await op.write(sftp, h, Buffer.alloc(100, 'c'), 200);
      expect(await statusOf(op.close(sftp, h))).toBe(STATUS_CODE.FAILURE);
      expect(f.partial).toEqual([{ g: '0988', name: 'gat.csv', bytes: 200 }]);
      expect(f.complete).toEqual([]);
    } finally {
      await closed(client);
    }
  });

  test('when the upload cannot be handed on, CLOSE fails so the client sends it again', async () => {
    const { client, sftp } = await loginAs(f, '0988');
    try {
      f.failNextComplete = true;
      const h = await op.open(sftp, '/upload/opnieuw.csv', 'w');
      await op.write(sftp, h, Buffer.from('inhoud'), 0);
      expect(await statusOf(op.close(sftp, h))).toBe(STATUS_CODE.FAILURE);
      expect(f.complete).toEqual([]);
      expect(f.log.some((l) => l.includes('"opnieuw.csv" niet doorgegeven: inbox niet bereikbaar'))).toBe(
        true,
      );
      // The second attempt goes through.
      await op.writeFile(sftp, '/upload/opnieuw.csv', Buffer.from('inhoud'));
      expect(f.complete).toEqual([{ g: '0988', name: 'opnieuw.csv' }]);
      expect(f.partial).toEqual([]);
    } finally {
      await closed(client);
    }
  });

  test('wrong credentials are refused', async () => {
    const right = await passwordOf(f, '0988');
    const other = await passwordOf(f, '0983');
    const refused = async (credentials: Partial<ConnectConfig>) => {
      const err = await login(f.server.port, credentials).then(
        ({ client }) => {
          client.end();
          throw new Error('aangemeld, maar had geweigerd moeten worden');
        },
        (e: Error & { level?: string }) => e,
      );
      expect(err.level).toBe('client-authentication');
    };
    await refused({ username: 'g0988', password: `${right}x` });
    await refused({ username: 'g0988', password: '' });
    await refused({ username: 'g0988', password: other });
    await refused({ username: 'g0983', password: right });
    await refused({ username: 'g9999', password: right });
    await refused({ username: 'root', password: right });
    await refused({ username: 'g0988', privateKey: generateEd25519KeyPair().private });
    expect(f.log.filter((l) => l.includes('aanmelding geweigerd')).length).toBe(6);
    expect(f.log.some((l) => l.includes('aanmelding g0988'))).toBe(false);
    expect(f.log.join('\n')).not.toContain(right);
  });
});

describe('SFTP server configuration and lifecycle', () => {
  test('creates the users file and host key on first start and reuses them; public key login', async () => {
    const f = await fixture();
    try {
      const sftpDir = join(f.dataDir, 'sftp');
      const first = await usersOf(f);
      expect(first.versie).toBe(1);
      expect(first.gebruikers.map((u) => u.naam)).toEqual(['g0983', 'g0988']);
      for (const u of first.gebruikers) {
        expect(u.wachtwoord).toMatch(/^[A-Za-z0-9_-]{24}$/);
        expect(u.sleutelbestand).toBeNull();
      }
      expect(first.gebruikers[0].wachtwoord).not.toBe(first.gebruikers[1].wachtwoord);
      expect((await stat(join(sftpDir, USERS_FILE))).mode & 0o777).toBe(0o600);
      expect((await stat(join(sftpDir, HOST_KEY_FILE))).mode & 0o777).toBe(0o600);
      const hostKey = await readFile(join(sftpDir, HOST_KEY_FILE), 'utf8');
      const hostPublicKey = f.server.hostPublicKey;
      await f.server.close();

      // Second start: same users, same passwords, same host key; a municipality new in the region is appended.
      await f.start(['0988', '0983', '1507']);
      const second = await usersOf(f);
      expect(second.gebruikers.slice(0, 2)).toEqual(first.gebruikers);
      expect(second.gebruikers.map((u) => u.naam)).toEqual(['g0983', 'g0988', 'g1507']);
      expect(await readFile(join(sftpDir, HOST_KEY_FILE), 'utf8')).toBe(hostKey);
      expect(f.server.hostPublicKey).toBe(hostPublicKey);
      let seenHostKey = '';
      const s = await loginAs(f, '0988', {
        hostVerifier: (key: Buffer) => {
          seenHostKey = key.toString('base64');
          return true;
        },
      });
      expect(hostPublicKey.split(' ')[1]).toBe(seenHostKey);
      await closed(s.client);
      await f.server.close();

      // Public key only for g0983: the key logs in, the old password no longer does.
      const pair = generateEd25519KeyPair();
      await writeFile(join(sftpDir, 'g0983.pub'), `${pair.public}\n`);
      const edited: GebruikersBestand = {
        ...second,
        gebruikers: second.gebruikers.map((u) =>
          u.naam === 'g0983' ? { ...u, wachtwoord: null, sleutelbestand: 'g0983.pub' } : u,
        ),
      };
      await writeFile(join(sftpDir, USERS_FILE), JSON.stringify(edited));
      await f.start();
      const byKey = await login(f.server.port, { username: 'g0983', privateKey: pair.private });
      await op.writeFile(byKey.sftp, '/upload/met-sleutel.csv', Buffer.from('k'));
      expect(f.complete).toEqual([{ g: '0983', name: 'met-sleutel.csv' }]);
      await closed(byKey.client);
      expect(f.log.some((l) => l.includes('aanmelding g0983 (sleutel)'))).toBe(true);
      const old = first.gebruikers.find((u) => u.naam === 'g0983')?.wachtwoord ?? '';
      await expect(login(f.server.port, { username: 'g0983', password: old })).rejects.toMatchObject({
        level: 'client-authentication',
      });
      // g1507 is not in this start's region: its user cannot log in.
      const g1507 = second.gebruikers.find((u) => u.naam === 'g1507')?.wachtwoord ?? '';
      await expect(login(f.server.port, { username: 'g1507', password: g1507 })).rejects.toMatchObject({
        level: 'client-authentication',
      });
    } finally {
      await f.server.close();
      await rm(f.dir, { recursive: true, force: true });
    }
  });

  test('a malformed users file stops the start instead of being overwritten', async () => {
    const f = await fixture();
    try {
      await f.server.close();
      const file = join(f.dataDir, 'sftp', USERS_FILE);
      const users = await usersOf(f);
      const broken = {
        ...users,
        gebruikers: [{ ...users.gebruikers[0], naam: 'g0988' }, users.gebruikers[1]],
      };
      await writeFile(file, JSON.stringify(broken));
      await expect(f.start()).rejects.toThrow(/g<gemeentecode>|één keer/);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(broken);
    } finally {
      await rm(f.dir, { recursive: true, force: true });
    }
  });

  test('close() ends connections; an upload still open becomes partial before close() resolves', async () => {
    const f = await fixture();
    try {
      const { client, sftp } = await loginAs(f, '0988');
      client.on('error', () => undefined);
      const h = await op.open(sftp, '/upload/bij-sluiten.csv', 'w');
      await op.write(sftp, h, Buffer.alloc(2048, 'q'), 0);
      await f.server.close();
      expect(f.partial).toEqual([{ g: '0988', name: 'bij-sluiten.csv', bytes: 2048 }]);
      expect(f.complete).toEqual([]);
      await expect(
        login(f.server.port, { username: 'g0988', password: await passwordOf(f, '0988') }),
      ).rejects.toThrow();
      expect(await f.local.list('')).toEqual(['upload/0988/bij-sluiten.csv']);
      // The temporary files are gone.
      expect(await readdir(join(f.dataDir, 'sftp', 'tmp'))).toEqual([]);
    } finally {
      await rm(f.dir, { recursive: true, force: true });
    }
  });
});

/**
 * The local SFTP server of `bwmo serve`, a stand-in for AWS Transfer Family with logical home directories (DESIGN §2,
 * §4.6). Each municipality has one user, `g<gemeentecode>`, who sees a virtual root with exactly two folders:
 *
 *   /upload      write-only: create and write files (no listing, no reading, no subfolders); a file becomes the
 *                bucket object `upload/<g>/<name>` when its handle is closed, then `onUploadComplete(g, name)` runs
 *                (the caller copies it to `inbox/<g>/<name>`, as the managed workflow does on AWS). A write handle
 *                still open when the connection or session ends is a partial upload: what arrived is put at
 *                `upload/<g>/<name>` and `onPartialUpload(g, name, bytes)` runs (the caller quarantines it).
 *   /antwoorden  read-only: list and read `outbox/<g>/`.
 *
 * Paths are resolved here, never by a file system: a path with a control character (NUL included), a backslash or a
 * `%` is refused; `.` and empty segments are dropped; `..` is refused, except by REALPATH, which resolves it as a
 * chroot does (never above the root) so that `cd ..` works. What remains must be `/`, one of the two folders, or one
 * of them and a valid file name; the bucket key is built from the authenticated user's gemeentecode and that name
 * only, so no request can reach another municipality's keys or anything outside the two prefixes.
 *
 * Operations: REALPATH, STAT/LSTAT/FSTAT, OPENDIR/READDIR (root and /antwoorden; /upload is PERMISSION_DENIED, and
 * STAT of a name in /upload is NO_SUCH_FILE: nothing there is disclosed), OPEN (read in /antwoorden; write, create,
 * truncate in /upload; append and read-write refused), READ, WRITE, CLOSE, and FSETSTAT on an upload being written
 * (accepted and ignored: objects have no modes; ssh2's write streams send one). REMOVE, RENAME, MKDIR, RMDIR, SETSTAT,
 * SYMLINK and READLINK are PERMISSION_DENIED; extensions are OP_UNSUPPORTED (none is offered).
 *
 * A CLOSE answers OK once the object is in the bucket and `onUploadComplete` has settled; if either fails, or the
 * written ranges have a hole, it answers FAILURE so that the client sends the file again (a hole is handed on as a
 * partial upload). Uploads are buffered in a temporary file below `<data>/sftp/tmp/` and put into the bucket on
 * close; downloads are spooled from the bucket to a temporary file on open (so reads at any offset and FSTAT work on
 * every BlobStore, whose port has no ranged read or size).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { type FileHandle, mkdir, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  type Attributes,
  type AuthContext,
  type Connection,
  type FileEntry,
  Server,
  type SFTPWrapper,
  utils,
} from 'ssh2';
import { redactBsns } from '../pipeline/bsn';
import type { BlobStore } from '../pipeline/ports';
import { isPartialWriteName } from '../stores/local-blobs';
import { loadOrCreateSftpConfig, type SftpUser, sftpDir } from './sftp-config';

const { OPEN_MODE, STATUS_CODE } = utils.sftp;

export interface SftpServerOptions {
  /** The data folder; configuration and temporary files go below `<dataDir>/sftp/`. */
  readonly dataDir: string;
  /** The region's gemeentecodes: one user each. */
  readonly gemeenten: readonly string[];
  /** The bucket: uploads go to `upload/<g>/`, answers are read from `outbox/<g>/`. */
  readonly blobs: BlobStore;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Log lines (logins, uploads, refusals; never file contents). Default: stdout. */
  readonly log?: (line: string) => void;
  /** After a complete upload is at `upload/<g>/<name>`; the client's CLOSE is answered when this settles. */
  readonly onUploadComplete: (gemeente: string, name: string) => Promise<void> | void;
  /** After a cut-off upload's bytes are at `upload/<g>/<name>` (or could not be put there). */
  readonly onPartialUpload: (gemeente: string, name: string, bytes: number) => Promise<void> | void;
  /** Largest upload accepted (default 2 GiB); writes beyond it fail. */
  readonly maxUploadBytes?: number;
}

export interface SftpServer {
  readonly port: number;
  /** The host's public key line (`ssh-ed25519 AAAA… bwmo-sftp`), also in `<data>/sftp/host_key.pub`. */
  readonly hostPublicKey: string;
  /** The users file (`<data>/sftp/gebruikers.json`). */
  readonly usersFile: string;
  /** Stops listening, ends every connection (open uploads become partial uploads) and waits for their handling. */
  close(): Promise<void>;
}

/** Folders of the virtual root. */
export type Folder = 'upload' | 'antwoorden';
const FOLDERS: readonly Folder[] = ['upload', 'antwoorden'];

/** A resolved path of the virtual tree (`path` is its canonical form). */
export type VirtualPath =
  | { readonly kind: 'root'; readonly path: '/' }
  | { readonly kind: 'folder'; readonly folder: Folder; readonly path: string }
  | { readonly kind: 'file'; readonly folder: Folder; readonly name: string; readonly path: string };

const MAX_PATH_LENGTH = 1024;
const MAX_NAME_BYTES = 255;
const MAX_HANDLES = 32;
const MAX_AUTH_FAILURES = 5;
const AUTH_TIMEOUT_MS = 30_000;
const READ_CHUNK = 64 * 1024;
const DIR_PAGE = 64;
const DEFAULT_MAX_UPLOAD = 2 * 1024 ** 3;

/** Control characters (C0, DEL, C1; NUL among them), backslash and `%` never appear in a path we accept. */
function hasForbiddenChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x5c /* \ */ || c === 0x25 /* % */) return true;
  }
  return false;
}

/**
 * A file name we accept in a folder: 1–255 UTF-8 bytes, no path or shell-special characters (`/ \ % : * ? " < > |`),
 * no control characters, no U+FFFD (bytes that were not UTF-8), not hidden (leading `.`, which also excludes `.`
 * and `..`), no trailing dot or space (Windows drops them), and not of the form the local bucket gives its own
 * partial writes (it hides those).
 */
export function isValidName(name: string): boolean {
  if (!name || Buffer.byteLength(name) > MAX_NAME_BYTES) return false;
  if (hasForbiddenChar(name) || /[/:*?"<>|\uFFFD]/.test(name)) return false;
  if (name.startsWith('.') || name.endsWith('.') || name.endsWith(' ') || name.startsWith(' ')) return false;
  return !isPartialWriteName(name);
}

/**
 * Resolves a client's path (relative paths are relative to the root) to the virtual tree, or null when it is not
 * one of its nodes or uses a forbidden construct. With `resolveDotDot` (REALPATH), `..` goes up one level and stops
 * at the root; otherwise a `..` segment refuses the path.
 */
export function resolveVirtualPath(raw: string, resolveDotDot = false): VirtualPath | null {
  if (raw.length > MAX_PATH_LENGTH || hasForbiddenChar(raw)) return null;
  const segments: string[] = [];
  for (const s of raw.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (!resolveDotDot) return null;
      segments.pop();
      continue;
    }
    segments.push(s);
  }
  if (segments.length === 0) return { kind: 'root', path: '/' };
  const folder = FOLDERS.find((f) => f === segments[0]);
  if (!folder || segments.length > 2) return null;
  if (segments.length === 1) return { kind: 'folder', folder, path: `/${folder}` };
  const name = segments[1];
  if (!isValidName(name)) return null;
  return { kind: 'file', folder, name, path: `/${folder}/${name}` };
}

/** Bucket keys of a municipality's two folders: the only keys a session ever builds. */
export const uploadKey = (g: string, name: string): string => `upload/${g}/${name}`;
export const answerKey = (g: string, name: string): string => `outbox/${g}/${name}`;
const answerPrefix = (g: string): string => `outbox/${g}/`;

/** A user-controlled string for a log line: escaped, shortened, and any nine digits passing the 11-proef masked. */
function forLog(s: string): string {
  const short = s.length > 120 ? `${s.slice(0, 120)}…` : s;
  return JSON.stringify(redactBsns(short));
}

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const seconds = (d: Date): number => Math.floor(d.getTime() / 1000);

function dirAttrs(kind: 'root' | Folder, now: Date): Attributes {
  const perms = kind === 'upload' ? 0o300 : 0o500;
  const t = seconds(now);
  return { mode: S_IFDIR | perms, uid: 0, gid: 0, size: 0, atime: t, mtime: t };
}

function fileAttrs(size: number, mtime: Date, perms: number): Attributes {
  const t = seconds(mtime);
  return { mode: S_IFREG | perms, uid: 0, gid: 0, size, atime: t, mtime: t };
}

/** SFTP allows names without attributes (flags 0), as REALPATH replies carry; the typings require an object. */
const NO_ATTRS = {} as Attributes;

function longname(name: string, attrs: Attributes, owner: string): string {
  const dir = (attrs.mode & S_IFDIR) !== 0;
  const p = attrs.mode & 0o777;
  const rwx = (bits: number) => `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;
  const mode = `${dir ? 'd' : '-'}${rwx(p >> 6)}${rwx((p >> 3) & 7)}${rwx(p & 7)}`;
  const date = new Date(attrs.mtime * 1000).toISOString().slice(0, 16).replace('T', ' ');
  return `${mode}    1 ${owner.padEnd(8)} ${owner.padEnd(8)} ${String(attrs.size).padStart(10)} ${date} ${name}`;
}

interface Range {
  start: number;
  end: number;
}

/** Adds [start, end) to sorted, disjoint ranges, merging what touches or overlaps. */
function addRange(ranges: Range[], start: number, end: number): Range[] {
  const out: Range[] = [];
  let cur = { start, end };
  for (const r of ranges) {
    if (r.end < cur.start || r.start > cur.end) out.push(r);
    else cur = { start: Math.min(r.start, cur.start), end: Math.max(r.end, cur.end) };
  }
  out.push(cur);
  return out.sort((a, b) => a.start - b.start);
}

interface WriteHandle {
  readonly kind: 'write';
  readonly name: string;
  readonly tmp: string;
  readonly fd: FileHandle;
  /** Byte ranges received so far. */
  ranges: Range[];
  /** Writes run one after another; CLOSE and the end of a session wait for them. */
  queue: Promise<void>;
  failed: boolean;
  state: 'open' | 'closing';
}

interface ReadHandle {
  readonly kind: 'read';
  readonly name: string;
  readonly tmp: string;
  readonly fd: FileHandle;
  readonly size: number;
  readonly mtime: Date;
}

interface DirHandle {
  readonly kind: 'dir';
  readonly entries: readonly FileEntry[];
  pos: number;
}

type Handle = WriteHandle | ReadHandle | DirHandle;

const received = (ranges: readonly Range[]): number => ranges.reduce((n, r) => n + r.end - r.start, 0);
/** All bytes from 0 to the end arrived (no holes). */
const contiguous = (ranges: readonly Range[]): boolean =>
  ranges.length === 0 || (ranges.length === 1 && ranges[0].start === 0);

interface Shared {
  readonly blobs: BlobStore;
  readonly log: (line: string) => void;
  readonly tmpDir: string;
  readonly maxUploadBytes: number;
  readonly onUploadComplete: SftpServerOptions['onUploadComplete'];
  readonly onPartialUpload: SftpServerOptions['onPartialUpload'];
  /** Keeps a promise until it settles, so close() can wait for uploads being finished. */
  track(p: Promise<void>): void;
  /** Sizes of bucket objects by key and modification time (the BlobStore port has no size). */
  readonly sizes: Map<string, { mtime: number; size: number }>;
  /** Open handles per user over all its connections and sessions (each write handle holds a spool file). */
  readonly openHandles: Map<string, number>;
}

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
const samePassword = (given: string, expected: string): boolean =>
  timingSafeEqual(sha256(given), sha256(expected));

/** Starts the SFTP server on 127.0.0.1 (see the module comment). */
export async function startSftpServer(options: SftpServerOptions): Promise<SftpServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const config = await loadOrCreateSftpConfig(options.dataDir, options.gemeenten);
  if (config.added.length)
    log(`sftp: gebruikers ${config.added.join(', ')} aangemaakt in ${config.usersFile}`);
  const tmpRoot = join(sftpDir(options.dataDir), 'tmp');
  await mkdir(tmpRoot, { recursive: true, mode: 0o700 });
  await removeStaleTmp(tmpRoot);
  const tmpDir = await mkdtemp(join(tmpRoot, `${process.pid}-`));

  const pending = new Set<Promise<void>>();
  const shared: Shared = {
    blobs: options.blobs,
    log,
    tmpDir,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD,
    onUploadComplete: options.onUploadComplete,
    onPartialUpload: options.onPartialUpload,
    track: (p) => {
      const tracked = p.catch((err: Error) => log(`sftp: fout bij afhandelen upload: ${err.message}`));
      pending.add(tracked);
      void tracked.finally(() => pending.delete(tracked));
    },
    sizes: new Map(),
    openHandles: new Map(),
  };

  /** Open connections, each with the promise of its end (after its sessions were ended). */
  const connections = new Map<Connection, Promise<void>>();
  const server = new Server({ hostKeys: [config.hostKey], ident: 'bwmo-sftp' }, (conn, info) => {
    let ended: () => void = () => undefined;
    connections.set(conn, new Promise<void>((resolve) => (ended = resolve)));
    let user: SftpUser | null = null;
    let failures = 0;
    const sessions = new Set<() => void>();
    const authTimer = setTimeout(() => conn.end(), AUTH_TIMEOUT_MS);
    const methods: ('password' | 'publickey')[] = ['password', 'publickey'];

    const refuse = (ctx: AuthContext) => {
      failures++;
      log(`sftp: aanmelding geweigerd voor ${forLog(ctx.username)} (${ctx.method}) vanaf ${info.ip}`);
      if (failures >= MAX_AUTH_FAILURES) {
        ctx.reject([]);
        conn.end();
      } else ctx.reject(methods);
    };
    const admit = (ctx: AuthContext, u: SftpUser, how: string) => {
      user = u;
      clearTimeout(authTimer);
      log(`sftp: aanmelding ${u.naam} (${how}) vanaf ${info.ip}`);
      ctx.accept();
    };

    conn.on('authentication', (ctx) => {
      const u = config.users.get(ctx.username);
      switch (ctx.method) {
        case 'password':
          if (u?.wachtwoord != null && samePassword(ctx.password, u.wachtwoord)) admit(ctx, u, 'wachtwoord');
          else refuse(ctx);
          return;
        case 'publickey': {
          const key = u?.sleutels.find((k) => k.getPublicSSH().equals(ctx.key.data));
          // Without a signature the client only asks whether this key would do (an agent may offer several):
          // no answer to that counts as a failed login.
          if (!ctx.signature || !ctx.blob) return u && key ? ctx.accept() : ctx.reject(methods);
          if (!u || !key) return refuse(ctx);
          if (key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) admit(ctx, u, 'sleutel');
          else refuse(ctx);
          return;
        }
        default:
          // "none" (clients ask it first to learn the methods) and methods we do not offer.
          ctx.reject(methods);
      }
    });

    conn.on('session', (acceptSession, rejectSession) => {
      const u = user;
      if (!u) return rejectSession();
      const session = acceptSession();
      session.on('sftp', (acceptSftp) => {
        const end = serveSftp(acceptSftp(), u, shared);
        sessions.add(end);
      });
    });

    conn.on('error', (err) => log(`sftp: verbinding vanaf ${info.ip}: ${err.message}`));
    conn.on('close', () => {
      clearTimeout(authTimer);
      connections.delete(conn);
      for (const end of sessions) end();
      sessions.clear();
      if (user) log(`sftp: verbinding van ${user.naam} gesloten`);
      ended();
    });
  });
  server.maxConnections = 100;
  server.on('error', (err: Error) => log(`sftp: server: ${err.message}`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log(`sftp: luistert op 127.0.0.1:${port} (gebruikers in ${config.usersFile})`);

  let closed: Promise<void> | null = null;
  const close = async () => {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    const ends = [...connections.values()];
    for (const conn of connections.keys()) conn.end();
    // A client that ignores the disconnect: drop its socket (ssh2 keeps it in a private field).
    const force = setTimeout(() => {
      for (const conn of connections.keys())
        (conn as unknown as { _sock?: { destroy(): void } })._sock?.destroy();
    }, 2000);
    await Promise.all([stopped, ...ends]);
    clearTimeout(force);
    while (pending.size) await Promise.all([...pending]);
    await rm(tmpDir, { recursive: true, force: true });
  };
  return {
    port,
    hostPublicKey: config.hostPublicKey,
    usersFile: config.usersFile,
    close: () => {
      closed ??= close();
      return closed;
    },
  };
}

/** Temporary folders of servers that no longer run (named `<pid>-…`): leftovers of a crash, with upload bytes. */
async function removeStaleTmp(tmpRoot: string): Promise<void> {
  for (const entry of await readdir(tmpRoot).catch(() => [])) {
    const pid = Number(entry.split('-')[0]);
    let alive = pid === process.pid;
    if (!alive && Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (err) {
        alive = (err as NodeJS.ErrnoException).code === 'EPERM';
      }
    }
    if (!alive) await rm(join(tmpRoot, entry), { recursive: true, force: true });
  }
}

/**
 * One SFTP session of an authenticated user. Returns the function that ends it (connection closed): open write
 * handles become partial uploads, read spools are removed.
 */
function serveSftp(sftp: SFTPWrapper, user: SftpUser, shared: Shared): () => void {
  const { blobs, log } = shared;
  const g = user.gemeente;
  const handles = new Map<string, Handle>();
  let ended = false;

  const refused = (op: string, path: string, code: number) => (reqId: number) => {
    log(`sftp: ${user.naam} ${op} ${forLog(path)} geweigerd`);
    sftp.status(reqId, code);
  };
  /** Requests still being answered: when the client sends EOF, the channel is closed after them. */
  const busy = new Set<Promise<unknown>>();
  const hold = (p: Promise<unknown>) => {
    busy.add(p);
    void p.finally(() => busy.delete(p));
  };
  /** Runs a request; an unexpected error answers FAILURE (and is logged without contents). */
  const run = (reqId: number, op: string, fn: () => Promise<void>) => {
    hold(
      fn().catch((err: Error) => {
        log(`sftp: ${user.naam} ${op}: ${err.message}`);
        sftp.status(reqId, STATUS_CODE.FAILURE);
      }),
    );
  };
  const newHandle = (h: Handle): Buffer => {
    const id = randomBytes(16);
    handles.set(id.toString('hex'), h);
    countHandles(1);
    return id;
  };
  const countHandles = (n: number) => shared.openHandles.set(g, (shared.openHandles.get(g) ?? 0) + n);
  // Per user, not per session: more sessions or connections do not give more.
  const tooManyHandles = () => (shared.openHandles.get(g) ?? 0) >= MAX_HANDLES;
  const handleOf = (id: Buffer): Handle | undefined => handles.get(id.toString('hex'));

  const objectInfo = async (key: string): Promise<{ size: number; mtime: Date } | null> => {
    const version = await blobs.version(key);
    if (!version) return null;
    const mtime = version.modified;
    const cached = shared.sizes.get(key);
    if (cached && cached.mtime === mtime.getTime()) return { size: cached.size, mtime };
    let size = 0;
    for await (const chunk of await blobs.open(key))
      size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Buffer).length;
    shared.sizes.set(key, { mtime: mtime.getTime(), size });
    return { size, mtime };
  };

  const pathAttrs = async (p: VirtualPath): Promise<Attributes | null> => {
    if (p.kind === 'root') return dirAttrs('root', new Date());
    if (p.kind === 'folder') return dirAttrs(p.folder, new Date());
    // Files in /upload are not disclosed (write-only, like a drop box).
    if (p.folder === 'upload') return null;
    const info = await objectInfo(answerKey(g, p.name));
    return info ? fileAttrs(info.size, info.mtime, 0o400) : null;
  };

  /** Puts what a write handle received and hands it on as complete or partial. */
  const finishUpload = async (h: WriteHandle, complete: boolean): Promise<boolean> => {
    await h.queue;
    await h.fd.close().catch(() => undefined);
    const bytes = received(h.ranges);
    const whole = complete && !h.failed && contiguous(h.ranges);
    const key = uploadKey(g, h.name);
    let stored = true;
    try {
      await blobs.put(key, createReadStream(h.tmp));
    } catch (err) {
      stored = false;
      log(`sftp: ${user.naam} upload ${forLog(h.name)} niet opgeslagen: ${(err as Error).message}`);
    } finally {
      await rm(h.tmp, { force: true });
    }
    if (whole && stored) {
      log(`sftp: upload ${user.naam} ${forLog(h.name)} compleet (${bytes} bytes)`);
      await shared.onUploadComplete(g, h.name);
      return true;
    }
    if (whole) return false; // the client hears FAILURE and sends it again
    log(`sftp: upload ${user.naam} ${forLog(h.name)} onvolledig (${bytes} bytes ontvangen)`);
    await shared.onPartialUpload(g, h.name, bytes);
    return false;
  };

  const end = () => {
    if (ended) return;
    ended = true;
    for (const h of handles.values()) {
      if (h.kind === 'write' && h.state === 'open') {
        h.state = 'closing';
        shared.track(finishUpload(h, false).then(() => undefined));
      } else if (h.kind === 'read') {
        shared.track(h.fd.close().finally(() => rm(h.tmp, { force: true })));
      }
    }
    countHandles(-handles.size);
    handles.clear();
  };
  // EOF from the client: it sends no more requests. End the session (open uploads are partial) and close the
  // channel once the requests in progress are answered; OpenSSH's client waits for that close before it exits.
  sftp.on('end', () => {
    end();
    void Promise.allSettled([...busy]).then(() => sftp.end());
  });
  sftp.on('close', end);
  sftp.on('error', (err: Error) => {
    log(`sftp: ${user.naam} sessie: ${err.message}`);
    end();
  });

  sftp.on('REALPATH', (reqId, path) => {
    const p = resolveVirtualPath(path, true);
    if (!p) return refused('REALPATH', path, STATUS_CODE.NO_SUCH_FILE)(reqId);
    sftp.name(reqId, [{ filename: p.path, longname: p.path, attrs: NO_ATTRS }]);
  });

  const onStat = (op: string) => (reqId: number, path: string) => {
    const p = resolveVirtualPath(path);
    if (!p) return refused(op, path, STATUS_CODE.NO_SUCH_FILE)(reqId);
    run(reqId, op, async () => {
      const attrs = await pathAttrs(p);
      if (attrs) sftp.attrs(reqId, attrs);
      else sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
    });
  };
  sftp.on('STAT', onStat('STAT'));
  sftp.on('LSTAT', onStat('LSTAT'));

  sftp.on('FSTAT', (reqId, id) => {
    const h = handleOf(id);
    if (!h) return sftp.status(reqId, STATUS_CODE.FAILURE, 'ongeldige handle');
    if (h.kind === 'read') sftp.attrs(reqId, fileAttrs(h.size, h.mtime, 0o400));
    else if (h.kind === 'write') {
      const end = h.ranges.length ? h.ranges[h.ranges.length - 1].end : 0;
      sftp.attrs(reqId, fileAttrs(end, new Date(), 0o200));
    } else sftp.attrs(reqId, dirAttrs('root', new Date()));
  });

  sftp.on('OPENDIR', (reqId, path) => {
    const p = resolveVirtualPath(path);
    if (!p || p.kind === 'file') return refused('OPENDIR', path, STATUS_CODE.NO_SUCH_FILE)(reqId);
    if (p.kind === 'folder' && p.folder === 'upload')
      return refused('OPENDIR', path, STATUS_CODE.PERMISSION_DENIED)(reqId);
    if (tooManyHandles()) return sftp.status(reqId, STATUS_CODE.FAILURE, 'te veel open handles');
    run(reqId, 'OPENDIR', async () => {
      const now = new Date();
      const entries: FileEntry[] = [];
      if (p.kind === 'root') {
        for (const f of FOLDERS) {
          const attrs = dirAttrs(f, now);
          entries.push({ filename: f, longname: longname(f, attrs, user.naam), attrs });
        }
      } else {
        const prefix = answerPrefix(g);
        for (const key of await blobs.list(prefix)) {
          const name = key.slice(prefix.length);
          if (!key.startsWith(prefix) || !isValidName(name)) continue; // subfolders and names we could not address
          const info = await objectInfo(key);
          if (!info) continue;
          const attrs = fileAttrs(info.size, info.mtime, 0o400);
          entries.push({ filename: name, longname: longname(name, attrs, user.naam), attrs });
        }
      }
      if (ended) return;
      sftp.handle(reqId, newHandle({ kind: 'dir', entries, pos: 0 }));
    });
  });

  sftp.on('READDIR', (reqId, id) => {
    const h = handleOf(id);
    if (h?.kind !== 'dir') return sftp.status(reqId, STATUS_CODE.FAILURE, 'ongeldige handle');
    if (h.pos >= h.entries.length) return sftp.status(reqId, STATUS_CODE.EOF);
    sftp.name(reqId, h.entries.slice(h.pos, h.pos + DIR_PAGE));
    h.pos += DIR_PAGE;
  });

  sftp.on('OPEN', (reqId, path, flags) => {
    const p = resolveVirtualPath(path);
    const writing = (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND | OPEN_MODE.CREAT | OPEN_MODE.TRUNC)) !== 0;
    const reading = (flags & OPEN_MODE.READ) !== 0;
    if (!p) return refused('OPEN', path, STATUS_CODE.NO_SUCH_FILE)(reqId);
    if (p.kind !== 'file')
      return refused('OPEN', path, writing ? STATUS_CODE.PERMISSION_DENIED : STATUS_CODE.FAILURE)(reqId);
    if (tooManyHandles()) return sftp.status(reqId, STATUS_CODE.FAILURE, 'te veel open handles');

    if (p.folder === 'antwoorden') {
      if (writing || !reading) return refused('OPEN (schrijven)', path, STATUS_CODE.PERMISSION_DENIED)(reqId);
      run(reqId, 'OPEN', async () => {
        const key = answerKey(g, p.name);
        const version = await blobs.version(key);
        if (!version) return sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
        const mtime = version.modified;
        const tmp = join(shared.tmpDir, randomBytes(12).toString('hex'));
        try {
          await pipeline(await blobs.open(key), createWriteStream(tmp, { mode: 0o600 }));
        } catch (err) {
          await rm(tmp, { force: true });
          throw err;
        }
        const fd = await open(tmp, 'r');
        const size = (await fd.stat()).size;
        if (ended) {
          await fd.close();
          await rm(tmp, { force: true });
          return;
        }
        sftp.handle(reqId, newHandle({ kind: 'read', name: p.name, tmp, fd, size, mtime }));
      });
      return;
    }

    // /upload: write-only, whole objects (no append, no reading back).
    if (reading) return refused('OPEN (lezen)', path, STATUS_CODE.PERMISSION_DENIED)(reqId);
    if (flags & OPEN_MODE.APPEND)
      return refused('OPEN (toevoegen)', path, STATUS_CODE.PERMISSION_DENIED)(reqId);
    if (!(flags & OPEN_MODE.WRITE)) return sftp.status(reqId, STATUS_CODE.FAILURE, 'open om te schrijven');
    run(reqId, 'OPEN', async () => {
      if (flags & OPEN_MODE.EXCL && (await blobs.exists(uploadKey(g, p.name)))) {
        return sftp.status(reqId, STATUS_CODE.FAILURE, 'bestaat al');
      }
      const tmp = join(shared.tmpDir, randomBytes(12).toString('hex'));
      const fd = await open(tmp, 'wx', 0o600);
      if (ended) {
        await fd.close();
        await rm(tmp, { force: true });
        return;
      }
      const h: WriteHandle = {
        kind: 'write',
        name: p.name,
        tmp,
        fd,
        ranges: [],
        queue: Promise.resolve(),
        failed: false,
        state: 'open',
      };
      log(`sftp: upload ${user.naam} ${forLog(p.name)} gestart`);
      sftp.handle(reqId, newHandle(h));
    });
  });

  sftp.on('WRITE', (reqId, id, offset, data) => {
    const h = handleOf(id);
    if (!h) return sftp.status(reqId, STATUS_CODE.FAILURE, 'ongeldige handle');
    if (h.kind !== 'write' || h.state !== 'open') return sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + data.length > shared.maxUploadBytes) {
      h.failed = true;
      log(`sftp: upload ${user.naam} ${forLog(h.name)} te groot`);
      return sftp.status(
        reqId,
        STATUS_CODE.FAILURE,
        `een upload is hoogstens ${shared.maxUploadBytes} bytes`,
      );
    }
    // ssh2 may reuse the packet's memory: copy before writing asynchronously.
    const copy = Buffer.from(data);
    const write = h.queue.then(async () => {
      await h.fd.write(copy, 0, copy.length, offset);
      h.ranges = addRange(h.ranges, offset, offset + copy.length);
    });
    h.queue = write.catch(() => undefined);
    const answered = write.then(
      () => sftp.status(reqId, STATUS_CODE.OK),
      (err: Error) => {
        h.failed = true;
        log(`sftp: upload ${user.naam} ${forLog(h.name)}: schrijven mislukt: ${err.message}`);
        sftp.status(reqId, STATUS_CODE.FAILURE);
      },
    );
    hold(answered);
  });

  sftp.on('READ', (reqId, id, offset, length) => {
    const h = handleOf(id);
    if (!h) return sftp.status(reqId, STATUS_CODE.FAILURE, 'ongeldige handle');
    if (h.kind !== 'read') return sftp.status(reqId, STATUS_CODE.PERMISSION_DENIED);
    if (!Number.isSafeInteger(offset) || offset < 0) return sftp.status(reqId, STATUS_CODE.FAILURE);
    if (offset >= h.size) return sftp.status(reqId, STATUS_CODE.EOF);
    run(reqId, 'READ', async () => {
      const buf = Buffer.alloc(Math.min(length, READ_CHUNK, h.size - offset));
      const { bytesRead } = await h.fd.read(buf, 0, buf.length, offset);
      if (bytesRead === 0) return sftp.status(reqId, STATUS_CODE.EOF);
      sftp.data(reqId, buf.subarray(0, bytesRead));
    });
  });

  sftp.on('CLOSE', (reqId, id) => {
    const key = id.toString('hex');
    const h = handles.get(key);
    if (!h) return sftp.status(reqId, STATUS_CODE.FAILURE, 'ongeldige handle');
    handles.delete(key);
    countHandles(-1);
    if (h.kind === 'dir') return sftp.status(reqId, STATUS_CODE.OK);
    if (h.kind === 'read') {
      run(reqId, 'CLOSE', async () => {
        await h.fd.close();
        await rm(h.tmp, { force: true });
        sftp.status(reqId, STATUS_CODE.OK);
      });
      return;
    }
    h.state = 'closing';
    const done = finishUpload(h, true).then(
      (ok) =>
        sftp.status(
          reqId,
          ok ? STATUS_CODE.OK : STATUS_CODE.FAILURE,
          ok ? undefined : 'upload niet volledig ontvangen',
        ),
      (err: Error) => {
        log(`sftp: upload ${user.naam} ${forLog(h.name)} niet doorgegeven: ${err.message}`);
        sftp.status(reqId, STATUS_CODE.FAILURE, 'upload niet verwerkt; stuur het bestand opnieuw');
      },
    );
    shared.track(done);
    hold(done);
  });

  // Attributes of an upload being written are accepted and ignored (objects have none; ssh2's streams send them).
  sftp.on('FSETSTAT', (reqId, id) => {
    const h = handleOf(id);
    if (h?.kind === 'write' && h.state === 'open') return sftp.status(reqId, STATUS_CODE.OK);
    sftp.status(reqId, h ? STATUS_CODE.PERMISSION_DENIED : STATUS_CODE.FAILURE);
  });

  sftp.on('SETSTAT', (reqId, path) => refused('SETSTAT', path, STATUS_CODE.PERMISSION_DENIED)(reqId));
  sftp.on('REMOVE', (reqId, path) => refused('REMOVE', path, STATUS_CODE.PERMISSION_DENIED)(reqId));
  sftp.on('RMDIR', (reqId, path) => refused('RMDIR', path, STATUS_CODE.PERMISSION_DENIED)(reqId));
  sftp.on('MKDIR', (reqId, path) => refused('MKDIR', path, STATUS_CODE.PERMISSION_DENIED)(reqId));
  sftp.on('RENAME', (reqId, from) => refused('RENAME', from, STATUS_CODE.PERMISSION_DENIED)(reqId));
  sftp.on('SYMLINK', (reqId, target) => refused('SYMLINK', target, STATUS_CODE.PERMISSION_DENIED)(reqId));
  sftp.on('READLINK', (reqId, path) => refused('READLINK', path, STATUS_CODE.PERMISSION_DENIED)(reqId));
  // No extensions are offered; an unknown one is "unsupported", which clients expect.
  sftp.on('EXTENDED', (reqId) => sftp.status(reqId, STATUS_CODE.OP_UNSUPPORTED));

  return end;
}

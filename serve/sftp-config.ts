/**
 * The local SFTP server's configuration folder, `<data>/sftp/`: the host key (`host_key`, OpenSSH format, created on
 * first run, with `host_key.pub` beside it for clients' known_hosts) and the users file (`gebruikers.json`, created
 * on first run with one user per municipality and a random password; users for municipalities added to the region
 * later are appended, existing entries are never changed). Both files are readable by the owner only: the users
 * file holds the passwords the operator hands to each municipality's backoffice, as a local stand-in for Transfer
 * Family's service-managed users.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { type ParsedKey, utils } from 'ssh2';
import { z } from 'zod';

export const HOST_KEY_FILE = 'host_key';
export const USERS_FILE = 'gebruikers.json';

/** The configuration folder below the data folder. */
export const sftpDir = (dataDir: string): string => join(dataDir, 'sftp');

/** A municipality's user name: `g` and its gemeentecode (g0988). */
export const userName = (gemeente: string): string => `g${gemeente}`;

const Gemeentecode = z.string().regex(/^[0-9]{4}$/, 'gemeentecode heeft 4 cijfers');

export const GebruikerSchema = z
  .object({
    /** User name, always `g<gemeentecode>`. */
    naam: z.string(),
    gemeente: Gemeentecode,
    /** Password; null disables password login for this user (public key only). */
    wachtwoord: z.string().min(12, 'een wachtwoord heeft minstens 12 tekens').nullable(),
    /**
     * Path of a public key file (OpenSSH format, one key per line as in authorized_keys), absolute or relative to
     * the sftp folder; null for none.
     */
    sleutelbestand: z.string().min(1).nullable(),
  })
  .strict()
  .refine((g) => g.naam === userName(g.gemeente), { message: 'de gebruikersnaam is g<gemeentecode>' })
  .refine((g) => g.wachtwoord !== null || g.sleutelbestand !== null, {
    message: 'een gebruiker heeft een wachtwoord, een sleutelbestand of beide',
  });
export type Gebruiker = z.infer<typeof GebruikerSchema>;

export const GebruikersBestandSchema = z
  .object({
    versie: z.literal(1),
    gebruikers: z.array(GebruikerSchema),
  })
  .strict()
  .refine((f) => new Set(f.gebruikers.map((g) => g.naam)).size === f.gebruikers.length, {
    message: 'elke gebruiker staat er één keer in',
  });
export type GebruikersBestand = z.infer<typeof GebruikersBestandSchema>;

/** A user as the server checks it: the password (if any) and the parsed public keys (if any). */
export interface SftpUser {
  readonly naam: string;
  readonly gemeente: string;
  readonly wachtwoord: string | null;
  readonly sleutels: readonly ParsedKey[];
}

export interface SftpConfig {
  /** The host's private key (OpenSSH format). */
  readonly hostKey: string;
  /** The host's public key line (for known_hosts). */
  readonly hostPublicKey: string;
  readonly usersFile: string;
  /** Users by name, only those of the given municipalities. */
  readonly users: ReadonlyMap<string, SftpUser>;
  /** Users added to the users file by this start (first run, or municipalities new in the region). */
  readonly added: readonly string[];
}

/** Reads the host key and the users file, creating what is missing. Throws on a malformed users file. */
export async function loadOrCreateSftpConfig(
  dataDir: string,
  gemeenten: readonly string[],
): Promise<SftpConfig> {
  for (const g of gemeenten) Gemeentecode.parse(g);
  const dir = sftpDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { hostKey, hostPublicKey } = await loadOrCreateHostKey(dir);
  const { file, contents, added } = await loadOrCreateUsersFile(dir, gemeenten);
  const wanted = new Set(gemeenten);
  const users = new Map<string, SftpUser>();
  for (const g of contents.gebruikers) {
    if (!wanted.has(g.gemeente)) continue;
    users.set(g.naam, {
      naam: g.naam,
      gemeente: g.gemeente,
      wachtwoord: g.wachtwoord,
      sleutels: g.sleutelbestand
        ? await readPublicKeys(isAbsolute(g.sleutelbestand) ? g.sleutelbestand : join(dir, g.sleutelbestand))
        : [],
    });
  }
  return { hostKey, hostPublicKey, usersFile: file, users, added };
}

/**
 * An ed25519 key pair that ssh2 can read back. ssh2's generator strips leading zero bytes from the public key, so
 * about 1 pair in 256 is one its own parser rejects ("Malformed OpenSSH … key", mscdex/ssh2 #1390, #1513): draw again.
 */
export function generateEd25519KeyPair(comment?: string): { private: string; public: string } {
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519', comment ? { comment } : {});
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error))
      return pair;
  }
}

async function loadOrCreateHostKey(dir: string): Promise<{ hostKey: string; hostPublicKey: string }> {
  const path = join(dir, HOST_KEY_FILE);
  const existing = await readFile(path, 'utf8').catch(() => null);
  if (existing === null) {
    const pair = generateEd25519KeyPair('bwmo-sftp');
    // 'wx': a concurrent first start keeps the key that was written first.
    await writeFile(path, pair.private, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
  }
  const hostKey = await readFile(path, 'utf8');
  const parsed = utils.parseKey(hostKey);
  if (parsed instanceof Error) throw new Error(`${path}: geen geldige sleutel (${parsed.message})`);
  const hostPublicKey = `${parsed.type} ${parsed.getPublicSSH().toString('base64')} bwmo-sftp`;
  await writeFile(join(dir, `${HOST_KEY_FILE}.pub`), `${hostPublicKey}\n`, { mode: 0o644 });
  return { hostKey, hostPublicKey };
}

const newPassword = (): string => randomBytes(18).toString('base64url');

const newUser = (gemeente: string): Gebruiker => ({
  naam: userName(gemeente),
  gemeente,
  wachtwoord: newPassword(),
  sleutelbestand: null,
});

async function loadOrCreateUsersFile(
  dir: string,
  gemeenten: readonly string[],
): Promise<{ file: string; contents: GebruikersBestand; added: string[] }> {
  const file = join(dir, USERS_FILE);
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null) {
    const contents: GebruikersBestand = {
      versie: 1,
      gebruikers: [...new Set(gemeenten)].sort().map(newUser),
    };
    const written = await writeFile(file, serialise(contents), { mode: 0o600, flag: 'wx' }).then(
      () => true,
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'EEXIST') return false;
        throw err;
      },
    );
    // Another process created it first: use that one.
    if (written) return { file, contents, added: contents.gebruikers.map((g) => g.naam) };
    return loadOrCreateUsersFile(dir, gemeenten);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: geen geldige JSON (${(err as Error).message})`);
  }
  const parsed = GebruikersBestandSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const contents = parsed.data;
  const known = new Set(contents.gebruikers.map((g) => g.gemeente));
  const missing = [...new Set(gemeenten)].filter((g) => !known.has(g)).sort();
  if (!missing.length) return { file, contents, added: [] };
  const extended: GebruikersBestand = {
    ...contents,
    gebruikers: [...contents.gebruikers, ...missing.map(newUser)],
  };
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, serialise(extended), { mode: 0o600 });
  await rename(tmp, file);
  return { file, contents: extended, added: missing.map(userName) };
}

const serialise = (contents: GebruikersBestand): string => `${JSON.stringify(contents, null, 2)}\n`;

async function readPublicKeys(path: string): Promise<ParsedKey[]> {
  const text = await readFile(path, 'utf8').catch((err: Error) => {
    throw new Error(`sleutelbestand ${path} is niet te lezen (${err.message})`);
  });
  const keys: ParsedKey[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const key = utils.parseKey(trimmed);
    if (key instanceof Error) throw new Error(`sleutelbestand ${path}: ongeldige sleutel (${key.message})`);
    if (key.isPrivateKey())
      throw new Error(`sleutelbestand ${path} bevat een privésleutel; zet er de publieke sleutel in`);
    keys.push(key);
  }
  if (!keys.length) throw new Error(`sleutelbestand ${path} bevat geen sleutel`);
  return keys;
}

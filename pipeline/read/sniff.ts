/**
 * Pass 0 over a file's bytes: its identity (SHA-256), size and encoding, and its kind, detected from content
 * (the XML root's namespace, or the CSV header's columns), never from the name.
 */
import { createHash, type Hash } from 'node:crypto';
import iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';
import { DECLARATIE_COLUMNS, TAAKGERICHT_COLUMNS, TOEWIJZING_COLUMNS } from '../../schemas/csv';
import { IWMO_ANY_NAMESPACE, messageNamespace } from '../../schemas/iwmo/structure';
import type { FileFormat, FileKind, Finding } from '../../schemas/report';
import type { FileSource } from '../source';
import { type TextEncoding, UTF8_BOM } from './decode';
import { finding } from './findings';
import { XML_1_0 } from './xml';

/** GGK's limit on one message (IB003, OP179). CSV exports are not messages and have no such limit. */
export const MAX_XML_BYTES = 25 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

export interface FileFacts extends HeadFacts {
  readonly sha256: string;
  readonly size: number;
  readonly encoding: TextEncoding;
}

/** What the start of a file tells: its kind, format and CSV delimiter, or why it cannot be read at all. */
export interface HeadFacts {
  readonly kind: FileKind;
  readonly format: FileFormat;
  /** For CSV: the delimiter decided from the header line. */
  readonly delimiter: ';' | ',' | null;
  /** Level-1 problems found in the head; any of them means the file cannot be read as a whole. */
  readonly problems: Finding[];
  /** The head is valid UTF-8 (so UTF-8 is tried first for the whole file). */
  readonly headUtf8: boolean;
  /** The file starts with a UTF-8 byte order mark (a CSV answer starts with one too). */
  readonly bom: boolean;
}

export interface Fingerprint {
  readonly sha256: string;
  readonly size: number;
  readonly validUtf8: boolean;
}

/**
 * Counts and hashes the bytes that pass through, for a reading pass that also establishes the file's identity
 * (so `bwmo check` reads a file once).
 */
export class ByteTap {
  private readonly hash: Hash | null;
  size = 0;
  /** Every byte went through (the reader did not stop early). */
  complete = false;

  /** `hashing` false: the caller knows the file's hash already (ingest's pass 0), so the bytes are only counted. */
  constructor(
    private readonly limit = Number.POSITIVE_INFINITY,
    hashing = true,
  ) {
    this.hash = hashing ? createHash('sha256') : null;
  }

  async *wrap(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of bytes) {
      this.hash?.update(chunk);
      this.size += chunk.length;
      if (this.size > this.limit) throw new SizeError(this.size);
      yield chunk;
    }
    this.complete = true;
  }

  digest(): string {
    if (!this.hash) throw new Error('ByteTap: zonder hash aangemaakt');
    return this.hash.digest('hex');
  }
}

export class SizeError extends Error {
  constructor(readonly size: number) {
    super(`bestand groter dan ${MAX_XML_BYTES} bytes`);
  }
}

export const sizeFinding = (size: number): Finding =>
  finding(
    'SIZE',
    'bestand',
    `het bestand is ${(size / 1024 / 1024).toFixed(1)} MB; een iWmo-bericht mag hoogstens 25 MB zijn`,
  );

/** The head stops reading at the limit: the size a SIZE finding names is the whole file's. */
export const withWholeSize = (problems: readonly Finding[], size: number): Finding[] =>
  problems.map((p) => (p.rule === 'SIZE' ? sizeFinding(size) : p));

/** Pass 0 of ingest: SHA-256, size and whether the whole file is valid UTF-8. */
export async function fingerprint(source: FileSource): Promise<Fingerprint> {
  const hash = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let validUtf8 = true;
  let size = 0;
  for await (const chunk of await source.open()) {
    const buf = chunk as Buffer;
    hash.update(buf);
    size += buf.length;
    if (validUtf8) {
      try {
        utf8.decode(buf, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
  }
  if (validUtf8) {
    try {
      utf8.decode();
    } catch {
      validUtf8 = false;
    }
  }
  return { sha256: hash.digest('hex'), size, validUtf8 };
}

/** Identity and kind of a file: the fingerprint pass plus the head. */
export async function sniff(source: FileSource): Promise<FileFacts> {
  const print = await fingerprint(source);
  const head = await classifyHead(source);
  const encoding: TextEncoding = print.validUtf8 ? 'utf-8' : 'windows-1252';
  const base = { sha256: print.sha256, size: print.size, encoding };
  if (head.problems.length > 0)
    return { ...head, ...base, problems: withWholeSize(head.problems, print.size) };
  if (head.format !== 'csv' && head.kind !== 'onbekend') {
    if (print.size > MAX_XML_BYTES)
      return { ...head, ...base, kind: 'onbekend', format: null, problems: [sizeFinding(print.size)] };
    if (!print.validUtf8) {
      return { ...head, ...base, kind: 'onbekend', format: null, problems: [xmlEncodingFinding()] };
    }
  }
  return { ...head, ...base };
}

export const xmlEncodingFinding = (): Finding =>
  finding('ENCODING', 'bestand', 'een iWmo-bericht moet UTF-8 zijn; dit bestand is geen geldige UTF-8');

async function readHead(source: FileSource, limit = HEAD_BYTES): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  const stream = await source.open();
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      parts.push(buf.subarray(0, limit - length));
      length += Math.min(buf.length, limit - length);
      if (length >= limit) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts);
}

/** True when the bytes are UTF-8, allowing a multi-byte character cut off at the end. */
function isUtf8Prefix(head: Buffer): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Classifies a file from its first 64 KiB. */
export async function classifyHead(source: FileSource): Promise<HeadFacts> {
  const head = await readHead(source);
  const headUtf8 = isUtf8Prefix(head);
  const bytes = { headUtf8, bom: head.subarray(0, UTF8_BOM.length).equals(UTF8_BOM) };
  const unknown = (problem: Finding): HeadFacts => ({
    kind: 'onbekend',
    format: null,
    delimiter: null,
    problems: [problem],
    ...bytes,
  });

  // UTF-16 text is full of NUL bytes too; say what it is rather than calling it binary.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    const message = 'het bestand is UTF-16 gecodeerd; lever het aan als UTF-8 (of voor CSV Windows-1252)';
    return unknown(finding('ENCODING', 'bestand', message));
  }
  if (head.subarray(0, 8192).includes(0)) {
    return unknown(
      finding('BINARY', 'bestand', 'het bestand bevat binaire gegevens (NUL-bytes): geen XML of CSV'),
    );
  }
  const text = stripBom(headUtf8 ? head.toString('utf8') : iconv.decode(head, 'win1252'));
  if (text.trim() === '') return unknown(finding('EMPTY', 'bestand', 'het bestand is leeg'));
  if (text.trimStart().startsWith('<')) {
    if (!headUtf8) return unknown(xmlEncodingFinding());
    const declared = declaredEncoding(text);
    if (declared !== null && !/^utf-?8$/i.test(declared))
      return unknown(
        finding(
          'ENCODING',
          'regel 1',
          `het bericht verklaart encoding="${declared.slice(0, 40)}"; een iWmo-bericht moet UTF-8 zijn (verklaar encoding="UTF-8", of laat het weg)`,
        ),
      );
    const detected = detectXml(text, head.length < HEAD_BYTES);
    if (detected !== ROOT_LATER) return { delimiter: null, ...bytes, ...detected };
    // A long comment or processing instruction before the root: read on, as far as a message may go.
    const more = await readHead(source, MAX_XML_BYTES + 1);
    const whole = detectXml(stripBom(more.toString('utf8')), more.length <= MAX_XML_BYTES);
    if (whole === ROOT_LATER) return unknown(sizeFinding(more.length));
    return { delimiter: null, ...bytes, ...whole };
  }
  return { ...bytes, ...detectCsv(text) };
}

/**
 * The encoding an XML declaration names, or null without one. The bytes are read as UTF-8, so a file that declares
 * another encoding would be checked as other text than it says it holds (é1A03 is six characters in Latin-1).
 */
function declaredEncoding(text: string): string | null {
  return /^<\?xml\s[^?]*?\bencoding\s*=\s*(["'])([^"']*)\1/.exec(text)?.[2] ?? null;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

type Detected = Pick<HeadFacts, 'kind' | 'format' | 'problems'>;

const ROOT_SEEN = new Error('root gezien');

/** The head ends before the root element (and before any error): read further to know. */
const ROOT_LATER: Detected = { kind: 'onbekend', format: null, problems: [] };

/**
 * Reads up to the root element: its namespace tells the message and release. `complete`: the text is the whole
 * file; otherwise a text that ends before the root element (without an error) gives ROOT_LATER.
 */
function detectXml(text: string, complete: boolean): Detected {
  // iWmo messages are XML 1.0: a declaration of 1.1 must not let control characters in (XML_1_0 in read/xml.ts).
  const parser = new SaxesParser({ xmlns: true, position: false, ...XML_1_0 });
  let root: { local: string; uri: string } | null = null;
  let doctype: string | null = null;
  parser.on('doctype', (text) => {
    doctype = text;
  });
  let unboundPrefix: string | null = null;
  parser.on('opentag', (tag) => {
    root = { local: tag.local ?? tag.name, uri: tag.uri ?? '' };
    // saxes gives an unbound prefix as the namespace: report the missing declaration, not a bogus namespace.
    if (tag.prefix && tag.uri === tag.prefix) unboundPrefix = tag.prefix;
    // The root is all this needs: not a tag further (deep nesting after it costs saxes time for every level).
    throw ROOT_SEEN;
  });
  let error: string | null = null;
  parser.on('error', (e) => {
    if (!error) error = e.message;
  });
  try {
    // Feed until the root start tag has been seen; the head may end mid-document, which is fine here.
    parser.write(text);
  } catch (e) {
    if (e !== ROOT_SEEN) error ??= (e as Error).message;
  }
  const none: Detected = { kind: 'onbekend', format: null, problems: [] };
  const r = root as { local: string; uri: string } | null;
  // An HTML page (say a portal's error page saved as the export): name it as such. A DOCTYPE with an internal
  // subset is an XML-DTD finding whatever its name.
  const d = doctype as string | null;
  if ((d !== null && /^\s*html\s*$/i.test(d)) || (d === null && r?.local.toLowerCase() === 'html')) {
    const message = 'dit is een HTML-pagina, geen iWmo-bericht (XML) of CSV-bestand';
    return { ...none, problems: [finding('KIND', 'bestand', message)] };
  }
  if (d !== null) {
    return {
      ...none,
      problems: [
        finding(
          'XML-DTD',
          'bestand',
          'het bericht bevat een DOCTYPE (DTD of entiteiten); dat is niet toegestaan',
        ),
      ],
    };
  }
  if (!r) {
    if (!complete && error === null) return ROOT_LATER;
    return {
      ...none,
      problems: [finding('XML-WELLFORMED', 'bestand', `geen welgevormde XML: ${error ?? 'geen element'}`)],
    };
  }
  const unbound = unboundPrefix as string | null;
  if (unbound) {
    const message = `geen welgevormde XML: namespace-prefix ${unbound} van de root is niet gedeclareerd`;
    return { ...none, problems: [finding('XML-WELLFORMED', 'bestand', message)] };
  }
  if (r.local === 'Bericht' && r.uri === messageNamespace('wmo323')) {
    return { kind: 'declaratie', format: 'wmo323', problems: [] };
  }
  if (r.local === 'Bericht' && r.uri === messageNamespace('wmo301')) {
    return { kind: 'toewijzing', format: 'wmo301', problems: [] };
  }
  const m = IWMO_ANY_NAMESPACE.exec(r.uri);
  const what = m
    ? `een ${m[1]}-bericht ${m[3].toUpperCase()} van release ${m[2].replace('_', '.')}`
    : `een XML-document met root ${r.local}${r.uri ? ` in namespace ${r.uri}` : ' zonder namespace'}`;
  return {
    ...none,
    problems: [
      finding(
        'XML-RELEASE',
        'bestand',
        `dit is ${what}; verwerkt worden iWmo 3.2 WMO301 (toewijzing) en WMO323 (declaratie)`,
      ),
    ],
  };
}

/** The column names of the header line, as the CSV reader will split them. */
export function headerColumns(headerLine: string, delimiter: string): string[] {
  return headerLine.split(delimiter).map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim()
      .toLowerCase(),
  );
}

const knownCount = (cols: string[]) => cols.filter((c) => KNOWN_COLUMNS.has(c)).length;

/** The header line decides the delimiter: the one of `;` and `,` that splits it into known columns. */
export function decideDelimiter(headerLine: string): ';' | ',' | null {
  const semi = headerColumns(headerLine, ';');
  const comma = headerColumns(headerLine, ',');
  if (knownCount(semi) === 0 && knownCount(comma) === 0) return null;
  return knownCount(semi) >= knownCount(comma) ? ';' : ',';
}

const KNOWN_COLUMNS = new Set(
  [
    'Afzender',
    'Ontvanger',
    'DeclaratieNummer',
    'ReferentieNummer',
    'Bsn',
    'ToewijzingNummer',
    'Gemeente',
    'AgbCode',
    'Ingangsdatum',
    'Toewijzingsdatum',
    'Taakveld',
    'AantalClienten',
    'PeriodeBegindatum',
    'Bedrag',
    'ProductCategorie',
  ].map((c) => c.toLowerCase()),
);

/** The columns that mark each kind of CSV, and all its header columns (to choose when a header has marks of two). */
const CSV_KINDS = [
  { kind: 'declaratie', marks: ['declaratienummer', 'referentienummer'], columns: DECLARATIE_COLUMNS },
  {
    kind: 'toewijzing',
    marks: ['toewijzingnummer', 'ingangsdatum', 'toewijzingsdatum'],
    columns: TOEWIJZING_COLUMNS,
  },
  { kind: 'taakgericht', marks: ['taakveld', 'aantalclienten'], columns: TAAKGERICHT_COLUMNS },
] as const;

/**
 * The kind a CSV header is: of those it has a mark of, the one with the largest share of its header columns
 * present (in the order above when equal). An export may carry extra columns, a Taakveld beside a toewijzing's.
 */
function csvKind(cols: ReadonlySet<string>): 'declaratie' | 'toewijzing' | 'taakgericht' | null {
  let best: { kind: (typeof CSV_KINDS)[number]['kind']; share: number } | null = null;
  for (const { kind, marks, columns } of CSV_KINDS) {
    if (!marks.some((m) => cols.has(m))) continue;
    const wanted = columns.filter((c) => c.header);
    const share = wanted.filter((c) => cols.has(c.name.toLowerCase())).length / wanted.length;
    if (!best || share > best.share) best = { kind, share };
  }
  return best?.kind ?? null;
}

function detectCsv(text: string): Detected & { delimiter: ';' | ',' | null } {
  const newline = text.search(/\r?\n/);
  const headerLine = newline === -1 ? text : text.slice(0, newline);
  const delimiter = decideDelimiter(headerLine);
  if (!delimiter) {
    // A tab-separated export (e.g. Excel "text") has known columns, only the wrong separator: say so.
    const tabs = knownCount(headerColumns(headerLine, '\t')) > 0;
    return {
      kind: 'onbekend',
      format: null,
      delimiter: null,
      problems: [
        finding(
          'KIND',
          'regel 1',
          tabs
            ? 'de kolommen van de kopregel zijn gescheiden door tabs; gebruik ; of , als scheidingsteken'
            : 'geen XML en geen CSV-kopregel met bekende kolommen (gescheiden door ; of ,); soort bestand niet herkend',
        ),
      ],
    };
  }
  const cols = new Set(headerColumns(headerLine, delimiter));
  const kind = csvKind(cols);
  if (kind) return { kind, format: 'csv', delimiter, problems: [] };
  return {
    kind: 'onbekend',
    format: 'csv',
    delimiter,
    problems: [
      finding(
        'KIND',
        'regel 1',
        'de kopregel past niet bij een declaratie (DeclaratieNummer, ReferentieNummer), toewijzing (ToewijzingNummer, Ingangsdatum) of taakgericht verslag (Taakveld, AantalClienten)',
      ),
    ],
  };
}

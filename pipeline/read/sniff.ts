/**
 * Pass 0 over a file's bytes: its identity (SHA-256), size and encoding, and its kind, detected from content
 * (the XML root's namespace, or the CSV header's columns), never from the name.
 */
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';
import { IWMO_ANY_NAMESPACE, messageNamespace } from '../../schemas/iwmo/structure';
import type { FileFormat, FileKind, Finding } from '../../schemas/report';
import type { FileSource } from '../source';
import type { TextEncoding } from './decode';
import { finding } from './findings';

/** GGK's limit on one message (IB003, OP179). CSV exports are not messages and have no such limit. */
export const MAX_XML_BYTES = 25 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

export interface FileFacts {
  readonly sha256: string;
  readonly size: number;
  readonly encoding: TextEncoding;
  readonly kind: FileKind;
  readonly format: FileFormat;
  /** For CSV: the delimiter decided from the header line. */
  readonly delimiter: ';' | ',' | null;
  /** Level-1 problems found while sniffing; any of them means the file cannot be read as a whole. */
  readonly problems: Finding[];
}

export async function sniff(source: FileSource): Promise<FileFacts> {
  const hash = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let validUtf8 = true;
  let size = 0;
  const headParts: Buffer[] = [];
  let headLength = 0;
  const stream = await source.open();
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    hash.update(buf);
    size += buf.length;
    if (headLength < HEAD_BYTES) {
      headParts.push(buf.subarray(0, HEAD_BYTES - headLength));
      headLength += Math.min(buf.length, HEAD_BYTES - headLength);
    }
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
  const sha256 = hash.digest('hex');
  const head = Buffer.concat(headParts);
  const base = { sha256, size };
  const encoding: TextEncoding = validUtf8 ? 'utf-8' : 'windows-1252';
  const unknown = (problem: Finding): FileFacts => ({
    ...base,
    encoding,
    kind: 'onbekend',
    format: null,
    delimiter: null,
    problems: [problem],
  });

  // UTF-16 text is full of NUL bytes too; say what it is rather than calling it binary.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    const message = 'het bestand is UTF-16 gecodeerd; lever het aan als UTF-8 (of voor CSV Windows-1252)';
    return unknown(finding('ENCODING', 'bestand', message));
  }
  if (head.subarray(0, 8192).includes(0)) {
    return unknown(finding('BINARY', 'bestand', 'het bestand bevat binaire gegevens (NUL-bytes): geen XML of CSV'));
  }
  const text = stripBom(encoding === 'utf-8' ? head.toString('utf8') : iconv.decode(head, 'win1252'));
  if (text.trim() === '') return unknown(finding('EMPTY', 'bestand', 'het bestand is leeg'));

  if (text.trimStart().startsWith('<')) {
    if (size > MAX_XML_BYTES) {
      return {
        ...unknown(
          finding(
            'SIZE',
            'bestand',
            `het bestand is ${(size / 1024 / 1024).toFixed(1)} MB; een iWmo-bericht mag hoogstens 25 MB zijn`,
          ),
        ),
        kind: 'onbekend',
      };
    }
    if (!validUtf8) {
      return unknown(finding('ENCODING', 'bestand', 'een iWmo-bericht moet UTF-8 zijn; dit bestand is geen geldige UTF-8'));
    }
    return { ...base, encoding, delimiter: null, ...detectXml(text) };
  }
  return { ...base, encoding, ...detectCsv(text) };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

type Detected = Pick<FileFacts, 'kind' | 'format' | 'problems'>;

/** Reads up to the root element: its namespace tells the message and release. */
function detectXml(text: string): Detected {
  const parser = new SaxesParser({ xmlns: true, position: false });
  let root: { local: string; uri: string } | null = null;
  let doctype: string | null = null;
  parser.on('doctype', (text) => {
    doctype = text;
  });
  let unboundPrefix: string | null = null;
  parser.on('opentag', (tag) => {
    if (root) return;
    root = { local: tag.local ?? tag.name, uri: tag.uri ?? '' };
    // saxes gives an unbound prefix as the namespace: report the missing declaration, not a bogus namespace.
    if (tag.prefix && tag.uri === tag.prefix) unboundPrefix = tag.prefix;
  });
  let error: string | null = null;
  parser.on('error', (e) => {
    if (!error) error = e.message;
  });
  try {
    // Feed until the root start tag has been seen; the head may end mid-document, which is fine here.
    parser.write(text);
  } catch (e) {
    error ??= (e as Error).message;
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
      problems: [finding('XML-DTD', 'bestand', 'het bericht bevat een DOCTYPE (DTD of entiteiten); dat is niet toegestaan')],
    };
  }
  if (!r) {
    return { ...none, problems: [finding('XML-WELLFORMED', 'bestand', `geen welgevormde XML: ${error ?? 'geen element'}`)] };
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
  return headerLine.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase());
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
            : 'geen XML en geen CSV-kopregel met bekende kolommen (gescheiden door ; of ,); kind niet herkend',
        ),
      ],
    };
  }
  const cols = new Set(headerColumns(headerLine, delimiter));
  if (cols.has('declaratienummer') || cols.has('referentienummer')) {
    return { kind: 'declaratie', format: 'csv', delimiter, problems: [] };
  }
  if (cols.has('taakveld') || cols.has('aantalclienten')) {
    return { kind: 'taakgericht', format: 'csv', delimiter, problems: [] };
  }
  if (cols.has('toewijzingnummer') || cols.has('ingangsdatum') || cols.has('toewijzingsdatum')) {
    return { kind: 'toewijzing', format: 'csv', delimiter, problems: [] };
  }
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

/**
 * A corpus of malformed (and some valid but unusual) input files, generated at test time: XML cases are mutations
 * of the iWmo 3.2 reference examples (test/helpers/reference.ts finds them; never copied into the repository), CSV
 * cases are built from one consistent declaration so that only the intended problem shows. Each case says which report it must
 * end with: status, kind, and the finding rule ids (and optionally a message text) that name the problem.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import type { FileFormat, FileKind, FileStatus } from '../../schemas/report';
import { IWMO_VOORBEELDEN } from '../helpers/reference';

export interface CorpusCase {
  /** File name inside the corpus folder. */
  readonly file: string;
  readonly description: string;
  readonly status: FileStatus;
  readonly kind: FileKind;
  /** Expected `format` in the report, where it matters. */
  readonly format?: FileFormat;
  /** Rule ids that must be among the findings. Empty for a clean acceptance. */
  readonly rules: readonly string[];
  /** Text that the message of a finding with one of `rules` must contain. */
  readonly message?: string;
  /** Texts that must appear nowhere in the report (e.g. the content of a file an external entity names). */
  readonly secrets?: readonly string[];
}

/** The iWmo 3.2 example messages (test data; the product never reads this folder). */
export const VOORBEELDEN = IWMO_VOORBEELDEN;

/** Content of the local file the XXE case points an external entity at; it must never show up in a report. */
export const XXE_SECRET = 'GEHEIM-bwmo-corpus-4f1c9e27';
const XXE_TARGET = join('xxe-doel', 'geheim.txt');

const MB = 1024 * 1024;

interface Sources {
  readonly dir: string;
  readonly wmo323: string;
  readonly wmo301: string;
  readonly wmo305: Buffer;
}

interface CaseDef extends CorpusCase {
  content(src: Sources): string | Buffer;
}

/** Replaces the first occurrence; fails loudly when the example changed and the mutation would do nothing. */
function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i === -1) throw new Error(`corpus: '${from}' not found in the example`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

function insertAfterDeclaration(xml: string, insert: string): string {
  const end = xml.indexOf('?>') + 2;
  return `${xml.slice(0, end)}\n${insert}${xml.slice(end)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// CSV: one consistent declaration (two prestaties, totals add up), a toewijzing row and a taakgericht row.

const DECLARATIE_HEADER = [
  'Afzender',
  'Ontvanger',
  'DeclaratieNummer',
  'DeclaratieDagtekening',
  'DeclaratiePeriodeBegindatum',
  'DeclaratiePeriodeEinddatum',
  'TotaalIngediendBedrag',
  'TotaalDebetCredit',
  'Bsn',
  'ReferentieNummer',
  'VorigReferentieNummer',
  'ToewijzingNummer',
  'ProductCategorie',
  'ProductCode',
  'ProductPeriodeBegindatum',
  'ProductPeriodeEinddatum',
  'GeleverdVolume',
  'Eenheid',
  'ProductTarief',
  'IngediendBedrag',
  'DebetCredit',
];

type Row = Record<string, string>;

function declaratieRows(): Row[] {
  const kop: Row = {
    Afzender: '65656055',
    Ontvanger: '0384',
    DeclaratieNummer: 'DN2023041',
    DeclaratieDagtekening: '2023-05-06',
    DeclaratiePeriodeBegindatum: '2023-04-01',
    DeclaratiePeriodeEinddatum: '2023-04-30',
    TotaalIngediendBedrag: '29000',
    TotaalDebetCredit: 'D',
    Bsn: '999900006',
    VorigReferentieNummer: '',
    ProductCategorie: '01',
    ProductPeriodeBegindatum: '2023-04-01',
    ProductPeriodeEinddatum: '2023-04-30',
    Eenheid: '04',
    DebetCredit: 'D',
  };
  return [
    {
      ...kop,
      ReferentieNummer: 'RN001',
      ToewijzingNummer: '20072',
      ProductCode: '01A03',
      GeleverdVolume: '4',
      ProductTarief: '1250',
      IngediendBedrag: '5000',
    },
    {
      ...kop,
      ReferentieNummer: 'RN002',
      ToewijzingNummer: '20073',
      ProductCode: '01A04',
      GeleverdVolume: '16',
      ProductTarief: '1500',
      IngediendBedrag: '24000',
    },
  ];
}

/** The declaration with one change applied to its rows. */
function declaratieWith(change: (rows: Row[]) => void): Row[] {
  const rows = declaratieRows();
  change(rows);
  return rows;
}

const TOEWIJZING_HEADER = [
  'Gemeente',
  'AgbCode',
  'Bsn',
  'ToewijzingNummer',
  'ProductCategorie',
  'ProductCode',
  'Toewijzingsdatum',
  'Ingangsdatum',
  'Einddatum',
  'Volume',
  'Eenheid',
  'Frequentie',
];

const toewijzingRow = (): Row => ({
  Gemeente: '0384',
  AgbCode: '42420001',
  Bsn: '999900006',
  ToewijzingNummer: '101',
  ProductCategorie: '01',
  ProductCode: '01A01',
  Toewijzingsdatum: '2023-08-13',
  Ingangsdatum: '2023-01-01',
  Einddatum: '2023-12-31',
  Volume: '10',
  Eenheid: '01',
  Frequentie: '1',
});

const TAAKGERICHT_HEADER = [
  'Gemeente',
  'Taakveld',
  'PeriodeBegindatum',
  'PeriodeEinddatum',
  'AgbCode',
  'AantalClienten',
  'Bedrag',
];

const taakgerichtRow = (): Row => ({
  Gemeente: '0384',
  Taakveld: 'MO',
  PeriodeBegindatum: '2023-01-01',
  PeriodeEinddatum: '2023-03-31',
  AgbCode: '42420001',
  AantalClienten: '12',
  Bedrag: '1250000',
});

interface CsvOptions {
  delimiter?: string;
  eol?: string;
}

/** Plain CSV text (no quoting: the values here never need it, and some cases must stay malformed). */
function csv(header: readonly string[], rows: readonly Row[], opts: CsvOptions = {}): string {
  const d = opts.delimiter ?? ';';
  const eol = opts.eol ?? '\n';
  const lines = [header.join(d), ...rows.map((r) => header.map((h) => r[h] ?? '').join(d))];
  return lines.join(eol) + eol;
}

const isoToDutch = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

// ---------------------------------------------------------------------------------------------------------------

const quarantaine = { status: 'quarantaine' as const };
/** Quarantined before its kind is known. */
const unknown = { ...quarantaine, kind: 'onbekend' as const, format: null };
/** A WMO323 that fails at level 1 after it was recognised. */
const xmlDecl = { ...quarantaine, kind: 'declaratie' as const, format: 'wmo323' as const };
const csvDecl = { kind: 'declaratie' as const, format: 'csv' as const };

const xsd = (
  file: string,
  description: string,
  message: string,
  content: (x: string) => string,
): CaseDef => ({
  file,
  description,
  ...xmlDecl,
  rules: ['XSD'],
  message,
  content: (s) => content(s.wmo323),
});

function billionLaughs(xml: string): string {
  const entities = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) {
    const prev = i === 1 ? 'lol' : `lol${i - 1}`;
    entities.push(`<!ENTITY lol${i} "${Array(10).fill(`&${prev};`).join('')}">`);
  }
  return insertAfterDeclaration(
    replaceOnce(xml, '>DN001<', '>&lol9;<'),
    `<!DOCTYPE wmo323:Bericht [\n  ${entities.join('\n  ')}\n]>`,
  );
}

/** A valid WMO323 padded to `size` bytes with a comment after the Header. */
function padded(xml: string, size: number): Buffer {
  const at = xml.indexOf('</wmo323:Header>') + '</wmo323:Header>'.length;
  const head = Buffer.from(`${xml.slice(0, at)}\n\t<!-- `);
  const tail = Buffer.from(` -->${xml.slice(at)}`);
  return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 'opvulling '), tail]);
}

const CASES: readonly CaseDef[] = [
  // -- Not a text file at all -------------------------------------------------------------------------------------
  {
    file: 'leeg.xml',
    description: 'an empty file',
    ...unknown,
    rules: ['EMPTY'],
    message: 'leeg',
    content: () => '',
  },
  {
    file: 'witruimte.csv',
    description: 'only whitespace and line breaks',
    ...unknown,
    rules: ['EMPTY'],
    content: () => '   \r\n\t\n  \n',
  },
  {
    file: 'plaatje.xml',
    description: 'a PNG image named .xml',
    ...unknown,
    rules: ['BINARY'],
    message: 'NUL',
    content: () =>
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
        Buffer.from('IHDR'),
        randomBytes(256),
      ]),
  },
  {
    file: 'willekeurig.csv',
    description: 'random bytes with a NUL',
    ...unknown,
    rules: ['BINARY'],
    content: () => {
      const bytes = randomBytes(4096);
      bytes[17] = 0;
      return bytes;
    },
  },
  {
    file: 'utf16.csv',
    description: 'a declaratie CSV saved as UTF-16 LE with BOM (Excel "Unicode text")',
    ...unknown,
    rules: ['ENCODING'],
    message: 'UTF-16',
    content: () =>
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(csv(DECLARATIE_HEADER, declaratieRows()), 'utf16le'),
      ]),
  },

  // -- XML that is not well-formed ----------------------------------------------------------------------------------
  {
    file: 'afgebroken.xml',
    description: 'a WMO323 cut off in the middle of the second Prestatie',
    ...xmlDecl,
    rules: ['XML-WELLFORMED'],
    message: 'unclosed tag',
    content: ({ wmo323 }) => {
      const first = wmo323.indexOf('<wmo323:Prestatie>');
      const second = wmo323.indexOf('<wmo323:Prestatie>', first + 1);
      return wmo323.slice(0, wmo323.indexOf('<wmo323:GeleverdVolume>', second) + '<wmo323:Gelever'.length);
    },
  },
  {
    file: 'verkeerde-eindtag.xml',
    description: 'a mismatched end tag (</ProductKode> closes <ProductCode>)',
    ...xmlDecl,
    rules: ['XML-WELLFORMED'],
    message: 'unexpected close tag',
    content: ({ wmo323 }) => replaceOnce(wmo323, '01A03</wmo323:ProductCode>', '01A03</wmo323:ProductKode>'),
  },
  {
    file: 'prefix-niet-gedeclareerd.xml',
    description: 'the xmlns:iwmo declaration is missing: basisschema elements have an unbound prefix',
    ...xmlDecl,
    rules: ['XML-WELLFORMED'],
    message: 'unbound namespace prefix: "iwmo"',
    content: ({ wmo323 }) => wmo323.replace(/ xmlns:iwmo="[^"]*"/, ''),
  },
  {
    file: 'root-prefix-niet-gedeclareerd.xml',
    description: 'the xmlns:wmo323 declaration is missing: the root element has an unbound prefix',
    ...unknown,
    rules: ['XML-WELLFORMED'],
    message: 'namespace-prefix wmo323 van de root is niet gedeclareerd',
    content: ({ wmo323 }) => wmo323.replace(/ xmlns:wmo323="[^"]*"/, ''),
  },

  // -- DTDs and entities: quarantined, never expanded or fetched ----------------------------------------------------
  {
    file: 'doctype.xml',
    description: 'a WMO323 with a harmless DOCTYPE',
    ...unknown,
    rules: ['XML-DTD'],
    message: 'DOCTYPE',
    content: ({ wmo323 }) =>
      insertAfterDeclaration(wmo323, '<!DOCTYPE wmo323:Bericht [ <!ELEMENT wmo323:Bericht ANY> ]>'),
  },
  {
    file: 'billion-laughs.xml',
    description: 'an entity-expansion bomb (billion laughs) in DeclaratieNummer',
    ...unknown,
    rules: ['XML-DTD'],
    secrets: ['lollollol'],
    content: ({ wmo323 }) => billionLaughs(wmo323),
  },
  {
    file: 'xxe.xml',
    description: 'external entities (file:///etc/passwd and a local secret file) used in the message',
    ...unknown,
    rules: ['XML-DTD'],
    secrets: [XXE_SECRET, 'root:x:0:0', 'root:*:0:0'],
    content: ({ wmo323, dir }) =>
      insertAfterDeclaration(
        replaceOnce(replaceOnce(wmo323, '>DN001<', '>&xxe;<'), '>RN001<', '>&geheim;<'),
        [
          '<!DOCTYPE wmo323:Bericht [',
          '  <!ENTITY xxe SYSTEM "file:///etc/passwd">',
          `  <!ENTITY geheim SYSTEM "${pathToFileURL(join(dir, XXE_TARGET)).href}">`,
          ']>',
        ].join('\n'),
      ),
  },
  {
    file: 'xxe-externe-dtd.xml',
    description: 'a DOCTYPE that names an external DTD (file:///etc/passwd)',
    ...unknown,
    rules: ['XML-DTD'],
    secrets: ['root:x:0:0', 'root:*:0:0'],
    content: ({ wmo323 }) =>
      insertAfterDeclaration(wmo323, '<!DOCTYPE wmo323:Bericht SYSTEM "file:///etc/passwd">'),
  },

  // -- Too large ----------------------------------------------------------------------------------------------------
  {
    file: 'te-groot.xml',
    description: 'a 26 MB WMO323 (a valid message padded with a long comment)',
    ...unknown,
    rules: ['SIZE'],
    message: '25 MB',
    content: ({ wmo323 }) => padded(wmo323, 26 * MB),
  },

  // -- Not a WMO323 or WMO301 of iWmo 3.2 ---------------------------------------------------------------------------
  {
    file: 'release-3_1.xml',
    description: 'a WMO323 of release 3.1 (namespace …/iwmo/3_1/…)',
    ...unknown,
    rules: ['XML-RELEASE'],
    message: 'release 3.1',
    content: ({ wmo323 }) => wmo323.replaceAll('/iwmo/3_2/', '/iwmo/3_1/'),
  },
  {
    file: 'ijw-jw323.xml',
    description: 'an iJw JW323 declaration (namespace …/ijw/3_2/jw323/…)',
    ...unknown,
    rules: ['XML-RELEASE'],
    message: 'JW323',
    content: ({ wmo323 }) =>
      wmo323
        .replaceAll('/iwmo/3_2/wmo323/schema', '/ijw/3_2/jw323/schema')
        .replaceAll('/iwmo/3_2/basisschema/schema', '/ijw/3_2/basisschema/schema')
        .replaceAll('wmo323:', 'jw323:')
        .replaceAll('xmlns:wmo323=', 'xmlns:jw323=')
        .replaceAll('iwmo:', 'ijw:')
        .replaceAll('xmlns:iwmo=', 'xmlns:ijw='),
  },
  {
    file: 'wmo305.xml',
    description: 'a WMO305 start-zorg message (not processed here)',
    ...unknown,
    rules: ['XML-RELEASE'],
    message: 'WMO305',
    content: ({ wmo305 }) => wmo305,
  },
  {
    file: 'zonder-namespace.xml',
    description: 'a WMO323 without namespaces (prefixes and xmlns removed)',
    ...unknown,
    rules: ['XML-RELEASE'],
    message: 'zonder namespace',
    content: ({ wmo323 }) =>
      wmo323
        .replace(/ xmlns:\w+="[^"]*"/g, '')
        .replaceAll('wmo323:', '')
        .replaceAll('iwmo:', ''),
  },
  {
    file: 'windows-1252.xml',
    description: 'a WMO301 saved as Windows-1252 with a diacritic in a name',
    ...unknown,
    rules: ['ENCODING'],
    message: 'UTF-8',
    content: ({ wmo301 }) =>
      iconv.encode(replaceOnce(wmo301, '<iwmo:Achternaam>Wit<', '<iwmo:Achternaam>Wité<'), 'win1252'),
  },

  // -- XSD violations: level 1, the message is quarantined and none of its lines is judged ------------------------
  xsd('xsd-volgorde.xml', 'ProductCode before ProductCategorie', 'niet op de juiste plaats', (x) =>
    replaceOnce(
      replaceOnce(x, '<wmo323:ProductCategorie>01</wmo323:ProductCategorie>', ''),
      '<wmo323:ProductCode>01A03</wmo323:ProductCode>',
      '<wmo323:ProductCode>01A03</wmo323:ProductCode><wmo323:ProductCategorie>01</wmo323:ProductCategorie>',
    ),
  ),
  xsd(
    'xsd-verplicht-ontbreekt.xml',
    'a Prestatie without ToewijzingNummer',
    'verplicht element ToewijzingNummer ontbreekt',
    (x) => replaceOnce(x, '<wmo323:ToewijzingNummer>20072</wmo323:ToewijzingNummer>', ''),
  ),
  xsd('xsd-twee-bsn.xml', 'a Client with two Bsn elements', 'hoogstens 1 keer', (x) =>
    replaceOnce(
      x,
      '<wmo323:Bsn>999900006</wmo323:Bsn>',
      '<wmo323:Bsn>999900006</wmo323:Bsn><wmo323:Bsn>999900018</wmo323:Bsn>',
    ),
  ),
  xsd('xsd-eenheid-05.xml', 'Eenheid 05 (not in the codelist)', 'codelijst', (x) =>
    replaceOnce(x, '<wmo323:Eenheid>04<', '<wmo323:Eenheid>05<'),
  ),
  xsd(
    'xsd-declaratienummer-lang.xml',
    'a DeclaratieNummer of 15 characters (at most 12)',
    'langer dan 12',
    (x) => replaceOnce(x, '>DN001<', '>DN0012345678901<'),
  ),
  xsd('xsd-datum-30-februari.xml', 'DeclaratieDagtekening 2022-02-30', 'geen bestaande datum', (x) =>
    replaceOnce(x, '<wmo323:DeclaratieDagtekening>2023-05-06<', '<wmo323:DeclaratieDagtekening>2022-02-30<'),
  ),
  xsd('xsd-tekst-als-getal.xml', 'GeleverdVolume "vier"', 'geen geheel getal', (x) =>
    replaceOnce(x, '<wmo323:GeleverdVolume>4<', '<wmo323:GeleverdVolume>vier<'),
  ),
  xsd(
    'xsd-onbekend-element.xml',
    'an unknown element Opmerking in a Prestatie',
    'Opmerking is niet toegestaan',
    (x) =>
      replaceOnce(
        x,
        '<wmo323:GeleverdVolume>4</wmo323:GeleverdVolume>',
        '<wmo323:GeleverdVolume>4</wmo323:GeleverdVolume><wmo323:Opmerking>graag snel betalen</wmo323:Opmerking>',
      ),
  ),
  {
    file: 'xsd-wmo301-zonder-ingangsdatum.xml',
    description: 'a WMO301 ToegewezenProduct without Ingangsdatum',
    ...quarantaine,
    kind: 'toewijzing',
    format: 'wmo301',
    rules: ['XSD'],
    message: 'verplicht element Ingangsdatum ontbreekt',
    content: ({ wmo301 }) => replaceOnce(wmo301, '<wmo301:Ingangsdatum>2023-01-01</wmo301:Ingangsdatum>', ''),
  },
  // Valid structure, but an in-message rule fails: the message is rejected (level 2), not quarantined.
  {
    file: 'bsn-elfproef.xml',
    description: 'a WMO323 whose first client has a BSN failing the 11-proef',
    status: 'afgewezen',
    kind: 'declaratie',
    format: 'wmo323',
    rules: ['CS002'],
    content: ({ wmo323 }) => replaceOnce(wmo323, '<wmo323:Bsn>999900006<', '<wmo323:Bsn>999900007<'),
  },

  // -- CSV: valid but unusual (accepted) ----------------------------------------------------------------------------
  {
    file: 'csv-windows-1252.csv',
    description: 'Windows-1252 with diacritics in an unknown extra column',
    status: 'geaccepteerd',
    ...csvDecl,
    rules: ['CSV-COLUMN'],
    message: 'Cliëntnotitie',
    content: () => {
      const rows = declaratieWith((r) => {
        r[0]['Cliëntnotitie'] = 'Zoë verhuisd naar café “De Ruïne” – € 0';
        r[1]['Cliëntnotitie'] = 'geen bijzonderheden';
      });
      return iconv.encode(csv([...DECLARATIE_HEADER, 'Cliëntnotitie'], rows), 'win1252');
    },
  },
  {
    file: 'csv-windows-1252-ongedefinieerde-byte.csv',
    description:
      'neither UTF-8 nor Windows-1252: a byte 0x81, which Windows-1252 leaves undefined (a DOS code page ü)',
    // As for an XML message that is not UTF-8: the file could not be read as text at all.
    ...unknown,
    rules: ['ENCODING'],
    message: 'in Windows-1252 geen teken',
    content: () => {
      const rows = declaratieWith((r) => {
        r[1]['Cliëntnotitie'] = 'Zoë';
      });
      const bytes = iconv.encode(csv([...DECLARATIE_HEADER, 'Cliëntnotitie'], rows), 'win1252');
      // The ë of the second data row as CP850 writes it.
      bytes[bytes.lastIndexOf(0xeb)] = 0x81;
      return bytes;
    },
  },
  {
    file: 'csv-bom.csv',
    description: 'UTF-8 with a byte order mark',
    status: 'geaccepteerd',
    ...csvDecl,
    rules: [],
    content: () => `\uFEFF${csv(DECLARATIE_HEADER, declaratieRows())}`,
  },
  {
    file: 'csv-crlf.csv',
    description: 'Windows line endings',
    status: 'geaccepteerd',
    ...csvDecl,
    rules: [],
    content: () => csv(DECLARATIE_HEADER, declaratieRows(), { eol: '\r\n' }),
  },
  {
    file: 'csv-dd-mm-jjjj.csv',
    description: 'every date written DD-MM-YYYY',
    status: 'geaccepteerd',
    ...csvDecl,
    rules: [],
    content: () =>
      csv(
        DECLARATIE_HEADER,
        declaratieWith((rows) => {
          for (const row of rows) {
            for (const k of Object.keys(row)) if (/datum$|Dagtekening$/.test(k)) row[k] = isoToDutch(row[k]);
          }
        }),
      ),
  },

  // -- CSV: malformed -----------------------------------------------------------------------------------------------
  {
    file: 'csv-tab.csv',
    description: 'a declaratie CSV separated by tabs',
    ...unknown,
    rules: ['KIND'],
    message: 'tabs',
    content: () => csv(DECLARATIE_HEADER, declaratieRows(), { delimiter: '\t' }),
  },
  {
    file: 'csv-rafelig.csv',
    description: 'a row with two cells fewer than the header',
    ...quarantaine,
    ...csvDecl,
    rules: ['CSV-ROW'],
    message: 'de regel heeft 19 kolommen, de kopregel 21',
    content: () => {
      const lines = csv(DECLARATIE_HEADER, declaratieRows()).split('\n');
      lines[1] = lines[1].split(';').slice(0, -2).join(';');
      return lines.join('\n');
    },
  },
  {
    file: 'csv-bedrag-komma.csv',
    description: 'ProductTarief written as 12,50 (euro instead of cents)',
    ...quarantaine,
    ...csvDecl,
    rules: ['CSV-VALUE'],
    message: 'eurocent',
    content: () =>
      csv(
        DECLARATIE_HEADER,
        declaratieWith((r) => {
          r[0].ProductTarief = '12,50';
        }),
      ),
  },
  {
    file: 'csv-datum-30-februari.csv',
    description: 'ProductPeriodeEinddatum 2022-02-30',
    ...quarantaine,
    ...csvDecl,
    rules: ['CSV-VALUE'],
    message: "'2022-02-30' is geen bestaande datum",
    content: () =>
      csv(
        DECLARATIE_HEADER,
        declaratieWith((r) => {
          r[1].ProductPeriodeEinddatum = '2022-02-30';
        }),
      ),
  },
  {
    file: 'csv-datum-jaar-0000.csv',
    description: 'ProductPeriodeBegindatum in year 0000 (DD-MM-JJJJ), as a system writes an unknown date',
    ...quarantaine,
    ...csvDecl,
    rules: ['CSV-VALUE'],
    message: "'01-03-0000' is geen bestaande datum",
    content: () =>
      csv(
        DECLARATIE_HEADER,
        declaratieWith((r) => {
          r[1].ProductPeriodeBegindatum = '01-03-0000';
        }),
      ),
  },
  {
    file: 'csv-negatief-bedrag.csv',
    description: 'a negative IngediendBedrag (a credit is C, not a minus sign)',
    ...quarantaine,
    ...csvDecl,
    rules: ['CSV-VALUE'],
    message: 'negatief',
    content: () =>
      csv(
        DECLARATIE_HEADER,
        declaratieWith((r) => {
          r[0].IngediendBedrag = '-5000';
        }),
      ),
  },
  {
    file: 'csv-onbekende-kolommen.csv',
    description: 'a CSV whose columns are all unknown',
    ...unknown,
    rules: ['KIND'],
    message: 'bekende kolommen',
    content: () => 'Naam;Adres;Woonplaats\nJansen;Straatweg 1;Weert\n',
  },
  {
    file: 'csv-soort-onduidelijk.csv',
    description: 'known columns that fit no kind (Bsn, Gemeente, AgbCode)',
    ...unknown,
    format: 'csv',
    rules: ['KIND'],
    message: 'past niet',
    content: () => 'Bsn;Gemeente;AgbCode\n999900006;0384;42420001\n',
  },
  {
    file: 'csv-kolom-ontbreekt.csv',
    description: 'the required column Bsn is missing',
    ...quarantaine,
    ...csvDecl,
    rules: ['CSV-HEADER'],
    message: 'verplichte kolom Bsn ontbreekt',
    content: () =>
      csv(
        DECLARATIE_HEADER.filter((h) => h !== 'Bsn'),
        declaratieRows(),
      ),
  },
  // Decision: a header without rows is nothing to accept. As a WMO323 without Prestatie fails its XSD, such a file
  // goes to quarantine (EMPTY), so that an export that went wrong does not pass as "geaccepteerd".
  {
    file: 'csv-alleen-kopregel.csv',
    description: 'a declaratie CSV with only the header row',
    ...quarantaine,
    ...csvDecl,
    rules: ['EMPTY'],
    message: 'alleen een kopregel',
    content: () => csv(DECLARATIE_HEADER, []),
  },
  {
    file: 'csv-open-aanhalingsteken.csv',
    description: 'a quoted field that is never closed',
    ...quarantaine,
    ...csvDecl,
    rules: ['CSV-ROW'],
    message: 'aanhalingstekens',
    content: () => replaceOnce(csv(DECLARATIE_HEADER, declaratieRows()), ';RN001;', ';"RN001;'),
  },
  {
    file: 'csv-dubbele-kolom.csv',
    description: 'the column Bsn twice in the header',
    ...quarantaine,
    ...csvDecl,
    rules: ['CSV-HEADER'],
    message: 'kolom Bsn staat twee keer',
    content: () => csv([...DECLARATIE_HEADER, 'Bsn'], declaratieRows()),
  },
  {
    file: 'csv-totaal-klopt-niet.csv',
    description: 'TotaalIngediendBedrag is not the sum of the lines (a level-2 rejection)',
    status: 'afgewezen',
    ...csvDecl,
    rules: ['TR358'],
    content: () =>
      csv(
        DECLARATIE_HEADER,
        declaratieWith((rows) => {
          for (const row of rows) row.TotaalIngediendBedrag = '30000';
        }),
      ),
  },
  {
    file: 'toewijzing-datum.csv',
    description: 'a toewijzing CSV with Ingangsdatum 01/01/2023',
    ...quarantaine,
    kind: 'toewijzing',
    format: 'csv',
    rules: ['CSV-VALUE'],
    message: 'JJJJ-MM-DD',
    content: () => csv(TOEWIJZING_HEADER, [{ ...toewijzingRow(), Ingangsdatum: '01/01/2023' }]),
  },
  {
    file: 'taakgericht-aantal.csv',
    description: 'a taakgericht CSV with AantalClienten 12.5',
    ...quarantaine,
    kind: 'taakgericht',
    format: 'csv',
    rules: ['CSV-VALUE'],
    message: 'geen geheel getal (AantalClienten)',
    content: () => csv(TAAKGERICHT_HEADER, [{ ...taakgerichtRow(), AantalClienten: '12.5' }]),
  },

  // -- Other file types ---------------------------------------------------------------------------------------------
  {
    file: 'declaratie.json',
    description: 'a JSON document',
    ...unknown,
    rules: ['KIND'],
    content: () =>
      `${JSON.stringify({ declaratieNummer: 'DN001', bsn: '999900006', bedrag: 5000 }, null, 2)}\n`,
  },
  {
    file: 'foutpagina.html',
    description: 'an HTML page (e.g. a portal error page saved as the export)',
    ...unknown,
    rules: ['KIND'],
    message: 'HTML',
    content: () =>
      '<!DOCTYPE html>\n<html lang="nl">\n<head><meta charset="utf-8"><title>Fout</title></head>\n<body><p>Sessie verlopen</p></body>\n</html>\n',
  },
];

/** What each corpus file must produce, known before the files are written (for one test per case). */
export const CORPUS_CASES: readonly CorpusCase[] = CASES.map(({ content: _, ...c }) => c);

/** Writes the corpus into `dir` (which must exist) and returns what each file must produce. */
export async function buildCorpus(dir: string): Promise<CorpusCase[]> {
  const src: Sources = {
    dir,
    wmo323: await readFile(join(VOORBEELDEN, 'WMO323.xml'), 'utf8'),
    wmo301: await readFile(join(VOORBEELDEN, 'WMO301.xml'), 'utf8'),
    wmo305: await readFile(join(VOORBEELDEN, 'WMO305.xml')),
  };
  // The target of the XXE case's external entity: a file we can read, whose content must never show up.
  await mkdir(join(dir, 'xxe-doel'), { recursive: true });
  await writeFile(join(dir, XXE_TARGET), XXE_SECRET);
  for (const c of CASES) await writeFile(join(dir, c.file), c.content(src));
  return [...CORPUS_CASES];
}

/**
 * The rule registry: every protocol rule the pipeline checks, with its control level, the retourcode it yields,
 * the message part it belongs to and a short label. Rule files, answers, alerts and documentation read from here;
 * a test checks that every entry has its rule file and a test.
 *
 * Control levels (iWmo IV087): 1 structure (XSD), 2 in-message rules (XSLT), 3 against earlier messages, 4 against
 * external sources (contracts, product list, CBS gemeentecodes).
 */

import { retourcodeText } from './iwmo/codelists';

export type RuleLevel = 1 | 2 | 3 | 4;
export type MessagePart = 'bestand' | 'header' | 'declaratie' | 'client' | 'prestatie' | 'toewijzing';
export type RuleMessage = 'declaratie' | 'toewijzing' | 'taakgericht';

export interface RuleSpec {
  readonly id: string;
  readonly message: RuleMessage;
  readonly level: RuleLevel;
  /** Official retourcode where one exists; level-2 rules reject the whole message with 0001 in the header. */
  readonly retourcode: string | null;
  readonly part: MessagePart;
  readonly label: string;
}

/** Registry key: a rule id can exist for more than one message (CS002 for declaraties and toewijzingen). */
export const ruleKey = (r: Pick<RuleSpec, 'message' | 'id'>): string => `${r.message}/${r.id}`;

const d2 = (id: string, part: MessagePart, label: string, retourcode = '0001'): RuleSpec => ({
  id,
  message: 'declaratie',
  level: 2,
  retourcode,
  part,
  label,
});
const t2 = (id: string, part: MessagePart, label: string): RuleSpec => ({
  id,
  message: 'toewijzing',
  level: 2,
  retourcode: '0001',
  part,
  label,
});

/** A rule against state: its label is the retourcode's official text. */
const d3 = (id: string, part: MessagePart, retourcode: string, level: RuleLevel = 3): RuleSpec => ({
  id,
  message: 'declaratie',
  level,
  retourcode,
  part,
  label: retourcodeText(retourcode),
});

export const RULES: readonly RuleSpec[] = [
  // WMO323 declaratie, in-message (level 2)
  d2('CS002', 'client', 'Bsn voldoet niet aan de 11-proef'),
  d2('RS037', 'client', 'Bsn bestaat niet uit precies 9 cijfers'),
  d2('CS100', 'declaratie', 'Datum ligt voor 1 januari 2021'),
  d2('CS325', 'prestatie', 'Een bedrag van 0 moet als debet (D) worden aangeleverd'),
  d2(
    'CS337',
    'prestatie',
    'Einddatum ProductPeriode ligt niet in dezelfde maand en hetzelfde jaar als de Begindatum',
  ),
  d2('CS339', 'prestatie', "Bij Eenheid 83 (euro's) moet IngediendBedrag gelijk zijn aan GeleverdVolume"),
  d2('CS340', 'declaratie', 'DeclaratiePeriode is niet precies één kalendermaand'),
  d2('CD060', 'prestatie', 'VorigReferentieNummer is verplicht bij credit en niet toegestaan bij debet'),
  d2(
    'CD087',
    'prestatie',
    "ProductTarief is verplicht als Eenheid niet 83 (euro's) is, en anders niet toegestaan",
  ),
  d2('TR101', 'prestatie', 'Binnen een bestand zijn dubbele regels niet toegestaan'),
  d2('TR134', 'declaratie', 'Datum ligt na de dagtekening van het bericht'),
  d2('TR137', 'prestatie', 'Einddatum ligt voor de Begindatum'),
  d2('TR315', 'prestatie', 'VorigReferentieNummer komt meer dan eens voor in het bericht'),
  d2('TR316', 'prestatie', 'Een debetprestatie wordt in hetzelfde bericht gecrediteerd'),
  d2('TR319', 'prestatie', 'ProductPeriode valt niet in deze of een eerdere declaratieperiode', '9319'),
  d2('TR335', 'prestatie', 'Einddatum ligt meer dan 5 jaar voor de DeclaratieDagtekening'),
  d2('TR358', 'declaratie', 'TotaalIngediendBedrag is niet gelijk aan de som van de ingediende bedragen'),
  d2(
    'TR416',
    'prestatie',
    'Meer dan één debetprestatie voor dezelfde ProductPeriode, ProductCategorie, ProductCode en ToewijzingNummer',
  ),
  d2('CSV-CONSISTENT', 'declaratie', 'Declaratiekolommen verschillen binnen één DeclaratieNummer'),
  // WMO301 toewijzing, in-message (level 2)
  t2('CS002', 'client', 'Bsn voldoet niet aan de 11-proef'),
  t2('RS037', 'client', 'Bsn bestaat niet uit precies 9 cijfers'),
  t2('CS003', 'toewijzing', 'Einddatum ligt voor de Ingangsdatum'),
  t2('CS335', 'toewijzing', 'RedenWijziging 13 (verwijderd) alleen als Ingangsdatum gelijk is aan Einddatum'),
  t2('CS336', 'toewijzing', 'RedenWijziging 01 mag niet worden gebruikt'),
  t2('CS338', 'toewijzing', 'Bij Eenheid 14, 16, 83 of 84 moet Frequentie 2, 4 of 6 zijn'),
  t2('CD009', 'client', 'Periode alleen vullen als Soort adres 04 (tijdelijk adres) is'),
  t2('CD034', 'client', 'Postcode is verplicht als Soort adres 01 (BRP-adres) of 03 (verblijfadres) is'),
  t2('CD041', 'toewijzing', 'Omvang is verplicht als ProductCode gevuld is'),
  t2('CSV-OMVANG', 'toewijzing', 'Omvang is onvolledig: Volume, Eenheid en Frequentie horen bij elkaar'),
  t2('CD075', 'toewijzing', 'Einddatum is verplicht als Budget gevuld is'),
  t2('CD076', 'toewijzing', 'Einddatum is verplicht bij Frequentie 2 (per week)'),
  t2('CD077', 'toewijzing', 'Omvang moet leeg zijn als Budget gevuld is'),
  t2('CD078', 'toewijzing', 'Budget moet leeg zijn als Omvang gevuld is'),
  t2('CD079', 'toewijzing', 'Product is verplicht als Budget leeg is'),
  t2(
    'CD080',
    'toewijzing',
    'Omvang moet leeg zijn als ProductCode leeg is en Einddatum na 31-12-2020 ligt of leeg is',
  ),
  t2('TR006', 'client', 'Contact moet Telefoon en/of de combinatie Huis en Postcode bevatten'),
  t2(
    'TR061',
    'client',
    'Bij een client moet een adres met Soort 01 (BRP-adres) of 03 (verblijfadres) voorkomen',
  ),
  t2('TR134', 'toewijzing', 'Datum ligt na de dagtekening van het bericht'),
  t2('TR302', 'toewijzing', 'ToewijzingNummer komt meer dan eens voor in het bericht'),
  // WMO323 declaratie against state: earlier messages (level 3) and reference data (level 4)
  d3('TR056', 'header', '9056'),
  d3('TR135', 'header', '8848'),
  d3('TR378', 'header', 'S300', 4),
  d3('TR333', 'declaratie', '9333'),
  d3('TR338', 'prestatie', '9338'),
  d3('TR304', 'prestatie', '8187'),
  d3('TR384', 'prestatie', '9384'),
  d3('TR307', 'prestatie', '9307'),
  d3('TR308', 'prestatie', '9308'),
  d3('TR387', 'prestatie', '9387'),
  d3('TR388', 'prestatie', '9388'),
  d3('TR321', 'prestatie', '9321'),
  d3('TR322', 'prestatie', '9322'),
  d3('TR369', 'prestatie', '9369'),
  d3('TR339', 'prestatie', '9339'),
  d3('TR340', 'prestatie', '9340'),
  d3('TR341', 'prestatie', '9341'),
  d3('TR346', 'prestatie', '9346'),
  d3('TR418', 'prestatie', '0611', 4),
  d3('TR381', 'prestatie', 'S329', 4),
  d3('TR314', 'prestatie', '8021'),
  d3('TR323', 'prestatie', '8017'),
  d3('TR389', 'prestatie', '9389'),
  d3('TR390', 'prestatie', '9390'),
  // WMO301 toewijzing against state
  {
    id: 'TR332',
    message: 'toewijzing',
    level: 3,
    retourcode: '9332',
    part: 'toewijzing',
    label: 'ToewijzingNummer is al gebruikt voor een andere client of een ander product',
  },
];

/**
 * Findings the readers produce before any rule runs (control level 1), and other project codes. They have no
 * rule file: the reader that detects them is named instead.
 */
export interface ProjectCode {
  readonly id: string;
  readonly level: RuleLevel;
  readonly retourcode: string | null;
  readonly label: string;
  readonly source: string;
  /** Warnings are reported but reject nothing. */
  readonly severity?: 'waarschuwing';
}

export const PROJECT_CODES: readonly ProjectCode[] = [
  { id: 'EMPTY', level: 1, retourcode: '0001', label: 'Bestand is leeg', source: 'pipeline/read/sniff.ts' },
  {
    id: 'BINARY',
    level: 1,
    retourcode: '0001',
    label: 'Bestand is geen tekst',
    source: 'pipeline/read/sniff.ts',
  },
  {
    id: 'SIZE',
    level: 1,
    retourcode: '0001',
    label: 'Bestand is groter dan 25 MB',
    source: 'pipeline/read/sniff.ts',
  },
  {
    id: 'KIND',
    level: 1,
    retourcode: '0001',
    label: 'Soort bestand niet herkend',
    source: 'pipeline/read/sniff.ts',
  },
  {
    id: 'ENCODING',
    level: 1,
    retourcode: '0001',
    label: 'Tekencodering niet leesbaar',
    source: 'pipeline/read/decode.ts',
  },
  {
    id: 'XML-WELLFORMED',
    level: 1,
    retourcode: '0001',
    label: 'XML is niet welgevormd',
    source: 'pipeline/read/xml.ts',
  },
  {
    id: 'XML-DTD',
    level: 1,
    retourcode: '0001',
    label: 'XML bevat een DTD of entiteitdeclaratie',
    source: 'pipeline/read/xml.ts',
  },
  {
    id: 'XML-RELEASE',
    level: 1,
    retourcode: '0001',
    label: 'Geen bericht van iWmo release 3.2',
    source: 'pipeline/read/xml.ts',
  },
  {
    id: 'XSD',
    level: 1,
    retourcode: '0001',
    label: 'Bericht voldoet niet aan de XSD',
    source: 'pipeline/read/xml.ts',
  },
  {
    id: 'CSV-HEADER',
    level: 1,
    retourcode: '0001',
    label: 'Kopregel van het CSV-bestand klopt niet',
    source: 'pipeline/read/csv.ts',
  },
  {
    id: 'CSV-ROW',
    level: 1,
    retourcode: '0001',
    label: 'Regel heeft niet het aantal kolommen van de kopregel',
    source: 'pipeline/read/csv.ts',
  },
  {
    id: 'CSV-VALUE',
    level: 1,
    retourcode: '0001',
    label: 'Waarde in een cel is ongeldig',
    source: 'pipeline/read/csv.ts',
  },
  {
    id: 'CSV-COLUMN',
    level: 1,
    retourcode: null,
    label: 'Onbekende kolom genegeerd',
    source: 'pipeline/read/csv.ts',
    severity: 'waarschuwing',
  },
  {
    id: 'TAAK-VERVANGT',
    level: 3,
    retourcode: null,
    label: 'Melding vervangt een eerdere melding voor dezelfde gemeente, taakveld, periode en aanbieder',
    source: 'pipeline/reconcile/taakgericht.ts',
    severity: 'waarschuwing',
  },
  {
    id: 'INGETROKKEN',
    level: 3,
    retourcode: null,
    label: 'Gelijk aan een bestand dat is ingetrokken: niet opnieuw verwerkt',
    source: 'pipeline/ingest.ts',
  },
  {
    id: 'UPLOAD-ONVOLLEDIG',
    level: 1,
    retourcode: '0001',
    label: 'De upload is afgebroken voordat het bestand compleet was',
    source: 'pipeline/partial-upload.ts',
  },
  {
    id: 'NAAM-ONGELDIG',
    level: 1,
    retourcode: '0001',
    label: 'De naam van het bestand heeft een lege map of . of .. als deel',
    source: 'pipeline/ingest.ts',
  },
  {
    id: 'HERKOMST',
    level: 3,
    retourcode: null,
    label: 'Herkomstgemeente genegeerd: alleen een centrumgemeente geeft een andere gemeente van herkomst op',
    source: 'pipeline/reconcile/toewijzingen.ts',
    severity: 'waarschuwing',
  },
  {
    id: 'ISOLATION',
    level: 1,
    retourcode: null,
    label: 'Bestand noemt een andere gemeente dan de uploader',
    source: 'pipeline/ingest.ts',
  },
];

const byKey = new Map(RULES.map((r) => [ruleKey(r), r]));
const projectById = new Map(PROJECT_CODES.map((p) => [p.id, p]));

export function ruleSpec(message: RuleMessage, id: string): RuleSpec {
  const spec = byKey.get(`${message}/${id}`);
  if (!spec) throw new Error(`rule ${message}/${id} is not registered`);
  return spec;
}

export function projectCode(id: string): ProjectCode {
  const code = projectById.get(id);
  if (!code) throw new Error(`project code ${id} is not registered`);
  return code;
}

/** Where the rule file of a registered rule lives (one file per rule, DESIGN §3). */
export function ruleFilePath(r: RuleSpec): string {
  const folder = r.level === 2 ? r.message : `state/${r.message}`;
  return `pipeline/rules/${folder}/${r.id}.ts`;
}

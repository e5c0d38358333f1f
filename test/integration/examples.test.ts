/**
 * The official iWmo 3.2 examples (reference/iwmo-3.2/voorbeelden) pass the level 1–2 check without a single
 * finding; mutated copies, changed as text at test time, produce exactly the in-message rule they break.
 *
 * Each mutation is designed so that one rule fires; where neighbouring rules could also fire (TR319, TR358, CS325,
 * TR316, TR416, TR134), the comment on the case says why they do not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { checkFile, checkReportHead } from '../../pipeline/check';
import { toReport } from '../../pipeline/report/render';
import { bufferSource } from '../../pipeline/source';
import { type Report, ReportSchema } from '../../schemas/report';
import { IWMO_VOORBEELDEN, IWMO_XSD } from '../helpers/reference';

const VOORBEELDEN = IWMO_VOORBEELDEN;

let wmo323: string;
let wmo301: string;
let xsd: Record<'WMO323' | 'WMO301' | 'basisschema', string>;

beforeAll(() => {
  wmo323 = readFileSync(join(VOORBEELDEN, 'WMO323.xml'), 'utf8');
  wmo301 = readFileSync(join(VOORBEELDEN, 'WMO301.xml'), 'utf8');
  const read = (name: string) => readFileSync(join(IWMO_XSD, `${name}.xsd`), 'utf8');
  xsd = { WMO323: read('WMO323'), WMO301: read('WMO301'), basisschema: read('basisschema') };
});

/** XSD errors of a message (the official schema, through xmllint): none means level 1 passes. */
async function xsdErrors(xml: string, message: 'WMO323' | 'WMO301'): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: `${message}.xml`, contents: xml },
    schema: { fileName: `${message}.xsd`, contents: xsd[message] },
    preload: [{ fileName: 'basisschema.xsd', contents: xsd.basisschema }],
  });
  return result.errors.map((e) => e.message);
}

async function check(name: string, xml: string): Promise<Report> {
  const checked = await checkFile(bufferSource(name, xml));
  return toReport(checkReportHead(checked), checked.declaraties);
}

/** Replaces exactly one occurrence of `from` (a mutation that silently matches nothing would prove nothing). */
function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const matches = typeof from === 'string' ? text.split(from).length - 1 : (text.match(from) ?? []).length;
  if (matches !== 1) throw new Error(`expected one match of ${String(from)}, found ${matches}`);
  return text.replace(from, to);
}

/** The n-th (1-based) element `tag` (e.g. wmo323:Prestatie) with its content, as a [start, end) range. */
function elementRange(xml: string, tag: string, n: number): [number, number] {
  let start = -1;
  for (let i = 0; i < n; i++) {
    start = xml.indexOf(`<${tag}>`, start + 1);
    if (start < 0) throw new Error(`no ${tag}[${n}]`);
  }
  const close = `</${tag}>`;
  const end = xml.indexOf(close, start) + close.length;
  return [start, end];
}

/** Applies `edit` to the n-th element `tag` only. */
function editElement(xml: string, tag: string, n: number, edit: (element: string) => string): string {
  const [start, end] = elementRange(xml, tag, n);
  const before = xml.slice(start, end);
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${tag}[${n}] changed nothing`);
  return xml.slice(0, start) + after + xml.slice(end);
}

const setTotaal = (xml: string, cents: number) =>
  replaceOnce(
    xml,
    '<iwmo:TotaalBedrag>58000</iwmo:TotaalBedrag>',
    `<iwmo:TotaalBedrag>${cents}</iwmo:TotaalBedrag>`,
  );

describe('official examples', () => {
  it.each([
    ['WMO323.xml', 'declaratie', 'wmo323', 4],
    ['WMO301.xml', 'toewijzing', 'wmo301', 1],
  ] as const)('%s passes levels 1–2 with no findings at all', async (file, kind, format, regels) => {
    const xml = file === 'WMO323.xml' ? wmo323 : wmo301;
    expect(await xsdErrors(xml, file === 'WMO323.xml' ? 'WMO323' : 'WMO301')).toEqual([]);
    const report = await check(file, xml);
    expect(ReportSchema.safeParse(report).error).toBeUndefined();
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({
      kind,
      format,
      gemeente: '0384',
      status: 'geaccepteerd',
      level: 2,
      counts: { regels, geaccepteerd: regels, afgewezen: 0 },
    });
  });

  it('WMO323.xml: the declaration and its four prestaties are all approved, 58000 cents', async () => {
    const report = await check('WMO323.xml', wmo323);
    expect(report.declaraties).toHaveLength(1);
    const d = report.declaraties[0];
    expect(d).toMatchObject({
      declaratieNummer: 'DN001',
      totaalIngediendBedrag: 58000,
      totaalToegekendBedrag: 58000,
    });
    expect(d.prestaties.map((p) => [p.referentieNummer, p.status, p.toegekendBedrag])).toEqual([
      ['RN001', 'toegekend', 5000],
      ['RN002', 'toegekend', 24000],
      ['RN003', 'toegekend', 5000],
      ['RN004', 'toegekend', 24000],
    ]);
  });
});

interface Mutation {
  readonly name: string;
  readonly mutate: (xml: string) => string;
  readonly rules: readonly string[];
  /** Part of the location of the (first) finding. */
  readonly location: string;
}

const PRESTATIE = 'wmo323:Prestatie';

const WMO323_MUTATIONS: readonly Mutation[] = [
  {
    name: 'BSN of the first client fails the 11-proef',
    mutate: (x) => replaceOnce(x, '<wmo323:Bsn>999900006</wmo323:Bsn>', '<wmo323:Bsn>999900007</wmo323:Bsn>'),
    rules: ['CS002'],
    location: 'Client[1]/Bsn',
  },
  {
    name: 'TotaalIngediendBedrag one cent off',
    mutate: (x) => setTotaal(x, 58001),
    rules: ['TR358'],
    location: 'Declaratie/TotaalIngediendBedrag/TotaalBedrag',
  },
  {
    // Ends a day early: the product periods still end within April, the DeclaratiePeriode's month, so TR319 holds;
    // all dates stay before the Dagtekening (TR134) and the period is not reversed (TR137).
    name: 'DeclaratiePeriode 2023-04-01 t/m 2023-04-29 (not a whole month)',
    mutate: (x) =>
      editElement(x, 'wmo323:DeclaratiePeriode', 1, (e) =>
        replaceOnce(
          e,
          '<iwmo:Einddatum>2023-04-30</iwmo:Einddatum>',
          '<iwmo:Einddatum>2023-04-29</iwmo:Einddatum>',
        ),
      ),
    rules: ['CS340'],
    location: 'Declaratie/DeclaratiePeriode/Einddatum',
  },
  {
    // Begins in March and ends in April, the DeclaratiePeriode: TR319 holds (it does not end after April).
    name: 'ProductPeriode 2023-03-15 t/m 2023-04-30 (across two months)',
    mutate: (x) =>
      editElement(x, PRESTATIE, 1, (e) =>
        replaceOnce(
          e,
          '<iwmo:Begindatum>2023-04-01</iwmo:Begindatum>',
          '<iwmo:Begindatum>2023-03-15</iwmo:Begindatum>',
        ),
      ),
    rules: ['CS337'],
    location: 'Client[1]/Prestatie[1]/ProductPeriode/Einddatum (regel 33)',
  },
  {
    // The copy has the same ReferentieNummer under the same client: TR101. TR416 leaves an exact repeat of a line
    // to TR101. The total is raised by the copy's 5000 cents so that TR358 holds.
    name: 'a Prestatie element repeated within its client',
    mutate: (x) => {
      const [start, end] = elementRange(x, PRESTATIE, 1);
      const copy = x.slice(start, end);
      return setTotaal(`${x.slice(0, end)}\n\t\t\t\t\t${copy}${x.slice(end)}`, 63000);
    },
    rules: ['TR101'],
    location: 'Client[1]/Prestatie[2]/ProductReferentie/ReferentieNummer',
  },
  {
    // RN002 (24000) becomes a credit: the total is 5000 − 24000 + 5000 + 24000 = 10000 D, so TR358 holds. The
    // amount is not 0 (CS325), and a credit that names no debit cannot credit one in the same message (TR316).
    name: 'a credit without VorigReferentieNummer',
    mutate: (x) =>
      setTotaal(
        editElement(x, PRESTATIE, 2, (e) =>
          replaceOnce(e, '<iwmo:DebetCredit>D</iwmo:DebetCredit>', '<iwmo:DebetCredit>C</iwmo:DebetCredit>'),
        ),
        10000,
      ),
    rules: ['CD060'],
    location: 'Client[1]/Prestatie[2]/ProductReferentie/VorigReferentieNummer (regel 52)',
  },
  {
    name: 'ProductTarief left out (Eenheid 04, uur)',
    mutate: (x) =>
      editElement(x, PRESTATIE, 3, (e) =>
        replaceOnce(e, /\s*<wmo323:ProductTarief>1250<\/wmo323:ProductTarief>/, ''),
      ),
    rules: ['CD087'],
    location: 'Client[2]/Prestatie[1]/ProductTarief (regel 76)',
  },
];

const WMO301_MUTATIONS: readonly Mutation[] = [
  {
    name: 'Einddatum before Ingangsdatum',
    mutate: (x) =>
      replaceOnce(
        x,
        '<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>',
        '<wmo301:Einddatum>2022-12-31</wmo301:Einddatum>',
      ),
    rules: ['CS003'],
    location: 'Client/ToegewezenProduct[1]/Einddatum',
  },
  {
    name: 'RedenWijziging 13 (verwijderd) with Ingangsdatum ≠ Einddatum',
    mutate: (x) =>
      replaceOnce(
        x,
        '<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>',
        '<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>\n\t\t\t\t<wmo301:RedenWijziging>13</wmo301:RedenWijziging>',
      ),
    rules: ['CS335'],
    location: 'Client/ToegewezenProduct[1]/RedenWijziging',
  },
  {
    name: 'Omvang with Eenheid 14 (etmaal) and Frequentie 1 (per dag)',
    mutate: (x) => replaceOnce(x, '<iwmo:Eenheid>01</iwmo:Eenheid>', '<iwmo:Eenheid>14</iwmo:Eenheid>'),
    rules: ['CS338'],
    location: 'Client/ToegewezenProduct[1]/Omvang/Frequentie',
  },
  {
    name: 'RedenWijziging 01 (vervallen)',
    mutate: (x) =>
      replaceOnce(
        x,
        '<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>',
        '<wmo301:Einddatum>2023-12-31</wmo301:Einddatum>\n\t\t\t\t<wmo301:RedenWijziging>01</wmo301:RedenWijziging>',
      ),
    rules: ['CS336'],
    location: 'Client/ToegewezenProduct[1]/RedenWijziging',
  },
  {
    // Frequentie 2 (per week) with Eenheid 01 is allowed (CS338 is about 14, 16, 83, 84); without Einddatum CD076.
    name: 'Frequentie 2 (per week) without Einddatum',
    mutate: (x) =>
      replaceOnce(
        replaceOnce(x, /\s*<wmo301:Einddatum>2023-12-31<\/wmo301:Einddatum>/, ''),
        '<iwmo:Frequentie>1</iwmo:Frequentie>',
        '<iwmo:Frequentie>2</iwmo:Frequentie>',
      ),
    rules: ['CD076'],
    location: 'Client/ToegewezenProduct[1]/Einddatum',
  },
  {
    name: 'the client BSN fails the 11-proef',
    mutate: (x) => replaceOnce(x, '<wmo301:Bsn>999900006</wmo301:Bsn>', '<wmo301:Bsn>999900007</wmo301:Bsn>'),
    rules: ['CS002'],
    location: 'Client/Bsn',
  },
  {
    name: 'the ToegewezenProduct repeated with the same ToewijzingNummer',
    mutate: (x) => {
      const [start, end] = elementRange(x, 'wmo301:ToegewezenProduct', 1);
      return `${x.slice(0, end)}\n\t\t\t${x.slice(start, end)}${x.slice(end)}`;
    },
    rules: ['TR302'],
    location: 'Client/ToegewezenProduct[2]/ToewijzingNummer',
  },
];

const ruleIds = (report: Report) => [...new Set(report.findings.map((f) => f.rule))].sort();

describe('mutated WMO323.xml: exactly the rule the mutation breaks', () => {
  it.each(WMO323_MUTATIONS.map((m) => [m.name, m] as const))('%s', async (_, m) => {
    const xml = m.mutate(wmo323);
    // Still valid against the XSD: what breaks is an in-message (level 2) rule.
    expect(await xsdErrors(xml, 'WMO323')).toEqual([]);
    const report = await check('WMO323-mutated.xml', xml);
    expect(ReportSchema.safeParse(report).error).toBeUndefined();
    expect(ruleIds(report)).toEqual([...m.rules].sort());
    expect(report.findings).toHaveLength(m.rules.length);
    expect(report.findings[0].location).toContain(m.location);
    // A level-2 failure rejects the whole message with 0001.
    expect(report).toMatchObject({ level: 2, status: 'afgewezen' });
    expect(report.findings.every((f) => f.retourcode === '0001' && f.severity === 'fout')).toBe(true);
    expect(report.declaraties[0].retourcodes).toEqual(['0001']);
    expect(report.declaraties[0].totaalToegekendBedrag).toBe(0);
  });
});

describe('mutated WMO301.xml: exactly the rule the mutation breaks', () => {
  it.each(WMO301_MUTATIONS.map((m) => [m.name, m] as const))('%s', async (_, m) => {
    const xml = m.mutate(wmo301);
    expect(await xsdErrors(xml, 'WMO301')).toEqual([]);
    const report = await check('WMO301-mutated.xml', xml);
    expect(ReportSchema.safeParse(report).error).toBeUndefined();
    expect(ruleIds(report)).toEqual([...m.rules].sort());
    expect(report.findings).toHaveLength(m.rules.length);
    expect(report.findings[0].location).toContain(m.location);
    expect(report).toMatchObject({ kind: 'toewijzing', level: 2, status: 'afgewezen' });
    expect(report.counts.afgewezen).toBe(report.counts.regels);
  });
});

/**
 * Level 1 agrees with the official XSD on forms a schema validator accepts or refuses: valid variants pass
 * without a finding, invalid ones are quarantined with an XSD finding at the element.
 */
const VALID_VARIANTS: readonly {
  name: string;
  message: 'WMO323' | 'WMO301';
  mutate: (xml: string) => string;
}[] = [
  {
    name: 'a Bsn in a CDATA section (character data like any other)',
    message: 'WMO323',
    mutate: (xml) =>
      replaceOnce(
        xml,
        '<wmo323:Bsn>999900006</wmo323:Bsn>',
        '<wmo323:Bsn><![CDATA[999900006]]></wmo323:Bsn>',
      ),
  },
  {
    name: 'an Ingangsdatum in a CDATA section',
    message: 'WMO301',
    mutate: (xml) => xml.replace(/<wmo301:Ingangsdatum>([^<]+)</, '<wmo301:Ingangsdatum><![CDATA[$1]]><'),
  },
  {
    name: 'xsi:schemaLocation on the root',
    message: 'WMO323',
    mutate: (xml) =>
      replaceOnce(
        xml,
        '<wmo323:Bericht ',
        '<wmo323:Bericht xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.istandaarden.nl/iwmo/3_2/wmo323/schema WMO323.xsd" ',
      ),
  },
  {
    name: 'a Commentaar of one no-break space (not XSD whitespace)',
    message: 'WMO301',
    mutate: (xml) => xml.replace(/<wmo301:Commentaar>[^<]*</, '<wmo301:Commentaar>\u00a0<'),
  },
  {
    name: 'a Toewijzingstijd of 24:00:00 (a valid xs:time)',
    message: 'WMO301',
    mutate: (xml) => xml.replace(/<wmo301:Toewijzingstijd>[^<]*</, '<wmo301:Toewijzingstijd>24:00:00<'),
  },
];

const INVALID_VARIANTS: readonly {
  name: string;
  message: 'WMO323' | 'WMO301';
  mutate: (xml: string) => string;
  location: string;
}[] = [
  {
    name: 'BerichtVersie 4',
    message: 'WMO323',
    mutate: (xml) =>
      replaceOnce(
        xml,
        '<wmo323:BerichtVersie>3</wmo323:BerichtVersie>',
        '<wmo323:BerichtVersie>4</wmo323:BerichtVersie>',
      ),
    location: 'Header/BerichtVersie',
  },
  {
    name: 'BerichtSubversie 1',
    message: 'WMO301',
    mutate: (xml) =>
      replaceOnce(
        xml,
        '<wmo301:BerichtSubversie>2</wmo301:BerichtSubversie>',
        '<wmo301:BerichtSubversie>1</wmo301:BerichtSubversie>',
      ),
    location: 'Header/BerichtSubversie',
  },
  {
    name: 'a no-break space between elements (only XML whitespace may stand there)',
    message: 'WMO323',
    mutate: (xml) => replaceOnce(xml, '<wmo323:Header>', '<wmo323:Header>\u00a0'),
    location: 'Header',
  },
  {
    name: 'BerichtVersie 3 followed by a no-break space (XSD collapses XML whitespace only)',
    message: 'WMO323',
    mutate: (xml) =>
      replaceOnce(
        xml,
        '<wmo323:BerichtVersie>3</wmo323:BerichtVersie>',
        '<wmo323:BerichtVersie>3\u00a0</wmo323:BerichtVersie>',
      ),
    location: 'Header/BerichtVersie',
  },
  {
    name: 'a TotaalBedrag followed by a no-break space',
    message: 'WMO323',
    mutate: (xml) => replaceOnce(xml, '<iwmo:TotaalBedrag>58000<', '<iwmo:TotaalBedrag>58000\u00a0<'),
    location: 'TotaalBedrag',
  },
  {
    name: 'an attribute on Header: the finding names Header itself',
    message: 'WMO323',
    mutate: (xml) => replaceOnce(xml, '<wmo323:Header>', '<wmo323:Header foo="x">'),
    location: 'Header (regel',
  },
  {
    name: 'an attribute on the second Prestatie: the finding names it',
    message: 'WMO323',
    mutate: (xml) =>
      editElement(xml, 'wmo323:Prestatie', 2, (p) =>
        p.replace('<wmo323:Prestatie>', '<wmo323:Prestatie foo="x">'),
      ),
    location: 'Client[1]/Prestatie[2]',
  },
  {
    name: 'a Geboortedatum in year 0000 (xs:date has no year 0)',
    message: 'WMO301',
    mutate: (xml) =>
      xml.replace('<iwmo:Datum>1967-08-13</iwmo:Datum>', '<iwmo:Datum>0000-08-13</iwmo:Datum>'),
    location: 'Geboortedatum',
  },
  {
    name: 'a ProductCode with a line break (. in .*[^\\s].* is not a line break)',
    message: 'WMO323',
    mutate: (xml) =>
      xml.replace(
        '<wmo323:ProductCode>01A04</wmo323:ProductCode>',
        '<wmo323:ProductCode>01\nA4</wmo323:ProductCode>',
      ),
    location: 'ProductCode',
  },
];

describe('level 1 agrees with the official XSD', () => {
  it.each(VALID_VARIANTS.map((v) => [v.name, v] as const))('valid: %s', async (_, v) => {
    const xml = v.mutate(v.message === 'WMO323' ? wmo323 : wmo301);
    expect(xml).not.toBe(v.message === 'WMO323' ? wmo323 : wmo301);
    expect(await xsdErrors(xml, v.message)).toEqual([]);
    const report = await check(`${v.message}-variant.xml`, xml);
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ status: 'geaccepteerd', level: 2 });
  });

  it.each(INVALID_VARIANTS.map((v) => [v.name, v] as const))('invalid: %s', async (_, v) => {
    const xml = v.mutate(v.message === 'WMO323' ? wmo323 : wmo301);
    expect(xml).not.toBe(v.message === 'WMO323' ? wmo323 : wmo301);
    expect(await xsdErrors(xml, v.message)).not.toEqual([]);
    const report = await check(`${v.message}-variant.xml`, xml);
    expect(report).toMatchObject({ status: 'quarantaine', level: 1 });
    expect(report.findings.map((f) => f.rule)).toEqual(['XSD']);
    expect(report.findings[0].location).toContain(v.location);
  });
});

/**
 * CSV cells read as the same value in a WMO323 is (the XSD's xs:integer lexical space: a sign, leading zeros, -0),
 * and Windows-1252 bytes that the code page does not define: a level-1 finding, not data changed without a word.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { validateXML } from 'xmllint-wasm';
import { checkFile, checkReportHead } from '../../pipeline/check';
import { bufferSource } from '../../pipeline/source';
import { IWMO_VOORBEELDEN, IWMO_XSD } from '../helpers/reference';

const HEADER =
  'Afzender;Ontvanger;DeclaratieNummer;DeclaratieDagtekening;DeclaratiePeriodeBegindatum;DeclaratiePeriodeEinddatum;TotaalIngediendBedrag;TotaalDebetCredit;Bsn;ReferentieNummer;VorigReferentieNummer;ToewijzingNummer;ProductCategorie;ProductCode;ProductPeriodeBegindatum;ProductPeriodeEinddatum;GeleverdVolume;Eenheid;ProductTarief;IngediendBedrag;DebetCredit';

interface Cells {
  ref: string;
  tw: number;
  volume?: string;
  tarief?: string;
  bedrag?: string;
  totaal?: string;
}
const row = (c: Cells) =>
  `65656055;0983;DN001;2023-05-06;2023-04-01;2023-04-30;${c.totaal ?? '285000'};D;999900006;${c.ref};;${c.tw};15;15A02;2023-04-01;2023-04-30;${c.volume ?? '30'};14;${c.tarief ?? '9500'};${c.bedrag ?? '285000'};D`;
const csv = (rows: Cells[]) => `${[HEADER, ...rows.map(row)].join('\r\n')}\r\n`;

async function check(bytes: Buffer | string, name = 'declaratie.csv') {
  const checked = await checkFile(bufferSource(name, bytes));
  return { checked, head: checkReportHead(checked) };
}

describe('Windows-1252 bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)', () => {
  it('two different ReferentieNummers are not merged into one (a false TR101): the file is refused, naming the line', async () => {
    // Not valid UTF-8, so the file is read as Windows-1252, where 'REF\x81' and 'REF\x8D' have no meaning.
    const text = csv([
      { ref: 'REF', tw: 1, totaal: '570000' },
      { ref: 'REF\x81', tw: 1, totaal: '570000' },
      { ref: 'REF\x8d', tw: 2, totaal: '570000' },
    ]);
    const { checked, head } = await check(Buffer.from(text, 'latin1'));
    expect(checked.facts.encoding).toBe('windows-1252');
    expect(head.status).toBe('quarantaine');
    expect(head.findings).toEqual([
      expect.objectContaining({ rule: 'ENCODING', location: 'regel 3', severity: 'fout' }),
    ]);
  });

  it('the characters Windows-1252 does define in 0x80–0x9F read as they are', async () => {
    const { checked, head } = await check(iconv.encode(csv([{ ref: 'R€ŠŒ', tw: 1 }]), 'win1252'));
    expect(checked.facts.encoding).toBe('windows-1252');
    expect(head.findings).toEqual([]);
    expect(checked.declaraties[0].refs).toEqual(['R€ŠŒ']);
  });
});

describe('integer lexical forms: a CSV cell is read as the same value in a WMO323 is', () => {
  let wmo323: string;
  let xsd: { wmo323: string; basis: string };
  beforeAll(() => {
    wmo323 = readFileSync(join(IWMO_VOORBEELDEN, 'WMO323.xml'), 'utf8');
    xsd = {
      wmo323: readFileSync(join(IWMO_XSD, 'WMO323.xsd'), 'utf8'),
      basis: readFileSync(join(IWMO_XSD, 'basisschema.xsd'), 'utf8'),
    };
  });

  // [name, the official example's element text, the same value written differently, CSV cells]
  const CASES: readonly [string, string, string, Partial<Cells>][] = [
    [
      'GeleverdVolume with a leading +',
      '<wmo323:GeleverdVolume>4<',
      '<wmo323:GeleverdVolume>+4<',
      { volume: '+30' },
    ],
    [
      'ProductTarief with a leading +',
      '<wmo323:ProductTarief>1250<',
      '<wmo323:ProductTarief>+1250<',
      { tarief: '+9500' },
    ],
    ['ProductTarief -0 (zero, not negative)', '<wmo323:ProductTarief>1250<', '<wmo323:ProductTarief>-0<', {}],
  ];

  it.each(CASES)(
    '%s: valid in the XSD and accepted in a WMO323, so accepted in CSV too',
    async (name, from, to, cells) => {
      let xml = wmo323;
      if (name.includes('-0')) {
        // A zero tariff needs a zero amount on that line and in the total to keep TR358 and CS325 quiet: use the
        // CSV check only for -0 (the XSD accepts -0 as xs:integer 0, minInclusive 0).
        xml = wmo323.replace(from, to);
        const r = await validateXML({
          xml: { fileName: 'a.xml', contents: xml },
          schema: { fileName: 'WMO323.xsd', contents: xsd.wmo323 },
          preload: [{ fileName: 'basisschema.xsd', contents: xsd.basis }],
        });
        expect(r.errors).toEqual([]);
        const { head } = await check(csv([{ ref: 'R1', tw: 1, tarief: '-0', bedrag: '0', totaal: '0' }]));
        expect(head.findings.filter((f) => f.rule.startsWith('CSV'))).toEqual([]);
        return;
      }
      xml = wmo323.replace(from, to);
      expect(xml).not.toBe(wmo323);
      const r = await validateXML({
        xml: { fileName: 'a.xml', contents: xml },
        schema: { fileName: 'WMO323.xsd', contents: xsd.wmo323 },
        preload: [{ fileName: 'basisschema.xsd', contents: xsd.basis }],
      });
      expect(r.errors).toEqual([]);
      const asXml = await check(xml, 'WMO323.xml');
      expect(asXml.head.findings).toEqual([]);

      const asCsv = await check(csv([{ ref: 'R1', tw: 1, ...cells }]));
      expect(asCsv.head.findings).toEqual([]);
      expect(asCsv.head.status).toBe('geaccepteerd');
    },
  );
});

describe('integer cells in other forms', () => {
  it.each([
    ['a volume with leading zeros past 15 characters', { volume: '0000000000000000030' }, []],
    ['a negative amount', { tarief: '-9500' }, ["'-9500' is negatief"]],
    [
      'an amount in euros',
      { tarief: '95,00' },
      ["'95,00' is geen bedrag in eurocent: bedragen zijn gehele eurocenten"],
    ],
    [
      'an amount in euros with a sign',
      { tarief: '+95.00' },
      ["'+95.00' is geen bedrag in eurocent: bedragen zijn gehele eurocenten"],
    ],
    [
      'a volume too large to hold exactly',
      { volume: '1234567890123456' },
      ["'1234567890123456' is te groot"],
    ],
    ['a sign without digits', { volume: '+' }, ["'+' is geen geheel getal"]],
  ] as const)('%s', async (_, cells, messages) => {
    const { head } = await check(csv([{ ref: 'R1', tw: 1, ...cells }]));
    expect(head.findings.filter((f) => f.rule === 'CSV-VALUE').map((f) => f.message)).toEqual(
      messages.map((m) => expect.stringContaining(m)),
    );
  });
});

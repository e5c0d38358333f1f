/**
 * pipeline/write/xml.ts escapeXml: text content must come back from an XML parser as the string written
 * (XML 1.0 §2.11: a parser turns a literal CR or CRLF into LF, so CR must be written as &#13;), and a character XML
 * 1.0 cannot carry (§2.2 Char: no C0 controls other than tab, LF, CR; no U+FFFE/U+FFFF) must not be written into a
 * document that then is not well-formed. LDT_ReferentieNummer is xs:string 1..20 without a pattern, so a WMO323
 * read with `A&#13;B` holds "A\rB"; the WMO325 writer repeats it via prestatieValue, and TR367 (9367) wants the
 * 325 to repeat the 323's values unchanged.
 */
import { checkFile } from '../../../pipeline/check';
import { bufferSource } from '../../../pipeline/source';
import { type Wmo323Message, wmo323Xml } from '../../../pipeline/write/wmo323';
import { escapeXml } from '../../../pipeline/write/xml';

function message(ref: string): Wmo323Message {
  return {
    afzender: '12345678',
    ontvanger: '0983',
    identificatie: 'X1',
    dagtekening: '2023-05-05',
    kop: {
      declaratieNummer: 'D1',
      periodeBegin: '2023-04-01',
      periodeEind: '2023-04-30',
      dagtekening: '2023-05-05',
      totaalBedrag: 3000,
      totaalDebetCredit: 'D',
    },
    clienten: [
      {
        bsn: '999900006',
        prestaties: [
          {
            referentieNummer: ref,
            vorigReferentieNummer: null,
            toewijzingNummer: 1,
            productCategorie: '15',
            productCode: '15A02',
            begin: '2023-04-01',
            eind: '2023-04-30',
            volume: 30,
            eenheid: '14',
            tarief: 100,
            bedrag: 3000,
            debetCredit: 'D',
          },
        ],
      },
    ],
  };
}

describe('wmo323Xml text content', () => {
  it('a carriage return in a ReferentieNummer reads back as a carriage return', async () => {
    const ref = 'A\rB';
    const checked = await checkFile(bufferSource('a.xml', wmo323Xml(message(ref))));
    expect(checked.findings).toEqual([]);
    expect(checked.declaraties[0].refs).toEqual([ref]);
  });

  it.each([
    ['a C0 control', 'A\u0001B', 2],
    ['U+FFFF', 'AB\uFFFF', 3],
    ['a lone high surrogate', 'A\uD800B', 2],
    ['a lone low surrogate', 'AB\uDC00', 3],
  ])('refuses %s, saying where, rather than write a document that is not well-formed', (_, ref, at) => {
    expect(() => wmo323Xml(message(ref))).toThrow(`op positie ${at} een teken dat XML 1.0 niet kan bevatten`);
  });

  it('writes what XML can hold as it is: tab, LF, a pair of surrogates, markup characters escaped', () => {
    expect(escapeXml('a\tb\nc😀<&>"\r')).toBe('a\tb\nc😀&lt;&amp;&gt;&quot;&#13;');
  });
});

/**
 * A WMO325's BerichtIdentificatie is unique per sender for every distinct answer ("9056 | Identificatie moet per
 * berichtsoort uniek zijn voor de verzendende partij | TR056"; the municipality sends the 325). The answer to a
 * withdrawn WMO323 sent again reused the first answer's identification.
 */
import { withdrawFile } from '../../pipeline/withdraw';
import { BSN_B, declaratieXml, GEMEENTE, line, toewijzingCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

const ident = (xml: string) =>
  /<wmo325:BerichtIdentificatie>\s*<iwmo:Identificatie>([^<]*)<\/iwmo:Identificatie>/.exec(xml)?.[1];
const headerCodes = (xml: string) =>
  [
    ...(/<wmo325:Header>[\s\S]*?<\/wmo325:Header>/.exec(xml)?.[0] ?? '').matchAll(
      /<wmo325:RetourCode>(\w+)</g,
    ),
  ].map((m) => m[1]);

describe('WMO325 identification', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
    await stack.upload(GEMEENTE, 'tw.csv', toewijzingCsv([{}, { nummer: 5002, bsn: BSN_B, code: '15A07' }]));
  });
  afterEach(async () => {
    await stack.close();
  });

  it('the answer to a withdrawn WMO323 sent again is a new message with its own BerichtIdentificatie', async () => {
    const content = declaratieXml({
      nummer: 'D1',
      maand: '2022-03',
      lines: [line('2022-03', 'R1'), line('2022-03', 'R2', { bsn: BSN_B, toewijzingNummer: 5002 })],
      identificatie: 'M1',
    });
    const first = await stack.upload(GEMEENTE, 'a.xml', content);
    const firstAnswer = (await stack.outputs())[`outbox/${GEMEENTE}/a.xml.antwoord.xml`];
    expect(headerCodes(firstAnswer)).toEqual(['0200']);
    expect(await withdrawFile(stack.deps.store, [GEMEENTE], first.report.fileId!, 'dubbel')).not.toBeNull();
    await stack.upload(GEMEENTE, 'b.xml', content, new Date('2023-06-02T10:00:00Z'));
    const secondAnswer = (await stack.outputs())[`outbox/${GEMEENTE}/b.xml.antwoord.xml`];
    // A different message (9056 in its header) from the same sender to the same provider ...
    expect(headerCodes(secondAnswer)).toEqual(['9056']);
    expect(secondAnswer).not.toBe(firstAnswer);
    // ... must not reuse the identification of the first answer (TR056 / 9056 on the provider's side).
    expect(ident(secondAnswer)).not.toBe(ident(firstAnswer));
  });
});

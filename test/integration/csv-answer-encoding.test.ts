/**
 * The CSV answer is "the input rows plus Status, Retourcodes and ToegekendBedrag" (CONTRACT §2) for any input §1b
 * accepts ("Encoding UTF-8 (with or without BOM) or Windows-1252"): a Windows-1252 export was answered in UTF-8, so
 * a backoffice reading it back as it exports saw its non-ASCII cells garbled; a BOM was dropped.
 */
import { declaratieCsv, GEMEENTE, line, toewijzingCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

async function raw(stack: Stack, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await stack.blobs.open(key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe("the CSV answer in the input's encoding", () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
    await stack.upload(GEMEENTE, 'tw.csv', toewijzingCsv([{}]));
  });
  afterEach(async () => {
    await stack.close();
  });

  it('a Windows-1252 declaration is answered in Windows-1252 (its rows byte-for-byte, é stays 0xE9)', async () => {
    // A backoffice export in Windows-1252 with an extra (ignored) column holding a non-ASCII text.
    const utf8 = declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] });
    const [head, row] = utf8.trimEnd().split('\n');
    const text = `${head};Opmerking\n${row};Café Müller\n`;
    const input = Buffer.from(text, 'latin1'); // é = 0xE9, ü = 0xFC: Windows-1252 bytes
    const { report } = await stack.upload(GEMEENTE, 'd.csv', input);
    expect(report.status).toBe('geaccepteerd');
    const answer = await raw(stack, `outbox/${GEMEENTE}/d.csv.antwoord.csv`);
    const inputRows = input.toString('latin1').trimEnd().split('\n');
    // Every data row of the input, as bytes, starts its answer row.
    const dataRow = Buffer.from(`${inputRows[1]};`, 'latin1');
    expect(answer.includes(dataRow)).toBe(true);
    expect(answer.includes(Buffer.from('Café', 'utf8'))).toBe(false);
  });

  it('a UTF-8 declaration with a BOM is answered with the BOM', async () => {
    const input = `\uFEFF${declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] })}`;
    await stack.upload(GEMEENTE, 'bom.csv', input);
    const answer = await raw(stack, `outbox/${GEMEENTE}/bom.csv.antwoord.csv`);
    expect([...answer.subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 'A'.charCodeAt(0)]);
  });
});

/**
 * The answer to a CSV declaration: the input rows with their cells as they were (written again by papaparse: quoted
 * where a cell needs it, lines ending in LF), plus Status (toegekend/afgewezen), Retourcodes (space-separated) and
 * ToegekendBedrag (cents, signed), written while streaming the input once more, with the input's byte order mark
 * and (ingest.ts) in its encoding.
 */
import Papa from 'papaparse';
import { papaBatches } from '../read/papa';
import type { DeclaratieOutcome } from '../report/results';

export async function* renderCsvAnswer(
  text: AsyncIterable<string>,
  delimiter: string,
  declaraties: readonly DeclaratieOutcome[],
): AsyncGenerator<string> {
  const byNummer = new Map(declaraties.map((d) => [d.declaratieNummer, d]));
  const positions = new Map<DeclaratieOutcome, number>();
  let nummerColumn = -1;
  let header = true;
  for await (const batch of papaBatches(text, delimiter)) {
    const out: string[][] = [];
    for (const row of batch.rows) {
      if (header) {
        header = false;
        nummerColumn = row.findIndex(
          (c) =>
            c
              .trim()
              .replace(/^\uFEFF/, '')
              .toLowerCase() === 'declaratienummer',
        );
        out.push([...row.map((c) => c.replace(/^\uFEFF/, '')), 'Status', 'Retourcodes', 'ToegekendBedrag']);
        continue;
      }
      if (row.every((c) => c.trim() === '')) continue;
      const d = byNummer.get((row[nummerColumn] ?? '').trim());
      if (!d) {
        out.push([...row, 'afgewezen', '0001', '0']);
        continue;
      }
      const i = positions.get(d) ?? 0;
      positions.set(d, i + 1);
      const codes = d.codesOf(i);
      out.push([
        ...row,
        codes ? 'afgewezen' : 'toegekend',
        (codes ?? []).join(' '),
        String(codes ? 0 : d.amounts[i]),
      ]);
    }
    if (out.length) yield `${Papa.unparse(out, { delimiter, newline: '\n' })}\n`;
  }
}

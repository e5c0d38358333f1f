/** Reads a taakgericht report CSV (bemoeizorg & preventie: totals per municipality, period and provider). */
import { columnIndex, TAAKGERICHT_COLUMNS, type TaakgerichtRow } from '../../schemas/csv';
import type { FindingCollector } from './collector';
import { location, readCsv } from './csv';
import type { ReadState } from './declaraties';
import { finding } from './findings';
import type { HeadFacts } from './sniff';

const C = columnIndex(TAAKGERICHT_COLUMNS);

export async function* readTaakgericht(
  text: AsyncIterable<string>,
  facts: Pick<HeadFacts, 'format' | 'delimiter'>,
  findings: FindingCollector,
  state: ReadState,
): AsyncGenerator<TaakgerichtRow[]> {
  const csvState = { lines: 0, badRows: 0, headerFailed: false };
  let seq = 0;
  try {
    yield* readCsv(text, facts.delimiter ?? ';', TAAKGERICHT_COLUMNS, findings, csvState, (v, row) => {
      const periodeBegin = v[C.PeriodeBegindatum] as string;
      const periodeEind = v[C.PeriodeEinddatum] as string;
      // A period that ends before it begins has no months to count the amount in.
      if (periodeEind < periodeBegin)
        findings.add(
          finding(
            'CSV-VALUE',
            location(row, 'PeriodeEinddatum'),
            `PeriodeEinddatum ${periodeEind} ligt voor PeriodeBegindatum ${periodeBegin}`,
          ),
        );
      return {
        seq: seq++,
        row,
        gemeente: v[C.Gemeente] as string,
        taakveld: v[C.Taakveld] as TaakgerichtRow['taakveld'],
        periodeBegin,
        periodeEind,
        agbCode: v[C.AgbCode] as string,
        aantalClienten: v[C.AantalClienten] as number,
        bedrag: v[C.Bedrag] as number,
      };
    });
  } finally {
    state.lines = csvState.lines;
  }
}

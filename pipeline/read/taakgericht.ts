/** Reads a taakgericht report CSV (bemoeizorg & preventie: totals per municipality, period and provider). */
import { columnIndex, TAAKGERICHT_COLUMNS, type TaakgerichtRow } from '../../schemas/csv';
import type { FindingCollector } from './collector';
import { readCsv } from './csv';
import type { ReadState } from './declaraties';
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
    yield* readCsv(text, facts.delimiter ?? ';', TAAKGERICHT_COLUMNS, findings, csvState, (v, row) => ({
      seq: seq++,
      row,
      gemeente: v[C.Gemeente] as string,
      taakveld: v[C.Taakveld] as TaakgerichtRow['taakveld'],
      periodeBegin: v[C.PeriodeBegindatum] as string,
      periodeEind: v[C.PeriodeEinddatum] as string,
      agbCode: v[C.AgbCode] as string,
      aantalClienten: v[C.AantalClienten] as number,
      bedrag: v[C.Bedrag] as number,
    }));
  } finally {
    state.lines = csvState.lines;
  }
}

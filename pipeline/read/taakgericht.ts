/** Reads a taakgericht report CSV (bemoeizorg & preventie: totals per municipality, period and provider). */
import { columnIndex, TAAKGERICHT_COLUMNS, type TaakgerichtRow } from '../../schemas/csv';
import type { FileSource } from '../source';
import type { FindingCollector } from './collector';
import { readCsv } from './csv';
import type { ReadState } from './declaraties';
import { decodeText } from './decode';
import type { FileFacts } from './sniff';

const C = columnIndex(TAAKGERICHT_COLUMNS);

export async function* readTaakgericht(
  source: FileSource,
  facts: FileFacts,
  findings: FindingCollector,
  state: ReadState,
): AsyncGenerator<TaakgerichtRow[]> {
  const text = decodeText(await source.open(), facts.encoding);
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

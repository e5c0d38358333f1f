/**
 * papaparse over a Node stream, as an async iterator of row batches (one batch per parsed text chunk), with
 * backpressure: the text stream is paused while batches wait to be consumed.
 */
import { Readable } from 'node:stream';
import Papa from 'papaparse';

export interface RowBatch {
  readonly rows: string[][];
  /** Quote problems papaparse reported, with the index of the row in this batch. */
  readonly errors: { readonly index: number; readonly message: string }[];
}

const MAX_QUEUED = 4;

export async function* papaBatches(text: AsyncIterable<string>, delimiter: string): AsyncGenerator<RowBatch> {
  const input = Readable.from(text, { objectMode: true });
  const queue: RowBatch[] = [];
  let done = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  Papa.parse(input as unknown as File, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    chunk: (results: Papa.ParseResult<string[]>) => {
      queue.push({
        rows: results.data,
        errors: results.errors.map((e) => ({ index: e.row ?? 0, message: e.message })),
      });
      if (queue.length >= MAX_QUEUED) input.pause();
      signal();
    },
    complete: () => {
      done = true;
      signal();
    },
    error: (err: Error) => {
      failure = err;
      done = true;
      signal();
    },
  });
  try {
    while (true) {
      const next = queue.shift();
      if (next) {
        if (queue.length < MAX_QUEUED / 2 && input.isPaused()) input.resume();
        yield next;
        continue;
      }
      if (failure) throw failure;
      if (done) return;
      if (input.isPaused()) input.resume();
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    input.destroy();
  }
}

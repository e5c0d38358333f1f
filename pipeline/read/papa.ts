/**
 * papaparse over a Node stream, as an async iterator of row batches (one batch per parsed text chunk), with
 * backpressure. The text source is gated (it waits while batches queue up) instead of pausing papaparse's input
 * stream: pausing that stream mid-file made papaparse drop the file's last row.
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
  const queue: RowBatch[] = [];
  let done = false;
  let failure: Error | null = null;
  let wakeConsumer: (() => void) | null = null;
  let wakeProducer: (() => void) | null = null;
  const signal = (which: 'consumer' | 'producer') => {
    const w = which === 'consumer' ? wakeConsumer : wakeProducer;
    if (which === 'consumer') wakeConsumer = null;
    else wakeProducer = null;
    w?.();
  };
  async function* gated(): AsyncGenerator<string> {
    for await (const chunk of text) {
      while (queue.length >= MAX_QUEUED) {
        await new Promise<void>((resolve) => {
          wakeProducer = resolve;
        });
      }
      yield chunk;
    }
  }
  const input = Readable.from(gated(), { objectMode: true, highWaterMark: 1 });
  Papa.parse(input as unknown as File, {
    delimiter,
    header: false,
    skipEmptyLines: false,
    chunk: (results: Papa.ParseResult<string[]>) => {
      queue.push({
        rows: results.data,
        errors: results.errors.map((e) => ({ index: e.row ?? 0, message: e.message })),
      });
      signal('consumer');
    },
    complete: () => {
      done = true;
      signal('consumer');
    },
    error: (err: Error) => {
      failure = err;
      done = true;
      signal('consumer');
    },
  });
  try {
    while (true) {
      const next = queue.shift();
      if (next) {
        if (queue.length < MAX_QUEUED) signal('producer');
        yield next;
        continue;
      }
      if (failure) throw failure;
      if (done) return;
      signal('producer');
      await new Promise<void>((resolve) => {
        wakeConsumer = resolve;
      });
    }
  } finally {
    input.destroy();
  }
}

/**
 * DynamoItemStore.put runs its batches on parallel workers. When one batch fails, the call must not reject while
 * other batches of it can still land: the failed file's ingest rejects, its municipality's lock is released (one
 * writer per municipality, DESIGN §5) and the next file runs; a late item of the failed attempt would overwrite
 * what that file committed under the same key. The failures are forced with a middleware on the real client (dynalite
 * behind it), as dynalite cannot produce them.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoItemStore } from '../../stores/dynamo';
import { BSN_B, declaratieCsv, line, toewijzingCsv } from '../helpers/scenario';
import { startStack } from '../helpers/stack';

type Gate = { promise: Promise<void>; open: () => void };
const gate = (): Gate => {
  let open!: () => void;
  const promise = new Promise<void>((r) => {
    open = r;
  });
  return { promise, open };
};

/** Lets a test hold or fail BatchWriteItem requests of the real client (dynalite behind it). */
function interceptBatchWrites(
  client: DynamoDBClient,
  decide: (input: string) => Promise<void>,
  after?: (command: string, input: string) => void,
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'BatchWriteCommand' || context.commandName === 'BatchWriteItemCommand')
        await decide(JSON.stringify(args.input));
      const out = await next(args);
      after?.(context.commandName ?? '', JSON.stringify(args.input));
      return out;
    },
    { step: 'build', name: 'batchWriteFaults' },
  );
}

const validation = () =>
  Object.assign(new Error('Item size has exceeded the maximum allowed size'), {
    name: 'ValidationException',
  });

describe('a failed put leaves no write of it in flight', () => {
  it('DynamoItemStore.put: no batch of the call is written after the call rejected', async () => {
    const stack = await startStack();
    try {
      const held = gate();
      let late = 0;
      let rejected = false;
      interceptBatchWrites(stack.dynamo.client, async (input) => {
        if (input.includes('"K0"')) throw validation();
        if (input.includes('"K30"')) {
          await held.promise;
          if (rejected) late++;
        }
      });
      const store = new DynamoItemStore({ table: 'bwmo', client: stack.dynamo.client });
      const items = Array.from({ length: 60 }, (_, i) => ({ pk: `K${i}`, sk: 'X' }));
      const put = store.put(items).catch((e: Error) => {
        rejected = true;
        return e.name;
      });
      // Give the failing batch time to reject, then let the held one through.
      await new Promise((r) => setTimeout(r, 200));
      held.open();
      expect(await put).toBe('ValidationException');
      await new Promise((r) => setTimeout(r, 200));
      // Expected: put settles (rejects) only once none of its batches can still land.
      expect({ batchesWrittenAfterRejection: late }).toEqual({ batchesWrittenAfterRejection: 0 });
    } finally {
      await stack.close();
    }
  });

  it('a file whose ReferentieNummer batch failed does not overwrite the number a later committed file took (no missed 8021)', async () => {
    const stack = await startStack();
    try {
      await stack.upload(
        '0983',
        'tw.csv',
        toewijzingCsv([{}, { nummer: 5002, bsn: BSN_B, code: '15A07' }]),
        new Date('2022-04-01T08:00:00Z'),
      );
      const held = gate();
      let lateWrite: Promise<void> | null = null;
      const done = gate();
      interceptBatchWrites(
        stack.dynamo.client,
        async (input) => {
          // File A's first chunk of ReferentieNummers is written in two batches: X0..X24 fails (a throttle, a
          // validation error), X25..X29 is in flight on another worker.
          if (input.includes('#REF#X0"')) throw validation();
          if (input.includes('#REF#X29"') && lateWrite === null) {
            lateWrite = done.promise;
            // Held until B has committed (or 2 s, so that a put that waits for its batches is not stuck).
            await Promise.race([held.promise, new Promise((r) => setTimeout(r, 2000))]);
            setTimeout(done.open, 100);
          }
        },
        (command, input) => {
          if (command.startsWith('Put') && input.includes('b.csv')) held.open();
        },
      );
      const a = declaratieCsv({
        nummer: 'DA',
        maand: '2022-03',
        // Unknown toewijzingen: every line rejected at level 3 (9338), every ReferentieNummer taken.
        lines: Array.from({ length: 30 }, (_, i) => line('2022-03', `X${i}`, { toewijzingNummer: 7000 + i })),
      });
      // Its ingest fails (on AWS: to the dead-letter queue after its retries; locally the queue goes on).
      await expect(stack.upload('0983', 'a.csv', a, new Date('2022-04-06T09:00:00Z'))).rejects.toMatchObject({
        name: 'ValidationException',
      });
      expect(lateWrite).not.toBeNull();
      // One prestatie under X29 on toewijzing 5002 in month `maand`.
      const x29 = (nummer: string, maand: string) =>
        declaratieCsv({
          nummer,
          maand,
          lines: [
            line(maand, 'X29', { bsn: BSN_B, toewijzingNummer: 5002, productCode: '15A07', tarief: 14250 }),
          ],
        });
      // A is set aside (dead letter); the municipality's next file B uses X29 for its own prestatie and commits.
      const rb = await stack.upload('0983', 'b.csv', x29('DB', '2022-03'), new Date('2022-04-07T09:00:00Z'));
      expect(rb.report.declaraties[0].prestaties[0].status).toBe('toegekend');
      // A's write, still in flight, lands now.
      await lateWrite;
      // The provider sends X29 again: TR314, it was used by B (a committed file): 8021.
      const rc = await stack.upload('0983', 'c.csv', x29('DC', '2022-04'), new Date('2022-05-07T09:00:00Z'));
      const [ref] = await stack.store.get([{ pk: 'GEM#0983#AGB#12340001#REF#X29', sk: 'REF' }]);
      expect({
        refOwner: ref?.fileId,
        retourcodes: rc.report.declaraties[0].prestaties[0].retourcodes,
      }).toEqual({
        refOwner: rb.report.fileId,
        retourcodes: ['8021'],
      });
    } finally {
      await stack.close();
    }
  });
});

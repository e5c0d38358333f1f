/** A cut-off SFTP upload under serve: quarantined with a report and an alert that carries no BSN from its name. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngestDeps } from '../../../pipeline/ingest';
import type { Alert } from '../../../pipeline/ports';
import { quarantinePartialUpload } from '../../../serve/serve';
import { LocalBlobStore } from '../../../stores/local-blobs';

const BSN = '999900006';

test('the alert of a cut-off upload named after a client masks the BSN; the quarantined file keeps its name', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bwmo-partial-'));
  try {
    const blobs = new LocalBlobStore(dir);
    await blobs.put(`upload/0983/client-${BSN}.csv`, 'Gemeente;AgbCode');
    const sent: Alert[] = [];
    const deps = { blobs, alerts: { send: async (a: Alert) => void sent.push(a) } } as unknown as IngestDeps;
    await quarantinePartialUpload(deps, '0983', `client-${BSN}.csv`, 16);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      gemeente: '0983',
      status: 'quarantaine',
      bestand: 'client-*********.csv',
      rapport: expect.stringMatching(
        /^outbox\/0983\/client-x{9}\.csv\.afgebroken-\d{8}T\d{9}Z\.rapport\.json$/,
      ),
    });
    expect(JSON.stringify(sent[0])).not.toContain(BSN);
    // Kept in a folder of the day, apart from files the ingest quarantined under the same name.
    const [day] = await readdir(join(dir, 'quarantine/0983/afgebroken'));
    expect((await readdir(join(dir, 'quarantine/0983/afgebroken', day))).sort()).toEqual([
      `client-${BSN}.csv`,
      `client-${BSN}.csv.rapport.json`,
    ]);
    // The copy in the outbox, which the backoffice reads, has the number masked in its name.
    const outbox = await readdir(join(dir, 'outbox/0983'));
    expect(outbox).toEqual([
      expect.stringMatching(/^client-xxxxxxxxx\.csv\.afgebroken-\d{8}T\d{9}Z\.rapport\.json$/),
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

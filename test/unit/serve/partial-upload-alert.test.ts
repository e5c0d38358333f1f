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
      rapport: 'quarantine/0983/client-*********.csv.rapport.json',
    });
    expect(JSON.stringify(sent[0])).not.toContain(BSN);
    expect(await blobs.exists(`quarantine/0983/client-${BSN}.csv.rapport.json`)).toBe(true);
    // The copy in the outbox, which the backoffice reads, has the number masked in its name.
    const outbox = await readdir(join(dir, 'outbox/0983'));
    expect(outbox).toEqual([
      expect.stringMatching(/^client-xxxxxxxxx\.csv\.afgebroken-\d{8}T\d{6}Z\.rapport\.json$/),
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

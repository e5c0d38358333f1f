/**
 * `bwmo serve` under faults (DESIGN §4.2, §5): the pipeline's store, bucket and alert sink are wrapped (wrapDeps)
 * so that one write step of one file fails; the local FIFO queue retries the file. Two servers run side by side on
 * loopback, one with faults and one clean, and receive the same files: after every fault the report, the figures
 * in the API and the alert must equal the clean server's, and nothing may be left as dead letter. A file that fails
 * every attempt ends as dead letter without a trace, and whoever waits for it (the `bwmo ingest` hand-off) hears so.
 */
import { testBsn } from '../../examples/generator/bsn';
import type { IngestDeps } from '../../pipeline/ingest';
import type { AlertSink } from '../../pipeline/ports';
import type { Report } from '../../schemas/report';
import { Faults, faultyBlobs, faultyStore, InjectedFault } from '../helpers/faults';
import { declaratieCsv, line, toewijzingCsv } from '../helpers/scenario';
import { type AlertLine, type ServeFixture, startServeFixture } from '../helpers/serve';

jest.setTimeout(120_000);

/** Faults for one file at a time: armed before its upload, counting only its steps; `always` fails every match. */
class OneFileFaults extends Faults {
  armed = false;
  always: RegExp | null = null;
  readonly injected: string[] = [];

  arm(failAt: number): void {
    this.count = 0;
    this.steps.length = 0;
    this.failAt = failAt;
    this.injected.length = 0;
    this.armed = true;
  }

  override tick(what: string): void {
    if (!this.armed) return;
    try {
      if (this.always?.test(what)) throw new InjectedFault(`fout ingeprikt bij ${what}`);
      super.tick(what);
    } catch (err) {
      this.injected.push(what);
      throw err;
    }
  }
}

const faults = new OneFileFaults();

function faultyAlerts(inner: AlertSink): AlertSink {
  return {
    async send(alert) {
      faults.tick(`alerts.send ${alert.bestand}`);
      await inner.send(alert);
    },
  };
}

const withFaults = (deps: IngestDeps): IngestDeps => ({
  ...deps,
  store: faultyStore(deps.store, faults),
  blobs: faultyBlobs(deps.blobs, faults),
  alerts: faultyAlerts(deps.alerts),
});

let faulty: ServeFixture;
let clean: ServeFixture;

/** Clients of the declarations: one toewijzing each (5101…), all of 2022. */
const CLIENTS = 40;
const TOEWIJZINGEN = toewijzingCsv(
  Array.from({ length: CLIENTS }, (_, i) => ({ nummer: 5101 + i, bsn: testBsn(101 + i) })),
);

/** Declaration k: an approved March for client k, and a line on an unknown toewijzing (9338). */
const declaratie = (k: number) =>
  declaratieCsv({
    nummer: `F${k}`,
    maand: '2022-03',
    lines: [
      line('2022-03', `F${k}A`, { bsn: testBsn(101 + k), toewijzingNummer: 5101 + k }),
      line('2022-03', `F${k}B`, { bsn: testBsn(101 + k), toewijzingNummer: 9900 + k }),
    ],
  });

/** A report without its receipt time (each server receives the file at its own moment). */
const judged = ({ ontvangen: _o, ...rest }: Report) => rest;
/** An alert without the moments it was sent. */
const alerted = ({ tijd: _t, ...rest }: AlertLine) => rest;

/** What finance sees of March 2022: every row and the totals (not the receipt times of the files behind them). */
const march = async (f: ServeFixture) => {
  const view = await f.api('/api/maand?van=2022-03&tot=2022-03');
  return { rijen: view.rijen, totaal: view.totaal };
};

beforeAll(async () => {
  [faulty, clean] = await Promise.all([
    startServeFixture({ wrapDeps: withFaults, retryDelayMs: 10 }),
    startServeFixture(),
  ]);
  for (const f of [faulty, clean]) {
    expect(await f.upload('0983', 'toewijzingen.csv', TOEWIJZINGEN)).toMatchObject({
      status: 'geaccepteerd',
    });
  }
});

afterAll(async () => {
  await Promise.all([faulty?.close(), clean?.close()]);
});

describe('bwmo serve with a fault at one write step of a file', () => {
  test('after the retry: the same report, figures and single alert as a clean run, and no dead letter', async () => {
    const tried: string[] = [];
    for (let k = 1; k < CLIENTS; k++) {
      const name = `declaratie-${k}.csv`;
      const expected = await clean.upload('0983', name, declaratie(k));
      expect(expected).toMatchObject({ status: 'deels-geaccepteerd', counts: { afgewezen: 1 } });

      faults.arm(k);
      const report = await faulty.upload('0983', name, declaratie(k));
      faults.armed = false;
      // Past the file's last step nothing failed: every step has had its turn.
      if (faults.injected.length === 0) break;
      const step = faults.injected[0];
      tried.push(step);

      expect({ step, report: judged(report) }).toEqual({ step, report: judged(expected) });
      // The retry is logged with the fault itself, not the batch processor's summary.
      const retryLine = faulty.log.find((l) => l.startsWith(`fout bij inbox/0983/${name} (poging 1)`));
      expect({ step, retryLine }).toEqual({ step, retryLine: expect.stringContaining('fout ingeprikt bij') });
      const alerts = (await faulty.alerts()).filter((a) => a.bestand === name);
      const cleanAlerts = (await clean.alerts()).filter((a) => a.bestand === name);
      expect(cleanAlerts).toHaveLength(1);
      if (step.endsWith('(melding vastgelegd)')) {
        // Sent, then the record of sending failed: the retry cannot know the alert went out and sends it again
        // (at least once, CONTRACT §Alerts says once). Each copy is the clean run's alert with the file id, by which
        // a receiver can drop the repeat.
        expect(alerts.length).toBeGreaterThanOrEqual(1);
        for (const a of alerts) expect(alerted(a)).toEqual(alerted(cleanAlerts[0]));
      } else {
        expect({ step, alerts: alerts.map(alerted) }).toEqual({ step, alerts: cleanAlerts.map(alerted) });
      }
      expect({ step, inbox: await faulty.keys('inbox/0983/') }).toEqual({ step, inbox: [] });
    }
    // Every kind of write step was hit: item batches, the commit, the report and answer, copies, the alert.
    expect(tried.length).toBeGreaterThan(8);
    for (const kind of [
      'store.put ',
      'store.putOne GEM#0983#FILES',
      'blobs.put state/',
      'blobs.copy outbox/',
      'blobs.copy archive/',
      'alerts.send',
      'blobs.delete inbox/',
    ]) {
      expect(tried.filter((s) => s.startsWith(kind)).length).toBeGreaterThan(0);
    }
    expect(await march(faulty)).toEqual(await march(clean));
    expect(faulty.serving.queue.deadLetters).toEqual([]);
  });

  test('a file that fails every attempt is dead letter: no trace, no alert, and the hand-off hears of it', async () => {
    const before = await march(faulty);
    const files = async () =>
      (await faulty.api<{ bestanden: { name: string }[] }>('/api/bestanden/0983')).bestanden.map(
        (b) => b.name,
      );
    const filesBefore = await files();
    const alertsBefore = await faulty.alerts();

    // Every commit of a file record fails: three attempts, then dead letter.
    faults.arm(0);
    faults.always = /^store\.putOne GEM#0983#FILES$/;
    const bytes = declaratie(CLIENTS - 1);
    const response = await fetch(`${faulty.serving.http}/lokaal/ingest?gemeente=0983&naam=blijft-haken.csv`, {
      method: 'POST',
      body: bytes,
    });
    faults.armed = false;
    faults.always = null;
    expect(response.status).toBe(500);
    expect(((await response.json()) as { fout: string }).fout).toContain('niet verwerkt');
    expect(faults.injected).toHaveLength(3);
    expect(faulty.serving.queue.deadLetters.map((d) => d.message.key)).toEqual([
      'inbox/0983/blijft-haken.csv',
    ]);

    expect(await march(faulty)).toEqual(before);
    expect(await files()).toEqual(filesBefore);
    expect(await faulty.alerts()).toEqual(alertsBefore);
    expect(await faulty.keys('outbox/0983/blijft-haken')).toEqual([]);
    // As the dead-letter queue keeps the message, the inbox keeps the object.
    expect(await faulty.keys('inbox/0983/')).toEqual(['inbox/0983/blijft-haken.csv']);

    // Sent again once the fault is gone, the same bytes are processed as new, as the clean server did.
    const again = await faulty.upload('0983', 'opnieuw.csv', bytes);
    const expected = await clean.upload('0983', 'opnieuw.csv', bytes);
    expect(judged(again)).toEqual(judged(expected));
    expect(again.duplicaatVan).toBeNull();
    expect(await march(faulty)).toEqual(await march(clean));
  });
});

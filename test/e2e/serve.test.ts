/**
 * `bwmo serve` end to end, in-process, against its real stand-ins on loopback (s3rver, dynalite, the ssh2 SFTP
 * server, the HTTP API): SFTP upload → inbox → router → FIFO queue → ingest → answer in /antwoorden and figures in
 * the API; a direct S3 upload under a key S3 has to URL-encode in its event; duplicates; isolation between
 * municipalities; a cut-off SFTP upload; the `bwmo ingest` hand-off to a running server; and the queue's order per
 * municipality while municipalities are processed side by side.
 *
 * One server serves the whole file. Every test uses its own months and toewijzing numbers, so the figures it
 * checks in the API are its own.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SaxesParser } from 'saxes';
import { utils } from 'ssh2';
import type { IngestDeps } from '../../pipeline/ingest';
import type { Item } from '../../pipeline/ports';
import type { Report } from '../../schemas/report';
import { forwarding } from '../helpers/faults';
import {
  BSN_A,
  BSN_B,
  declaratieCsv,
  declaratieXml,
  line,
  TARIEF_2022,
  toewijzingCsv,
} from '../helpers/scenario';
import { cutOffUpload, type ServeFixture, startServeFixture, waitUntil } from '../helpers/serve';

jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const TARIEF_15A07 = 14250;

/** Commits (file records written) in the order they happened, across municipalities. */
const commits: { gemeente: string; name: string }[] = [];
/** While set, the first commit of this municipality waits until `release` is called. */
let hold: { gemeente: string; until: Promise<void> } | null = null;

/** Records every commit; optionally holds one municipality's first commit (the ordering test). */
function observeCommits(deps: IngestDeps): IngestDeps {
  const store = deps.store;
  return {
    ...deps,
    store: {
      ...forwarding(store),
      async putOne(item: Item) {
        const file = /^GEM#([0-9]{4})#FILES$/.exec(item.pk);
        if (file) {
          const h = hold;
          if (h && h.gemeente === file[1]) {
            hold = null;
            await h.until;
          }
          commits.push({ gemeente: file[1], name: String(item.name) });
        }
        await store.putOne(item);
      },
    },
  };
}

let f: ServeFixture;

beforeAll(async () => {
  f = await startServeFixture({ wrapDeps: observeCommits });
});

afterAll(async () => {
  await f?.close();
});

/** The WMO325 as the tests read it: header and declaration codes, the approved total, the rejected prestaties. */
interface Answer325 {
  readonly berichtCode: string;
  readonly header: string[];
  readonly declaratie: string[];
  readonly toegekend: number;
  /** Rejected prestaties: ReferentieNummer → retourcodes. */
  readonly afgewezen: Record<string, string[]>;
}

function read325(xml: string): Answer325 {
  const parser = new SaxesParser();
  const path: string[] = [];
  const out = {
    berichtCode: '',
    header: [] as string[],
    declaratie: [] as string[],
    toegekend: 0,
    afgewezen: {} as Record<string, string[]>,
  };
  let ref = '';
  let toegekendDc = 'D';
  parser.on('opentag', (t) => {
    path.push(t.name.split(':').pop()!);
  });
  parser.on('closetag', () => {
    path.pop();
  });
  parser.on('text', (raw) => {
    const text = raw.trim();
    if (!text) return;
    const at = path.join('/');
    if (at === 'Bericht/Header/BerichtCode') out.berichtCode = text;
    if (at === 'Bericht/Header/RetourCodes/RetourCode') out.header.push(text);
    if (at === 'Bericht/DeclaratieAntwoord/RetourCodes/RetourCode') out.declaratie.push(text);
    if (at === 'Bericht/DeclaratieAntwoord/TotaalToegekendBedrag/TotaalBedrag') out.toegekend = Number(text);
    if (at === 'Bericht/DeclaratieAntwoord/TotaalToegekendBedrag/DebetCredit') toegekendDc = text;
    if (at.endsWith('Prestatie/ProductReferentie/ReferentieNummer')) {
      ref = text;
      out.afgewezen[ref] = [];
    }
    if (at.endsWith('Prestatie/RetourCodes/RetourCode')) out.afgewezen[ref].push(text);
  });
  parser.write(xml).close();
  return { ...out, toegekend: toegekendDc === 'C' ? -out.toegekend : out.toegekend };
}

/** The monitor's month view for one month, as finance sees it (exact). */
const maand = (m: string, extra = '') => f.api(`/api/maand?van=${m}&tot=${m}${extra}`);

/** What finance sees of a month and a day: the month view and the stand, every row. */
const figures = async (m: string, datum: string) => ({
  maand: await maand(m),
  stand: await f.api(`/api/stand?datum=${datum}`),
  bestanden0983: (await f.api<{ bestanden: { status: string }[] }>('/api/bestanden/0983')).bestanden.filter(
    (b) => b.status !== 'quarantaine',
  ),
});

/** Rows of the month view with money in them, without the columns every run fills differently. */
const moneyRows = async (m: string) =>
  (await maand(m)).rijen.filter((r) => Number(r.ingediend) !== 0 || Number(r.toegekend) !== 0);

describe('bwmo serve end to end', () => {
  test('SFTP: toewijzingen and a WMO323 put into /upload are answered in /antwoorden and counted in the API', async () => {
    const tw = toewijzingCsv([
      {},
      { nummer: 5002, bsn: BSN_B, code: '15A07' },
      { nummer: 5003, bsn: BSN_A, code: '15A07' },
    ]);
    const on15A07 = { productCode: '15A07', tarief: TARIEF_15A07 } as const;
    const decl = declaratieXml({
      nummer: 'D1',
      maand: '2022-03',
      lines: [
        line('2022-03', 'R1'),
        line('2022-03', 'R2', { bsn: BSN_B, toewijzingNummer: 5002, ...on15A07 }),
        // Planted: no such toewijzing (9338), and a tariff that is not the contract's (0611).
        line('2022-03', 'R3', { toewijzingNummer: 7777 }),
        line('2022-03', 'R4', { toewijzingNummer: 5003, ...on15A07, tarief: 1 }),
      ],
    });
    const approved = 31 * TARIEF_2022 + 31 * TARIEF_15A07;

    const session = await f.sftp('0983');
    let report: Report;
    try {
      const twDone = f.serving.waitFor('inbox/0983/toewijzingen venlo.csv');
      await session.put('/upload/toewijzingen venlo.csv', tw);
      const declDone = f.serving.waitFor('inbox/0983/declaratie-maart.xml');
      await session.put('/upload/declaratie-maart.xml', decl);
      expect(await twDone).toMatchObject({ kind: 'toewijzing', status: 'geaccepteerd' });
      report = await declDone;
      expect(report).toMatchObject({
        file: 'inbox/0983/declaratie-maart.xml',
        kind: 'declaratie',
        format: 'wmo323',
        gemeente: '0983',
        status: 'deels-geaccepteerd',
        duplicaatVan: null,
        counts: { regels: 4, geaccepteerd: 2, afgewezen: 2 },
      });
      expect(report.declaraties[0].totaalToegekendBedrag).toBe(approved);

      expect(await session.list('/antwoorden')).toEqual(
        expect.arrayContaining([
          'declaratie-maart.xml.antwoord.xml',
          'declaratie-maart.xml.rapport.json',
          'toewijzingen venlo.csv.rapport.json',
        ]),
      );
      const answer = read325((await session.get('/antwoorden/declaratie-maart.xml.antwoord.xml')).toString());
      expect(answer).toEqual({
        berichtCode: '485',
        header: ['0200'],
        declaratie: ['0200'],
        toegekend: approved,
        afgewezen: { R3: ['9338'], R4: ['0611'] },
      });
      // The same verdicts as the report, and the report downloaded over SFTP is the one waitFor gave.
      const rejected = Object.fromEntries(
        report.declaraties[0].prestaties
          .filter((p) => p.status === 'afgewezen')
          .map((p) => [p.referentieNummer, p.retourcodes]),
      );
      expect(answer.afgewezen).toEqual(rejected);
      const viaSftp = JSON.parse(
        (await session.get('/antwoorden/declaratie-maart.xml.rapport.json')).toString(),
      ) as Report;
      expect(viaSftp).toEqual(report);
    } finally {
      await session.end();
    }

    // Upload staging is cleared; the originals are archived; the inbox is empty.
    expect(await f.keys('upload/0983/')).toEqual([]);
    expect(await f.keys('inbox/0983/')).toEqual([]);
    expect(await f.keys('archive/0983/')).toEqual(
      expect.arrayContaining(['archive/0983/declaratie-maart.xml', 'archive/0983/toewijzingen venlo.csv']),
    );

    // Finance sees the approved amount of March to the cent, traced to this file.
    const view = await maand('2022-03');
    expect(view.totaal).toMatchObject({ regels: 4, toegekend: approved });
    const withMoney = view.rijen.filter((r) => Number(r.ingediend) !== 0);
    expect(withMoney.length).toBeGreaterThan(0);
    for (const row of withMoney) expect(row.bestanden).toContain(report.fileId);
    // One alert for the declaration (it has rejections), none for the accepted toewijzingen.
    const alerts = (await f.alerts()).filter((a) => a.gemeente === '0983' && /venlo|maart/.test(a.bestand));
    expect(alerts.map((a) => [a.bestand, a.afgewezen])).toEqual([['declaratie-maart.xml', 2]]);
  });

  test('S3: a PutObject under a key with spaces and + is processed exactly once under the decoded key', async () => {
    const name = 'toewijzingen april + mei (2022).csv';
    const key = `inbox/0983/${name}`;
    const report = await f.upload(
      '0983',
      name,
      toewijzingCsv([{ nummer: 6001, ingangsdatum: '2022-04-01' }]),
    );
    expect(report).toMatchObject({ file: key, kind: 'toewijzing', status: 'geaccepteerd' });
    await f.serving.queue.drain();
    expect(f.serving.received.get('0983')!.filter((k) => k === key)).toEqual([key]);
    expect(f.serving.processed.get('0983')!.filter((k) => k === key)).toEqual([key]);
    expect(await f.object(`outbox/0983/${name}.rapport.json`)).not.toBeNull();
    expect(await f.object(`archive/0983/${name}`)).not.toBeNull();
    expect(await f.object(key)).toBeNull();
    // No object under the encoded form of the name.
    const all = [...(await f.keys('outbox/0983/')), ...(await f.keys('archive/0983/'))];
    expect(all.filter((k) => k.includes('%') || k.includes('toewijzingen+'))).toEqual([]);
    const records = await f.api<{ bestanden: { name: string }[] }>('/api/bestanden/0983');
    expect(records.bestanden.filter((b) => b.name === name)).toHaveLength(1);
  });

  test('the same bytes again, under another name or the same one, are a duplicate: no new figures, no new alert', async () => {
    await f.upload('0983', 'tw-mei.csv', toewijzingCsv([{ nummer: 7001, bsn: BSN_A }]));
    const bytes = declaratieCsv({
      nummer: 'D5',
      maand: '2022-05',
      lines: [
        line('2022-05', 'M1', { toewijzingNummer: 7001 }),
        line('2022-05', 'M2', { toewijzingNummer: 7001, tarief: 1, begin: '2022-05-01', eind: '2022-05-01' }),
      ],
    });
    const first = await f.upload('0983', 'declaratie-mei.csv', bytes);
    expect(first).toMatchObject({ status: 'deels-geaccepteerd', duplicaatVan: null });
    const figures = await moneyRows('2022-05');
    expect(figures.length).toBeGreaterThan(0);
    const alertsBefore = (await f.alerts()).filter((a) => a.fileId === first.fileId);
    expect(alertsBefore).toHaveLength(1);

    // Another name, through S3.
    const second = await f.upload('0983', 'declaratie-mei (opnieuw).csv', bytes);
    expect(second).toMatchObject({
      file: 'inbox/0983/declaratie-mei (opnieuw).csv',
      duplicaatVan: 'inbox/0983/declaratie-mei.csv',
      status: first.status,
      counts: first.counts,
      declaraties: first.declaraties,
    });
    expect((await f.object('outbox/0983/declaratie-mei (opnieuw).csv.antwoord.csv'))?.toString()).toBe(
      (await f.object('outbox/0983/declaratie-mei.csv.antwoord.csv'))?.toString(),
    );
    // The same name, over SFTP (a backoffice sending the file once more).
    const session = await f.sftp('0983');
    const thirdDone = f.serving.waitFor('inbox/0983/declaratie-mei.csv');
    await session.put('/upload/declaratie-mei.csv', bytes);
    await session.end();
    // Same key and bytes, but another upload (another S3 event): the ingest sees the file identity again and
    // answers it as a duplicate of itself. The same answer, nothing counted twice, and nothing left in the inbox.
    const third = await thirdDone;
    expect(third).toMatchObject({ fileId: first.fileId, counts: first.counts });
    await f.serving.queue.drain();
    expect(await f.object('inbox/0983/declaratie-mei.csv')).toBeNull();

    expect(await moneyRows('2022-05')).toEqual(figures);
    expect(
      (await f.alerts()).filter((a) => a.fileId === first.fileId || /declaratie-mei/.test(a.bestand)),
    ).toEqual(alertsBefore);
    const records = await f.api<{ bestanden: { fileId: string }[] }>('/api/bestanden/0983');
    expect(records.bestanden.filter((b) => b.fileId === first.fileId)).toHaveLength(1);
  });

  test('a second file under a used name, uploaded again: the repeat is answered with its own report', async () => {
    const a = toewijzingCsv([{ nummer: 7101 }], '0984');
    const b = toewijzingCsv([{ nummer: 7102 }], '0984');
    const first = await f.upload('0984', 'tw-naam.csv', a);
    const second = await f.upload('0984', 'tw-naam.csv', b);
    expect(second.fileId).not.toBe(first.fileId);
    const again = await f.upload('0984', 'tw-naam.csv', b);
    expect(again.fileId).toBe(second.fileId);
  });

  test('isolation: a file naming another municipality is quarantined (ISOLATION) with an alert, whether it came by S3 or SFTP', async () => {
    const before = await figures('2022-07', '2022-07-15');
    // Venlo's inbox, a declaration addressed to Venray (0984).
    const viaS3 = await f.upload(
      '0983',
      'voor-venray.csv',
      declaratieCsv({ nummer: 'D7', maand: '2022-07', gemeente: '0984', lines: [line('2022-07', 'J1')] }),
    );
    // Venray's SFTP user, toewijzingen sent by Venlo.
    const session = await f.sftp('0984');
    const done = f.serving.waitFor('inbox/0984/van-venlo.csv');
    await session.put('/upload/van-venlo.csv', toewijzingCsv([{ nummer: 7101, ingangsdatum: '2022-07-01' }]));
    await session.end();
    const viaSftp = await done;

    for (const [report, g, name] of [
      [viaS3, '0983', 'voor-venray.csv'],
      [viaSftp, '0984', 'van-venlo.csv'],
    ] as const) {
      expect(report).toMatchObject({ status: 'quarantaine', gemeente: g, counts: { geaccepteerd: 0 } });
      expect(report.findings.map((x) => x.rule)).toContain('ISOLATION');
      expect(await f.object(`quarantine/${g}/${name}`)).not.toBeNull();
      expect(await f.object(`quarantine/${g}/${name}.rapport.json`)).not.toBeNull();
      // Only its report in the outbox (where the backoffice reads), no answer.
      expect(await f.keys(`outbox/${g}/${name}`)).toEqual([`outbox/${g}/${name}.rapport.json`]);
      expect(await f.keys(`archive/${g}/${name}`)).toEqual([]);
      const alerts = (await f.alerts()).filter((a) => a.gemeente === g && a.bestand === name);
      expect(alerts).toHaveLength(1);
      expect(alerts[0].status).toBe('quarantaine');
    }
    // Nothing counted: the figures of July (declarations, toewijzingen, the stand) are as before.
    expect(await figures('2022-07', '2022-07-15')).toEqual(before);
  });

  test('a cut-off SFTP upload goes to quarantine with UPLOAD-ONVOLLEDIG and an alert, and is not processed', async () => {
    const full = Buffer.from(
      declaratieXml({
        nummer: 'D8',
        maand: '2022-08',
        lines: [line('2022-08', 'A1'), line('2022-08', 'A2')],
      }),
    );
    const part = full.subarray(0, Math.floor(full.length / 2));
    const before = await figures('2022-08', '2022-08-15');
    await cutOffUpload(f.serving.sftpPort, '0983', await f.password('0983'), 'afgebroken.xml', part);
    await waitUntil(
      async () =>
        (await f.keys('quarantine/0983/afgebroken/')).some((k) => k.endsWith('/afgebroken.xml.rapport.json')),
      'rapport van de afgebroken upload',
    );
    // Kept in a folder of the day, apart from files the ingest quarantined under the same name.
    const kept = (await f.keys('quarantine/0983/afgebroken/')).filter((k) => k.endsWith('/afgebroken.xml'));
    expect(kept).toEqual([
      expect.stringMatching(/^quarantine\/0983\/afgebroken\/\d{4}-\d{2}-\d{2}\/afgebroken\.xml$/),
    ]);
    const report = JSON.parse((await f.object(`${kept[0]}.rapport.json`))!.toString('utf8')) as Report;
    expect(report).toMatchObject({ status: 'quarantaine', gemeente: '0983', counts: { regels: 0 } });
    expect(report.findings.map((x) => x.rule)).toEqual(['UPLOAD-ONVOLLEDIG']);
    expect(report.findings[0].message).toContain(`${part.length} bytes`);
    expect((await f.object(kept[0]))?.equals(part)).toBe(true);
    await waitUntil(
      async () => (await f.alerts()).some((a) => a.bestand === 'afgebroken.xml'),
      'melding van de afgebroken upload',
    );
    const alerts = (await f.alerts()).filter((a) => a.bestand === 'afgebroken.xml');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ gemeente: '0983', status: 'quarantaine' });
    expect(alerts[0].bevindingen?.map((b) => b.rule)).toEqual(['UPLOAD-ONVOLLEDIG']);
    // Never in the inbox, so never routed or processed; nothing left in the upload staging area.
    expect(f.serving.received.get('0983')?.filter((k) => k.endsWith('afgebroken.xml')) ?? []).toEqual([]);
    expect(await f.object('inbox/0983/afgebroken.xml')).toBeNull();
    expect(await f.object('upload/0983/afgebroken.xml')).toBeNull();
    // In the outbox only its report, under a name of its own (the backoffice reads there, SFTP /antwoorden).
    const inOutbox = await f.keys('outbox/0983/afgebroken.xml');
    expect(inOutbox).toEqual([
      expect.stringMatching(/^outbox\/0983\/afgebroken\.xml\.afgebroken-\d{8}T\d{9}Z\.rapport\.json$/),
    ]);
    expect(JSON.parse((await f.object(inOutbox[0]))!.toString('utf8'))).toEqual(report);
    expect(await figures('2022-08', '2022-08-15')).toEqual(before);
  });

  test("a municipality's SFTP user cannot read another municipality's answers", async () => {
    await f.putObject('outbox/0988/van-weert.csv.rapport.json', '{"van":"0988"}');
    const venlo = await f.sftp('0983');
    try {
      expect(await venlo.list('/antwoorden')).not.toContain('van-weert.csv.rapport.json');
      for (const path of [
        '/antwoorden/van-weert.csv.rapport.json',
        '/antwoorden/../../outbox/0988/van-weert.csv.rapport.json',
      ]) {
        await expect(venlo.get(path)).rejects.toMatchObject({ code: utils.sftp.STATUS_CODE.NO_SUCH_FILE });
      }
    } finally {
      await venlo.end();
    }
    const weert = await f.sftp('0988');
    try {
      expect((await weert.get('/antwoorden/van-weert.csv.rapport.json')).toString()).toBe('{"van":"0988"}');
    } finally {
      await weert.end();
    }
  });

  test('bwmo ingest on the same data folder hands its files to the running server', async () => {
    const tw = join(f.dir, 'cli-toewijzingen.csv');
    const decl = join(f.dir, 'cli-declaratie-sep.csv');
    await writeFile(tw, toewijzingCsv([{ nummer: 9001 }]));
    await writeFile(
      decl,
      declaratieCsv({
        nummer: 'D9',
        maand: '2022-09',
        lines: [line('2022-09', 'S1', { toewijzingNummer: 9001 })],
      }),
    );
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin', 'bwmo.js'), 'ingest', '--json', '--data', f.data, tw, decl],
      { cwd: ROOT, maxBuffer: 1 << 20 },
    );
    expect(stderr).toContain('bwmo serve draait');
    const reports = JSON.parse(stdout) as Report[];
    expect(reports.map((r) => [r.file, r.status])).toEqual([
      ['inbox/0983/cli-toewijzingen.csv', 'geaccepteerd'],
      ['inbox/0983/cli-declaratie-sep.csv', 'geaccepteerd'],
    ]);
    expect(reports[1].declaraties[0].totaalToegekendBedrag).toBe(30 * TARIEF_2022);
    // Processed by the server (its queue), and the figures are in its API.
    expect(f.serving.processed.get('0983')).toEqual(
      expect.arrayContaining(['inbox/0983/cli-toewijzingen.csv', 'inbox/0983/cli-declaratie-sep.csv']),
    );
    expect((await maand('2022-09')).totaal).toMatchObject({ regels: 1, toegekend: 30 * TARIEF_2022 });
    expect(await f.object('outbox/0983/cli-declaratie-sep.csv.antwoord.csv')).not.toBeNull();

    // Handed off once more at once (same name, same bytes: another upload, answered as a duplicate), the caller still
    // gets its answer, and nothing changes.
    const figuresBefore = await figures('2022-09', '2022-09-15');
    const alertsBefore = await f.alerts();
    const again = await fetch(`${f.serving.http}/lokaal/ingest?gemeente=0983&naam=cli-declaratie-sep.csv`, {
      method: 'POST',
      body: await readFile(decl),
    });
    expect(again.status).toBe(200);
    const report = (await again.json()) as Report;
    expect(report).toMatchObject({ counts: reports[1].counts, declaraties: reports[1].declaraties });
    expect(await figures('2022-09', '2022-09-15')).toEqual(figuresBefore);
    expect(await f.alerts()).toEqual(alertsBefore);
    await f.serving.queue.drain();
    expect(await f.object('inbox/0983/cli-declaratie-sep.csv')).toBeNull();
  });

  test('bwmo withdraw on the same data folder is done by the running server', async () => {
    const decl = join(f.dir, 'cli-declaratie-okt.csv');
    await writeFile(
      decl,
      declaratieCsv({
        nummer: 'D10',
        maand: '2022-10',
        lines: [line('2022-10', 'T1', { toewijzingNummer: 9001 })],
      }),
    );
    const cli = (args: string[]) =>
      promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'bwmo.js'), ...args], { cwd: ROOT }).then(
        (r) => ({ code: 0, ...r }),
        (err: { code: number; stdout: string; stderr: string }) => err,
      );
    const [report] = JSON.parse((await cli(['ingest', '--json', '--data', f.data, decl])).stdout) as Report[];
    expect((await maand('2022-10')).totaal).toMatchObject({ regels: 1 });
    const withdrawn = await cli([
      'withdraw',
      '--data',
      f.data,
      report.fileId!,
      '--reden',
      'dubbel ingediend',
    ]);
    expect(withdrawn.code).toBe(0);
    expect(withdrawn.stdout).toBe(
      'ingetrokken: cli-declaratie-okt.csv (gemeente 0983, 1 regels); reden: dubbel ingediend\n',
    );
    expect((await maand('2022-10')).totaal).toMatchObject({ regels: 0 });
    const again = await cli(['withdraw', '--data', f.data, report.fileId!, '--reden', 'nog eens']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is al ingetrokken');
  });

  test('a withdrawal request put under withdrawals/ through the S3 API is carried out in its turn (as on AWS)', async () => {
    const report = await f.upload(
      '0983',
      'declaratie-nov.csv',
      declaratieCsv({
        nummer: 'D11',
        maand: '2022-11',
        lines: [line('2022-11', 'N1', { toewijzingNummer: 9001 })],
      }),
    );
    expect((await maand('2022-11')).totaal).toMatchObject({ regels: 1 });
    await f.putObject(
      'withdrawals/0983/nov.json',
      JSON.stringify({ fileId: report.fileId, reden: 'verkeerde maand' }),
    );
    await f.serving.queue.drain();
    const outcome = JSON.parse(String(await f.object('outbox/0983/intrekkingen/nov.uitkomst.json')));
    expect(outcome).toMatchObject({
      fileId: report.fileId,
      status: 'ingetrokken',
      bestand: 'declaratie-nov.csv',
    });
    expect((await maand('2022-11')).totaal).toMatchObject({ regels: 0 });
  });

  test('refuses what a web page could make a browser send: another Host (DNS rebinding) and /lokaal/ with an Origin', async () => {
    const ask = (path: string, headers: Record<string, string>, method = 'GET') =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${f.serving.http}${path}`, { method, headers }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end(method === 'POST' ? '{"jaar":2022,"sluit":true}' : undefined);
      });
    const port = new URL(f.serving.http).port;
    const financien = { 'x-bwmo-groepen': 'financien' };
    expect((await ask('/api/regio', { ...financien, host: `127.0.0.1:${port}` })).status).toBe(200);
    expect((await ask('/api/regio', { ...financien, host: `localhost:${port}` })).status).toBe(200);
    const rebound = await ask('/api/regio', { ...financien, host: `aanvaller.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('alleen vragen aan 127.0.0.1 of localhost');
    const page = await ask('/', { host: `aanvaller.example:${port}` });
    expect(page.status).toBe(403);
    for (const path of ['/lokaal/verevening', '/lokaal/ingest?gemeente=0983&naam=x.csv']) {
      const posted = await ask(
        path,
        { origin: 'https://aanvaller.example', 'content-type': 'text/plain' },
        'POST',
      );
      expect(posted.status).toBe(403);
      expect(posted.body).toContain('niet van een webpagina');
    }
    // Nothing was stored or closed by the refused post.
    const versies = await f.api<{ versies: unknown[] }>('/api/verevening/versies?jaar=2022');
    expect(versies.versies).toEqual([]);
  });

  test("one municipality's files are processed in the order the router received them, municipalities side by side", async () => {
    const groups = ['0889', '0893', '0907'] as const;
    const perGroup = 5;
    const keyOf = (g: string, i: number) => `inbox/${g}/orde-${i}.csv`;
    // Bergen's first commit waits until Beesel has committed a file: were municipalities processed one after
    // another (or in one queue), this would never happen and the test would time out.
    let release: () => void = () => undefined;
    hold = { gemeente: '0893', until: new Promise<void>((r) => (release = r)) };
    const released = waitUntil(() => commits.some((c) => c.gemeente === '0889'), 'commit van Beesel').then(
      () => release(),
    );
    const reports = await Promise.all(
      groups.flatMap((g) =>
        Array.from({ length: perGroup }, (_, i) =>
          f.upload(
            g,
            `orde-${i}.csv`,
            toewijzingCsv(
              [
                {
                  nummer: 20_000 + i,
                  herkomst: null,
                  ingangsdatum: `2022-${String(i + 1).padStart(2, '0')}-01`,
                },
              ],
              g,
            ),
          ),
        ),
      ),
    );
    await released;
    expect(reports.map((r) => r.status)).toEqual(Array(groups.length * perGroup).fill('geaccepteerd'));
    for (const g of groups) {
      const received = f.serving.received.get(g)!;
      expect([...received].sort()).toEqual(Array.from({ length: perGroup }, (_, i) => keyOf(g, i)).sort());
      expect(f.serving.processed.get(g)).toEqual(f.serving.received.get(g));
      expect(commits.filter((c) => c.gemeente === g).map((c) => `inbox/${g}/${c.name}`)).toEqual(
        f.serving.received.get(g),
      );
    }
    // Beesel committed before Bergen's first file, though Bergen's was received first or not.
    const firstBergen = commits.findIndex((c) => c.gemeente === '0893');
    expect(commits.slice(0, firstBergen).some((c) => c.gemeente === '0889')).toBe(true);
    expect(f.serving.queue.deadLetters).toEqual([]);
  });
});

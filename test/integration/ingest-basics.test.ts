import { apiRouter } from '../../pipeline/api/router';
import { alertOnce, ingestObject } from '../../pipeline/ingest';
import type { Alert, ItemStore } from '../../pipeline/ports';
import { type FileRecord, key } from '../../pipeline/state/items';
import { withdrawFile } from '../../pipeline/withdraw';
import { isValidName } from '../../serve/sftp';
import type { LocalBlobStore } from '../../stores/local-blobs';
import { forwarding, forwardingBlobs } from '../helpers/faults';
import { AGB, credit, declaratieCsv, declaratieXml, line, toewijzingCsv } from '../helpers/scenario';
import { putWithTime, type Stack, startStack } from '../helpers/stack';

describe('ingest on the embedded stack (dynalite over loopback)', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  it('approves a month on a known toewijzing and answers with 8001', async () => {
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
    const { report } = await stack.upload(
      '0983',
      'd.xml',
      declaratieXml({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] }),
    );
    expect(report.status).toBe('geaccepteerd');
    expect(report.declaraties[0].retourcodes).toEqual(['8001']);
    expect(report.declaraties[0].totaalToegekendBedrag).toBe(31 * 10950);
    const outputs = await stack.outputs();
    expect(outputs['outbox/0983/d.xml.antwoord.xml']).toContain(
      '<wmo325:RetourCode>8001</wmo325:RetourCode>',
    );
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['archive/0983/d.xml', 'outbox/0983/d.xml.rapport.json', 'archive/0983/tw.csv']),
    );
    expect(await stack.blobs.exists('inbox/0983/d.xml')).toBe(false);
  });

  it('a declaration before its toewijzing is rejected (9338); resubmitted under new numbers later it is approved', async () => {
    const first = await stack.upload(
      '0983',
      'd1.csv',
      declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] }),
    );
    expect(first.report.declaraties[0].prestaties[0].retourcodes).toEqual(['9338']);
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
    const again = await stack.upload(
      '0983',
      'd2.csv',
      declaratieCsv({ nummer: 'D2', maand: '2022-03', lines: [line('2022-03', 'R2')] }),
    );
    expect(again.report.declaraties[0].prestaties[0]).toMatchObject({ status: 'toegekend', retourcodes: [] });
    // The same number again is taken, even though it was rejected the first time.
    const reused = await stack.upload(
      '0983',
      'd3.csv',
      declaratieCsv({ nummer: 'D3', maand: '2022-04', lines: [line('2022-04', 'R1')] }),
    );
    expect(reused.report.declaraties[0].prestaties[0].retourcodes).toEqual(['8021']);
  });

  it('credit and correction over three months leave usage and totals as the corrected debit alone', async () => {
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
    const debit = line('2022-03', 'R1', { volume: 20 });
    await stack.upload('0983', 'm1.csv', declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [debit] }));
    const corrected = line('2022-03', 'R3', { volume: 25 });
    const m2 = await stack.upload(
      '0983',
      'm2.csv',
      declaratieCsv({ nummer: 'D2', maand: '2022-04', lines: [corrected, credit(debit, 'R2')] }),
    );
    expect(m2.report.declaraties[0].prestaties.map((p) => p.status)).toEqual(['toegekend', 'toegekend']);
    const m3 = await stack.upload(
      '0983',
      'm3.csv',
      declaratieCsv({ nummer: 'D3', maand: '2022-05', lines: [credit(debit, 'R4')] }),
    );
    expect(m3.report.declaraties[0].prestaties[0].retourcodes).toEqual(['9390']);
    const usage = (await stack.dump()).find(
      (i) => i.pk === 'GEM#0983#TW#5001' && i.sk === 'USAGE',
    ) as unknown as {
      entries: { dc: string; volume: number; bedrag: number; maand: string }[];
    };
    const net = usage.entries.reduce(
      (s, e) => ({ volume: s.volume + (e.dc === 'C' ? -e.volume : e.volume), bedrag: s.bedrag + e.bedrag }),
      { volume: 0, bedrag: 0 },
    );
    expect(net).toEqual({ volume: 25, bedrag: 25 * 10950 });
    expect(new Set(usage.entries.map((e) => e.maand))).toEqual(new Set(['2022-03']));
  });

  it('rows of two declarations interleaved in a CSV: each prestatie keeps its own codes, in its declaration', async () => {
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
    const d1 = declaratieCsv({
      nummer: 'D1',
      maand: '2022-03',
      lines: [line('2022-03', 'R1'), line('2022-01', 'R3', { tarief: 1 })],
    }).split('\n');
    const d2 = declaratieCsv({
      nummer: 'D2',
      maand: '2022-03',
      lines: [line('2022-03', 'R2', { toewijzingNummer: 7777 }), line('2022-02', 'R4')],
    }).split('\n');
    // Header, then D1, D2, D1, D2.
    const csv = [d1[0], d1[1], d2[1], d1[2], d2[2], ''].join('\n');
    const { report } = await stack.upload('0983', 'door-elkaar.csv', csv);
    const codes = report.declaraties.map((d) => [
      d.declaratieNummer,
      d.prestaties.map((p) => [p.referentieNummer, p.retourcodes]),
    ]);
    expect(codes).toEqual([
      [
        'D1',
        [
          ['R1', []],
          ['R3', ['0611']],
        ],
      ],
      [
        'D2',
        [
          ['R2', ['9338']],
          ['R4', []],
        ],
      ],
    ]);
  });

  it('sends one alert per file with rejections, with the retourcodes and no BSN', async () => {
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
    await stack.upload(
      '0983',
      'd.csv',
      declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1', { tarief: 1 })] }),
    );
    expect(stack.alerts.sent).toHaveLength(1);
    const alert = stack.alerts.sent[0];
    expect(alert).toMatchObject({ gemeente: '0983', bestand: 'd.csv', afgewezen: 1 });
    expect(alert.retourcodes.map((c) => c.code)).toContain('0611');
    expect(JSON.stringify(alert)).not.toMatch(/99990\d{4}/);
    expect(AGB).toBe('12340001');
  });

  it('a BSN in the file name does not travel with the alert; the fileId identifies the file', async () => {
    const naam = 'client-999900006.txt';
    const { report } = await stack.upload('0983', naam, 'geen declaratie\n');
    expect(stack.alerts.sent).toHaveLength(1);
    const alert = stack.alerts.sent[0];
    expect(alert).toMatchObject({
      bestand: expect.stringMatching(/^client-x{9}\.[0-9a-f]{8}\.txt$/),
      fileId: report.fileId,
    });
    expect(JSON.stringify(alert)).not.toContain('999900006');
  });

  it('the same bytes quarantined in another municipality leave the first municipality’s stored answer alone', async () => {
    const tw = toewijzingCsv([{}]); // names gemeente 0983
    const first = await stack.upload('0983', 'tw.csv', tw, new Date('2023-06-01T10:00:00Z'));
    expect(first.report.status).toBe('geaccepteerd');
    const foreign = await stack.upload('0984', 'tw.csv', tw, new Date('2023-06-02T10:00:00Z'));
    expect(foreign.report).toMatchObject({ status: 'quarantaine', gemeente: '0984' });
    const again = await stack.upload('0983', 'tw-opnieuw.csv', tw, new Date('2023-06-03T10:00:00Z'));
    expect(again.report).toMatchObject({
      duplicaatVan: 'inbox/0983/tw.csv',
      gemeente: '0983',
      status: 'geaccepteerd',
      counts: first.report.counts,
      findings: [],
    });
  });

  it('a second file under a name already used keeps the first original: its outputs get the start of its id', async () => {
    const a = toewijzingCsv([{ nummer: 5001 }]);
    const b = toewijzingCsv([{ nummer: 5002 }]);
    const first = await stack.upload('0983', 'tw.csv', a, new Date('2023-06-01T10:00:00Z'));
    const second = await stack.upload('0983', 'tw.csv', b, new Date('2023-06-02T10:00:00Z'));
    const id = second.report.fileId!.slice(0, 8);
    const outputs = await stack.outputs();
    expect(outputs['archive/0983/tw.csv']).toBe(a);
    expect(outputs[`archive/0983/tw.${id}.csv`]).toBe(b);
    expect(JSON.parse(outputs['outbox/0983/tw.csv.rapport.json']).fileId).toBe(first.report.fileId);
    expect(JSON.parse(outputs[`outbox/0983/tw.${id}.csv.rapport.json`]).fileId).toBe(second.report.fileId);
    // The report still names the file as it was sent.
    expect(second.report.file).toBe('inbox/0983/tw.csv');
  });

  it('an XML message whose root comes after a long comment is read (the kind is not decided by 64 KiB alone)', async () => {
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
    const base = declaratieXml({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] });
    const xml = base.replace('?>', `?>\n<!--${'x'.repeat(70 * 1024)}-->\n`);
    const { report } = await stack.upload('0983', 'd.xml', xml);
    expect({ kind: report.kind, status: report.status, rules: report.findings.map((f) => f.rule) }).toEqual({
      kind: 'declaratie',
      status: 'geaccepteerd',
      rules: [],
    });
  });

  it("a quarantined file's report is in the outbox too, where the backoffice reads (its role, SFTP /antwoorden)", async () => {
    const { report } = await stack.upload('0983', 'kapot.bin', Buffer.from([0, 1, 2, 3]));
    expect(report.status).toBe('quarantaine');
    const outputs = await stack.outputs();
    expect(JSON.parse(outputs['outbox/0983/kapot.bin.rapport.json'])).toEqual(report);
    expect(outputs['quarantine/0983/kapot.bin.rapport.json']).toBe(
      outputs['outbox/0983/kapot.bin.rapport.json'],
    );
    // The same bytes again under another name: a duplicate, its report in both places as well.
    await stack.upload('0983', 'kapot-2.bin', Buffer.from([0, 1, 2, 3]), new Date('2023-06-02T10:00:00Z'));
    const again = await stack.outputs();
    expect(JSON.parse(again['outbox/0983/kapot-2.bin.rapport.json']).duplicaatVan).toBe(
      'inbox/0983/kapot.bin',
    );
  });

  it('an XML file of 26 MB whose root comes after a long comment is quarantined for its size', async () => {
    const base = declaratieXml({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] });
    const xml = base.replace('?>', `?>\n<!--${'x'.repeat(26 * 1024 * 1024)}-->\n`);
    const { report } = await stack.upload('0983', 'groot.xml', xml);
    expect(report.status).toBe('quarantaine');
    expect(report.findings.map((f) => [f.rule, f.message])).toEqual([
      [
        'SIZE',
        `het bestand is ${(Buffer.byteLength(xml) / 1024 / 1024).toFixed(1)} MB; een iWmo-bericht mag hoogstens 25 MB zijn`,
      ],
    ]);
  });

  it('a file named *.tmp is archived and listed like any other (the bucket’s own partial writes are named apart)', async () => {
    await stack.upload('0983', 'export.tmp', toewijzingCsv([{}]));
    // A partial write left by a crash, of the old form or the new: hidden, never ingested; SFTP refuses such names.
    await stack.blobs.put('inbox/0983/x.csv.123.0.tmp', 'half');
    await stack.blobs.put('inbox/0983/x.csv.123.1.bwmo-deel', 'half');
    expect(await stack.blobs.list('archive/')).toEqual(['archive/0983/export.tmp']);
    expect(await stack.blobs.list('inbox/')).toEqual([]);
    expect(['export.tmp', 'x.csv.123.0.tmp', 'declaratie.2023.06.bwmo-deel'].map(isValidName)).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('the name a duplicate was archived under is taken: a later, different file under it gets a suffix', async () => {
    const a = toewijzingCsv([{ nummer: 5001 }]);
    const c = toewijzingCsv([{ nummer: 5003 }]);
    await stack.upload('0983', 'a.csv', a, new Date('2023-06-01T10:00:00Z'));
    const dup = await stack.upload('0983', 'b.csv', a, new Date('2023-06-02T10:00:00Z'));
    expect(dup.report.duplicaatVan).toBe('inbox/0983/a.csv');
    const later = await stack.upload('0983', 'b.csv', c, new Date('2023-06-03T10:00:00Z'));
    const outputs = await stack.outputs();
    expect(outputs['archive/0983/b.csv']).toBe(a);
    expect(outputs[`archive/0983/b.${later.report.fileId!.slice(0, 8)}.csv`]).toBe(c);
  });

  it('a name with a .. segment is answered in its own folders without being read, not resolved into another municipality', async () => {
    const { report } = await stack.upload('0983', '../0984/tw.csv', toewijzingCsv([{}]));
    expect(report.status).toBe('quarantaine');
    expect(report.findings.map((f) => f.rule)).toEqual(['NAAM-ONGELDIG']);
    // Only its reports, in 0983's folders; nothing archived, answered or stored for 0984.
    expect(
      Object.keys(await stack.outputs()).filter((k) => k.includes('0984') && !k.startsWith('inbox/')),
    ).toEqual([
      expect.stringMatching(/^outbox\/0983\/_\/0984\/tw\.csv\.[0-9a-f]{8}\.geweigerd\.rapport\.json$/),
      expect.stringMatching(/^quarantine\/0983\/_\/0984\/tw\.csv\.[0-9a-f]{8}\.geweigerd\.rapport\.json$/),
    ]);
    expect((await stack.dump()).filter((i) => i.pk.includes('0984'))).toEqual([]);
  });

  it('a BSN in a file name is masked in API answers (sources of figures, the file list)', async () => {
    await stack.upload('0983', 'tw-999900006.csv', toewijzingCsv([{}]));
    // The same name with other content: its outputs get another name (uitvoer), made from the kept name.
    const other = await stack.upload('0983', 'tw-999900006.csv', toewijzingCsv([{ nummer: 5002 }]));
    expect(other.report.file).toBe('inbox/0983/tw-999900006.csv');
    await stack.upload(
      '0983',
      'decl-999900006.csv',
      declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] }),
    );
    const api = apiRouter(stack.deps);
    const asked = [
      ['/api/maand', 'van=2022-03&tot=2022-03', 'beleid'],
      ['/api/instroom', 'van=2022-01&tot=2022-03', 'beleid'],
      ['/api/bestanden/0983', '', 'financien'],
    ] as const;
    for (const [path, query, group] of asked) {
      const res = await api.handle({
        method: 'GET',
        path,
        query: new URLSearchParams(query),
        groups: [group],
      });
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, res.body.includes('999900006')]).toEqual([path, false]);
      expect([path, /-x{9}\.[0-9a-f]{8}\.csv/.test(res.body)]).toEqual([path, true]);
    }
  });

  it('alerts on a quarantined file of which no line could be read, once', async () => {
    const rommel = await stack.upload('0983', 'rommel.txt', 'dit is geen declaratie en geen toewijzing\n');
    expect(rommel.report).toMatchObject({ status: 'quarantaine', counts: { regels: 0 } });
    expect(stack.alerts.sent.map((a) => [a.bestand, a.status, a.regels])).toEqual([
      ['rommel.txt', 'quarantaine', 0],
    ]);
  });
});

describe('the alert of a file that is withdrawn at the same moment (the notify Lambda reads a stream image)', () => {
  let stack: Stack;
  let fileId: string;
  /** The committed record as the stream delivers it: a copy taken before anything else happens. */
  let image: FileRecord;
  const stored = async () => ((await stack.store.get([key.file('0983', fileId)])) as FileRecord[])[0];

  beforeEach(async () => {
    stack = await startStack();
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
    await putWithTime(
      stack.blobs,
      'inbox/0983/d.csv',
      declaratieCsv({
        nummer: 'D1',
        maand: '2022-03',
        lines: [line('2022-03', 'R1'), line('2022-03', 'R2', { toewijzingNummer: 9999 })],
      }),
      new Date('2023-06-01T10:00:00Z'),
    );
    // Deferred: the alert is the notify Lambda's work, as on AWS.
    const { report } = await ingestObject({ ...stack.deps, alertMode: 'deferred' }, 'inbox/0983/d.csv');
    expect(report.counts).toMatchObject({ geaccepteerd: 1, afgewezen: 1 });
    fileId = report.fileId!;
    image = await stored();
    expect(stack.alerts.sent).toEqual([]);
  });
  afterEach(async () => {
    await stack.close();
  });

  it('withdrawn while the alert goes out: the withdrawal stays, and the alert is marked sent', async () => {
    const sent: Alert[] = [];
    const withdrawingWhileSending = {
      async send(alert: Alert) {
        sent.push(alert);
        await withdrawFile(stack.store, ['0983'], fileId, 'dubbel ingediend');
      },
    };
    expect(await alertOnce(stack.store, withdrawingWhileSending, image)).toBe(true);
    expect(sent.map((a) => [a.bestand, a.afgewezen])).toEqual([['d.csv', 1]]);
    expect(await stored()).toMatchObject({ status: 'ingetrokken', alertVerzonden: expect.any(String) });
  });

  it('withdrawn before the image is handled: no alert, and the withdrawal stays', async () => {
    await withdrawFile(stack.store, ['0983'], fileId, 'dubbel ingediend');
    expect(await alertOnce(stack.store, stack.alerts, image)).toBe(false);
    expect(stack.alerts.sent).toEqual([]);
    expect(await stored()).toMatchObject({ status: 'ingetrokken' });
    expect(await stored()).not.toHaveProperty('alertVerzonden');
  });

  it('alerted between the read and the write of a withdrawal: the alert stays recorded', async () => {
    const store: ItemStore = {
      ...forwarding(stack.store),
      async mark(k, attributes) {
        expect(await alertOnce(stack.store, stack.alerts, image)).toBe(true);
        return stack.store.mark(k, attributes);
      },
    };
    await withdrawFile(store, ['0983'], fileId, 'dubbel ingediend');
    expect(stack.alerts.sent).toHaveLength(1);
    expect(await stored()).toMatchObject({ status: 'ingetrokken', alertVerzonden: expect.any(String) });
  });

  it('a second image of the same commit sends nothing more', async () => {
    expect(await alertOnce(stack.store, stack.alerts, image)).toBe(true);
    expect(await alertOnce(stack.store, stack.alerts, image)).toBe(false);
    expect(stack.alerts.sent).toHaveLength(1);
    expect(await stored()).toMatchObject({ status: 'verwerkt', alertVerzonden: expect.any(String) });
  });
});

describe('a withdrawn file', () => {
  it('uploaded again with the same bytes is not processed again and not answered as approved', async () => {
    const stack = await startStack();
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
    const content = declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] });
    const first = await stack.upload('0983', 'd.csv', content);
    expect(first.report.status).toBe('geaccepteerd');
    expect(
      await withdrawFile(stack.deps.store, ['0983'], first.report.fileId!, 'dubbel ingediend'),
    ).not.toBeNull();
    const again = await stack.upload('0983', 'd-opnieuw.csv', content, new Date('2023-06-02T10:00:00Z'));
    expect(again.report).toMatchObject({
      status: 'afgewezen',
      duplicaatVan: 'inbox/0983/d.csv',
      counts: { regels: 1, geaccepteerd: 0, afgewezen: 1 },
    });
    // Answered as a declaration sent before (9333), its line listed as rejected.
    expect(again.report.findings.map((f) => f.rule)).toEqual(['INGETROKKEN', 'TR333']);
    expect(again.report.declaraties).toMatchObject([
      {
        retourcodes: ['9333'],
        totaalToegekendBedrag: 0,
        prestaties: [{ status: 'afgewezen', retourcodes: ['9333'] }],
      },
    ]);
    const answer = (await stack.outputs())['outbox/0983/d-opnieuw.csv.antwoord.csv'];
    expect(answer.split(/\r?\n/)[1]).toMatch(/;afgewezen;9333;0$/);
    // Its number is free again: a corrected file may use it.
    const corrected = await stack.upload(
      '0983',
      'd-correctie.csv',
      declaratieCsv({ nummer: 'D2', maand: '2022-03', lines: [line('2022-03', 'R1', { volume: 30 })] }),
      new Date('2023-06-03T10:00:00Z'),
    );
    expect(corrected.report.declaraties[0].retourcodes).toEqual(['8001']);
    await stack.close();
  });

  it('uploaded again under the same name: its answer goes beside the original answer, which stays', async () => {
    const stack = await startStack();
    try {
      await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
      const content = declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] });
      const first = await stack.upload('0983', 'd.csv', content);
      const original = (await stack.outputs())['outbox/0983/d.csv.antwoord.csv'];
      await withdrawFile(stack.deps.store, ['0983'], first.report.fileId!, 'dubbel ingediend');
      await stack.upload('0983', 'd.csv', content, new Date('2023-06-02T10:00:00Z'));
      const outputs = await stack.outputs();
      expect(outputs['outbox/0983/d.csv.antwoord.csv']).toBe(original);
      const renamed = `outbox/0983/d.${first.report.fileId!.slice(0, 8)}.csv.antwoord.csv`;
      expect(outputs[renamed].split(/\r?\n/)[1]).toMatch(/;afgewezen;9333;0$/);
    } finally {
      await stack.close();
    }
  });
});

describe('the same name uploaded again while a file is processed', () => {
  const KEY = 'inbox/0983/d.csv';
  const first = declaratieCsv({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] });
  const second = declaratieCsv({ nummer: 'D2', maand: '2022-04', lines: [line('2022-04', 'R2')] });
  const later = new Date('2023-06-01T10:05:00Z');
  const stacks: Stack[] = [];
  afterEach(async () => {
    await Promise.all(stacks.splice(0).map((s) => s.close()));
  });

  /** A stack whose bucket uploads `second` under KEY when `when` says so, once. */
  async function replacingStack(when: (call: 'open' | 'copy', key: string, n: number) => boolean) {
    let replaced = false;
    let opens = 0;
    let local: LocalBlobStore | null = null;
    const replaceOnce = async (call: 'open' | 'copy', key: string, n: number) => {
      if (replaced || key !== KEY || !when(call, key, n)) return;
      replaced = true;
      await putWithTime(local!, KEY, second, later);
    };
    const stack = await startStack({
      wrapBlobs: (inner) => {
        local = inner as LocalBlobStore;
        return {
          ...forwardingBlobs(inner),
          async open(key, version) {
            await replaceOnce('open', key, key === KEY ? ++opens : 0);
            return inner.open(key, version);
          },
          async copy(from, to, version) {
            await replaceOnce('copy', from, 0);
            return inner.copy(from, to, version);
          },
        };
      },
    });
    stacks.push(stack);
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{}]));
    return stack;
  }

  const fileRecords = async (stack: Stack) =>
    (await stack.dump())
      .filter((i) => i.sk.startsWith('FILE#'))
      .map((i) => (i as unknown as FileRecord).name);

  it('during its passes: the newer upload is judged instead, from the start; the first leaves no record', async () => {
    // Opens: the fingerprint, pass 1, then pass 2 (reconciliation), which finds the newer upload.
    const stack = await replacingStack((call, _key, n) => call === 'open' && n === 3);
    const { report } = await stack.upload('0983', 'd.csv', first);
    expect(report.declaraties.map((d) => d.declaratieNummer)).toEqual(['D2']);
    expect(report.ontvangen).toBe(later.toISOString());
    const outputs = await stack.outputs();
    expect(outputs['archive/0983/d.csv']).toBe(second);
    expect(JSON.parse(outputs['outbox/0983/d.csv.rapport.json']).declaraties[0].declaratieNummer).toBe('D2');
    expect(await stack.blobs.exists(KEY)).toBe(false);
    expect((await fileRecords(stack)).sort()).toEqual(['d.csv', 'tw.csv']);
  });

  it('after its commit: the judged file stands, the newer upload stays in the inbox and is processed next', async () => {
    const stack = await replacingStack((call) => call === 'copy');
    const { report } = await stack.upload('0983', 'd.csv', first);
    expect(report.declaraties.map((d) => d.declaratieNummer)).toEqual(['D1']);
    // The newer upload was neither archived as the judged file nor removed.
    expect((await stack.outputs())['archive/0983/d.csv']).not.toBe(second);
    expect(await stack.blobs.exists(KEY)).toBe(true);
    const next = await ingestObject(stack.deps, KEY);
    expect(next.report.declaraties.map((d) => d.declaratieNummer)).toEqual(['D2']);
    expect(next.report.declaraties[0].retourcodes).toEqual(['8001']);
    const outputs = await stack.outputs();
    const archived = Object.keys(outputs).filter((k) => k.startsWith('archive/0983/d.'));
    expect(archived.map((k) => outputs[k])).toEqual([second]);
    expect(await stack.blobs.exists(KEY)).toBe(false);
  });
});

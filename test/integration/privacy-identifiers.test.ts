/**
 * Privacy: the BSN in the Bsn field never reaches the store, aggregates, reports, alerts, API or exports (only the
 * archived original and the sender's answer hold it), and a BSN used as an XML element's name is not quoted in a
 * finding's location. Protocol identifiers (ToewijzingNummer, ReferentieNummer, DeclaratieNummer) are kept as they
 * are: they identify lines across files, and one nine-digit number in eleven passes the 11-proef by chance.
 */
import { apiRouter } from '../../pipeline/api/router';
import { loadMonitorData } from '../../pipeline/monitor/data';
import { exportFiles } from '../../pipeline/monitor/export';
import { declaratieCsv, declaratieXml, line, toewijzingCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

const BSN = '999990019';

describe('privacy: the Bsn field and identifiers', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await stack.close();
  });

  it('clean: the Bsn field stays out of store, reports, alerts, API and exports (only archive and answers)', async () => {
    await stack.upload('0983', 'tw.csv', toewijzingCsv([{ bsn: BSN }, { bsn: '123456789', nummer: 5002 }]));
    await stack.upload(
      '0983',
      'd.csv',
      declaratieCsv({
        nummer: 'D1',
        maand: '2022-03',
        lines: [
          line('2022-03', 'R1', { bsn: BSN }),
          line('2022-03', 'R2', { bsn: BSN, toewijzingNummer: 77 }),
        ],
      }),
    );
    await stack.upload(
      '0983',
      'd.xml',
      declaratieXml({ nummer: 'D2', maand: '2022-04', lines: [line('2022-04', 'R3', { bsn: BSN })] }),
    );
    const dump = JSON.stringify(await stack.dump());
    expect(dump).not.toContain(BSN);
    const outputs = await stack.outputs();
    const carrying = Object.keys(outputs).filter((k) => outputs[k].includes(BSN));
    // The originals and the answers to the sender (WMO325 names the client, the CSV answer repeats the rows).
    expect(carrying.filter((k) => !/^archive\/|\.antwoord\.(csv|xml)$/.test(k))).toEqual([]);
    expect(carrying).toEqual(
      expect.arrayContaining(['archive/0983/d.csv', 'outbox/0983/d.csv.antwoord.csv']),
    );
    expect(JSON.stringify(stack.alerts.sent)).not.toContain(BSN);
    const api = apiRouter(stack.deps);
    for (const path of ['/api/maand', '/api/afwijzingen', '/api/trend', '/api/instroom']) {
      const res = await api.handle({
        method: 'GET',
        path,
        query: new URLSearchParams({ van: '2022-01', tot: '2022-12' }),
        groups: ['financien'],
      });
      expect(res.body).not.toContain(BSN);
    }
    const data = await loadMonitorData(stack.store, ['0983']);
    for (const f of await exportFiles(data, stack.deps.region, { van: '2022-01', tot: '2022-12' }, 'x'))
      if (f.name.endsWith('.csv')) expect(f.body.toString('utf8')).not.toContain(BSN);
  });

  it('an XML element named with a BSN is not quoted in the report (finding location)', async () => {
    const xml = declaratieXml({ nummer: 'D1', maand: '2022-03', lines: [line('2022-03', 'R1')] }).replace(
      /(<[a-z0-9]+:Prestatie>)/,
      `$1<x${BSN}/>`,
    );
    expect(xml).toContain(`<x${BSN}/>`);
    const { report } = await stack.upload('0983', 'd.xml', xml);
    expect(report.status).toBe('quarantaine');
    expect(JSON.stringify(report.findings)).not.toContain(BSN);
  });
});

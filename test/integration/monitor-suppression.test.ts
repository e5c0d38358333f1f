/**
 * Small-cell suppression for the policy role (beleid), the export's period and the budget view, on a small region
 * put through the real pipeline and asked through the API router in process. An exact trend minus the visible maand
 * cells gave a hidden cell back, and so did the volume beside a hidden count; a period of centuries took the whole
 * process down through /api/export; the budget view counted no B&P spending.
 *
 * January 2022 (all delivered by Venlo 0983, the centrumgemeente):
 *   Weert (0988)    6 BW clients at 12340001 (toewijzing from 1 Jan), 2 MO clients at 12340006 (from 1 Jan)
 *   Roermond (0957) 6 MO clients at 12340006 (from 1 Jan)
 *   Weert (0988)    2 more BW toewijzingen at 12340001 starting 1 Feb (no declarations)
 * All January lines declared in full (31 etmalen each). Every marginal of the January trend is >= 5, so the trend
 * shows 14 exactly, while the maand cell (Jan, 0988, MO, 12340006) is a hidden 2.
 * Weert also reports B&P (taakgericht) for 2022 H1.
 */
import { apiRouter } from '../../pipeline/api/router';
import { passesElfproef } from '../../pipeline/bsn';
import { csvRows } from '../helpers/csv-rows';
import { declaratieCsv, line, taakgerichtCsv, toewijzingCsv } from '../helpers/scenario';
import { type Stack, startStack } from '../helpers/stack';

const MO = { agb: '12340006', categorie: '16', code: '16A02', tarief: 7420 } as const;

function bsns(n: number): string[] {
  const out: string[] = [];
  for (let b = 999900006; out.length < n; b++) if (passesElfproef(String(b))) out.push(String(b));
  return out;
}

interface Answer {
  readonly status: number;
  readonly body: string;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of many shapes
  readonly json: any;
}

let stack: Stack;
let ask: (path: string, query: Record<string, string>, groups: string[]) => Promise<Answer>;

beforeAll(async () => {
  stack = await startStack();
  const b = bsns(16);
  const weertBw = b.slice(0, 6);
  const weertMo = b.slice(6, 8);
  const roermondMo = b.slice(8, 14);
  const weertBwFeb = b.slice(14, 16);
  let nr = 7000;
  const tw: Parameters<typeof toewijzingCsv>[0][number][] = [];
  const bwLines: ReturnType<typeof line>[] = [];
  const moLines: ReturnType<typeof line>[] = [];
  for (const bsn of weertBw) {
    const nummer = ++nr;
    tw.push({ nummer, bsn, herkomst: '0988' });
    bwLines.push(line('2022-01', `B${nummer}`, { toewijzingNummer: nummer, bsn }));
  }
  for (const [bsn, herkomst] of [
    ...weertMo.map((x) => [x, '0988'] as const),
    ...roermondMo.map((x) => [x, '0957'] as const),
  ]) {
    const nummer = ++nr;
    tw.push({ nummer, bsn, herkomst, agb: MO.agb, categorie: MO.categorie, code: MO.code });
    moLines.push(
      line('2022-01', `M${nummer}`, {
        toewijzingNummer: nummer,
        bsn,
        productCategorie: MO.categorie,
        productCode: MO.code,
        tarief: MO.tarief,
      }),
    );
  }
  for (const bsn of weertBwFeb) tw.push({ nummer: ++nr, bsn, herkomst: '0988', ingangsdatum: '2022-02-01' });

  const files: [string, string, string][] = [
    ['0983', 'toewijzingen.csv', toewijzingCsv(tw)],
    ['0983', 'bw-2022-01.csv', declaratieCsv({ nummer: 'D01', maand: '2022-01', lines: bwLines })],
    [
      '0983',
      'mo-2022-01.csv',
      declaratieCsv({ nummer: 'M01', maand: '2022-01', agb: MO.agb, lines: moLines }),
    ],
    [
      '0988',
      'bp-weert-2022-h1.csv',
      taakgerichtCsv([{ gemeente: '0988', aantalClienten: 12, bedrag: 12 * 41500 }]),
    ],
  ];
  for (const [i, [g, name, content]] of files.entries()) {
    const r = await stack.upload(g, name, content, new Date(Date.parse('2023-06-01T09:00:00Z') + i * 60_000));
    expect(r).toBeDefined();
  }
  const router = apiRouter(stack.deps);
  ask = async (path, query, groups) => {
    const res = await router.handle({ method: 'GET', path, query: new URLSearchParams(query), groups });
    const json = (res.headers['content-type'] ?? '').includes('json') ? JSON.parse(res.body) : null;
    return { status: res.status, body: res.body, json };
  };
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe('the scenario (finance, exact)', () => {
  it('has the planned January cells', async () => {
    const maand = await ask('/api/maand', { van: '2022-01', tot: '2022-01' }, ['financien']);
    const cells = maand.json.rijen.map(
      (r: { gemeente: string; taakveld: string; aanbieder: string; clienten: number }) =>
        `${r.gemeente}|${r.taakveld}|${r.aanbieder}=${r.clienten}`,
    );
    expect(cells.sort()).toEqual(['0957|MO|12340006=6', '0988|BW|12340001=6', '0988|MO|12340006=2']);
  });
});

describe('beleid: a hidden count must not be recoverable', () => {
  it('trend minus the visible maand cells of the month does not give a hidden maand cell back', async () => {
    const maand = await ask('/api/maand', { van: '2022-01', tot: '2022-01' }, ['beleid']);
    const trend = await ask('/api/trend', { van: '2022-01', tot: '2022-01' }, ['beleid']);
    const rows = maand.json.rijen as { clienten: number | string }[];
    const hidden = rows.filter((r) => typeof r.clienten === 'string' && r.clienten.startsWith('<'));
    expect(hidden).toHaveLength(1);
    const visible = rows.reduce((s, r) => s + (typeof r.clienten === 'number' ? r.clienten : 0), 0);
    const total = trend.json.rijen[0].clienten;
    // Clients are distinct per row here, so an exact trend gives the hidden cell: 14 − 12 = 2.
    expect(typeof total === 'number' ? total - visible : 'not exact').toBe('not exact');
  });

  it('a two-municipality trend minus their visible maand cells does not give a hidden maand cell back', async () => {
    const maand = await ask('/api/maand', { van: '2022-01', tot: '2022-01', gemeente: '0988,0957' }, [
      'beleid',
    ]);
    const trend = await ask('/api/trend', { van: '2022-01', tot: '2022-01', gemeente: '0988,0957' }, [
      'beleid',
    ]);
    const rows = maand.json.rijen as { clienten: number | string }[];
    const visible = rows.reduce((s, r) => s + (typeof r.clienten === 'number' ? r.clienten : 0), 0);
    const total = trend.json.rijen[0].clienten;
    expect(typeof total === 'number' ? total - visible : 'not exact').toBe('not exact');
  });

  it('the volume beside a hidden client count (JSON) does not give the count back', async () => {
    const maand = await ask('/api/maand', { van: '2022-01', tot: '2022-01' }, ['beleid']);
    const row = maand.json.rijen.find(
      (r: { gemeente: string; taakveld: string }) => r.gemeente === '0988' && r.taakveld === 'MO',
    );
    expect(row.clienten).toBe('<5');
    // 62 etmalen in a month of 31 days: two clients the whole month.
    expect(row.volume).not.toEqual({ '14': 62 });
  });

  it('the volume beside a hidden client count (CSV) does not give the count back', async () => {
    const csv = await ask('/api/maand', { van: '2022-01', tot: '2022-01', format: 'csv' }, ['beleid']);
    const row = csvRows(csv.body).find((r) => r.Herkomstgemeente === '0988' && r.Taakveld === 'MO')!;
    expect(row['Cliënten']).toBe('<5');
    expect(row.Volume).not.toBe('62 × 14');
  });
});

describe('the regional export: parameters', () => {
  it('refuses a period longer than the views allow (120 months), as every view does', async () => {
    const view = await ask('/api/trend', { van: '2000-01', tot: '2049-12' }, ['beleid']);
    expect(view.status).toBe(400);
    const exp = await ask('/api/export', { van: '2000-01', tot: '2049-12' }, ['beleid']);
    expect(exp.status).toBe(400);
  });

  it('answers a first month before the year 1000 with 400, not an exception', async () => {
    const outcome = await ask('/api/export', { van: '0999-01', tot: '2022-12' }, ['beleid']).then(
      (a) => a.status,
      (err: Error) => `exception: ${err.message}`,
    );
    expect(outcome).toBe(400);
  });
});

describe('budget', () => {
  it('counts the B&P taakgericht costs of the year against the B&P budget', async () => {
    const taak = await ask('/api/taakgericht', { van: '2022-01', tot: '2022-12', gemeente: '0988' }, [
      'financien',
    ]);
    expect(taak.json.totaal.bedrag).toBe(12 * 41500);
    const budget = await ask('/api/budget', { jaar: '2022', gemeente: '0988', taakveld: 'BP' }, [
      'financien',
    ]);
    expect(budget.json.rijen).toHaveLength(1);
    expect(budget.json.rijen[0].budget).toBeGreaterThan(0);
    expect(budget.json.rijen[0].toegekend).toBe(12 * 41500);
  });
});

/**
 * What finance, policy and a backoffice get from the API on a small region data set run through the real pipeline
 * (Venlo, the centrumgemeente, delivers toewijzingen for Weert, Roermond, Horst and itself, two months of
 * declarations with a credit and two rejected lines, and a B&P report): a backoffice's settlement statement keeps
 * the region's totals, beleid gets no exact small counts per file, error answers repeat no BSN, and a backoffice's
 * default period comes from its own clients' data.
 */
import { apiRouter } from '../../pipeline/api/router';
import { csvRows } from '../helpers/csv-rows';
import { BSN_A } from '../helpers/scenario';
import { smallRegionFiles } from '../helpers/small-region';
import { type Stack, startStack } from '../helpers/stack';

/** An API answer; `json` as parsed (its shape is what each test looks at). */
interface Answer {
  readonly status: number;
  readonly body: string;
  // biome-ignore lint/suspicious/noExplicitAny: the tests read answers of many shapes
  readonly json: any;
}

interface Fixture {
  stack: Stack;
  ask(path: string, query: Record<string, string>, groups: string[]): Promise<Answer>;
}

async function fixture(): Promise<Fixture> {
  const stack = await startStack();
  // Delivered a few minutes apart, as the files of a morning.
  for (const [i, { name, content }] of smallRegionFiles({ onbekendeToewijzing: true }).entries())
    await stack.upload('0983', name, content, new Date(Date.parse('2023-06-01T09:00:00Z') + i * 600_000));
  const router = apiRouter(stack.deps);
  return {
    stack,
    async ask(path, query, groups) {
      const res = await router.handle({ method: 'GET', path, query: new URLSearchParams(query), groups });
      const json = (res.headers['content-type'] ?? '').includes('json') ? JSON.parse(res.body) : null;
      return { status: res.status, body: res.body, json };
    },
  };
}

let f: Fixture;
beforeAll(async () => {
  f = await fixture();
}, 120_000);
afterAll(async () => {
  await f?.stack.close();
});

describe('settlement statement for a backoffice', () => {
  it('gives the scheme total row the regional "Zorgkosten tot nu", like every other cell of that row (CSV)', async () => {
    const fin = csvRows(
      (await f.ask('/api/verevening', { jaar: '2022', format: 'csv' }, ['financien'])).body,
    );
    const own = csvRows(
      (await f.ask('/api/verevening', { jaar: '2022', format: 'csv' }, ['backoffice-0988'])).body,
    );
    for (const regeling of ['Noord-Limburg BW', 'Midden-Limburg BW, MO en B&P']) {
      const finTotaal = fin.find((r) => r.Regeling === regeling && r.Gemeente === 'totaal')!;
      const ownTotaal = own.find((r) => r.Regeling === regeling && r.Gemeente === 'totaal')!;
      // The row carries the regional totals (inleg, projected costs, result): the costs known so far must be the
      // same regional figure, else the row does not reconcile (projection = known × 12 / 6).
      expect(ownTotaal['Inleg (cent)']).toBe(finTotaal['Inleg (cent)']);
      expect(ownTotaal['Zorgkosten tot nu (cent)']).toBe(finTotaal['Zorgkosten tot nu (cent)']);
    }
  });

  it('gives the scheme total row the regional "Zorgkosten tot nu" (HTML)', async () => {
    const fin = (await f.ask('/api/verevening', { jaar: '2022', format: 'html' }, ['financien'])).body;
    const own = (await f.ask('/api/verevening', { jaar: '2022', format: 'html' }, ['backoffice-0988'])).body;
    const totaalRijen = (html: string) =>
      [...html.matchAll(/<tr class="totaal"><th scope="row">Totaal<\/th>.*?<\/tr>/g)].map((m) => m[0]);
    expect(totaalRijen(own)).toEqual(totaalRijen(fin));
  });
});

describe('small counts for beleid', () => {
  it('does not give beleid the exact rejected-line counts per file that the afwijzingen view suppresses', async () => {
    const view = await f.ask('/api/afwijzingen', { van: '2022-01', tot: '2022-02' }, ['beleid']);
    // The view hides these counts (1 line each) as "<5".
    expect(view.json.rijen.map((r: { regels: unknown }) => r.regels)).toEqual(['<5', '<5']);
    const files = await f.ask('/api/bestanden/0983', {}, ['beleid']);
    expect(files.status).toBe(403);
    const exact = (files.json?.bestanden ?? []).filter(
      (b: { afgewezen: unknown; topRetourcodes: { aantal: unknown }[] }) =>
        (typeof b.afgewezen === 'number' && b.afgewezen > 0 && b.afgewezen < 5) ||
        b.topRetourcodes.some((t) => typeof t.aantal === 'number' && t.aantal > 0 && t.aantal < 5),
    );
    expect(exact).toEqual([]);
  });
});

describe('error answers', () => {
  it('does not echo a BSN from the path in a 404', async () => {
    const r = await f.ask(`/api/${BSN_A}`, {}, ['financien']);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain(BSN_A);
    const s = await f.ask(`/api/verevening/${BSN_A}`, {}, ['financien']);
    expect(s.status).toBe(404);
    expect(s.body).not.toContain(BSN_A);
  });

  it('does not echo a BSN given as a parameter name in a 400', async () => {
    for (const path of ['/api/maand', '/api/export', '/api/verevening']) {
      const r = await f.ask(path, { van: '2022-01', tot: '2022-02', jaar: '2022', [BSN_A]: 'x' }, [
        'financien',
      ]);
      expect(r.status).toBe(400);
      expect(r.body).not.toContain(BSN_A);
    }
  });

  it('says "unknown parameter", not "given twice", for a parameter named like an Object property', async () => {
    const r = await f.ask('/api/stand', { datum: '2022-01-15', constructor: '1' }, ['financien']);
    expect(r.status).toBe(400);
    expect(r.json.fout).toContain('onbekende parameter');
  });
});

describe('region metadata for a backoffice', () => {
  it("derives a backoffice's default period from its own data, not from other municipalities' declarations", async () => {
    // Nederweert (0946) has no data at all; the months come from Venlo's files about other municipalities.
    const r = await f.ask('/api/regio', {}, ['backoffice-0946']);
    expect(r.json.perioden).toEqual({ eersteMaand: null, laatsteMaand: null });
  });
});

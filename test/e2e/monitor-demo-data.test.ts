/**
 * The monitor page on the data set of `bwmo demo` (seed 42, 2021-01 … 2021-06, the centrumgemeente delivers every
 * file), in headless Chromium against `bwmo serve` in-process: what a policy adviser, a controller and a backoffice
 * read on it agrees with itself, and no hidden count can be worked out from what it shows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoSet } from '../../cli/demo';
import { generate } from '../../examples/generator/generate';
import { writeGenerated } from '../../examples/generator/write';
import { logger } from '../../functions/aws';
import { loadRegion } from '../../pipeline/region/load';
import type { Serving } from '../../serve/serve';
import { launchBrowser } from '../helpers/browser';
import { handToServe, startQuietServe } from '../helpers/serve';
import { NML } from '../helpers/stack';

jest.setTimeout(300_000);

interface PageWindow {
  readonly document: { readonly body: { readonly dataset: Record<string, string | undefined> } };
  readonly location: { readonly search: string };
}

let dir: string;
let serving: Serving;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function openPage(groups?: string, query = ''): Promise<Page> {
  const context = await browser.newContext({
    locale: 'nl-NL',
    viewport: { width: 1280, height: 900 },
    ...(groups ? { extraHTTPHeaders: { 'X-Bwmo-Groepen': groups } } : {}),
  });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${serving.http}/${query}`);
  await settledOrFailed(page);
  return page;
}

/** Waits until the page has finished a refresh (klaar or fout) whose address contains `query`. */
async function settledOrFailed(page: Page, query = ''): Promise<string> {
  await page.waitForFunction((q) => {
    const w = globalThis as unknown as PageWindow;
    return ['klaar', 'fout'].includes(w.document.body.dataset.state ?? '') && w.location.search.includes(q);
  }, query);
  return page.evaluate(() => (globalThis as unknown as PageWindow).document.body.dataset.state ?? '');
}

async function rowTexts(page: Page, selector: string): Promise<string[][]> {
  const rows = await page.locator(selector).all();
  return Promise.all(
    rows.map(async (r) => (await r.locator('th, td').allTextContents()).map((t) => t.trim())),
  );
}

/** The spreiding table ("Toon als tabel"): herkomst|vestiging → the cell as shown. */
async function spreidingCells(page: Page): Promise<Map<string, string>> {
  const rows = await rowTexts(page, '[data-testid="spreiding-tabel"] tbody tr');
  return new Map(rows.map(([h, v, c]) => [`${h}|${v}`, c]));
}

/** € 13.789.452,10 → 1378945210 */
const cents = (text: string): number => Number(text.replace(/[^0-9,-]/g, '').replace(',', ''));

const exact = (text: string | undefined): number | null =>
  text !== undefined && /^[0-9.]+$/.test(text) ? Number(text.replace(/\./g, '')) : null;

beforeAll(async () => {
  logger.setLogLevel('SILENT');
  dir = await mkdtemp(join(tmpdir(), 'bwmo-review-'));
  const generated = generate(await loadRegion(NML), demoSet(42));
  const filesDir = join(dir, 'bestanden');
  const manifest = await writeGenerated(generated, filesDir);
  serving = await startQuietServe(join(dir, 'data'));
  await handToServe(serving, filesDir, manifest.files);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await serving?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the monitor page on the demo data', () => {
  it('policy adviser: no "<5" spreiding cell can be worked out from exact figures the page shows (stand, spreiding per taakveld)', async () => {
    const page = await openPage();
    // Stand per municipality and taakveld (not filtered by taakveld).
    const stand = new Map(
      (await rowTexts(page, '[data-testid="stand-rij"]')).map(([naam, BW, MO, BWO]) => [
        naam,
        { BW, MO, BWO },
      ]),
    );
    const cells: Record<string, Map<string, string>> = { '': await spreidingCells(page) };
    const taakveld = page.getByLabel('Taakveld', { exact: true });
    for (const tv of ['BW', 'MO', 'BWO']) {
      await taakveld.selectOption(tv);
      expect(await settledOrFailed(page, `taakveld=${tv}`)).toBe('klaar');
      await page.evaluate(() => {
        const doc = (
          globalThis as unknown as { document: { querySelectorAll(s: string): { open: boolean }[] } }
        ).document;
        for (const d of doc.querySelectorAll('details')) d.open = true;
      });
      cells[tv] = await spreidingCells(page);
    }
    const derived: string[] = [];
    // 1. A cell over all taakvelden that is shown exactly is the sum of its cells per taakveld (absent: 0): with
    //    exactly one of those not shown exactly, that one follows.
    const known = {
      BW: new Map<string, number>(),
      MO: new Map<string, number>(),
      BWO: new Map<string, number>(),
    };
    for (const tv of ['BW', 'MO', 'BWO'] as const)
      for (const [k, v] of cells[tv]) if (exact(v) !== null) known[tv].set(k, exact(v)!);
    for (const [k, v] of cells['']) {
      const whole = exact(v);
      if (whole === null) continue;
      const open = (['BW', 'MO', 'BWO'] as const).filter((tv) => cells[tv].has(k) && !known[tv].has(k));
      if (open.length !== 1) continue;
      const rest = (['BW', 'MO', 'BWO'] as const)
        .filter((tv) => tv !== open[0])
        .reduce((s, tv) => s + (known[tv].get(k) ?? 0), 0);
      known[open[0]].set(k, whole - rest);
      derived.push(`${open[0]} ${k}: shown ${cells[open[0]].get(k)}, = ${v} − ${rest} = ${whole - rest}`);
    }
    // 2. The cells of one municipality of origin in a taakveld add up to the stand's exact count for it.
    for (const tv of ['BW', 'MO', 'BWO'] as const) {
      for (const [naam, row] of stand) {
        const total = exact(row[tv]);
        if (total === null) continue;
        const mine = [...cells[tv].keys()].filter((k) => k.startsWith(`${naam}|`));
        const open = mine.filter((k) => !known[tv].has(k));
        if (open.length !== 1 || cells[tv].get(open[0]) !== '<5') continue;
        const rest = mine.filter((k) => k !== open[0]).reduce((s, k) => s + known[tv].get(k)!, 0);
        derived.push(`${tv} ${open[0]}: shown <5, = stand ${row[tv]} − ${rest} = ${total - rest}`);
      }
    }
    expect(derived).toEqual([]);
  });

  it('taakveld BP: every panel loads (or says it cannot filter on it) instead of a 400 error', async () => {
    const page = await openPage();
    await page.getByLabel('Taakveld', { exact: true }).selectOption('BP');
    const state = await settledOrFailed(page, 'taakveld=BP');
    const errors = await page.locator('[data-testid^="fout-"]').allTextContents();
    expect(errors).toEqual([]);
    expect(state).toBe('klaar');
  });

  it('backoffice of a municipality whose files another delivers: the rejections panel says whose files it covers', async () => {
    const page = await openPage('backoffice-0889');
    // Beesel's clients had rejected amounts in the period (the key figure, over its clients) …
    expect((await page.getByTestId('kc-afgewezen').textContent())!.trim()).not.toBe('€\u00a00,00');
    // … in files Venlo delivered: the panel, over Beesel's own files, says so rather than "no rejections".
    const panel = page.getByTestId('paneel-afwijzingen');
    expect(await panel.locator('[data-sub]').textContent()).toContain(
      'in de bestanden die uw gemeente aanleverde',
    );
    expect(await panel.locator('[data-inhoud]').textContent()).toContain(
      'afwijzingen in bestanden van een andere gemeente staan daar',
    );
  });

  it('controller: the budget total for the same months is "Toegekend in periode" plus the B&P reports of those months', async () => {
    const page = await openPage('financien', '?van=2021-01&tot=2021-06');
    const toegekend = cents((await page.getByTestId('kc-toegekend').textContent())!);
    const foot = await rowTexts(page, '[data-testid="budget-tabel"] tfoot tr');
    // B&P is taakgericht: no declarations, its reports' amounts count against the B&P budget (here all of H1).
    const res = await fetch(`${serving.http}/api/taakgericht?van=2021-01&tot=2021-06`, {
      headers: { 'x-bwmo-groepen': 'financien' },
    });
    const taak = (await res.json()) as {
      rijen: { periodeBegin: string; periodeEind: string; bedrag: number }[];
    };
    expect(taak.rijen.length).toBeGreaterThan(0);
    expect(taak.rijen.every((r) => r.periodeBegin >= '2021-01-01' && r.periodeEind <= '2021-06-30')).toBe(
      true,
    );
    const bp = taak.rijen.reduce((s, r) => s + r.bedrag, 0);
    // Gemeente, Budget, Toegekend, Verschil, Uitgeput
    expect(cents(foot[0][2])).toBe(toegekend + bp);
  });

  it('policy adviser: rounded counts (≈) are not called small, and are not left out of counts in the text', async () => {
    const page = await openPage();
    // Spreiding caption: municipalities with clients in their own municipality.
    const cells = await spreidingCells(page);
    const eigen = [...cells].filter(([k, v]) => k.split('|')[0] === k.split('|')[1] && v !== '0').length;
    const bijschrift = (await page.getByTestId('paneel-spreiding').locator('figcaption').textContent())!;
    expect(bijschrift).toContain(`; ${eigen} gemeenten met cliënten in de eigen gemeente`);
    // Dichtheid: a municipality whose count is ≈90 is not "niet getoond (klein aantal)".
    const rows = await rowTexts(page, '[data-testid="dichtheid-tabel"] tbody tr');
    const rounded = rows.filter((r) => r[2].startsWith('≈')).map((r) => r[0]);
    expect(rounded.length).toBeGreaterThan(0);
    const texts = (await page.locator('[data-testid="dichtheid-grafiek"] text').allTextContents()).map((t) =>
      t.trim(),
    );
    const calledSmall = rounded.filter((n) => texts[texts.indexOf(n) + 1] === 'niet getoond (klein aantal)');
    expect(calledSmall).toEqual([]);
  });
});

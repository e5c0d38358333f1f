/**
 * The monitor page in headless Chromium against the whole local stack (`bwmo serve` in-process): a generated data
 * set for the NML region goes in through the server's ingest hand-off in manifest order, then the page must show
 * exactly what the API answers (the stand with its totals, one mark per figure in every chart, the top rejections),
 * follow its controls when operated with the keyboard, show its errors, meet basic accessibility facts, and carry no
 * BSN anywhere: not in its text and not in any answer it received. A full-page screenshot goes to
 * test-output/monitor.png.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generate } from '../../examples/generator/generate';
import { writeGenerated } from '../../examples/generator/write';
import { logger } from '../../functions/aws';
import { passesElfproef } from '../../pipeline/bsn';
import { loadRegion } from '../../pipeline/region/load';
import type { Serving } from '../../serve/serve';
import { fakeHostedUi, launchBrowser } from '../helpers/browser';
import { handToServe, startQuietServe } from '../helpers/serve';
import { NML } from '../helpers/stack';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');
const SCREENSHOT = join(ROOT, 'test-output', 'monitor.png');

/** The few browser globals the functions run in the page use (the project compiles without the DOM library). */
interface PageElement {
  readonly tagName: string;
  readonly outerHTML: string;
  readonly textContent: string | null;
  readonly labels?: { readonly length: number } | null;
  getAttribute(name: string): string | null;
}
interface PageWindow {
  readonly document: {
    readonly body: { readonly dataset: Record<string, string | undefined> };
    querySelectorAll(selector: string): Iterable<PageElement>;
  };
  readonly location: { readonly search: string };
}

type Cell = number | string | null;
interface ViewAnswer<R = Record<string, Cell>> {
  readonly onderdrukt: boolean;
  readonly drempel: number;
  readonly aantal: number;
  readonly kolommen: readonly { sleutel: string; soort: string }[];
  readonly rijen: readonly R[];
  readonly totaal?: Record<string, number>;
}
interface Regio {
  readonly naam: string;
  readonly drempel: number;
  readonly onderdrukt: boolean;
  readonly perioden: { eersteMaand: string; laatsteMaand: string };
}

let dir: string;
let serving: Serving;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let bsns: readonly string[];
let regio: Regio;
/** Bodies of every API answer the page received. */
const answers: Promise<string>[] = [];
const pageErrors: string[] = [];

const fmt = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('nl-NL') : String(v));
/** The small-cell rule, as the API applies it to rows (and the page to totals). */
const small = (v: Cell, drempel: number): Cell =>
  typeof v === 'number' && v > 0 && v < drempel ? `<${drempel}` : v;
const lastDay = (maand: string) => {
  const [y, m] = maand.split('-').map(Number);
  return `${maand}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};
const monthsBetween = (van: string, tot: string) =>
  (Number(tot.slice(0, 4)) - Number(van.slice(0, 4))) * 12 + Number(tot.slice(5)) - Number(van.slice(5)) + 1;

/** GET from the API as the page does: no role header, so the default role (beleid, suppressed counts). */
async function api<T = ViewAnswer>(path: string): Promise<T> {
  const response = await fetch(`${serving.http}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** Waits until the page has finished a refresh (optionally: one whose address contains `query`). */
async function settled(query = ''): Promise<void> {
  await page.waitForFunction((q) => {
    const w = globalThis as unknown as PageWindow;
    return w.document.body.dataset.state === 'klaar' && w.location.search.includes(q);
  }, query);
}

async function pageState(state: string): Promise<void> {
  await page.waitForFunction(
    (s) => (globalThis as unknown as PageWindow).document.body.dataset.state === s,
    state,
  );
}

/** Texts of the cells of each row of a table (th and td). */
async function rowTexts(testid: string): Promise<string[][]> {
  const rows = await page.getByTestId(testid).all();
  return Promise.all(rows.map(async (r) => (await r.locator('th, td').allInnerTexts()).map((t) => t.trim())));
}

async function expectStandMatches(datum: string, gemeente?: string): Promise<void> {
  const answer = await api(`/api/stand?datum=${datum}${gemeente ? `&gemeente=${gemeente}` : ''}`);
  expect(answer.onderdrukt).toBe(true);
  expect(answer.rijen.length).toBeGreaterThan(0);
  expect(await rowTexts('stand-rij')).toEqual(
    answer.rijen.map((r) => [String(r.naam), fmt(r.BW), fmt(r.MO), fmt(r.BWO), fmt(r.totaal)]),
  );
  const t = answer.totaal!;
  expect(await rowTexts('stand-totaal')).toEqual([
    ['Totaal', ...[t.BW, t.MO, t.BWO, t.totaal].map((v) => fmt(small(v, answer.drempel)))],
  ]);
}

/**
 * Nine-digit runs that pass the 11-proef. File ids (SHA-256 in hex) are taken out first: a run of nine digits
 * inside one passes the 11-proef one time in eleven.
 */
function bsnLike(text: string): string[] {
  return [...text.replace(/[0-9a-f]{64}/gi, ' ').matchAll(/(?<![0-9])[0-9]{9}(?![0-9])/g)]
    .map((m) => m[0])
    .filter(passesElfproef);
}

/**
 * BSN-like values in a JSON answer: every string, and every number except amounts and inhabitants (a nine-digit
 * number of cents passes the 11-proef one time in eleven; a BSN is never an amount).
 */
function bsnLikeInJson(value: unknown, amounts: ReadonlySet<string>, key = ''): string[] {
  if (typeof value === 'string') return bsnLike(value);
  if (typeof value === 'number') return amounts.has(key) ? [] : bsnLike(String(value));
  if (Array.isArray(value)) return value.flatMap((v) => bsnLikeInJson(v, amounts, key));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => bsnLikeInJson(v, amounts, k));
  return [];
}

beforeAll(async () => {
  // The ingest handler logs a line per file to stdout; the test reads reports, not logs.
  logger.setLogLevel('SILENT');
  dir = await mkdtemp(join(tmpdir(), 'bwmo-monitor-'));
  const generated = generate(await loadRegion(NML), {
    seed: 11,
    vanMaand: '2021-01',
    totMaand: '2021-03',
    toewijzer: 'centrum',
    formaat: 'gemengd',
    foutAandeel: 0.15,
    staatFoutAandeel: 0.03,
  });
  bsns = generated.clients.map((c) => c.bsn);
  const filesDir = join(dir, 'bestanden');
  const manifest = await writeGenerated(generated, filesDir);
  serving = await startQuietServe(join(dir, 'data'));
  const reports = await handToServe(serving, filesDir, manifest.files);
  expect(reports.filter((r) => r.status === 'quarantaine')).toEqual([]);
  regio = await api<Regio>('/api/regio');

  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) answers.push(response.text().catch(() => ''));
  });
  await page.goto(`${serving.http}/`);
  await settled();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await serving?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the monitor page on the local stack', () => {
  it('is a Dutch page with landmarks, a link to the settlement page and a label on every control', async () => {
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    for (const role of ['banner', 'navigation', 'main', 'contentinfo'] as const)
      expect(await page.getByRole(role).count()).toBe(1);
    expect(await page.getByTestId('regio-naam').textContent()).toBe(`Regio ${regio.naam}`);
    expect(await page.getByRole('link', { name: 'Verevening' }).getAttribute('href')).toBe('verevening.html');

    for (const label of ['Van (maand)', 'Tot en met (maand)', 'Peildatum', 'Gemeente', 'Taakveld'])
      expect(await page.getByLabel(label, { exact: true }).count()).toBe(1);
    for (const label of ['Cliënten', 'Toegekend', 'Afgewezen'])
      expect(await page.getByRole('radio', { name: label, exact: true }).count()).toBe(1);
    const unlabelled = await page.evaluate(() =>
      [...(globalThis as unknown as PageWindow).document.querySelectorAll('input, select, textarea, button')]
        .filter(
          (el) =>
            !el.labels?.length &&
            !el.getAttribute('aria-label') &&
            !el.getAttribute('aria-labelledby') &&
            !(el.tagName === 'BUTTON' && el.textContent?.trim()),
        )
        .map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
  });

  it('defaults to the months with data and a peildatum on the last day of the last month', async () => {
    const { eersteMaand, laatsteMaand } = regio.perioden;
    expect(await page.getByLabel('Tot en met (maand)', { exact: true }).inputValue()).toBe(laatsteMaand);
    expect(await page.getByLabel('Van (maand)', { exact: true }).inputValue()).toBe(eersteMaand);
    expect(await page.getByLabel('Peildatum', { exact: true }).inputValue()).toBe(lastDay(laatsteMaand));
    expect(await page.getByTestId('status').textContent()).toMatch(/^Bijgewerkt/);
  });

  it('shows the stand exactly as /api/stand answers for the peildatum, Totaal row included', async () => {
    const datum = lastDay(regio.perioden.laatsteMaand);
    await expectStandMatches(datum);
    const answer = await api(`/api/stand?datum=${datum}`);
    expect(await page.getByTestId('kc-clienten').textContent()).toBe(
      fmt(small(answer.totaal!.totaal, answer.drempel)),
    );
    // Suppressed counts are said so on the page.
    expect(answer.rijen.some((r) => r.MO === `<${answer.drempel}` || r.BWO === `<${answer.drempel}`)).toBe(
      true,
    );
    expect(await page.getByTestId('onderdrukt').textContent()).toContain(
      'Aantallen 1–4 worden getoond als <5',
    );
  });

  it('draws every chart with one mark per figure: bars, budget bars, trend points and heat-map cells', async () => {
    const { eersteMaand: van, laatsteMaand: tot } = regio.perioden;
    const datum = lastDay(tot);

    const dichtheid = await api(`/api/dichtheid?datum=${datum}`);
    // A policy adviser sees no rate beside a hidden or rounded count: fewer bars than municipalities.
    const withRate = dichtheid.rijen.filter((r) => typeof r.per10000 === 'number');
    expect(withRate.length).toBeGreaterThan(2);
    expect(await page.getByTestId('dichtheid-staaf').count()).toBe(withRate.length);

    const budget = await api(`/api/budget?jaar=${tot.slice(0, 4)}&tot=${tot}&per=1000`);
    const gemeenten = new Set(budget.rijen.map((r) => r.gemeente));
    expect(gemeenten.size).toBeGreaterThan(5);
    expect(await page.getByTestId('budget-staaf').count()).toBe(gemeenten.size);

    const trend = await api(`/api/trend?van=${van}&tot=${tot}&per=1000`);
    expect(trend.rijen).toHaveLength(monthsBetween(van, tot));
    expect(await page.getByTestId('trend-punt').count()).toBe(
      // A rounded month (≈) is drawn at its tens; only a hidden one (<5) is left out.
      trend.rijen.filter((r) => typeof r.clienten === 'number' || String(r.clienten).startsWith('≈')).length,
    );

    const spreiding = await api(`/api/spreiding?datum=${datum}&per=1000`);
    expect(spreiding.rijen.length).toBeGreaterThan(5);
    const cells = page.getByTestId('spreiding-cel');
    expect(await cells.count()).toBe(spreiding.rijen.length);
    expect((await cells.locator('text').allTextContents()).sort()).toEqual(
      spreiding.rijen.map((r) => fmt(r.clienten)).sort(),
    );
  });

  it('gives every chart a text alternative: an accessible name, a description and the figures as a table', async () => {
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(4);
    for (const name of [
      /^Staafdiagram: Cliënten per 10\.000/,
      /^Staafdiagram: Toegekend bedrag/,
      /^Lijndiagram/,
      /^Warmtekaart/,
    ])
      expect(await page.getByRole('img', { name }).count()).toBe(1);
    for (const chart of await charts.all()) {
      const ids = (await chart.getAttribute('aria-describedby'))!.split(' ');
      expect(ids).toHaveLength(2);
      for (const id of ids)
        expect((await page.locator(`[id="${id}"]`).textContent())!.trim().length).toBeGreaterThan(20);
    }
    for (const table of ['dichtheid-tabel', 'budget-tabel', 'trend-tabel', 'spreiding-tabel'])
      expect(await page.getByTestId(table).count()).toBe(1);
  });

  it('lists the top rejections as /api/afwijzingen ranks them', async () => {
    const { eersteMaand: van, laatsteMaand: tot } = regio.perioden;
    const answer = await api(`/api/afwijzingen?van=${van}&tot=${tot}&per=10`);
    expect(answer.aantal).toBeGreaterThan(0);
    const rows = await rowTexts('afwijzing-rij');
    expect(rows).toHaveLength(Math.min(10, answer.aantal));
    expect(rows.map((r) => r.slice(0, 4))).toEqual(
      answer.rijen.slice(0, 10).map((r) => [r.retourcode, r.tekst, r.aanbieder, fmt(r.regels)]),
    );
  });

  it('offers each table as a CSV download from the same view', async () => {
    const href = await page.getByTestId('download-stand-csv').getAttribute('href');
    expect(href).toBe(`/api/stand?datum=${lastDay(regio.perioden.laatsteMaand)}&format=csv`);
    const response = await fetch(`${serving.http}${href}`);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const csv = await response.text();
    answers.push(Promise.resolve(csv));
    expect(csv.split('\r\n')[0]).toContain('Herkomstgemeente;Naam;BW;MO;BWO;Totaal');
  });

  it('saves a full-page screenshot', async () => {
    await mkdir(join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(20_000);
  });

  it('follows its controls operated with the keyboard: municipality, period and peildatum', async () => {
    const venlo = '0983';
    await page.getByLabel('Gemeente', { exact: true }).focus();
    await page.keyboard.type('Venlo');
    await settled(`gemeente=${venlo}`);
    await expectStandMatches(lastDay(regio.perioden.laatsteMaand), venlo);
    expect(await page.getByTestId('stand-rij').count()).toBe(1);

    // Two months back: the peildatum follows the end of the period until it is chosen.
    const tot = await page.getByLabel('Tot en met (maand)', { exact: true });
    await tot.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    const newTot = await tot.inputValue();
    expect(monthsBetween(newTot, regio.perioden.laatsteMaand)).toBe(3);
    await settled(`tot=${newTot}`);
    expect(await page.getByLabel('Peildatum', { exact: true }).inputValue()).toBe(lastDay(newTot));
    await expectStandMatches(lastDay(newTot), venlo);
    expect(await page.getByTestId('trend-punt').count()).toBe(
      (
        await api(`/api/trend?van=${regio.perioden.eersteMaand}&tot=${newTot}&gemeente=${venlo}&per=1000`)
      ).rijen.filter((r) => typeof r.clienten === 'number').length,
    );

    await page.getByLabel('Peildatum', { exact: true }).fill('2021-02-15');
    await settled('peildatum=2021-02-15');
    await expectStandMatches('2021-02-15', venlo);

    await page.getByLabel('Taakveld', { exact: true }).focus();
    await page.keyboard.type('MO');
    await settled('taakveld=MO');
    const dichtheid = await api(`/api/dichtheid?datum=2021-02-15&gemeente=${venlo}&taakveld=MO`);
    expect(await page.getByTestId('dichtheid-staaf').count()).toBe(
      dichtheid.rijen.filter((r) => typeof r.per10000 === 'number').length,
    );
    // Views that cannot filter on a municipality or taakveld say so instead of pretending.
    expect(await page.getByTestId('paneel-afwijzingen').locator('[data-sub]').textContent()).toContain(
      'niet te filteren op gemeente of taakveld',
    );
  });

  it('refuses a period that ends before it starts, and recovers when it is put right', async () => {
    const before = await rowTexts('stand-rij');
    const van = page.getByLabel('Van (maand)', { exact: true });
    await van.focus();
    await page.keyboard.press('End');
    await pageState('ongeldig');
    expect(await page.getByTestId('filter-fout').textContent()).toMatch(/ligt na ‘tot en met’/);
    expect(await van.getAttribute('aria-invalid')).toBe('true');
    expect(await rowTexts('stand-rij')).toEqual(before);

    await page.keyboard.press('Home');
    await settled(`van=${regio.perioden.eersteMaand}`);
    expect(await page.getByTestId('filter-fout').isHidden()).toBe(true);
    expect(await van.getAttribute('aria-invalid')).toBeNull();
  });

  it('shows an error in the panel whose request fails, keeps the others, and retries', async () => {
    await page.route(
      (url) => url.pathname === '/api/budget',
      (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"fout":"kapot"}' }),
    );
    await page.route(
      (url) => url.pathname === '/api/spreiding',
      (route) =>
        route.fulfill({
          status: 403,
          contentType: 'application/json',
          body: '{"fout":"geen toegang tot deze gemeente"}',
        }),
    );
    await page.getByRole('button', { name: 'Toon cijfers' }).focus();
    await page.keyboard.press('Enter');
    await pageState('fout');
    expect(await page.getByTestId('fout-budget').textContent()).toContain(
      'De server kon deze gegevens nu niet leveren (fout 500)',
    );
    expect(await page.getByTestId('fout-spreiding').textContent()).toContain(
      'U heeft geen toegang tot deze gegevens: geen toegang tot deze gemeente',
    );
    expect(await page.getByTestId('status').textContent()).toBe(
      '2 van de 6 onderdelen konden niet worden geladen.',
    );
    expect(await page.getByTestId('stand-rij').count()).toBe(1);

    await page.unrouteAll();
    await page.getByTestId('fout-budget').getByRole('button', { name: 'Opnieuw proberen' }).click();
    await settled();
    expect(await page.getByTestId('fout-budget').count()).toBe(0);
    expect(await page.getByTestId('budget-grafiek').count()).toBe(1);
  });

  it('with a login in config.json: logs in by authorization code with PKCE and sends the id token to the API', async () => {
    const authorizations: string[] = [];

    const loginPage = await context.newPage();
    try {
      loginPage.on('request', (r) => {
        if (new URL(r.url()).pathname.startsWith('/api/'))
          authorizations.push(r.headers().authorization ?? '');
      });
      // The Hosted UI: the user is known; it sends the browser back with a code and the page's state.
      const { login, idToken, sent } = await fakeHostedUi(loginPage, serving.http);
      await loginPage.goto(`${serving.http}/`);
      await loginPage.waitForFunction(
        () => (globalThis as unknown as PageWindow).document.body.dataset.state === 'klaar',
      );

      expect(Object.fromEntries(sent.authorize)).toMatchObject({
        response_type: 'code',
        client_id: login.clientId,
        redirect_uri: login.redirectUri,
        scope: 'openid email',
        code_challenge_method: 'S256',
      });
      expect(Object.fromEntries(sent.token)).toMatchObject({
        grant_type: 'authorization_code',
        client_id: login.clientId,
        code: 'de-code',
        redirect_uri: login.redirectUri,
      });
      // PKCE: the verifier sent with the code hashes to the challenge sent to the authorize endpoint.
      expect(createHash('sha256').update(sent.token.get('code_verifier')!).digest('base64url')).toBe(
        sent.authorize.get('code_challenge'),
      );
      expect(authorizations.length).toBeGreaterThan(6);
      expect(new Set(authorizations)).toEqual(new Set([`Bearer ${idToken}`]));
      expect(new URL(loginPage.url()).searchParams.has('code')).toBe(false);
      expect(await loginPage.getByRole('button', { name: 'Afmelden' }).isVisible()).toBe(true);
    } finally {
      await loginPage.close();
    }
  });

  it('shows no BSN: not in its text and not in any answer it received', async () => {
    const text = (await page.locator('html').textContent()) ?? '';
    const labels = await page.evaluate(() =>
      [...(globalThis as unknown as PageWindow).document.querySelectorAll('[aria-label], [title]')]
        .map((el) => `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('title') ?? ''}`)
        .join('\n'),
    );
    const bodies = await Promise.all(answers);
    expect(bodies.length).toBeGreaterThan(20);

    expect(bsnLike(text)).toEqual([]);
    expect(bsnLike(labels)).toEqual([]);
    for (const body of bodies) {
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        expect(bsnLike(body)).toEqual([]);
        continue;
      }
      const kolommen = (json as Partial<ViewAnswer>).kolommen ?? [];
      const amounts = new Set(
        kolommen.filter((k) => k.soort === 'cents' || k.soort === 'number').map((k) => k.sleutel),
      );
      expect(bsnLikeInJson(json, amounts)).toEqual([]);
    }
    // And none of the data set's own BSNs, in any form.
    const everything = [text, labels, ...bodies].join('\n');
    expect(bsns.filter((bsn) => everything.includes(bsn))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/**
 * The settlement page in headless Chromium against the whole local stack (`bwmo serve` in process): toewijzingen and
 * declarations go in through the server's ingest hand-off, two provisional versions are stored, and the page must show
 * what the API answers (status, version, input hash, every member's net cost, the versions), the key comparison as a
 * grouped bar chart with a text alternative and a table, the traceability to months and files; be operable with the
 * keyboard; show its errors; meet basic accessibility facts; and carry no BSN. A full-page screenshot goes to
 * test-output/verevening.png.
 */
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { logger } from '../../functions/aws';
import { nextMonth } from '../../pipeline/dates';
import type { Statement } from '../../pipeline/settle/types';
import { loadFiles } from '../../pipeline/state/reader';
import { withdrawFile } from '../../pipeline/withdraw';
import { type Serving, startServe } from '../../serve/serve';
import { fakeHostedUi, launchBrowser } from '../helpers/browser';
import { BSN_A, BSN_B, declaratieCsv, line } from '../helpers/scenario';
import { provisional, TW_VENLO_WEERT } from '../helpers/settle';
import { NML } from '../helpers/stack';

jest.setTimeout(120_000);

const SCREENSHOT = join(__dirname, '..', '..', 'test-output', 'verevening.png');

interface PageWindow {
  readonly document: {
    readonly body: { readonly dataset: Record<string, string | undefined> };
    querySelector(selector: string): { textContent: string | null } | null;
  };
  readonly location: { readonly search: string; readonly pathname: string };
}

let dir: string;
let serving: Serving;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const antwoorden: Promise<string>[] = [];
const paginaFouten: string[] = [];
/** API requests of the page (path and query), and those of its first load. */
const vragen: string[] = [];
let vragenBijLaden: string[] = [];

/** Exact euros as the page writes them. */
const euro = (cents: number) =>
  `${cents < 0 ? '−' : ''}€ ${Math.trunc(Math.abs(cents) / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(Math.abs(cents) % 100).padStart(2, '0')}`;

async function ingest(gemeente: string, naam: string, tekst: string): Promise<void> {
  const res = await fetch(`${serving.http}/lokaal/ingest?gemeente=${gemeente}&naam=${naam}`, {
    method: 'POST',
    body: tekst,
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { status: string }).status).toBe('geaccepteerd');
}

async function maandDeclaratie(maand: string): Promise<void> {
  const nr = maand.replace('-', '');
  await ingest(
    '0983',
    `d-${nr}.csv`,
    declaratieCsv({
      nummer: `D${nr}`,
      maand,
      dagtekening: `${nextMonth(maand)}-01`,
      lines: [line(maand, `A${nr}`), line(maand, `B${nr}`, { bsn: BSN_B, toewijzingNummer: 5002 })],
    }),
  );
}

async function klaar(): Promise<void> {
  await page.waitForFunction(
    () => (globalThis as unknown as PageWindow).document.body.dataset.state === 'klaar',
  );
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${serving.http}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  logger.setLogLevel('SILENT');
  dir = await mkdtemp(join(tmpdir(), 'bwmo-verevening-'));
  serving = await startServe({ data: join(dir, 'data'), region: NML, log: () => undefined });
  await ingest('0983', 'tw.csv', TW_VENLO_WEERT);
  await maandDeclaratie('2021-01');
  await maandDeclaratie('2021-02');
  // Version 1 up to February; version 2 after March came in (the settle function or `bwmo settle` would store them).
  await provisional(serving.deps, 2021, '2021-02', '2021-03-10');
  await maandDeclaratie('2021-03');
  await provisional(serving.deps, 2021, '2021-03', '2021-04-10');

  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (err) => paginaFouten.push(err.message));
  page.on('console', (m) => {
    if (m.type() === 'error') paginaFouten.push(m.text());
  });
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) antwoorden.push(r.text().catch(() => ''));
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) vragen.push(`${url.pathname}${url.search}`);
  });
  await page.goto(`${serving.http}/verevening.html`);
  await klaar();
  vragenBijLaden = [...vragen];
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await serving?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the settlement page', () => {
  it('shows the latest stored statement: VOORLOPIG, its version, input hash and projection', async () => {
    const a = await api<{ overzicht: Statement }>('/api/verevening?jaar=2021');
    expect(a.overzicht.versie).toBe(2);
    expect(await page.getByTestId('statusmerk').textContent()).toBe('VOORLOPIG');
    expect(await page.getByTestId('overzicht-titel').textContent()).toBe(a.overzicht.kop);
    expect(await page.getByTestId('versie').textContent()).toContain('2');
    expect(await page.getByTestId('hash').textContent()).toBe(a.overzicht.invoerHash);
    expect(await page.getByTestId('projectie').textContent()).toContain(
      'VOORLOPIG: kosten bekend tot en met mrt 2021',
    );
    expect(await page.locator('#jaar').inputValue()).toBe('2021');
    expect(await page.getByTestId('regio-naam').textContent()).toBe('Noord- en Midden-Limburg');
  });

  it('every scheme with every member and the net cost the API gives, to the cent', async () => {
    const a = await api<{ overzicht: Statement }>('/api/verevening?jaar=2021');
    const secties = await page.getByTestId('regeling').all();
    expect(secties).toHaveLength(a.overzicht.regelingen.length);
    for (const [i, r] of a.overzicht.regelingen.entries()) {
      expect(await secties[i].locator('h2').textContent()).toBe(r.naam);
      const netto = await secties[i].locator('tbody [data-testid="netto"]').allTextContents();
      expect(netto).toEqual(r.regels.map((l) => euro(l.nettoKosten)));
      expect(await secties[i].getByTestId('resultaat').textContent()).toBe(euro(r.resultaat));
    }
  });

  it('traces the care costs to months and files', async () => {
    const herleiding = page.getByTestId('herleiding').first();
    await herleiding.locator('summary').click();
    const tekst = await herleiding.textContent();
    for (const maand of ['jan 2021', 'feb 2021', 'mrt 2021']) expect(tekst).toContain(maand);
    expect(tekst).toContain('d-202101.csv');
  });

  it('computes the year once per load: the key comparison comes with the statement', async () => {
    expect(vragenBijLaden.filter((v) => v.startsWith('/api/verevening')).sort()).toEqual([
      '/api/verevening/versies?jaar=2021',
      '/api/verevening?jaar=2021&vergelijking=ja',
    ]);
  });

  it('the key comparison as a grouped bar chart with a text alternative and a table', async () => {
    const v = await api<{ vergelijking: { scenarios: string[]; regelingen: { leden: unknown[] }[] } }>(
      '/api/verevening/scenarios?jaar=2021&tot=2021-03',
    );
    const grafieken = await page.getByTestId('grafiek-scenarios').all();
    expect(grafieken).toHaveLength(v.vergelijking.regelingen.length);
    for (const [i, g] of grafieken.entries()) {
      expect(await g.getAttribute('role')).toBe('img');
      const titel = await g.getAttribute('aria-labelledby');
      const desc = await g.getAttribute('aria-describedby');
      expect(await page.locator(`[id="${titel}"]`).textContent()).toMatch(
        /^Netto kosten per gemeente onder 5 sleutels/,
      );
      expect(await page.locator(`[id="${desc}"]`).textContent()).toContain('De tabel onder de grafiek');
      expect(await g.locator('rect.staaf').count()).toBe(
        v.vergelijking.regelingen[i].leden.length * v.vergelijking.scenarios.length,
      );
    }
    const tabel = page.getByTestId('scenario-regeling').first().locator('table');
    expect(await tabel.locator('thead th').allTextContents()).toEqual([
      'Gemeente',
      'huidige sleutel (basis)',
      '100% inleg',
      'verschil',
      '100% gebruik',
      'verschil',
      '50% inleg / 50% gebruik',
      'verschil',
      '100% inwoners',
      'verschil',
    ]);
  });

  it('lists the stored versions and shows an earlier one on request', async () => {
    const rijen = page.getByTestId('versies').locator('tbody tr');
    expect(await rijen.count()).toBe(2);
    await page.getByRole('button', { name: 'Toon versie 1' }).click();
    await page.waitForFunction(() =>
      (globalThis as unknown as PageWindow).location.search.includes('versie=1'),
    );
    await klaar();
    expect(await page.getByTestId('versie').textContent()).toBe('1');
    expect(await page.getByTestId('projectie').textContent()).toContain('feb 2021');
  });

  it('is operated with the keyboard: a month gives a provisional statement up to that month', async () => {
    await page.locator('#jaar').focus();
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement
            .id,
      ),
    ).toBe('tot');
    await page.locator('#tot').selectOption('2021-01');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      (globalThis as unknown as PageWindow).location.search.includes('tot=2021-01'),
    );
    await klaar();
    expect(await page.getByTestId('versie').textContent()).toBe(
      '3 (berekend, niet vastgelegd) · vorige: versie 2 (voorlopig)',
    );
    expect(await page.getByTestId('projectie').textContent()).toContain('jan 2021');
  });

  it('shows an error from the API in Dutch', async () => {
    await page.goto(`${serving.http}/verevening.html?jaar=2021&versie=9`);
    await page.waitForFunction(
      () => (globalThis as unknown as PageWindow).document.body.dataset.state === 'fout',
    );
    expect(await page.getByTestId('status').textContent()).toBe(
      'De vraag aan de server klopt niet: er is geen versie 9 van de verevening 2021.',
    );
  });

  it('basic accessibility: Dutch, landmarks, labelled controls, captioned tables; screenshot', async () => {
    await page.goto(`${serving.http}/verevening.html?jaar=2021`);
    await klaar();
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.locator('nav[aria-label]').count()).toBe(1);
    for (const id of ['jaar', 'tot']) expect(await page.locator(`label[for="${id}"]`).count()).toBe(1);
    const tabellen = await page.locator('table').count();
    expect(tabellen).toBeGreaterThan(5);
    expect(await page.locator('table > caption').count()).toBe(tabellen);
    expect(await page.locator('a[href="index.html"]').count()).toBe(1);
    await mkdir(join(__dirname, '..', '..', 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(10_000);
  });

  it('with a login: signed in from this page, the one callback URL (the monitor) sends the user back here', async () => {
    const vereveningVragen: string[] = [];
    const aanmeldPagina = await context.newPage();
    try {
      aanmeldPagina.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/verevening'))
          vereveningVragen.push(r.headers().authorization ?? '(geen)');
      });
      // The Hosted UI sends the browser to the registered callback URL, the monitor.
      const { idToken } = await fakeHostedUi(aanmeldPagina, serving.http);
      await aanmeldPagina.goto(`${serving.http}/verevening.html?jaar=2021`);
      await aanmeldPagina.waitForFunction(() => {
        const w = globalThis as unknown as PageWindow;
        return w.location.pathname === '/verevening.html' && w.document.body.dataset.state === 'klaar';
      });
      const adres = new URL(aanmeldPagina.url());
      expect([adres.pathname, adres.search]).toEqual(['/verevening.html', '?jaar=2021']);
      expect(vereveningVragen.length).toBeGreaterThan(1);
      expect(new Set(vereveningVragen)).toEqual(new Set([`Bearer ${idToken}`]));
      expect(await aanmeldPagina.getByRole('button', { name: 'Afmelden' }).isVisible()).toBe(true);
    } finally {
      await aanmeldPagina.close();
    }
  });

  it('no BSN on the page or in any answer it received, and no script errors', async () => {
    const tekst = await page.locator('body').textContent();
    for (const t of [tekst, ...(await Promise.all(antwoorden))])
      expect(t).not.toMatch(new RegExp(`${BSN_A}|${BSN_B}`));
    expect(antwoorden.length).toBeGreaterThan(10);
    expect(paginaFouten.filter((f) => !f.includes('status of 400'))).toEqual([]);
  });

  it('figures changed since the stored statement: the reason instead of the key comparison, the rest drawn', async () => {
    // January's declaration withdrawn: the figures of version 2 changed.
    const records = await loadFiles(serving.deps.store, '0983');
    const januari = [...records.values()].find((r) => r.name.endsWith('d-202101.csv'))!;
    await withdrawFile(serving.deps.store, ['0983'], januari.fileId, 'verkeerd');
    const a = await api<{ melding?: string; vergelijking: unknown; overzicht: Statement }>(
      '/api/verevening?jaar=2021&vergelijking=ja',
    );
    expect(a.vergelijking).toBeNull();
    expect(a.melding).toContain('De sleutelvergelijking is weggelaten');
    const eerder = paginaFouten.length;
    await page.goto(`${serving.http}/verevening.html`);
    await page.waitForFunction(() =>
      ['klaar', 'fout'].includes((globalThis as unknown as PageWindow).document.body.dataset.state ?? ''),
    );
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).document.body.dataset.state)).toBe(
      'klaar',
    );
    expect(await page.locator('#scenarios').textContent()).toContain(a.melding);
    expect(await page.getByTestId('regeling').count()).toBe(a.overzicht.regelingen.length);
    expect(paginaFouten.slice(eerder)).toEqual([]);
  });
});

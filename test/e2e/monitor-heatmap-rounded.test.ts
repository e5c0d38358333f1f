/**
 * The monitor page in headless Chromium, as a policy adviser sees it: the spreiding heat map colours a rounded count
 * ("≈130") at its tens, as the charts draw it, and a hidden one ("<5") at the palest step. /api/regio and
 * /api/spreiding are answered with what the API gives the beleid role, on `bwmo serve` with an empty data folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { logger } from '../../functions/aws';
import type { Serving } from '../../serve/serve';
import { launchBrowser } from '../helpers/browser';
import { startQuietServe } from '../helpers/serve';

jest.setTimeout(120_000);

let dir: string;
let serving: Serving;
let browser: Browser;
let page: Page;

const cel = (herkomst: string, hn: string, vestiging: string, vn: string, clienten: number | string) => ({
  herkomst,
  vestiging,
  clienten,
  herkomstNaam: hn,
  vestigingNaam: vn,
  bestanden: [],
});

const SPREIDING = {
  weergave: 'spreiding',
  titel: 'Spreiding',
  parameters: { datum: '2021-06-30' },
  datum: '2021-06-30',
  onderdrukt: true,
  drempel: 5,
  aantal: 4,
  pagina: 1,
  per: 1000,
  paginas: 1,
  kolommen: [
    { sleutel: 'herkomst', kop: 'Herkomstgemeente', soort: 'text' },
    { sleutel: 'herkomstNaam', kop: 'Naam herkomst', soort: 'text' },
    { sleutel: 'vestiging', kop: 'Vestigingsgemeente', soort: 'text' },
    { sleutel: 'vestigingNaam', kop: 'Naam vestiging', soort: 'text' },
    { sleutel: 'clienten', kop: 'Cliënten', soort: 'count' },
    { sleutel: 'bestanden', kop: 'Bestanden', soort: 'text' },
  ],
  rijen: [
    cel('0957', 'Roermond', '0988', 'Weert', 51),
    cel('0983', 'Venlo', '0983', 'Venlo', '≈130'),
    cel('0983', 'Venlo', '0957', 'Roermond', '<5'),
    cel('0988', 'Weert', '0988', 'Weert', 59),
  ],
  bronnen: {},
};

beforeAll(async () => {
  logger.setLogLevel('SILENT');
  dir = await mkdtemp(join(tmpdir(), 'bwmo-heat-'));
  serving = await startQuietServe(join(dir, 'data'));
  browser = await launchBrowser();
  page = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
  await page.route(
    (url) => url.pathname === '/api/regio',
    async (route) => {
      const res = await route.fetch();
      const regio = await res.json();
      await route.fulfill({
        response: res,
        json: { ...regio, perioden: { eersteMaand: '2021-01', laatsteMaand: '2021-06' } },
      });
    },
  );
  await page.route(
    (url) => url.pathname === '/api/spreiding',
    (route) => route.fulfill({ json: SPREIDING }),
  );
  await page.goto(`${serving.http}/`);
  await page.waitForSelector('[data-testid=spreiding-cel]');
});

afterAll(async () => {
  await browser?.close();
  await serving?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const luminance = (hex: string): number => {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

async function fillOf(title: string): Promise<string | null> {
  return page.evaluate((t) => {
    // biome-ignore lint/suspicious/noExplicitAny: browser globals
    const doc = (globalThis as any).document;
    for (const g of doc.querySelectorAll('[data-testid=spreiding-cel]')) {
      const rect = g.querySelector('rect');
      if (rect?.querySelector('title')?.textContent === t) return rect.getAttribute('fill');
    }
    return null;
  }, title);
}

describe('the spreiding heat map', () => {
  it('shows the rounded and hidden counts as the API gives them', async () => {
    const texts = await page.$$eval('[data-testid=spreiding-cel] text', (els) =>
      els.map((e) => e.textContent),
    );
    expect(texts).toEqual(expect.arrayContaining(['≈130', '<5', '51', '59']));
  });

  it('does not colour a rounded "≈130" like a hidden "<5"', async () => {
    const rounded = await fillOf('Venlo → Venlo: ≈130 cliënten');
    const hidden = await fillOf('Venlo → Roermond: <5 cliënten');
    expect(rounded).not.toBeNull();
    expect(rounded).not.toBe(hidden);
  });

  it('colours "≈130" at least as dark as "51" (drawn at its tens)', async () => {
    const rounded = await fillOf('Venlo → Venlo: ≈130 cliënten');
    const largestExact = await fillOf('Roermond → Weert: 51 cliënten');
    // Darker is a lower luminance: 130 clients must not look like fewer than 51.
    expect(luminance(rounded!)).toBeLessThanOrEqual(luminance(largestExact!));
  });
});

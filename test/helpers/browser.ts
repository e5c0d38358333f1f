/**
 * Headless Chromium for the browser tests: playwright-core driving the system's Chromium (Debian's package at
 * /usr/bin/chromium, or BWMO_CHROMIUM), so the tests need no browser download.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.BWMO_CHROMIUM ?? '/usr/bin/chromium';

/** Whether a Chromium is installed where the tests look for it. */
export const hasChromium = (): boolean => existsSync(CHROMIUM);

export async function launchBrowser(): Promise<Browser> {
  if (!hasChromium())
    throw new Error(`geen Chromium op ${CHROMIUM}; installeer het pakket chromium of zet BWMO_CHROMIUM`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // --no-sandbox: containers and CI runners usually lack the user namespaces Chromium's sandbox needs;
    // --lang: date fields the Dutch way where Chromium has the Dutch locale (Debian: package chromium-l10n).
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=nl-NL'],
  });
}

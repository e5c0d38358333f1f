/**
 * Headless Chromium for the browser tests: playwright-core driving the system's Chromium (Debian's package at
 * /usr/bin/chromium, or BWMO_CHROMIUM), so the tests need no browser download.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.BWMO_CHROMIUM ?? '/usr/bin/chromium';

/** Whether a Chromium is installed where the tests look for it. */
export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** What the page sent to the stand-in Hosted UI (fakeHostedUi). */
export interface HostedUiRequests {
  authorize: URLSearchParams;
  token: URLSearchParams;
}

/**
 * A login in config.json and a stand-in for the Cognito Hosted UI at `${origin}/cognito`, on one page: the user is
 * known, authorize sends the browser to the one callback URL (`${origin}/`, the monitor) with a code and the page's
 * state, and the token endpoint answers with an unsigned id token valid for an hour. Returns the login, the token
 * and what the page sent.
 */
export async function fakeHostedUi(page: Page, origin: string) {
  const login = { domain: `${origin}/cognito`, clientId: 'monitor-test', redirectUri: `${origin}/` };
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const idToken = `${b64({ alg: 'none' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600 })}.x`;
  const sent: HostedUiRequests = { authorize: new URLSearchParams(), token: new URLSearchParams() };
  await page.route(
    (url) => url.pathname === '/config.json',
    (route) => route.fulfill({ json: { api: '', login } }),
  );
  await page.route(
    (url) => url.pathname === '/cognito/oauth2/authorize',
    (route) => {
      sent.authorize = new URL(route.request().url()).searchParams;
      const state = encodeURIComponent(sent.authorize.get('state')!);
      return route.fulfill({ status: 302, headers: { location: `${origin}/?code=de-code&state=${state}` } });
    },
  );
  await page.route(
    (url) => url.pathname === '/cognito/oauth2/token',
    (route) => {
      sent.token = new URLSearchParams(route.request().postData() ?? '');
      return route.fulfill({ json: { id_token: idToken, access_token: 'a', token_type: 'Bearer' } });
    },
  );
  return { login, idToken, sent };
}

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

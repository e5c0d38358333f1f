/**
 * Login with the Cognito Hosted UI: OAuth 2.0 authorization code flow with PKCE, only used when config.json has a
 * `login` block ({domain, clientId, redirectUri}); locally there is no login. The id token is kept in
 * sessionStorage (gone when the tab closes) and sent as `Authorization: Bearer …` with every API call.
 */

/** A login that failed, with a message fit to show. */
export class AanmeldFout extends Error {
  constructor(message) {
    super(message);
    this.name = 'AanmeldFout';
  }
}

const TOKEN = 'bwmo.idToken';
const VERIFIER = 'bwmo.pkceVerifier';
const STATE = 'bwmo.oauthState';
const RETURN_TO = 'bwmo.terugNaar';

/** base64url without padding, as RFC 7636 wants it. */
function base64url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(size) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

async function challengeFor(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

/** Seconds since the epoch at which a JWT expires (0 when unreadable). */
function expiresAt(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return Number(JSON.parse(atob(payload)).exp) || 0;
  } catch {
    return 0;
  }
}

function storedToken() {
  const token = sessionStorage.getItem(TOKEN);
  // Why a margin: a token that expires during the next requests would give a 401 half-way through a refresh.
  return token && expiresAt(token) - 60 > Date.now() / 1000 ? token : null;
}

/** Sends the browser to the Hosted UI; the returned promise never settles because the page goes away. */
async function redirectToLogin(login) {
  const verifier = randomString(48);
  const state = randomString(24);
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  // The whole address: the Hosted UI sends every page back to the one callback URL (the monitor).
  sessionStorage.setItem(RETURN_TO, `${location.pathname}${location.search}`);
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: login.clientId,
    redirect_uri: login.redirectUri,
    scope: 'openid email',
    state,
    code_challenge: await challengeFor(verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`${login.domain}/oauth2/authorize?${params}`);
  return new Promise(() => {});
}

/** Exchanges the code from the redirect for tokens and restores the address the user started from. */
async function exchangeCode(login, code, state) {
  const expected = sessionStorage.getItem(STATE);
  const verifier = sessionStorage.getItem(VERIFIER);
  sessionStorage.removeItem(STATE);
  sessionStorage.removeItem(VERIFIER);
  if (!expected || state !== expected || !verifier)
    throw new AanmeldFout('De aanmelding is niet geldig (state klopt niet).');
  const response = await fetch(`${login.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: login.clientId,
      code,
      redirect_uri: login.redirectUri,
      code_verifier: verifier,
    }),
  });
  if (!response.ok) throw new AanmeldFout(`Aanmelden is mislukt (fout ${response.status}).`);
  const { id_token: idToken } = await response.json();
  if (!idToken) throw new AanmeldFout('Aanmelden is mislukt: geen token ontvangen.');
  sessionStorage.setItem(TOKEN, idToken);
  const returnTo = sessionStorage.getItem(RETURN_TO) ?? location.pathname;
  sessionStorage.removeItem(RETURN_TO);
  const terug = new URL(returnTo, location.href);
  if (terug.origin === location.origin && terug.pathname !== location.pathname) {
    // Signed in from another page (the settlement): go back there; it finds the token in this session.
    location.replace(`${terug.pathname}${terug.search}`);
    return new Promise(() => {});
  }
  history.replaceState(null, '', `${location.pathname}${terug.search}`);
  return idToken;
}

/**
 * The id token for API calls: from this session, from the code in the address after the Hosted UI sent the user
 * back, or by sending the user to the Hosted UI.
 */
export async function idToken(login) {
  const token = storedToken();
  if (token) return token;
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (code) return exchangeCode(login, code, params.get('state'));
  return redirectToLogin(login);
}

/** After a 401: the token is no longer accepted; log in again. */
export function forgetToken() {
  sessionStorage.removeItem(TOKEN);
}

/** Ends the session here and at the Hosted UI (its logout_uri must be registered as a sign-out URL). */
export function logout(login) {
  forgetToken();
  const params = new URLSearchParams({ client_id: login.clientId, logout_uri: login.redirectUri });
  location.assign(`${login.domain}/logout?${params}`);
}

/** With a login (on AWS): shows the page's sign-out button (#gebruiker, #afmelden). */
export function showLogout(login) {
  if (!login) return;
  document.getElementById('gebruiker').hidden = false;
  document.getElementById('afmelden').addEventListener('click', () => logout(login));
}

/**
 * The page's connection to the API: config.json (where the API is, whether there is a login), requests with the
 * login's token when there is one, and errors turned into Dutch messages for the page.
 */
import { forgetToken, idToken } from './login.js';

/** An API answer that is not a success, with a message fit to show. */
export class ApiFout extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ApiFout';
    this.status = status;
  }
}

let config = { api: '', login: null };

/** Reads config.json next to the page (locally served by `bwmo serve`; on AWS deployed with the page). */
export async function loadConfig() {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok)
    throw new ApiFout(`De instellingen van de monitor ontbreken (fout ${response.status}).`, response.status);
  const value = await response.json();
  config = { api: String(value.api ?? '').replace(/\/$/, ''), login: value.login ?? null };
  return config;
}

export function loginSettings() {
  return config.login;
}

/** The address of an API path with query parameters (also used for the download links). */
export function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return `${config.api}${path}${text ? `?${text}` : ''}`;
}

async function authHeaders() {
  return config.login ? { authorization: `Bearer ${await idToken(config.login)}` } : {};
}

function messageFor(status, fout) {
  if (status === 400) return `De vraag aan de server klopt niet: ${fout ?? 'ongeldige parameters'}.`;
  if (status === 401) return 'U bent niet (meer) aangemeld. Laad de pagina opnieuw om u aan te melden.';
  if (status === 403) return `U heeft geen toegang tot deze gegevens${fout ? `: ${fout}` : ''}.`;
  if (status === 404) return 'Deze gegevens zijn niet gevonden.';
  return `De server kon deze gegevens nu niet leveren (fout ${status}). Probeer het later opnieuw.`;
}

/** GET a JSON answer; throws ApiFout (or an AbortError when `signal` aborts). */
export async function getJson(path, params, signal) {
  let response;
  try {
    response = await fetch(apiUrl(path, params), { headers: await authHeaders(), signal });
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    throw new ApiFout('Geen verbinding met de server. Controleer de verbinding en probeer het opnieuw.', 0);
  }
  if (response.ok) return response.json();
  let fout;
  try {
    fout = (await response.json()).fout;
  } catch {
    // Not every error has a JSON body (e.g. a gateway's 502).
  }
  if (response.status === 401 && config.login) {
    forgetToken();
    await idToken(config.login);
  }
  throw new ApiFout(messageFor(response.status, fout), response.status);
}

/**
 * A download (CSV/XLSX). Without a login a plain link does it; with one the file is fetched with the token and
 * handed to the browser as a blob, because a link cannot carry an Authorization header.
 */
export async function download(url, filename) {
  const response = await fetch(url, { headers: await authHeaders() });
  if (!response.ok) throw new ApiFout(messageFor(response.status), response.status);
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * Makes a download link work with a login too: without one the link itself downloads; with one a click fetches the
 * file with the token instead, and a failure goes to `onFout`.
 */
export function onClickDownload(link, url, filename, onFout) {
  link.addEventListener('click', (e) => {
    if (!config.login) return;
    e.preventDefault();
    download(url, filename).catch(onFout);
  });
}

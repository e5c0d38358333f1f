/**
 * The monitor page's static files, served by `bwmo serve` for every path outside /api. Only a fixed list of files
 * in web/monitor/ is served (no path from the request ever reaches the file system), plus /config.json: locally the
 * API is on the same origin and there is no login (the role comes from the X-Bwmo-Groepen header, default beleid).
 * On AWS the same files are in S3 behind CloudFront, with a config.json that names the API and the Cognito login.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** From serve/ and from the bundle in dist/ alike, web/ is one level up. */
const DIR = join(__dirname, '..', 'web', 'monitor');

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Request path → file in web/monitor and its content type. The settlement page (verevening.*) may not exist yet. */
const FILES: Readonly<Record<string, readonly [file: string, type: string]>> = {
  '/': ['index.html', HTML],
  '/index.html': ['index.html', HTML],
  '/monitor.css': ['monitor.css', CSS],
  '/monitor.js': ['monitor.js', JS],
  '/api.js': ['api.js', JS],
  '/login.js': ['login.js', JS],
  '/format.js': ['format.js', JS],
  '/charts.js': ['charts.js', JS],
  '/panels.js': ['panels.js', JS],
  '/verevening.html': ['verevening.html', HTML],
  '/verevening.js': ['verevening.js', JS],
  '/verevening.css': ['verevening.css', CSS],
};

/** The page's settings locally: the API on the same origin, no login. */
export const LOCAL_CONFIG = { api: '', login: null } as const;

export async function monitorPage(pathname: string): Promise<{ type: string; body: string | Buffer } | null> {
  if (pathname === '/config.json')
    return { type: 'application/json; charset=utf-8', body: JSON.stringify(LOCAL_CONFIG) };
  const entry = Object.hasOwn(FILES, pathname) ? FILES[pathname] : undefined;
  if (!entry) return null;
  const [file, type] = entry;
  try {
    return { type, body: await readFile(join(DIR, file)) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

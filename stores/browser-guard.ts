/**
 * The local servers listen on loopback only, but a web page in the operator's browser can still reach loopback
 * ports. dynalite answers any origin with CORS headers and s3rver takes unsigned HTML-form posts, so a page could
 * read the table or put files into an inbox. These servers are for bwmo itself, the SDKs and the AWS CLI, which
 * send no Origin or Sec-Fetch-Site header and name this machine as Host; a request that does otherwise is refused.
 */
import type { IncomingMessage, RequestListener, Server } from 'node:http';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why a request is not this machine's own (a Host elsewhere: DNS rebinding), or null. */
export function foreignHost(req: IncomingMessage): string | null {
  const host = (req.headers.host ?? '').replace(/:[0-9]+$/, '').toLowerCase();
  return LOOPBACK_HOSTS.has(host)
    ? null
    : `alleen vragen aan 127.0.0.1 of localhost, niet aan ${host || '(geen host)'}`;
}

/** Why a request comes from a browser (a web page), or null. */
export function fromBrowser(req: IncomingMessage): string | null {
  // Not Sec-Fetch-Mode: Node's own fetch sends that one too (bwmo's CLI hands its work to serve with it).
  if (req.headers.origin !== undefined || req.headers['sec-fetch-site'] !== undefined)
    return 'geen vragen vanuit een webbrowser';
  return null;
}

/** Puts the check in front of a server's own request handling: refused requests get a 403 without CORS headers. */
export function refuseBrowsers(
  server: Server,
  name: string,
  extra?: (req: IncomingMessage) => string | null,
): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    const refusal = foreignHost(req) ?? fromBrowser(req) ?? extra?.(req) ?? null;
    if (refusal) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${name}: ${refusal}\n`);
      req.resume();
      return;
    }
    for (const listener of listeners) listener.call(server, req, res);
  });
}

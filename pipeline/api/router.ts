/**
 * The HTTP API's router, shared by the api Lambda (behind API Gateway) and `bwmo serve` (on localhost). Requests
 * carry the caller's groups (Cognito) so each municipality's backoffice sees only its own detail.
 */
import type { IngestDeps } from '../ingest';
import type { FileRecord } from '../state/items';
import { key } from '../state/items';

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Cognito groups of the caller; locally everyone is 'beheer'. */
  readonly groups: readonly string[];
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly base64?: boolean;
}

const json = (status: number, body: unknown): ApiResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

export const badRequest = (message: string): ApiResponse => json(400, { fout: message });

export function apiRouter(deps: IngestDeps) {
  return {
    async handle(req: ApiRequest): Promise<ApiResponse> {
      if (req.method !== 'GET') return json(405, { fout: 'alleen GET' });
      if (req.path === '/api/gezondheid') return json(200, { ok: true, regio: deps.region.region.code });
      const files = /^\/api\/bestanden\/([0-9]{4})$/.exec(req.path);
      if (files) {
        const gemeente = files[1];
        if (!mayRead(req.groups, gemeente))
          return json(403, { fout: `geen toegang tot gemeente ${gemeente}` });
        const records: FileRecord[] = [];
        for await (const page of deps.store.query(key.files(gemeente)))
          records.push(...(page as FileRecord[]));
        const bestanden = records
          .sort((a, b) => a.ontvangen.localeCompare(b.ontvangen))
          .map(({ pk: _pk, sk: _sk, ...r }) => r);
        return json(200, { gemeente, bestanden });
      }
      return json(404, { fout: `onbekend pad ${req.path}` });
    },
  };
}

/** Finance, policy and operators see all municipalities; a backoffice group (backoffice-<gemeente>) only its own. */
export function mayRead(groups: readonly string[], gemeente: string): boolean {
  return groups.some(
    (g) => g === 'beheer' || g === 'financien' || g === 'beleid' || g === `backoffice-${gemeente}`,
  );
}

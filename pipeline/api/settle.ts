/** The settlement's endpoints under /api/verevening (filled in by the settlement work). */
import type { IngestDeps } from '../ingest';
import type { Access } from './access';
import type { ApiRequest, ApiResponse } from './router';

export function settlementApi(_deps: IngestDeps) {
  return {
    async handle(req: ApiRequest, _access: Access): Promise<ApiResponse | null> {
      if (!req.path.startsWith('/api/verevening')) return null;
      return {
        status: 501,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ fout: 'de verevening is nog niet beschikbaar' }),
      };
    },
  };
}

/** The API's answers: JSON, Dutch error messages, files to download, and the files behind figures. */
import { redactBsns } from '../bsn';
import type { SourceFile } from '../monitor/data';
import type { ApiResponse } from './router';

export const json = (status: number, body: unknown): ApiResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  // An error repeats what was asked (a path, a parameter name), which may hold a BSN: masked, as in the logs.
  body: status >= 400 ? redactBsns(JSON.stringify(body)) : JSON.stringify(body),
});

/** An error answer: `{ fout }` with a Dutch message. */
export const fout = (status: number, message: string): ApiResponse => json(status, { fout: message });

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file to download (or with `inline`, to show in the browser); binary bodies go base64, as API Gateway wants. */
export const attachment = (
  type: string,
  filename: string,
  body: string | Buffer,
  inline = false,
): ApiResponse => ({
  status: 200,
  headers: {
    'content-type': type,
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${filename}"`,
    'cache-control': 'no-store',
  },
  body: typeof body === 'string' ? body : body.toString('base64'),
  base64: typeof body !== 'string',
});

/** The files with these ids, in id order: municipality, name and receipt time (every figure traceable). */
export function bronnen(
  files: ReadonlyMap<string, SourceFile>,
  ids: Iterable<string>,
  /** Whose file names the caller may see (its own municipalities); others are named only as such. */
  mayName: (gemeente: string) => boolean = () => true,
): Record<string, { gemeente: string; naam: string; ontvangen: string }> {
  return Object.fromEntries(
    [...new Set(ids)].sort().flatMap((id) => {
      const f = files.get(id);
      if (!f) return [];
      const naam = mayName(f.gemeente) ? f.name : 'bestand van een andere gemeente';
      return [[id, { gemeente: f.gemeente, naam, ontvangen: f.ontvangen }]];
    }),
  );
}

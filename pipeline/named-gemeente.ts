/**
 * The municipality a file names (the receiving gemeente of a declaration, the sending one of a toewijzing, the
 * Gemeente column of a taakgericht report), read from the file's start: `bwmo ingest` files a local file as
 * uploaded by that municipality. A taakgericht report that names several municipalities is the centrumgemeente's
 * (only it reports for others; the isolation check still judges whether all of them are its members).
 */
import { parse } from 'papaparse';
import { classifyHead, decideDelimiter } from './read/sniff';
import type { FileSource } from './source';

export async function namedGemeente(source: FileSource, centrumgemeente: string): Promise<string | null> {
  const head = await classifyHead(source);
  const stream = await source.open();
  let text = '';
  let cut = false;
  for await (const chunk of stream) {
    text += (chunk as Buffer).toString('latin1');
    cut = text.length > 65536;
    if (cut) break;
  }
  stream.destroy();
  if (head.format === 'wmo323') return /<(?:\w+:)?Ontvanger>\s*([0-9]{4})\s*</.exec(text)?.[1] ?? null;
  if (head.format === 'wmo301') return /<(?:\w+:)?Afzender>\s*([0-9]{4})\s*</.exec(text)?.[1] ?? null;
  const clean = text.replace(/^\uFEFF|^ï»¿/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = decideDelimiter(firstLine);
  if (!delimiter) return null;
  const lines = clean.split(/\r?\n/);
  // A report's rows (one per municipality and taakveld) are all read; of other files the first row says it.
  const wanted = head.kind === 'taakgericht' ? (cut ? lines.slice(0, -1) : lines) : lines.slice(0, 2);
  const rows = parse<string[]>(wanted.join('\n'), { delimiter, skipEmptyLines: true }).data;
  if (rows.length < 2) return null;
  const column = head.kind === 'declaratie' ? 'ontvanger' : 'gemeente';
  const i = rows[0].findIndex((c) => c.trim().toLowerCase() === column);
  if (i < 0) return null;
  const named = new Set(
    rows
      .slice(1)
      .map((r) => r[i]?.trim() ?? '')
      .filter((v) => /^[0-9]{1,4}$/.test(v))
      .map((v) => v.padStart(4, '0')),
  );
  if (named.size > 1) return centrumgemeente;
  return named.size === 1 ? [...named][0] : null;
}

/**
 * The municipality a file names (the receiving gemeente of a declaration, the sending one of a toewijzing, the
 * Gemeente column of a taakgericht report), read from the file's start: `bwmo ingest` files a local file as
 * uploaded by that municipality.
 */
import { parse } from 'papaparse';
import { classifyHead, decideDelimiter } from './read/sniff';
import type { FileSource } from './source';

export async function namedGemeente(source: FileSource): Promise<string | null> {
  const head = await classifyHead(source);
  const stream = await source.open();
  let text = '';
  for await (const chunk of stream) {
    text += (chunk as Buffer).toString('latin1');
    if (text.length > 65536) break;
  }
  stream.destroy();
  if (head.format === 'wmo323') return /<(?:\w+:)?Ontvanger>\s*([0-9]{4})\s*</.exec(text)?.[1] ?? null;
  if (head.format === 'wmo301') return /<(?:\w+:)?Afzender>\s*([0-9]{4})\s*</.exec(text)?.[1] ?? null;
  const clean = text.replace(/^\uFEFF|^ï»¿/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = decideDelimiter(firstLine);
  if (!delimiter) return null;
  const rows = parse<string[]>(clean.split(/\r?\n/).slice(0, 2).join('\n'), { delimiter }).data;
  if (rows.length < 2) return null;
  const column = head.kind === 'declaratie' ? 'ontvanger' : 'gemeente';
  const i = rows[0].findIndex((c) => c.trim().toLowerCase() === column);
  const value = i >= 0 ? rows[1][i]?.trim() : undefined;
  return value && /^[0-9]{1,4}$/.test(value) ? value.padStart(4, '0') : null;
}

/**
 * Query parameters of the monitor endpoints, validated with one schema: unknown names, malformed values and a
 * parameter a view needs but did not get each give a 400 with a message that says which and why.
 */
import { z } from 'zod';
import { isRealDate } from '../../schemas/iwmo/datatypes';
import { MONTH, monthNumber, year } from '../dates';
import { TAAKVELDEN } from '../monitor/aggregates';
import { FILTERS, type MonitorView, type ViewParams } from '../monitor/views';

/** A real calendar date as YYYY-MM-DD (month 13 or 00 is no date). */
const isDate = (s: string) =>
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s) && isRealDate(year(s), monthNumber(s), Number(s.slice(8, 10)));
export const MAX_PER = 1000;
const MAX_MONTHEN = 120;

export const QuerySchema = z
  .object({
    gemeente: z
      .string()
      .regex(/^[0-9]{4}(,[0-9]{4})*$/, 'gemeente: gemeentecode(s) van 4 cijfers, gescheiden door komma’s')
      .optional(),
    taakveld: z.enum(TAAKVELDEN, { message: `taakveld: een van ${TAAKVELDEN.join(', ')}` }).optional(),
    aanbieder: z
      .string()
      .regex(/^[0-9]{8}$/, 'aanbieder: AGB-code van 8 cijfers')
      .optional(),
    van: z.string().regex(MONTH, 'van: maand als JJJJ-MM').optional(),
    tot: z.string().regex(MONTH, 'tot: maand als JJJJ-MM').optional(),
    datum: z.string().refine(isDate, 'datum: een bestaande datum als JJJJ-MM-DD').optional(),
    jaar: z
      .string()
      .regex(/^(19|20)[0-9]{2}$/, 'jaar: vier cijfers, 1900–2099')
      .transform(Number)
      .optional(),
    pagina: z
      .string()
      .regex(/^[1-9][0-9]{0,5}$/, 'pagina: een geheel getal vanaf 1')
      .transform(Number)
      .default(1),
    per: z
      .string()
      .regex(/^[1-9][0-9]{0,3}$/, `per: een geheel getal van 1 tot en met ${MAX_PER}`)
      .transform(Number)
      .refine((n) => n <= MAX_PER, `per: ten hoogste ${MAX_PER}`)
      .default(100),
    format: z.enum(['json', 'csv', 'xlsx'], { message: 'format: json, csv of xlsx' }).default('json'),
  })
  .strict();

export type Query = z.infer<typeof QuerySchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses the query string (each name at most once). */
export function parseQuery(query: URLSearchParams): Parsed<Query> {
  // Without a prototype: a parameter named constructor or __proto__ is an unknown one, not one given twice.
  const raw: Record<string, string> = Object.create(null);
  for (const [name, value] of query) {
    if (Object.hasOwn(raw, name))
      return { ok: false, message: `${name} staat meer dan één keer in de vraag` };
    raw[name] = value;
  }
  const result = QuerySchema.safeParse(raw);
  if (!result.success) {
    const messages = result.error.issues.map((i) =>
      i.code === 'unrecognized_keys' ? `onbekende parameter(s): ${i.keys.join(', ')}` : i.message,
    );
    return { ok: false, message: messages.join('; ') };
  }
  return { ok: true, value: result.data };
}

/** What is wrong with a period van..tot (both needed, in order, at most MAX_MONTHEN months), or null. */
export function periodProblem(q: Pick<Query, 'van' | 'tot'>): string | null {
  if (!q.van || !q.tot) return 'van en tot (JJJJ-MM) zijn nodig';
  if (q.van > q.tot) return `van (${q.van}) ligt na tot (${q.tot})`;
  const months =
    (Number(q.tot.slice(0, 4)) - Number(q.van.slice(0, 4))) * 12 +
    Number(q.tot.slice(5)) -
    Number(q.van.slice(5)) +
    1;
  return months > MAX_MONTHEN ? `de periode is ten hoogste ${MAX_MONTHEN} maanden` : null;
}

/** The view's parameters from a parsed query: what it needs must be there, filters it does not honour must not. */
export function viewParams(view: MonitorView, q: Query): Parsed<ViewParams> {
  for (const filter of FILTERS) {
    if (q[filter] !== undefined && !view.filters.includes(filter))
      return { ok: false, message: `${filter}: deze weergave ('${view.titel}') filtert niet op ${filter}` };
  }
  if (q.taakveld && view.taakvelden && !view.taakvelden.includes(q.taakveld))
    return {
      ok: false,
      message: `taakveld: deze weergave ('${view.titel}') kent ${view.taakvelden.join(', ')}`,
    };
  if (view.needs.includes('periode')) {
    const problem = periodProblem(q);
    if (problem) return { ok: false, message: problem };
  } else if (view.needs.includes('jaar')) {
    if (q.jaar === undefined) return { ok: false, message: 'jaar (JJJJ) is nodig' };
    if (q.van) return { ok: false, message: 'van: deze weergave kent alleen jaar en tot' };
    if (q.tot && !q.tot.startsWith(String(q.jaar)))
      return { ok: false, message: `tot: een maand in ${q.jaar}` };
  } else if (q.van || q.tot) {
    return { ok: false, message: 'van/tot: deze weergave gaat over één datum' };
  }
  if (view.needs.includes('datum') && !q.datum) return { ok: false, message: 'datum (JJJJ-MM-DD) is nodig' };
  if (!view.needs.includes('datum') && q.datum)
    return { ok: false, message: 'datum: deze weergave gaat over een periode' };
  if (!view.needs.includes('jaar') && q.jaar !== undefined)
    return { ok: false, message: 'jaar: deze weergave gaat niet over een jaar' };
  return {
    ok: true,
    value: {
      van: q.van,
      tot: q.tot,
      datum: q.datum,
      jaar: q.jaar,
      gemeenten: q.gemeente ? new Set(q.gemeente.split(',')) : undefined,
      taakveld: q.taakveld,
      aanbieder: q.aanbieder,
    },
  };
}

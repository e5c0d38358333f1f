/**
 * Cell parsers for the CSV formats, compiled from the column lists in schemas/csv.ts. Written for the hot path:
 * no regular expressions or allocations for the common, valid case.
 */
import type { CellKind, ColumnSpec } from '../../schemas/csv';
import { checkSimpleValue, checkStringFacets, isRealDate } from '../../schemas/iwmo/datatypes';

/** Parses one cell; returns the value, or a CellError with a message naming the problem. */
export type CellParser = (raw: string) => string | number | null | CellError;

export class CellError {
  constructor(readonly message: string) {}
}

const isDigit = (c: number) => c >= 48 && c <= 57;

function allDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

function digitsValue(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/**
 * YYYY-MM-DD (returned as is) or DD-MM-YYYY (rewritten); anything else, or a date that does not exist (year 0000
 * neither), fails.
 */
export function parseDate(s: string): string | CellError {
  if (s.length === 10) {
    if (s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
      const y = digits(s, 0, 4);
      const m = digits(s, 5, 7);
      const d = digits(s, 8, 10);
      if (y >= 0 && m >= 0 && d >= 0) {
        return y > 0 && isRealDate(y, m, d) ? s : new CellError(`'${s}' is geen bestaande datum`);
      }
    } else if (s.charCodeAt(2) === 45 && s.charCodeAt(5) === 45) {
      const d = digits(s, 0, 2);
      const m = digits(s, 3, 5);
      const y = digits(s, 6, 10);
      if (y >= 0 && m >= 0 && d >= 0) {
        return y > 0 && isRealDate(y, m, d)
          ? `${s.slice(6, 10)}-${s.slice(3, 5)}-${s.slice(0, 2)}`
          : new CellError(`'${s}' is geen bestaande datum`);
      }
    }
  }
  return new CellError(`'${s}' is geen datum; gebruik JJJJ-MM-DD (of DD-MM-JJJJ)`);
}

/** The number written by the digits s[from..to), or -1 when any of them is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/**
 * Any other lexical form of xs:integer, as a WMO323 may write it too: a sign, leading zeros (-0 is 0). Null when s
 * is no integer; a CellError when it is one too large to hold exactly.
 */
function integerForm(s: string): number | null | CellError {
  const m = /^([+-]?)0*(\d+)$/.exec(s);
  if (!m) return null;
  if (m[2].length > 15) return new CellError(`'${s}' is te groot`);
  const n = digitsValue(m[2], 0, m[2].length);
  return m[1] === '-' && n !== 0 ? -n : n;
}

function parseInteger(s: string, what: string): number | CellError {
  if (allDigits(s) && s.length <= 15) return digitsValue(s, 0, s.length);
  return integerForm(s) ?? new CellError(`'${s}' is geen geheel getal (${what})`);
}

function parseCents(s: string): number | CellError {
  if (allDigits(s) && s.length <= 15) return digitsValue(s, 0, s.length);
  const n = integerForm(s);
  if (n !== null) {
    if (typeof n === 'number' && n < 0)
      return new CellError(`'${s}' is negatief: bedragen zijn positief, met D of C in de kolom DebetCredit`);
    return n;
  }
  if (/^[+-]?\d+([.,]\d+)$/.test(s)) {
    return new CellError(
      `'${s}' is geen bedrag in eurocent: bedragen zijn gehele eurocenten zonder scheidingsteken (12,50 euro schrijft u als 1250)`,
    );
  }
  return new CellError(`'${s}' is geen bedrag in eurocent (een geheel getal)`);
}

export function compileCell(spec: ColumnSpec): CellParser {
  const check = spec.type;
  const enumSet = check?.enumeration ? new Set(check.enumeration) : null;
  const validate = (v: string): string | CellError => {
    if (enumSet)
      return enumSet.has(v) ? v : new CellError(`'${v}' komt niet voor in de codelijst (${check!.name})`);
    if (!check) return v;
    const problem = checkStringFacets(check, v);
    return problem ? new CellError(problem) : v;
  };
  const kind: CellKind = spec.kind;
  switch (kind) {
    case 'text':
      return validate;
    case 'code': {
      const shortest = spec.width ? spec.width - (spec.zerosLost ?? spec.width) : 0;
      return (raw) =>
        validate(
          spec.width && raw.length < spec.width && raw.length >= shortest && allDigits(raw)
            ? raw.padStart(spec.width, '0')
            : raw,
        );
    }
    case 'integer':
      return (raw) => {
        const n = parseInteger(raw, spec.name);
        if (n instanceof CellError || !check) return n;
        if (check.minInclusive !== undefined && n < check.minInclusive)
          return new CellError(`${n} is kleiner dan ${check.minInclusive}`);
        if (check.maxInclusive !== undefined && n > check.maxInclusive)
          return new CellError(`${n} is groter dan ${check.maxInclusive}`);
        return n;
      };
    case 'cents':
      return (raw) => {
        const n = parseCents(raw);
        if (n instanceof CellError || !check) return n;
        if (check.maxInclusive !== undefined && n > check.maxInclusive)
          return new CellError(`${n} is groter dan ${check.maxInclusive} eurocent`);
        return n;
      };
    case 'date':
      return parseDate;
    case 'time':
      return (raw) => {
        const t = raw.length === 5 ? `${raw}:00` : raw;
        const problem = checkSimpleValue({ name: 'LDT_Tijd', base: 'time' }, t);
        return problem ? new CellError(problem) : t;
      };
  }
}

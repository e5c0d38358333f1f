/**
 * iWmo 3.2 basisschema datatypes (LDT_*) as facet descriptions.
 *
 * One description serves three purposes: the streaming XML structure check (level 1), the CSV cell parser and
 * the zod schemas of the parsed records. Facts from the iWmo 3.2 basisschema: lengths, patterns, ranges and
 * enumerations. Codelist values live in codelists.ts.
 */
import { z } from 'zod';
import * as codes from './codelists';

export type SimpleBase = 'string' | 'integer' | 'date' | 'time';

export interface SimpleType {
  readonly name: string;
  readonly base: SimpleBase;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Exactly this many digits (e.g. [0-9]{8}); a fast equivalent of the XSD pattern. */
  readonly digits?: number;
  /** Only digits, any number ([0-9]*). */
  readonly digitsOnly?: boolean;
  /**
   * At least one character other than XSD whitespace: 'line' on one line (the pattern .*[^\s].*, where . excludes
   * line breaks), 'text' over any lines (LDT_Commentaar's ([.\s]*\S+[.\s]*)+).
   */
  readonly notBlank?: 'line' | 'text';
  /** Only letters a–z, A–Z and digits (([a-zA-Z0-9])+). */
  readonly alphanumeric?: boolean;
  /** Any other XSD pattern. */
  readonly pattern?: RegExp;
  readonly enumeration?: readonly string[];
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
  /** Personal data (the BSN): findings describe a wrong value without quoting it, as reports leave the system. */
  readonly personal?: boolean;
}

function str(name: string, facets: Omit<SimpleType, 'name' | 'base'>): SimpleType {
  return { name, base: 'string', ...facets };
}
function int(name: string, min: number, max: number): SimpleType {
  return { name, base: 'integer', minInclusive: min, maxInclusive: max };
}
function enumerated(name: string, values: readonly string[]): SimpleType {
  return { name, base: 'string', enumeration: values };
}

export const LDT = {
  AgbCode: str('LDT_AgbCode', { minLength: 1, maxLength: 8, digits: 8 }),
  Gemeente: str('LDT_Gemeente', { minLength: 1, digits: 4 }),
  BurgerServicenummer: str('LDT_BurgerServicenummer', {
    minLength: 1,
    maxLength: 9,
    digits: 9,
    personal: true,
  }),
  Bedrag: int('LDT_Bedrag', 0, 99_999_999),
  TotaalBedrag: int('LDT_TotaalBedrag', 0, 999_999_999_999),
  Budget: int('LDT_Budget', 0, 99_999_999),
  Volume: int('LDT_Volume', 0, 99_999_999),
  Nummer: int('LDT_Nummer', 0, 999_999_999),
  BerichtCode: str('LDT_BerichtCode', { minLength: 1, maxLength: 3 }),
  BerichtVersie: int('LDT_BerichtVersie', 0, 99),
  BerichtSubversie: int('LDT_BerichtSubversie', 0, 99),
  Datum: { name: 'LDT_Datum', base: 'date' } as SimpleType,
  Tijd: { name: 'LDT_Tijd', base: 'time' } as SimpleType,
  IdentificatieBericht: str('LDT_IdentificatieBericht', { minLength: 1, maxLength: 12, notBlank: 'line' }),
  IdentificatieDeclaratie: str('LDT_IdentificatieDeclaratie', { minLength: 1, maxLength: 12 }),
  ReferentieNummer: str('LDT_ReferentieNummer', { minLength: 1, maxLength: 20 }),
  Referentie: str('LDT_Referentie', { minLength: 1, maxLength: 36, notBlank: 'line' }),
  ProductCode: str('LDT_ProductCode', { minLength: 1, maxLength: 5, notBlank: 'line' }),
  Versie: str('LDT_Versie', { minLength: 1, pattern: /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/ }),
  Commentaar: str('LDT_Commentaar', { minLength: 1, notBlank: 'text' }),
  Naam: str('LDT_Naam', { minLength: 1, maxLength: 200, notBlank: 'line' }),
  Voorvoegsel: str('LDT_Voorvoegsel', { minLength: 1, maxLength: 10, notBlank: 'line' }),
  Voorletters: str('LDT_Voorletters', { minLength: 1, maxLength: 6, pattern: /^[a-zA-ZÀ-ỳ]+$/ }),
  Taal: str('LDT_Taal', { minLength: 1, maxLength: 25, notBlank: 'line' }),
  Persoonsid: str('LDT_Persoonsid', { minLength: 1, maxLength: 20, notBlank: 'line' }),
  RelatieVolgorde: int('LDT_RelatieVolgorde', 0, 99),
  Huisnummer: int('LDT_Huisnummer', 0, 99_999),
  Huisletter: str('LDT_Huisletter', { minLength: 1, maxLength: 1, notBlank: 'line' }),
  HuisnummerToevoeging: str('LDT_HuisnummerToevoeging', { minLength: 1, maxLength: 4, notBlank: 'line' }),
  Postcode: str('LDT_Postcode', { minLength: 1, maxLength: 8, notBlank: 'line' }),
  Straatnaam: str('LDT_Straatnaam', { minLength: 1, maxLength: 24, notBlank: 'line' }),
  Plaatsnaam: str('LDT_Plaatsnaam', { minLength: 1, maxLength: 80, notBlank: 'line' }),
  Organisatienaam: str('LDT_Organisatienaam', { minLength: 1, maxLength: 35, notBlank: 'line' }),
  Telefoonnummer: str('LDT_Telefoonnummer', { minLength: 1, maxLength: 15, digitsOnly: true }),
  Landnummer: str('LDT_Landnummer', { minLength: 1, maxLength: 4, notBlank: 'line' }),
  Emailadres: str('LDT_Emailadres', { minLength: 1, maxLength: 80, notBlank: 'line' }),
  ProductCategorie: enumerated('LDT_ProductCategorie', codes.PRODUCTCATEGORIE_CODES),
  Eenheid: enumerated('LDT_Eenheid', codes.EENHEID_CODES),
  Frequentie: enumerated('LDT_Frequentie', codes.FREQUENTIE_CODES),
  DebetCredit: enumerated('LDT_DebetCredit', codes.DEBETCREDIT_CODES),
  RedenWijziging: enumerated('LDT_RedenWijziging', codes.REDENWIJZIGING_CODES),
  RetourCode: enumerated('LDT_RetourCode', codes.RETOURCODE_CODES),
  Geslacht: enumerated('LDT_Geslacht', ['0', '1', '2']),
  NaamGebruik: enumerated('LDT_NaamGebruik', ['1', '2', '3', '4', '5', '6']),
  DatumGebruik: enumerated('LDT_DatumGebruik', ['1', '2', '3']),
  Communicatievorm: enumerated('LDT_Communicatievorm', ['1', '2', '3']),
  JuridischeStatus: enumerated('LDT_JuridischeStatus', ['01', '02', '03', '04', '05', '11', '12']),
  WettelijkeVertegenwoordiging: enumerated('LDT_WettelijkeVertegenwoordiging', [
    '06',
    '07',
    '08',
    '09',
    '10',
  ]),
  SoortRelatie: enumerated(
    'LDT_SoortRelatie',
    Array.from({ length: 23 }, (_, i) => String(i + 3).padStart(2, '0')),
  ),
  AdresSoort: enumerated('LDT_AdresSoort', ['01', '02', '03', '04']),
  AanduidingWoonadres: enumerated('LDT_AanduidingWoonadres', ['AB', 'BY', 'TO', 'WW']),
  LandCode: enumerated('LDT_LandCode', codes.LANDCODE_CODES),
} as const satisfies Record<string, SimpleType>;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** xs:time: 00:00:00 to 23:59:59 with optional fractions, and 24:00:00 (XSD 1.0 allows it). */
const TIME_RE = /^(?:([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?|24:00:00(?:\.0+)?)$/;
const INTEGER_RE = /^[+-]?\d+$/;

/** Without leading and trailing XML whitespace (space, tab, newline, carriage return), as XSD collapses it. */
export function trimXml(v: string): string {
  let start = 0;
  let end = v.length;
  while (start < end && isXmlSpace(v.charCodeAt(start))) start++;
  while (end > start && isXmlSpace(v.charCodeAt(end - 1))) end--;
  return start === 0 && end === v.length ? v : v.slice(start, end);
}

const isXmlSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** True when y-m-d is a real calendar date (2022-02-30 is not). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Checks a lexical value against a simple type; returns a Dutch problem description or null. */
export function checkSimpleValue(type: SimpleType, raw: string): string | null {
  // xs:integer, xs:date and xs:time collapse surrounding whitespace; strings keep it.
  const value = type.base === 'string' ? raw : trimXml(raw);
  switch (type.base) {
    case 'integer': {
      if (!INTEGER_RE.test(value)) return `'${value}' is geen geheel getal`;
      // A fixed value (BerichtVersie 3, BerichtSubversie 2) is a pattern on the lexical form: '03' is not '3'.
      if (type.enumeration && !type.enumeration.includes(value))
        return `'${value}' is niet toegestaan; verwacht ${type.enumeration.join(' of ')} (${type.name})`;
      const n = Number(value);
      if (type.minInclusive !== undefined && n < type.minInclusive)
        return `${value} is kleiner dan ${type.minInclusive}`;
      if (type.maxInclusive !== undefined && n > type.maxInclusive)
        return `${value} is groter dan ${type.maxInclusive}`;
      return null;
    }
    case 'date': {
      const m = DATE_RE.exec(value);
      if (!m) return `'${value}' is geen datum in de vorm JJJJ-MM-DD (zonder tijdzone)`;
      // xs:date has no year 0000 (XSD 1.0): a system writing 0000 for an unknown date sends no date.
      if (m[1] === '0000' || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3])))
        return `'${value}' is geen bestaande datum`;
      return null;
    }
    case 'time':
      return TIME_RE.test(value) ? null : `'${value}' is geen tijd in de vorm UU:MM:SS (zonder tijdzone)`;
    case 'string': {
      if (type.enumeration && !type.enumeration.includes(value))
        return `'${value}' komt niet voor in de codelijst (${type.name})`;
      return checkStringFacets(type, value);
    }
  }
}

/** Only XML whitespace, XSD's \s (space, tab, newline, carriage return; a no-break space is not one). */
export function isXmlBlank(v: string): boolean {
  for (let i = 0; i < v.length; i++) if (!isXmlSpace(v.charCodeAt(i))) return false;
  return true;
}

function isDigitsOnly(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function isAlphanumeric(v: string): boolean {
  if (v.length === 0) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

/** Length in characters (code points); only counted the slow way when surrogate pairs could matter. */
function codePoints(v: string, max: number): number {
  return v.length <= max ? v.length : [...v].length;
}

/** A wrong value as a finding names it: quoted, or by its length when it is personal data (the BSN). */
const shown = (type: SimpleType, value: string) =>
  type.personal ? `de waarde (${value.length} tekens)` : `'${value}'`;

/** Length and pattern facets of a string type (enumerations are checked by the caller). */
export function checkStringFacets(type: SimpleType, value: string): string | null {
  if (type.minLength !== undefined && value.length < type.minLength)
    return `waarde is leeg of te kort (${type.name})`;
  if (type.maxLength !== undefined && codePoints(value, type.maxLength) > type.maxLength)
    return `${shown(type, value)} is langer dan ${type.maxLength} tekens`;
  if (type.digits !== undefined && (value.length !== type.digits || !isDigitsOnly(value)))
    return `${shown(type, value)} bestaat niet uit precies ${type.digits} cijfers (${type.name})`;
  if (type.digitsOnly && !isDigitsOnly(value))
    return `${shown(type, value)} bevat andere tekens dan cijfers (${type.name})`;
  if (type.notBlank === 'line' && /[\n\r]/.test(value)) return `waarde bevat een regeleinde (${type.name})`;
  if (type.notBlank && isXmlBlank(value)) return `waarde bestaat alleen uit spaties (${type.name})`;
  if (type.alphanumeric && !isAlphanumeric(value))
    return `${shown(type, value)} mag alleen letters en cijfers bevatten (${type.name})`;
  if (type.pattern && !type.pattern.test(value))
    return `${shown(type, value)} heeft niet het vereiste formaat (${type.name})`;
  return null;
}

/** A zod schema for the parsed value of a simple type (integers as numbers, dates as ISO strings). */
export function zodFor(type: SimpleType): z.ZodType<string> | z.ZodType<number> {
  if (type.base === 'integer') {
    let s = z.number().int();
    if (type.minInclusive !== undefined) s = s.min(type.minInclusive);
    if (type.maxInclusive !== undefined) s = s.max(type.maxInclusive);
    return s;
  }
  return z.string().refine((v) => checkSimpleValue(type, v) === null, { message: `ongeldige ${type.name}` });
}

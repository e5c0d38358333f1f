/**
 * Settlement configuration (`verevening` in region.json): the schemes of financial solidarity a region agreed, as data.
 * Pooled budgets per sub-region, local financing with a transition rule and a centrumgemeente that charges a shortfall
 * on are all described here; the settlement code never branches on a region.
 *
 * Weights, shares, percentages and tariffs accept a number or a decimal string ("0.5") and are normalised to a
 * canonical decimal string, so the parsed configuration re-parses to itself and hashes the same however it was
 * written. Money stays integer eurocent.
 */
import Decimal from 'decimal.js';
import { z } from 'zod';
import { PRODUCTCATEGORIE_CODES, TAAKVELD_CODES, type Taakveld } from './iwmo/codelists';

const Gemeentecode = z.string().regex(/^[0-9]{4}$/, 'gemeentecode heeft 4 cijfers');
const JaarSleutel = z.string().regex(/^[0-9]{4}$/, 'jaar heeft 4 cijfers');
const Jaartal = z.number().int('jaar is een geheel getal').min(2015).max(2100);
const IsoDatum = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'datum als JJJJ-MM-DD');
const Cent = z.number().int('bedrag in hele eurocenten').nonnegative('bedrag is niet negatief');
const TaakveldSchema = z.enum(TAAKVELD_CODES as [Taakveld, ...Taakveld[]]);

/** A decimal number (number or string with a dot), normalised to its canonical string (no exponent, no trailing zeros). */
export const Decimaal = z
  .union([
    z.number().finite(),
    z.string().regex(/^-?[0-9]+(\.[0-9]+)?$/, 'decimaal getal met een punt, bijvoorbeeld "0.5"'),
  ])
  .transform((v) => new Decimal(v).toFixed());

const between = (min: number, max: number, message: string) =>
  Decimaal.refine((v) => new Decimal(v).gte(min) && new Decimal(v).lte(max), message);

/** A weight or share: 0 ≤ x ≤ 1. */
export const Gewicht = between(0, 1, 'ligt tussen 0 en 1');
const Percentage = between(0, 100, 'percentage ligt tussen 0 en 100');
const Tarief = Decimaal.refine((v) => new Decimal(v).gte(0), 'tarief is niet negatief');

export const SCHEME_SOORTEN = ['pool', 'local', 'centrumgemeente-with-charge-on'] as const;
export type SchemeSoort = (typeof SCHEME_SOORTEN)[number];
export const SCHEME_SOORT_LABEL: Record<SchemeSoort, string> = {
  pool: 'gezamenlijke pot (budgetten samengevoegd, resultaat verdeeld met de sleutel)',
  local: 'lokaal (elke gemeente draagt haar eigen kosten)',
  'centrumgemeente-with-charge-on': 'centrumgemeente met doorbelasting van een tekort',
};

export const BEDRIJFSVOERING_POSTEN = [
  'relatiemanagement',
  'inkoop',
  'monitoring',
  'kwaliteitsbewaking',
  'transferpunt',
] as const;
export type BedrijfsvoeringPost = (typeof BEDRIJFSVOERING_POSTEN)[number];
export const BEDRIJFSVOERING_LABEL: Record<BedrijfsvoeringPost, string> = {
  relatiemanagement: 'Relatiemanagement',
  inkoop: 'Inkoop',
  monitoring: 'Monitoring',
  kwaliteitsbewaking: 'Kwaliteitsbewaking',
  transferpunt: 'Transferpunt / matchingspunt (gemeentelijk deel)',
};

/** A zod issue path as a field path: `verevening.regelingen[1].sleutel`. */
export function formatPad(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(hoofdniveau)' : out;
}

const som = (values: readonly (string | undefined)[]): Decimal =>
  values.reduce((acc: Decimal, v) => (v === undefined ? acc : acc.plus(v)), new Decimal(0));

/**
 * A distribution key: weights over the inleg share, the use share (own care costs), the inhabitants share and an
 * explicit share list (zeggenschap naar rato). Missing weights are 0; the weights must sum to exactly 1.
 */
export const SleutelSchema = z
  .strictObject({
    omschrijving: z.string().optional(),
    inleg: Gewicht.optional(),
    gebruik: Gewicht.optional(),
    inwoners: Gewicht.optional(),
    vast: z
      .strictObject({
        gewicht: Gewicht,
        /** Share per member; the shares must cover every member of the scheme and sum to 1. */
        aandelen: z.record(Gemeentecode, Gewicht),
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    const totaal = som([s.inleg, s.gebruik, s.inwoners, s.vast?.gewicht]);
    if (!totaal.eq(1))
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `gewichten tellen op tot ${totaal.toFixed()}, moeten 1 zijn`,
      });
    if (s.vast) {
      const aandelen = som(Object.values(s.vast.aandelen));
      if (!aandelen.eq(1))
        ctx.addIssue({
          code: 'custom',
          path: ['vast', 'aandelen'],
          message: `aandelen tellen op tot ${aandelen.toFixed()}, moeten 1 zijn`,
        });
    }
  });
export type Sleutel = z.output<typeof SleutelSchema>;
export type SleutelInvoer = z.input<typeof SleutelSchema>;

/** An issue for every value that comes a second time in a list. */
function noDuplicates(ctx: z.RefinementCtx, values: readonly string[], field: string): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [field, i], message: `${v} komt dubbel voor` });
    seen.add(v);
  });
}

export const RegelingSchema = z
  .strictObject({
    naam: z.string().min(1),
    soort: z.enum(SCHEME_SOORTEN),
    leden: z.array(Gemeentecode).min(1, 'een regeling heeft ten minste één lid'),
    taakvelden: z.array(TaakveldSchema).min(1, 'een regeling heeft ten minste één taakveld'),
    /** Inclusive; without `tot` the scheme runs on. */
    jaren: z.strictObject({ van: Jaartal, tot: Jaartal.optional() }).optional(),
    /** For charge-on and the transition rule; default the region's centrumgemeente. */
    centrumgemeente: Gemeentecode.optional(),
    /** Which cost lines count as care costs; default: products with `zorgkosten: true` in region.producten. */
    zorgkosten: z
      .strictObject({
        categorieen: z.array(z.enum(PRODUCTCATEGORIE_CODES as [string, ...string[]])).default([]),
        codes: z.array(z.string().min(1).max(5)).default([]),
      })
      .optional(),
    /** Inleg = the agreed amount in budgetten.csv (`budget`), or phased in from historical to objective (`ingroei`). */
    inleg: z
      .strictObject({
        bron: z.enum(['budget', 'ingroei']),
        /** Per year the factor f in (1 − f) × historisch + f × objectief. */
        ingroeipad: z.record(JaarSleutel, Gewicht).optional(),
      })
      .optional(),
    bedrijfsvoering: z
      .strictObject({
        /** Per year the amounts per category, in eurocent. */
        kosten: z.record(JaarSleutel, z.partialRecord(z.enum(BEDRIJFSVOERING_POSTEN), Cent)),
        /** Innovation budget as a percentage of the pool ("1.5" = 1.5 %). */
        innovatiePercentage: Percentage.optional(),
        /** How the operating costs are shared among the members. */
        sleutel: SleutelSchema,
      })
      .optional(),
    /** Distributes the result (pool), a shortfall (charge-on) or the unknown-origin costs (local). */
    sleutel: SleutelSchema,
    /** Transition rule: indications started before `datum` stay with the centrumgemeente until their end date then. */
    overgang: z.strictObject({ datum: IsoDatum, naar: z.literal('centrumgemeente') }).optional(),
    toelichting: z.string().optional(),
  })
  .superRefine((r, ctx) => {
    noDuplicates(ctx, r.leden, 'leden');
    noDuplicates(ctx, r.taakvelden, 'taakvelden');
    if (r.jaren?.tot !== undefined && r.jaren.tot < r.jaren.van)
      ctx.addIssue({ code: 'custom', path: ['jaren'], message: 'tot ligt voor van' });
    if (r.inleg?.bron === 'ingroei' && r.inleg.ingroeipad === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['inleg', 'ingroeipad'],
        message: 'bron "ingroei" vraagt een ingroeipad',
      });
    // Only the centrumgemeente puts money in under charge-on, so an inleg weight would hand it the whole shortfall.
    if (
      r.soort === 'centrumgemeente-with-charge-on' &&
      r.sleutel.inleg !== undefined &&
      !new Decimal(r.sleutel.inleg).eq(0)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['sleutel', 'inleg'],
        message: 'bij doorbelasting legt alleen de centrumgemeente in; gebruik gewicht 0 voor inleg',
      });
    for (const [pad, sleutel] of [
      [['sleutel'], r.sleutel],
      [['bedrijfsvoering', 'sleutel'], r.bedrijfsvoering?.sleutel],
    ] as const) {
      if (!sleutel?.vast) continue;
      const leden = new Set(r.leden);
      for (const code of Object.keys(sleutel.vast.aandelen))
        if (!leden.has(code))
          ctx.addIssue({
            code: 'custom',
            path: [...pad, 'vast', 'aandelen', code],
            message: `${code} is geen lid van deze regeling`,
          });
      for (const code of r.leden)
        if (!(code in sleutel.vast.aandelen))
          ctx.addIssue({
            code: 'custom',
            path: [...pad, 'vast', 'aandelen'],
            message: `aandeel ontbreekt voor lid ${code}`,
          });
    }
  });
export type Regeling = z.output<typeof RegelingSchema>;

/** Contribution per inhabitant (e.g. towards bemoeizorg & preventie run by the centrumgemeente). */
export const BijdragePerInwonerSchema = z
  .strictObject({
    naam: z.string().min(1).optional(),
    taakveld: TaakveldSchema,
    /** Paying members; default every member except the recipient. */
    leden: z.array(Gemeentecode).min(1).optional(),
    /** Default the region's centrumgemeente. */
    ontvanger: Gemeentecode.optional(),
    /** Inclusive; without `tot` the contribution runs on. */
    jaren: z.strictObject({ van: Jaartal, tot: Jaartal.optional() }).optional(),
    /** Per year the tariff in eurocent per inhabitant; may be fractional (each member's amount is rounded half up). */
    tariefCent: z.record(JaarSleutel, Tarief),
  })
  // A member listed twice would pay twice.
  .superRefine((b, ctx) => noDuplicates(ctx, b.leden ?? [], 'leden'));
export type BijdragePerInwoner = z.output<typeof BijdragePerInwonerSchema>;

const overlaps = (a: Regeling, b: Regeling): boolean => {
  const aVan = a.jaren?.van ?? Number.NEGATIVE_INFINITY;
  const aTot = a.jaren?.tot ?? Number.POSITIVE_INFINITY;
  const bVan = b.jaren?.van ?? Number.NEGATIVE_INFINITY;
  const bTot = b.jaren?.tot ?? Number.POSITIVE_INFINITY;
  return aVan <= bTot && bVan <= aTot;
};

export const VereveningSchema = z
  .strictObject({
    regelingen: z.array(RegelingSchema).min(1, 'ten minste één regeling'),
    bijdragePerInwoner: BijdragePerInwonerSchema.optional(),
    /** How many years back a late correction is still settled (post-calculation line). */
    correctietermijnJaren: z.number().int().min(0).max(10).default(5),
    toelichting: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    const namen = new Map<string, number>();
    v.regelingen.forEach((r, i) => {
      const eerder = namen.get(r.naam);
      if (eerder !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['regelingen', i, 'naam'],
          message: `naam "${r.naam}" is al gebruikt door regelingen[${eerder}]`,
        });
      else namen.set(r.naam, i);
    });
    // A member's costs of one taakveld must land in exactly one scheme per year: otherwise the attribution is ambiguous.
    v.regelingen.forEach((b, j) => {
      for (let i = 0; i < j; i++) {
        const a = v.regelingen[i];
        if (!overlaps(a, b)) continue;
        const taakvelden = b.taakvelden.filter((t) => a.taakvelden.includes(t));
        if (taakvelden.length === 0) continue;
        b.leden.forEach((code, k) => {
          if (a.leden.includes(code))
            ctx.addIssue({
              code: 'custom',
              path: ['regelingen', j, 'leden', k],
              message: `gemeente ${code} zit ook in regelingen[${i}] ("${a.naam}") voor taakveld ${taakvelden.join(', ')} in overlappende jaren`,
            });
        });
      }
    });
  });
export type Verevening = z.output<typeof VereveningSchema>;
export type VereveningInvoer = z.input<typeof VereveningSchema>;

/** The region folder's region.json (CONTRACT §1c): members, products, and per-taakveld settlement configuration. */
import { z } from 'zod';
import { PRODUCTCATEGORIE_CODES, TAAKVELD_CODES } from './iwmo/codelists';
import { VereveningSchema } from './settlement';

const Gemeentecode = z.string().regex(/^[0-9]{4}$/, 'gemeentecode heeft 4 cijfers');
const Jaar = z.string().regex(/^[0-9]{4}$/, 'jaar heeft 4 cijfers');

export const GemeenteSchema = z.object({
  code: Gemeentecode,
  naam: z.string().min(1),
  /** Inhabitants per year (CBS 1 January where known). */
  inwoners: z.record(Jaar, z.number().int().nonnegative()),
  /** Where the inhabitants figure comes from; "illustratief" when no source was found. */
  inwonersBron: z.string().optional(),
  /** Sub-region or other grouping used by settlement schemes (e.g. "Noord-Limburg"). */
  subregio: z.string().optional(),
});
export type Gemeente = z.infer<typeof GemeenteSchema>;

export const Uitvoeringsvariant = z.enum(['inspanningsgericht', 'outputgericht', 'taakgericht']);
export type Uitvoeringsvariant = z.infer<typeof Uitvoeringsvariant>;

export const ProductSchema = z.object({
  categorie: z.enum(PRODUCTCATEGORIE_CODES as [string, ...string[]]),
  code: z.string().min(1).max(5),
  omschrijving: z.string().min(1),
  taakveld: z.enum(TAAKVELD_CODES as [string, ...string[]]),
  variant: Uitvoeringsvariant,
  /** Counts as care costs in the settlement by default (BW stay in an institution, 24-hour provision). */
  zorgkosten: z.boolean().default(false),
});
export type Product = z.infer<typeof ProductSchema>;

export const RegionSchema = z
  .object({
    naam: z.string().min(1),
    code: z.string().min(1),
    centrumgemeente: Gemeentecode,
    gemeenten: z.array(GemeenteSchema).min(1),
    producten: z.array(ProductSchema).min(1),
    /** Counts 1..(drempel-1) are shown as "<drempel" in views beyond one municipality. */
    kleineAantallenDrempel: z.number().int().min(1).default(5),
    /** Settlement configuration; validated by the settlement module (schemas/settlement.ts). */
    verevening: VereveningSchema.optional(),
    toelichting: z.string().optional(),
  })
  .superRefine((region, ctx) => {
    const codes = new Set<string>();
    region.gemeenten.forEach((g, i) => {
      if (codes.has(g.code))
        ctx.addIssue({
          code: 'custom',
          path: ['gemeenten', i, 'code'],
          message: `gemeente ${g.code} komt dubbel voor`,
        });
      codes.add(g.code);
    });
    if (!codes.has(region.centrumgemeente))
      ctx.addIssue({
        code: 'custom',
        path: ['centrumgemeente'],
        message: 'centrumgemeente is geen lid van de regio',
      });
    const products = new Set<string>();
    region.producten.forEach((p, i) => {
      const key = `${p.categorie}/${p.code}`;
      if (products.has(key))
        ctx.addIssue({ code: 'custom', path: ['producten', i], message: `product ${key} komt dubbel voor` });
      products.add(key);
    });
  });
export type Region = z.infer<typeof RegionSchema>;

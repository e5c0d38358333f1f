/**
 * The scenario file of `bwmo settle --scenario FILE`: the keys to compare side by side, as JSON.
 *
 *   [
 *     { "naam": "huidige sleutel", "sleutel": "geconfigureerd" },
 *     { "naam": "100% inleg", "sleutel": { "inleg": 1 } },
 *     { "naam": "50/50", "sleutel": { "inleg": 0.5, "gebruik": 0.5 } },
 *     { "naam": "naar inwoners", "sleutel": { "inwoners": "1" } },
 *     { "naam": "vast", "sleutel": { "vast": { "gewicht": 1, "aandelen": { "0101": 0.4, "0202": 0.6 } } },
 *       "regelingen": ["BW-pool noord"] }
 *   ]
 *
 * (or the same list as `{"scenarios": [...]}`). The first scenario is the basis the others are compared with.
 * `sleutel` is a key as in region.json (weights inleg, gebruik, inwoners, vast; summing to 1) or "geconfigureerd" for
 * each scheme's own key; `regelingen` limits a key to the named schemes (default: every pool scheme). Problems stop
 * with a message naming the file and the field.
 */
import { z } from 'zod';
import { formatPad, SleutelSchema } from '../../schemas/settlement';
import { SettlementConfigError } from './errors';
import type { Scenario } from './scenarios';

const ScenarioSchema = z.strictObject({
  naam: z.string().min(1, 'naam is leeg'),
  sleutel: z.union([z.literal('geconfigureerd'), SleutelSchema]),
  regelingen: z.array(z.string().min(1)).min(1).optional(),
});

const LijstSchema = z.array(ScenarioSchema).min(1, 'ten minste één scenario');
const ObjectSchema = z.strictObject({ scenarios: LijstSchema });

/** Parses a scenario file's text; `bestand` names it in messages. */
export function parseScenarioFile(bestand: string, tekst: string): Scenario[] {
  let json: unknown;
  try {
    json = JSON.parse(tekst.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new SettlementConfigError([
      { bestand, veld: '(hoofdniveau)', melding: `geen geldige JSON: ${(err as Error).message}` },
    ]);
  }
  const opties = { error: z.locales.nl().localeError };
  const parsed = Array.isArray(json)
    ? LijstSchema.safeParse(json, opties)
    : ObjectSchema.transform((o) => o.scenarios).safeParse(json, opties);
  if (!parsed.success)
    throw new SettlementConfigError(
      parsed.error.issues.map((i) => ({
        bestand,
        veld: formatPad(Array.isArray(json) ? ['scenarios', ...i.path] : i.path),
        melding: i.message,
      })),
    );
  const scenarios = parsed.data;
  // compareKeys validates the keys again against the year's schemes; it wants the input form.
  return scenarios.map((s) => ({
    naam: s.naam,
    sleutel: s.sleutel,
    ...(s.regelingen ? { regelingen: s.regelingen } : {}),
  }));
}

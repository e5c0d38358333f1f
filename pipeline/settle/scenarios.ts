/**
 * Key scenarios: one year computed under several keys side by side, with the difference per member against the
 * first scenario (the basis), so the colleges can see what each key means before they choose one.
 * A scenario replaces the result key of the schemes it names, by default every `pool` scheme (under charge-on an
 * inleg weight is meaningless and a local scheme only distributes unknown-origin costs). Operating costs keep their
 * own key. Invalid scenario keys stop with a message naming the scenario and field.
 */
import { z } from 'zod';
import { formatPad, type Sleutel, type SleutelInvoer, SleutelSchema } from '../../schemas/settlement';
import { type Probleem, SettlementConfigError } from './errors';
import { hashJson, type Json } from './hash';
import { activeSchemes } from './inputs';
import type { CostLine, ScenarioRegeling, ScenarioVergelijking, SettlementConfig, Status } from './types';
import { computeYear, type JaarUitkomst } from './year';

export interface Scenario {
  readonly naam: string;
  /** A key, or 'geconfigureerd' for each scheme's configured key. */
  readonly sleutel: SleutelInvoer | 'geconfigureerd';
  /** Scheme names the key applies to; default every pool scheme. */
  readonly regelingen?: readonly string[];
}

/** The candidates named by the colleges (inleg, gebruik, both, inhabitants), after the configured key as basis. */
export const STANDAARD_SCENARIOS: readonly Scenario[] = [
  { naam: 'huidige sleutel', sleutel: 'geconfigureerd' },
  { naam: '100% inleg', sleutel: { inleg: 1 } },
  { naam: '100% gebruik', sleutel: { gebruik: 1 } },
  { naam: '50% inleg / 50% gebruik', sleutel: { inleg: 0.5, gebruik: 0.5 } },
  { naam: '100% inwoners', sleutel: { inwoners: 1 } },
];

export interface VergelijkingOpties {
  readonly jaar: number;
  readonly status: Status;
  readonly totEnMetMaand?: string;
  /** Standard scenarios left out, with why: said in the comparison's notes. */
  readonly weggelaten?: readonly string[];
}

/**
 * The standard scenarios that the year's data can compute: '100% inwoners' needs the inhabitants of every member
 * of the pool schemes it applies to (a CBS figure may not be out yet).
 */
export function computableStandardScenarios(
  config: SettlementConfig,
  jaar: number,
): { scenarios: Scenario[]; weggelaten: string[] } {
  const zonder = activeSchemes(config, jaar)
    .filter((a) => a.regeling.soort === 'pool')
    .flatMap((a) => a.regeling.leden)
    .filter(
      (code) => config.region.gemeenten.find((g) => g.code === code)?.inwoners[String(jaar)] === undefined,
    );
  if (zonder.length === 0) return { scenarios: [...STANDAARD_SCENARIOS], weggelaten: [] };
  const metInwoners = (s: Scenario) => s.sleutel !== 'geconfigureerd' && s.sleutel.inwoners !== undefined;
  return {
    scenarios: STANDAARD_SCENARIOS.filter((s) => !metInwoners(s)),
    weggelaten: STANDAARD_SCENARIOS.filter(metInwoners).map(
      (s) =>
        `"${s.naam}" is niet berekend: geen inwonertal in ${jaar} voor ${[...new Set(zonder)].join(', ')}.`,
    ),
  };
}

export function compareKeys(
  config: SettlementConfig,
  kosten: readonly CostLine[],
  opties: VergelijkingOpties,
  scenarios: readonly Scenario[] = STANDAARD_SCENARIOS,
  /** The file the scenarios came from, named in messages. */
  bestand = 'scenario',
): ScenarioVergelijking {
  if (scenarios.length === 0) throw new RangeError('geef ten minste één scenario');
  const actieve = activeSchemes(config, opties.jaar);
  const problemen: Probleem[] = [];
  const namen = new Set<string>();
  const uitkomsten: JaarUitkomst[] = [];
  const toegepast = new Set<string>();
  scenarios.forEach((s, i) => {
    const veld = `scenarios[${i}]`;
    if (namen.has(s.naam))
      problemen.push({ bestand, veld: `${veld}.naam`, melding: `"${s.naam}" komt dubbel voor` });
    namen.add(s.naam);
    for (const naam of s.regelingen ?? [])
      if (!actieve.some((a) => a.regeling.naam === naam))
        problemen.push({
          bestand,
          veld: `${veld}.regelingen`,
          melding: `geen actieve regeling "${naam}" in ${opties.jaar}`,
        });
    const doelen = actieve.filter((a) =>
      s.regelingen === undefined ? a.regeling.soort === 'pool' : s.regelingen.includes(a.regeling.naam),
    );
    for (const a of doelen) toegepast.add(a.regeling.naam);
    if (s.sleutel === 'geconfigureerd') return;
    const parsed = SleutelSchema.safeParse(s.sleutel, { error: z.locales.nl().localeError });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problemen.push({
          bestand,
          veld: formatPad(['scenarios', i, 'sleutel', ...issue.path]),
          melding: issue.message,
        });
      return;
    }
    for (const a of doelen) {
      if (
        a.regeling.soort === 'centrumgemeente-with-charge-on' &&
        parsed.data.inleg !== undefined &&
        parsed.data.inleg !== '0'
      )
        problemen.push({
          bestand,
          veld: `${veld}.sleutel.inleg`,
          melding: `bij doorbelasting ("${a.regeling.naam}") heeft inleg geen betekenis`,
        });
      // A key by inhabitants needs them for every member in this year (the configured keys are checked on load).
      if (parsed.data.inwoners !== undefined && parsed.data.inwoners !== '0')
        for (const code of a.regeling.leden)
          if (
            config.region.gemeenten.find((g) => g.code === code)?.inwoners[String(opties.jaar)] === undefined
          )
            problemen.push({
              bestand,
              veld: `${veld}.sleutel.inwoners`,
              melding: `geen inwonertal voor ${code} in ${opties.jaar} ("${a.regeling.naam}")`,
            });
      const aandelen = parsed.data.vast?.aandelen;
      if (aandelen) {
        for (const code of a.regeling.leden)
          if (!(code in aandelen))
            problemen.push({
              bestand,
              veld: `${veld}.sleutel.vast.aandelen`,
              melding: `aandeel ontbreekt voor ${code} ("${a.regeling.naam}")`,
            });
        // As in region.json: a share of a non-member would be dropped, and the key applied would not be the one stated.
        const leden = new Set(a.regeling.leden);
        for (const code of Object.keys(aandelen))
          if (!leden.has(code))
            problemen.push({
              bestand,
              veld: `${veld}.sleutel.vast.aandelen.${code}`,
              melding: `${code} is geen lid van "${a.regeling.naam}"; beperk het scenario met "regelingen"`,
            });
      }
    }
  });
  if (problemen.length > 0) throw new SettlementConfigError(problemen);

  const sleutelsPerScenario: Map<number, Sleutel>[] = scenarios.map((s) => {
    const map = new Map<number, Sleutel>();
    if (s.sleutel === 'geconfigureerd') return map;
    const sleutel = SleutelSchema.parse(s.sleutel);
    for (const a of actieve)
      if (s.regelingen === undefined ? a.regeling.soort === 'pool' : s.regelingen.includes(a.regeling.naam))
        map.set(a.index, sleutel);
    return map;
  });
  for (const sleutels of sleutelsPerScenario)
    uitkomsten.push(computeYear(config, kosten, { ...opties, sleutels }));

  const regelingen: ScenarioRegeling[] = [];
  actieve.forEach((a, r) => {
    if (!toegepast.has(a.regeling.naam)) return;
    const perScenario = uitkomsten.map((u) => u.regelingen[r]);
    const basis = perScenario[0];
    regelingen.push({
      naam: basis.naam,
      soort: basis.soort,
      pot: basis.pot,
      zorgkosten: basis.zorgkosten.totaal,
      bedrijfsvoering: basis.bedrijfsvoering.totaal,
      resultaat: basis.resultaat,
      sleutels: perScenario.map((s, i) => ({ scenario: scenarios[i].naam, gewichten: s.sleutel })),
      leden: basis.regels.map((l, k) => ({
        gemeente: l.gemeente,
        naam: l.naam,
        inleg: l.inleg,
        eigenZorgkosten: l.eigenZorgkosten,
        kostenZonderVerevening: l.kostenZonderVerevening,
        scenarios: perScenario.map((s, i) => {
          const x = s.regels[k];
          return {
            scenario: scenarios[i].naam,
            sleutelAandeel: x.sleutelAandeel,
            deelResultaat: x.deelResultaat,
            nettoKosten: x.nettoKosten,
            vereveningseffect: x.vereveningseffect,
            verschilMetBasis: x.nettoKosten - l.nettoKosten,
          };
        }),
      })),
    });
  });

  const invoer: Json = {
    scenarios: scenarios.map((s, i) => ({ naam: s.naam, invoerHash: uitkomsten[i].invoerHash })),
  };
  return {
    soort: 'sleutelvergelijking',
    regio: { code: config.region.code, naam: config.region.naam },
    jaar: opties.jaar,
    status: opties.status,
    kop: `${opties.status === 'voorlopig' ? 'VOORLOPIGE ' : ''}vergelijking van verdeelsleutels ${config.region.naam} ${opties.jaar}`,
    invoerHash: hashJson(invoer),
    basis: scenarios[0].naam,
    scenarios: scenarios.map((s) => s.naam),
    regelingen,
    toelichting: [
      'Het resultaat hangt niet af van de sleutel; alleen de verdeling ervan verschilt per scenario.',
      `verschilMetBasis = nettoKosten in het scenario − nettoKosten in "${scenarios[0].naam}": positief kost de gemeente meer.`,
      'Bedrijfsvoering wordt in elk scenario met haar eigen sleutel verdeeld.',
      ...(opties.status === 'voorlopig' ? ['VOORLOPIG: zorgkosten geprojecteerd naar het jaareinde.'] : []),
      ...(opties.weggelaten ?? []),
    ],
  };
}

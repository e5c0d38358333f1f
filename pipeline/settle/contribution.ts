/**
 * Contribution per inhabitant (e.g. the regional municipalities' contribution towards bemoeizorg & preventie that the
 * centrumgemeente runs): configured tariff in eurocent per inhabitant × inhabitants, rounded half up per member.
 * The tariff may be fractional; it is multiplied with decimal.js, never in floating point. A municipality in a scheme
 * that settles the same taakveld that year pays for it there: it is left out (and may not be listed).
 */
import type { Problemen } from './errors';
import { activeSchemes } from './inputs';
import { Dec, roundHalfUp } from './round';
import type { BijdrageOverzicht, BijdrageRegel, SettlementConfig } from './types';

const PAD = 'verevening.bijdragePerInwoner';

export function perInhabitantContribution(
  config: SettlementConfig,
  jaar: number,
  problemen: Problemen,
): BijdrageOverzicht | null {
  const b = config.verevening.bijdragePerInwoner;
  if (b === undefined) return null;
  if ((b.jaren?.van ?? Number.NEGATIVE_INFINITY) > jaar || jaar > (b.jaren?.tot ?? Number.POSITIVE_INFINITY))
    return null;
  const region = config.region;
  const bestand = config.bestanden.region;
  const ontvanger = b.ontvanger ?? region.centrumgemeente;
  const ontvangerGemeente = region.gemeenten.find((g) => g.code === ontvanger);
  if (ontvangerGemeente === undefined)
    problemen.add(bestand, `${PAD}.ontvanger`, `gemeente ${ontvanger} is geen lid van de regio`);
  const tarief = b.tariefCent[String(jaar)];
  if (tarief === undefined) problemen.add(bestand, `${PAD}.tariefCent`, `geen tarief voor ${jaar}`);
  // A municipality whose costs of the taakveld a scheme settles this year pays for them there: not twice.
  const settledIn = new Map<string, string>();
  for (const { regeling } of activeSchemes(config, jaar))
    if (regeling.taakvelden.includes(b.taakveld))
      for (const lid of regeling.leden) if (!settledIn.has(lid)) settledIn.set(lid, regeling.naam);
  const leden =
    b.leden ?? region.gemeenten.map((g) => g.code).filter((c) => c !== ontvanger && !settledIn.has(c));
  const regels: BijdrageRegel[] = [];
  leden.forEach((code, i) => {
    const scheme = settledIn.get(code);
    if (scheme !== undefined) {
      problemen.add(
        bestand,
        `${PAD}.leden[${i}]`,
        `gemeente ${code} betaalt ${b.taakveld} in ${jaar} al via de regeling ${scheme}; zij kan niet ook een bijdrage per inwoner betalen`,
      );
      return;
    }
    const gi = region.gemeenten.findIndex((g) => g.code === code);
    const gemeente = region.gemeenten[gi];
    if (gemeente === undefined) {
      problemen.add(bestand, `${PAD}.leden[${i}]`, `gemeente ${code} is geen lid van de regio`);
      return;
    }
    const inwoners = gemeente.inwoners[String(jaar)];
    if (inwoners === undefined) {
      problemen.add(
        bestand,
        `gemeenten[${gi}].inwoners.${jaar}`,
        `geen inwonertal voor ${gemeente.naam} in ${jaar}`,
      );
      return;
    }
    const bedrag = tarief === undefined ? 0 : roundHalfUp(new Dec(tarief).times(inwoners));
    regels.push({ gemeente: code, naam: gemeente.naam, inwoners, bedrag });
  });
  regels.sort((x, y) => (x.gemeente < y.gemeente ? -1 : x.gemeente > y.gemeente ? 1 : 0));
  return {
    naam: b.naam ?? `Bijdrage per inwoner ${b.taakveld}`,
    taakveld: b.taakveld,
    ontvanger: { gemeente: ontvanger, naam: ontvangerGemeente?.naam ?? ontvanger },
    tariefCent: tarief ?? '0',
    regels,
    totaal: regels.reduce((s, r) => s + r.bedrag, 0),
  };
}

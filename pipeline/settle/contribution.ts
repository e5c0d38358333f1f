/**
 * Contribution per inhabitant (e.g. the regional municipalities' contribution towards bemoeizorg & preventie that the
 * centrumgemeente runs): configured tariff in eurocent per inhabitant × inhabitants, rounded half up per member.
 * The tariff may be fractional; it is multiplied with decimal.js, never in floating point.
 */
import type { Problemen } from './errors';
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
  const leden = b.leden ?? region.gemeenten.map((g) => g.code).filter((c) => c !== ontvanger);
  const regels: BijdrageRegel[] = [];
  leden.forEach((code, i) => {
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

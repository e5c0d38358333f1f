/**
 * A year's settlement statement over all schemes: provisional (costs up to a month, projected to year end) or final
 * (definitief: freezes the year). Carries post-calculations for closed earlier years, an input hash and a version.
 *
 * Versions: the same inputs give the same hash and the same statement back; changed inputs give the next version
 * with the differences explained. A final statement never gets a new version: corrections go into a later year's
 * post-calculation, and trying anything else throws SettlementClosedError.
 */
import { diffStatements } from './diff';
import { SettlementClosedError } from './errors';
import { hashJson } from './hash';
import { postCalculations } from './postcalc';
import type { CostLine, GemeenteTotaal, SettlementConfig, Statement, Status } from './types';
import { computeYear, REKENMODEL } from './year';

export interface JaarOpties {
  readonly jaar: number;
  readonly status: Status;
  /** Provisional only: the last month whose costs are known (YYYY-MM within the year). */
  readonly totEnMetMaand?: string;
  /**
   * Every final statement of the earlier years: their later corrections become post-calculations. Pass all of them:
   * the baseline of a year is the latest post-calculation already booked for it, so a missing one is booked again.
   */
  readonly afgesloten?: readonly Statement[];
  /** The latest version of this year's statement, if any. */
  readonly vorige?: Statement | null;
}

const TOELICHTING = [
  'Bedragen: in de gegevens (JSON) in eurocent, in de overzichten in euro; kosten en debet positief, credit negatief.',
  'Resultaat = pot − zorgkosten − bedrijfsvoering. deelResultaat: positief is een aandeel in een overschot, negatief een aandeel in een tekort.',
  'nettoKosten = inleg − deelResultaat. kostenZonderVerevening = eigen zorgkosten + aandeel bedrijfsvoering. vereveningseffect = nettoKosten − kostenZonderVerevening: positief betaalt mee voor anderen, negatief profiteert.',
  'Zorgkosten met onbekende herkomst (0000) staan op een eigen regel; de sleutel verdeelt ze via het resultaat (bij een lokale regeling direct).',
  'Afronding: grootste-restmethode op de absolute waarde, met het teken van het totaal; bij gelijke resten gaat de cent eerst naar de laagste gemeentecode. Innovatiebudget, ingroei, projectie en bijdrage per inwoner: half naar boven afgerond op hele centen.',
];

function perGemeente(
  s: Pick<Statement, 'regelingen' | 'bijdragePerInwoner' | 'nacalculaties'>,
): GemeenteTotaal[] {
  const map = new Map<string, { -readonly [K in keyof GemeenteTotaal]: GemeenteTotaal[K] }>();
  const get = (gemeente: string, naam: string) => {
    let t = map.get(gemeente);
    if (t === undefined) {
      t = {
        gemeente,
        naam,
        inleg: 0,
        nettoKosten: 0,
        vereveningseffect: 0,
        bijdragePerInwoner: 0,
        nacalculatie: 0,
      };
      map.set(gemeente, t);
    }
    return t;
  };
  for (const r of s.regelingen)
    for (const l of r.regels) {
      const t = get(l.gemeente, l.naam);
      t.inleg += l.inleg;
      t.nettoKosten += l.nettoKosten;
      t.vereveningseffect += l.vereveningseffect;
    }
  for (const b of s.bijdragePerInwoner?.regels ?? []) get(b.gemeente, b.naam).bijdragePerInwoner += b.bedrag;
  for (const n of s.nacalculaties)
    for (const r of n.regels) get(r.gemeente, r.naam).nacalculatie += r.verschilNettoKosten;
  return [...map.values()].sort((a, b) => (a.gemeente < b.gemeente ? -1 : a.gemeente > b.gemeente ? 1 : 0));
}

/** Computes (a new version of) a year's statement. */
export function settleYear(
  config: SettlementConfig,
  kosten: readonly CostLine[],
  opties: JaarOpties,
): Statement {
  const { jaar, status } = opties;
  const afgesloten = opties.afgesloten ?? [];
  const ditJaarDefinitief = afgesloten.find((s) => s.jaar === jaar && s.status === 'definitief');
  // A closed year is the latest version whatever the caller passes as `vorige`.
  const vorige = ditJaarDefinitief ?? opties.vorige ?? null;
  if (vorige !== null && vorige.jaar !== jaar)
    throw new RangeError(`vorige versie gaat over ${vorige.jaar}, niet over ${jaar}`);

  const jaarUitkomst = computeYear(config, kosten, { jaar, status, totEnMetMaand: opties.totEnMetMaand });
  const nacalculatie = postCalculations(config, kosten, jaar, afgesloten);
  const invoerHash = hashJson({
    rekenmodel: REKENMODEL,
    jaar: jaarUitkomst.invoerHash,
    nacalculaties: nacalculatie.invoer,
  });

  if (vorige !== null && vorige.invoerHash === invoerHash) return vorige;
  if (vorige !== null && vorige.status === 'definitief')
    throw new SettlementClosedError(
      `${jaar} is definitief afgesloten (versie ${vorige.versie}); correcties komen als nacalculatie in het overzicht van een later jaar`,
    );

  const termijn = config.verevening.correctietermijnJaren;
  const kop =
    status === 'voorlopig'
      ? `VOORLOPIG vereveningsoverzicht ${config.region.naam} ${jaar}: kosten t/m ${opties.totEnMetMaand}, geprojecteerd naar het jaareinde`
      : `Definitief vereveningsoverzicht ${config.region.naam} ${jaar}`;
  const toelichting = [
    ...TOELICHTING,
    ...(jaarUitkomst.projectie ? [`VOORLOPIG: ${jaarUitkomst.projectie.methode}.`] : []),
    `Een definitief overzicht ligt vast; latere correcties (tot ${termijn} jaar terug) komen als nacalculatie in een later overzicht.`,
  ];
  const basis = {
    regelingen: jaarUitkomst.regelingen,
    bijdragePerInwoner: jaarUitkomst.bijdragePerInwoner,
    nacalculaties: nacalculatie.nacalculaties,
  };
  const statement: Statement = {
    soort: 'vereveningsoverzicht',
    rekenmodel: REKENMODEL,
    regio: { code: config.region.code, naam: config.region.naam },
    jaar,
    status,
    kop,
    versie: vorige === null ? 1 : vorige.versie + 1,
    invoerHash,
    vorigeVersie:
      vorige === null
        ? null
        : { versie: vorige.versie, invoerHash: vorige.invoerHash, status: vorige.status },
    verschillen: null,
    projectie: jaarUitkomst.projectie,
    ...basis,
    buitenTermijn: nacalculatie.buitenTermijn,
    nietToegerekend: jaarUitkomst.nietToegerekend,
    perGemeente: perGemeente(basis),
    toelichting,
  };
  return vorige === null ? statement : { ...statement, verschillen: diffStatements(vorige, statement) };
}

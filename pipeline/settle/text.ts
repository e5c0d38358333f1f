/**
 * The statement and the key comparison as plain text for the terminal (`bwmo settle`): a readable Dutch statement
 * per scheme, amounts in euros with a decimal comma, a provisional statement marked VOORLOPIG with its projection.
 */

import { euro, table } from '../report/plain';
import type { ScenarioVergelijking, SchemeStatement, Statement } from './types';

/** 123456 → "1.234,56"; −5 → "-0,05". */
export const euroTekst = euro;

/** A signed difference: "+1.234,56", "-0,05", "0,00". */
const verschilTekst = (cents: number): string => (cents > 0 ? `+${euroTekst(cents)}` : euroTekst(cents));

/** A share "0.19375" as a percentage with a decimal comma: "19,375%". */
export function procentTekst(aandeel: string): string {
  const [heel, deel = ''] = aandeel.replace('-', '').split('.');
  const cijfers = `${heel}${deel.padEnd(2, '0')}`;
  const punt = heel.length + 2;
  const voor = cijfers.slice(0, punt).replace(/^0+(?=\d)/, '');
  const na = cijfers.slice(punt).replace(/0+$/, '');
  return `${voor}${na ? `,${na}` : ''}%`;
}

function regelingTekst(r: SchemeStatement, voorlopig: boolean): string {
  const uit: string[] = [];
  uit.push(`== ${r.naam}`);
  uit.push(`${r.soortOmschrijving}; taakvelden ${r.taakvelden.join(', ')}`);
  if (r.centrumgemeente) uit.push(`Centrumgemeente: ${r.centrumgemeente}`);
  const posten: [string, number][] = [
    [r.soort === 'centrumgemeente-with-charge-on' ? 'Pot (budget centrumgemeente)' : 'Pot (inleg)', r.pot],
    ['Zorgkosten leden', r.zorgkosten.leden],
    ['Zorgkosten herkomst onbekend (0000)', r.zorgkosten.onbekend],
    ['Zorgkosten totaal', r.zorgkosten.totaal],
    ...r.bedrijfsvoering.posten.map((p): [string, number] => [
      `Bedrijfsvoering: ${p.omschrijving}`,
      p.bedrag,
    ]),
    ...(r.bedrijfsvoering.innovatie.bedrag !== 0 || r.bedrijfsvoering.posten.length > 0
      ? [
          [
            `Bedrijfsvoering: innovatiebudget ${r.bedrijfsvoering.innovatie.percentage.replace('.', ',')}% van de pot`,
            r.bedrijfsvoering.innovatie.bedrag,
          ] as [string, number],
        ]
      : []),
    ['Bedrijfsvoering totaal', r.bedrijfsvoering.totaal],
    [`Resultaat (${r.resultaatSoort})`, r.resultaat],
  ];
  uit.push(
    table(
      ['Post', 'Bedrag €'],
      posten.map(([p, b]) => [p, euroTekst(b)]),
      [false, true],
    ),
  );
  if (r.zorgkosten.buitenZorgkosten !== 0)
    uit.push(`Niet als zorgkosten geteld (andere producten): € ${euroTekst(r.zorgkosten.buitenZorgkosten)}`);
  uit.push(`Verdeelsleutel: ${r.sleutel.omschrijving}`);
  if (r.bedrijfsvoering.sleutel)
    uit.push(`Sleutel bedrijfsvoering: ${r.bedrijfsvoering.sleutel.omschrijving}`);
  uit.push('');
  const kop = [
    'Gemeente',
    'Naam',
    'Inleg',
    ...(voorlopig ? ['Zorgkosten tot nu'] : []),
    voorlopig ? 'Zorgkosten (projectie)' : 'Zorgkosten',
    'Bedrijfsvoering',
    ...(r.soort === 'local' ? ['Onbekend'] : []),
    'Sleutelaandeel',
    'Deel resultaat',
    'Netto kosten',
    'Zonder verevening',
    'Vereveningseffect',
  ];
  const rij = (code: string, naam: string, l: SchemeStatement['totalen'], aandeel: string) => [
    code,
    naam,
    euroTekst(l.inleg),
    ...(voorlopig ? [euroTekst(l.zorgkostenTotDatum ?? 0)] : []),
    euroTekst(l.eigenZorgkosten),
    euroTekst(l.aandeelBedrijfsvoering),
    ...(r.soort === 'local' ? [euroTekst(l.aandeelOnbekend)] : []),
    aandeel,
    euroTekst(l.deelResultaat),
    euroTekst(l.nettoKosten),
    euroTekst(l.kostenZonderVerevening),
    verschilTekst(l.vereveningseffect),
  ];
  const rijen = r.regels.map((l) => rij(l.gemeente, l.naam, l, procentTekst(l.sleutelAandeel)));
  rijen.push(rij('', 'Totaal', r.totalen, ''));
  uit.push(
    table(
      kop,
      rijen,
      kop.map((_, i) => i >= 2),
    ),
  );
  uit.push(
    'Bedragen in euro. Netto kosten = inleg − deel resultaat; vereveningseffect + = betaalt mee, − = profiteert.',
  );
  for (const o of r.opmerkingen) uit.push(`* ${o}`);
  return uit.join('\n');
}

/** The whole statement as text. */
/** "1 maand", "6 maanden". */
export const aantalMaanden = (n: number): string => `${n} ${n === 1 ? 'maand' : 'maanden'}`;

export function statementText(s: Statement): string {
  const voorlopig = s.status === 'voorlopig';
  const uit: string[] = [];
  uit.push(s.kop);
  uit.push(
    `Regio ${s.regio.naam} (${s.regio.code}) · versie ${s.versie} · ${voorlopig ? 'VOORLOPIG' : 'definitief'} · invoerhash ${s.invoerHash}`,
  );
  if (s.projectie)
    uit.push(
      `VOORLOPIG: kosten bekend t/m ${s.projectie.totEnMetMaand} (${aantalMaanden(s.projectie.maandenBekend)}); projectie ${s.projectie.methode}.`,
    );
  if (s.vorigeVersie) {
    uit.push(`Wijzigingen sinds versie ${s.vorigeVersie.versie} (${s.vorigeVersie.status}):`);
    for (const z of (s.verschillen?.samenvatting ?? []).slice(0, 15))
      uit.push(`  - ${z.length > 200 ? `${z.slice(0, 199)}…` : z}`);
    const meer = (s.verschillen?.samenvatting.length ?? 0) - 15;
    if (meer > 0) uit.push(`  … en ${meer} meer (zie --format json)`);
  }
  for (const r of s.regelingen) uit.push('', regelingTekst(r, voorlopig));
  const b = s.bijdragePerInwoner;
  if (b) {
    uit.push(
      '',
      `== ${b.naam} (aan ${b.ontvanger.naam}, ${b.tariefCent.replace('.', ',')} cent per inwoner)`,
    );
    uit.push(
      table(
        ['Gemeente', 'Naam', 'Inwoners', 'Bijdrage €'],
        [
          ...b.regels.map((r) => [r.gemeente, r.naam, String(r.inwoners), euroTekst(r.bedrag)]),
          ['', 'Totaal', '', euroTekst(b.totaal)],
        ],
        [false, false, true, true],
      ),
    );
  }
  for (const n of s.nacalculaties) {
    uit.push('', `== Nacalculatie ${n.jaar} (basis: ${n.basis.omschrijving})`);
    uit.push(
      table(
        ['Regeling', 'Gemeente', 'Naam', 'Netto eerder', 'Netto herberekend', 'Nacalculatie €'],
        n.regels.map((r) => [
          r.regeling,
          r.gemeente,
          r.naam,
          euroTekst(r.vorigeNettoKosten),
          euroTekst(r.nieuweNettoKosten),
          verschilTekst(r.verschilNettoKosten),
        ]),
        [false, false, false, true, true, true],
      ),
    );
    for (const z of n.verklaring.samenvatting.slice(0, 10))
      uit.push(`  - ${z.length > 200 ? `${z.slice(0, 199)}…` : z}`);
  }
  for (const t of s.buitenTermijn)
    uit.push('', `Buiten de correctietermijn: ${t.toelichting} (${verschilTekst(t.verschilNettoKosten)}).`);
  if (s.nietToegerekend.length > 0) {
    uit.push('', '== Niet toegerekend (geen regeling)');
    uit.push(
      table(
        ['Taakveld', 'Herkomst', 'Regels', 'Bedrag €', 'Reden'],
        s.nietToegerekend.map((n) => [
          n.taakveld,
          n.herkomstgemeente,
          String(n.regels),
          euroTekst(n.bedrag),
          n.reden,
        ]),
        [false, false, true, true, false],
      ),
    );
  }
  uit.push('', '== Per gemeente');
  uit.push(
    table(
      [
        'Gemeente',
        'Naam',
        'Inleg',
        'Netto kosten',
        'Vereveningseffect',
        'Bijdrage per inwoner',
        'Nacalculatie',
      ],
      s.perGemeente.map((g) => [
        g.gemeente,
        g.naam,
        euroTekst(g.inleg),
        euroTekst(g.nettoKosten),
        verschilTekst(g.vereveningseffect),
        euroTekst(g.bijdragePerInwoner),
        verschilTekst(g.nacalculatie),
      ]),
      [false, false, true, true, true, true, true],
    ),
  );
  uit.push('', 'Toelichting:');
  for (const t of s.toelichting) uit.push(`  - ${t}`);
  return `${uit.join('\n')}\n`;
}

/** The key comparison: per scheme and member the net cost under each key, with the difference to the basis. */
export function scenarioText(v: ScenarioVergelijking): string {
  const uit: string[] = [v.kop.charAt(0).toUpperCase() + v.kop.slice(1)];
  if (v.regelingen.length === 0)
    uit.push(
      'Geen regeling waarop deze sleutels van toepassing zijn (standaard: de regelingen met een gezamenlijke pot).',
    );
  for (const r of v.regelingen) {
    uit.push('', `== ${r.naam}: resultaat € ${euroTekst(r.resultaat)} (hangt niet af van de sleutel)`);
    const kop = ['Gemeente', 'Naam', ...v.scenarios.map((s, i) => (i === 0 ? `${s} (basis)` : s))];
    const rijen = r.leden.map((l) => [
      l.gemeente,
      l.naam,
      ...l.scenarios.map((x, i) =>
        i === 0
          ? euroTekst(x.nettoKosten)
          : `${euroTekst(x.nettoKosten)} (${verschilTekst(x.verschilMetBasis)})`,
      ),
    ]);
    uit.push(
      table(
        kop,
        rijen,
        kop.map((_, i) => i >= 2),
      ),
    );
  }
  uit.push('', 'Netto kosten per gemeente in euro; tussen haakjes het verschil met de basis (+ = duurder).');
  for (const t of v.toelichting) uit.push(`  - ${t}`);
  return `${uit.join('\n')}\n`;
}

/**
 * The statement as a standalone, printable HTML document in Dutch (`bwmo settle --format html`, the API's
 * format=html): no scripts and no external resources, so it can be mailed, archived and printed as it is. A
 * provisional statement says VOORLOPIG in its title, its heading and on every printed page.
 */

import { aantalMaanden, euroTekst, procentTekst } from './text';
import type { ScenarioVergelijking, SchemeStatement, Statement } from './types';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => ESC[c]);

const bedrag = (cents: number): string =>
  `<td class="getal${cents < 0 ? ' negatief' : ''}">${esc(euroTekst(cents))}</td>`;

const CSS = `
:root { color-scheme: light; }
body { font: 10.5pt/1.45 system-ui, "Segoe UI", Arial, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.45rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .4rem; border-bottom: 2px solid #154273; padding-bottom: .15rem; color: #154273; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.status { display: inline-block; font-weight: 700; padding: .15rem .6rem; border-radius: .2rem; margin-right: .5rem; }
.status.voorlopig { background: #fff4d6; color: #6b4500; border: 2px solid #b36b00; }
.status.definitief { background: #e3f1e6; color: #14532d; border: 2px solid #1f7a3d; }
.meta { color: #3b3b3b; margin: .2rem 0; }
.hash { font-family: ui-monospace, Consolas, monospace; font-size: .85em; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; }
th, td { border-bottom: 1px solid #d0d0d0; padding: .22rem .4rem; text-align: left; vertical-align: top; }
th { background: #eef2f7; font-weight: 600; }
td.getal, th.getal { text-align: right; font-variant-numeric: tabular-nums; }
td.getal { white-space: nowrap; }
caption { text-align: left; caption-side: top; padding-bottom: .2rem; }
tbody th { background: none; font-weight: 600; }
table.leden { font-size: .85em; }
table.leden th, table.leden td { padding: .2rem .3rem; }
td.negatief { color: #8a1c1c; }
tr.totaal td { font-weight: 700; border-top: 2px solid #1b1b1b; }
table.posten { width: auto; min-width: 28rem; }
ul { margin: .3rem 0; padding-left: 1.2rem; }
.klein { font-size: .85em; color: #3b3b3b; }
.bestanden { font-family: ui-monospace, Consolas, monospace; font-size: .75em; word-break: break-all; }
.voorlopig-merk { border: 2px solid #b36b00; background: #fff4d6; padding: .5rem .75rem; margin: .75rem 0; }
@media print {
  body { margin: 0; max-width: none; font-size: 9pt; }
  h2 { break-after: avoid; }
  table { break-inside: auto; }
  tr { break-inside: avoid; }
  .drukmerk { display: block; position: fixed; top: 0; right: 0; font-weight: 700; color: #6b4500; }
}
.drukmerk { display: none; }
@page { margin: 1.5cm; }
`;

function posten(r: SchemeStatement): string {
  const rijen: [string, number, boolean?][] = [
    [r.soort === 'centrumgemeente-with-charge-on' ? 'Pot (budget centrumgemeente)' : 'Pot (inleg)', r.pot],
    ['Zorgkosten leden', r.zorgkosten.leden],
    ['Zorgkosten herkomst onbekend (0000)', r.zorgkosten.onbekend],
    ['Zorgkosten totaal', r.zorgkosten.totaal, true],
    ...r.bedrijfsvoering.posten.map((p): [string, number] => [
      `Bedrijfsvoering: ${p.omschrijving}`,
      p.bedrag,
    ]),
    [
      `Bedrijfsvoering: innovatiebudget (${r.bedrijfsvoering.innovatie.percentage.replace('.', ',')}% van de pot)`,
      r.bedrijfsvoering.innovatie.bedrag,
    ],
    ['Bedrijfsvoering totaal', r.bedrijfsvoering.totaal, true],
    [`Resultaat (${r.resultaatSoort})`, r.resultaat, true],
  ];
  return `<table class="posten"><caption class="klein">Pot, kosten en resultaat van ${esc(r.naam)} (euro)</caption>
<thead><tr><th scope="col">Post</th><th scope="col" class="getal">Bedrag (€)</th></tr></thead><tbody>
${rijen.map(([p, b, t]) => `<tr${t ? ' class="totaal"' : ''}><td>${esc(p)}</td>${bedrag(b)}</tr>`).join('\n')}
</tbody></table>`;
}

function leden(r: SchemeStatement, voorlopig: boolean): string {
  const lokaal = r.soort === 'local';
  // Only schemes with a transition rule have a part kept by the centrumgemeente.
  const overgang = r.regels.some((l) => l.waarvanOvergang !== 0);
  const kop = [
    'Gemeente',
    'Inleg',
    ...(voorlopig ? ['Zorgkosten tot nu'] : []),
    voorlopig ? 'Eigen zorgkosten (projectie)' : 'Eigen zorgkosten',
    ...(overgang ? ['Waarvan overgangsregel'] : []),
    'Aandeel bedrijfsvoering',
    ...(lokaal ? ['Aandeel herkomst onbekend'] : []),
    'Sleutelaandeel',
    'Deel resultaat',
    'Netto kosten',
    'Kosten zonder verevening',
    'Vereveningseffect',
  ];
  const rij = (naam: string, l: SchemeStatement['totalen'], aandeel: string, totaal: boolean) =>
    `<tr${totaal ? ' class="totaal"' : ''}><th scope="row">${esc(naam)}</th>${bedrag(l.inleg)}${
      voorlopig ? bedrag(l.zorgkostenTotDatum ?? 0) : ''
    }${bedrag(l.eigenZorgkosten)}${overgang ? bedrag(l.waarvanOvergang) : ''}${bedrag(l.aandeelBedrijfsvoering)}${
      lokaal ? bedrag(l.aandeelOnbekend) : ''
    }<td class="getal">${esc(aandeel)}</td>${bedrag(l.deelResultaat)}${bedrag(l.nettoKosten)}${bedrag(
      l.kostenZonderVerevening,
    )}${bedrag(l.vereveningseffect)}</tr>`;
  return `<table class="leden"><caption class="klein">Per lid van ${esc(r.naam)} (euro; sleutel: ${esc(r.sleutel.omschrijving)})</caption>
<thead><tr>${kop.map((k, i) => `<th scope="col"${i > 0 ? ' class="getal"' : ''}>${esc(k)}</th>`).join('')}</tr></thead><tbody>
${r.regels.map((l) => rij(`${l.gemeente} ${l.naam}`, l, procentTekst(l.sleutelAandeel), false)).join('\n')}
${rij('Totaal', r.totalen, '', true)}
</tbody></table>`;
}

function scenarios(v: ScenarioVergelijking): string {
  const delen = v.regelingen.map(
    (r) => `<h3>${esc(r.naam)}: resultaat € ${esc(euroTekst(r.resultaat))}</h3>
<table><caption class="klein">Netto kosten per gemeente onder elke sleutel, met het verschil met "${esc(v.basis)}" (euro)</caption>
<thead><tr><th scope="col">Gemeente</th>${v.scenarios
      .map(
        (s, i) =>
          `<th scope="col" class="getal">${esc(s)}${i === 0 ? ' (basis)' : ''}</th>${i === 0 ? '' : `<th scope="col" class="getal">verschil</th>`}`,
      )
      .join('')}</tr></thead><tbody>
${r.leden
  .map(
    (l) =>
      `<tr><th scope="row">${esc(`${l.gemeente} ${l.naam}`)}</th>${l.scenarios
        .map((x, i) => `${bedrag(x.nettoKosten)}${i === 0 ? '' : bedrag(x.verschilMetBasis)}`)
        .join('')}</tr>`,
  )
  .join('\n')}
</tbody></table>`,
  );
  return `<section aria-labelledby="scenario-kop"><h2 id="scenario-kop">${esc(
    v.kop.charAt(0).toUpperCase() + v.kop.slice(1),
  )}</h2>
${delen.length > 0 ? delen.join('\n') : '<p>Geen regeling waarop deze sleutels van toepassing zijn.</p>'}
<ul class="klein">${v.toelichting.map((t) => `<li>${esc(t)}</li>`).join('')}</ul></section>`;
}

/** The statement (and optionally a key comparison) as one HTML document. */
export function statementHtml(s: Statement, v: ScenarioVergelijking | null = null): string {
  const voorlopig = s.status === 'voorlopig';
  const delen: string[] = [];
  delen.push(`<header>
<p><span class="status ${s.status}">${voorlopig ? 'VOORLOPIG' : 'DEFINITIEF'}</span>${esc(s.regio.naam)} · ${s.jaar}</p>
<h1>${esc(s.kop)}</h1>
<p class="meta">Versie ${s.versie}${s.vorigeVersie ? ` (vorige: versie ${s.vorigeVersie.versie}, ${esc(s.vorigeVersie.status)})` : ''} · rekenmodel ${s.rekenmodel}</p>
<p class="meta">Invoerhash (SHA-256): <span class="hash">${esc(s.invoerHash)}</span></p>
</header>`);
  if (s.projectie)
    delen.push(
      `<p class="voorlopig-merk"><strong>VOORLOPIG.</strong> Kosten bekend tot en met ${esc(s.projectie.totEnMetMaand)} (${aantalMaanden(s.projectie.maandenBekend)}). Projectie naar het jaareinde: ${esc(s.projectie.methode)}. Dit overzicht is geen afrekening.</p>`,
    );
  if (s.verschillen && s.vorigeVersie)
    delen.push(`<section aria-labelledby="verschil-kop"><h2 id="verschil-kop">Wijzigingen sinds versie ${s.vorigeVersie.versie}</h2>
<ul>${s.verschillen.samenvatting.map((z) => `<li>${esc(z)}</li>`).join('')}</ul></section>`);
  for (const [i, r] of s.regelingen.entries())
    delen.push(`<section aria-labelledby="regeling-${i}"><h2 id="regeling-${i}">${esc(r.naam)}</h2>
<p class="meta">${esc(r.soortOmschrijving)}; taakvelden ${esc(r.taakvelden.join(', '))}${r.centrumgemeente ? `; centrumgemeente ${esc(r.centrumgemeente)}` : ''}.</p>
${posten(r)}
${leden(r, voorlopig)}
${r.opmerkingen.length > 0 ? `<ul class="klein">${r.opmerkingen.map((o) => `<li>${esc(o)}</li>`).join('')}</ul>` : ''}
</section>`);
  const b = s.bijdragePerInwoner;
  if (b)
    delen.push(`<section aria-labelledby="bijdrage-kop"><h2 id="bijdrage-kop">${esc(b.naam)}</h2>
<p class="meta">Aan ${esc(b.ontvanger.naam)}; tarief ${esc(b.tariefCent.replace('.', ','))} cent per inwoner.</p>
<table><thead><tr><th scope="col">Gemeente</th><th scope="col" class="getal">Inwoners</th><th scope="col" class="getal">Bijdrage (€)</th></tr></thead><tbody>
${b.regels.map((r) => `<tr><th scope="row">${esc(`${r.gemeente} ${r.naam}`)}</th><td class="getal">${esc(r.inwoners.toLocaleString('nl-NL'))}</td>${bedrag(r.bedrag)}</tr>`).join('\n')}
<tr class="totaal"><th scope="row">Totaal</th><td></td>${bedrag(b.totaal)}</tr></tbody></table></section>`);
  for (const n of s.nacalculaties)
    delen.push(`<section aria-labelledby="nacalculatie-${n.jaar}"><h2 id="nacalculatie-${n.jaar}">Nacalculatie ${n.jaar}</h2>
<p class="meta">Correcties op het afgesloten jaar ${n.jaar}, vergeleken met ${esc(n.basis.omschrijving)}. Totaal: € ${esc(euroTekst(n.verschilNettoKosten))}.</p>
<table><thead><tr><th scope="col">Regeling</th><th scope="col">Gemeente</th><th scope="col" class="getal">Netto kosten eerder</th><th scope="col" class="getal">Herberekend</th><th scope="col" class="getal">Nacalculatie</th></tr></thead><tbody>
${n.regels.map((r) => `<tr><td>${esc(r.regeling)}</td><th scope="row">${esc(`${r.gemeente} ${r.naam}`)}</th>${bedrag(r.vorigeNettoKosten)}${bedrag(r.nieuweNettoKosten)}${bedrag(r.verschilNettoKosten)}</tr>`).join('\n')}
</tbody></table>
<ul class="klein">${n.verklaring.samenvatting.map((z) => `<li>${esc(z)}</li>`).join('')}</ul></section>`);
  if (s.buitenTermijn.length > 0)
    delen.push(
      `<section><h2>Buiten de correctietermijn</h2><ul>${s.buitenTermijn.map((t) => `<li>${esc(t.toelichting)} (€ ${esc(euroTekst(t.verschilNettoKosten))})</li>`).join('')}</ul></section>`,
    );
  if (s.nietToegerekend.length > 0)
    delen.push(`<section><h2>Niet toegerekende kosten</h2><table><thead><tr><th scope="col">Taakveld</th><th scope="col">Herkomst</th><th scope="col" class="getal">Regels</th><th scope="col" class="getal">Bedrag (€)</th><th scope="col">Reden</th></tr></thead><tbody>
${s.nietToegerekend.map((n) => `<tr><td>${esc(n.taakveld)}</td><td>${esc(n.herkomstgemeente)}</td><td class="getal">${n.regels}</td>${bedrag(n.bedrag)}<td>${esc(n.reden)}</td></tr>`).join('\n')}
</tbody></table></section>`);
  delen.push(`<section aria-labelledby="gemeente-kop"><h2 id="gemeente-kop">Per gemeente</h2>
<table><thead><tr><th scope="col">Gemeente</th><th scope="col" class="getal">Inleg</th><th scope="col" class="getal">Netto kosten</th><th scope="col" class="getal">Vereveningseffect</th><th scope="col" class="getal">Bijdrage per inwoner</th><th scope="col" class="getal">Nacalculatie</th></tr></thead><tbody>
${s.perGemeente.map((g) => `<tr><th scope="row">${esc(`${g.gemeente} ${g.naam}`)}</th>${bedrag(g.inleg)}${bedrag(g.nettoKosten)}${bedrag(g.vereveningseffect)}${bedrag(g.bijdragePerInwoner)}${bedrag(g.nacalculatie)}</tr>`).join('\n')}
</tbody></table></section>`);
  if (v) delen.push(scenarios(v));
  delen.push(`<section aria-labelledby="toelichting-kop"><h2 id="toelichting-kop">Toelichting</h2>
<ul>${s.toelichting.map((t) => `<li>${esc(t)}</li>`).join('')}</ul></section>`);
  delen.push(`<section aria-labelledby="herleiding-kop"><h2 id="herleiding-kop">Herleiding: zorgkosten per maand en bestand</h2>
<p class="klein">Bedragen zoals bekend (niet geprojecteerd), per gemeente die ze draagt en per maand, met de declaratiebestanden (SHA-256) waar ze uit komen.</p>
${s.regelingen
  .map(
    (
      r,
    ) => `<h3>${esc(r.naam)}</h3><table><thead><tr><th scope="col">Gemeente</th><th scope="col">Maand</th><th scope="col" class="getal">Zorgkosten (€)</th><th scope="col" class="getal">Waarvan overgang</th><th scope="col">Bestanden</th></tr></thead><tbody>
${r.herleiding.map((h) => `<tr><td>${esc(h.gemeente)}</td><td>${esc(h.maand)}</td>${bedrag(h.bedrag)}${bedrag(h.waarvanOvergang)}<td class="bestanden">${h.bestanden.map(esc).join(' ')}</td></tr>`).join('\n')}
</tbody></table>`,
  )
  .join('\n')}</section>`);
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${voorlopig ? 'VOORLOPIG ' : ''}Vereveningsoverzicht ${s.regio.naam} ${s.jaar} (versie ${s.versie})`)}</title>
<style>${CSS}</style>
</head>
<body class="${s.status}">
${voorlopig ? '<div class="drukmerk" aria-hidden="true">VOORLOPIG</div>\n' : ''}<main>
${delen.join('\n')}
</main>
</body>
</html>
`;
}

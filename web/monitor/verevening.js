/**
 * The settlement page: a year's statement per scheme (the latest stored version, a chosen version, or a provisional
 * statement computed up to a chosen month), its versions, the traceability of the care costs to months and files, and
 * the key comparison as a grouped bar chart with a table as its text alternative. Everything comes from
 * /api/verevening…; the page builds its DOM with textContent only (no HTML from data).
 */
import { ApiFout, apiUrl, getJson, loadConfig, loginSettings, onClickDownload } from './api.js';
import { niceStep, svgEl } from './charts.js';
import { maandKort } from './format.js';
import { AanmeldFout, showLogout } from './login.js';
import { h } from './panels.js';

const $ = (id) => document.getElementById(id);

/** Exact euros from integer cents (no floating point): 123456 → "€ 1.234,56", −5 → "−€ 0,05". */
function euro(cents) {
  const abs = Math.abs(cents);
  const heel = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${cents < 0 ? '−' : ''}€ ${heel},${String(abs % 100).padStart(2, '0')}`;
}

const verschil = (cents) => (cents > 0 ? `+${euro(cents)}` : euro(cents));

/** A share as a Dutch percentage from its decimal string: "0.19375" → "19,375%". */
function procent(aandeel) {
  const [heel, deel = ''] = String(aandeel).split('.');
  const cijfers = `${heel}${deel.padEnd(2, '0')}`;
  const voor = cijfers.slice(0, heel.length + 2).replace(/^0+(?=\d)/, '');
  const na = cijfers.slice(heel.length + 2).replace(/0+$/, '');
  return `${voor}${na ? `,${na}` : ''}%`;
}

const KORT = new Intl.NumberFormat('nl-NL', {
  notation: 'compact',
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 1,
});
/** An axis label: compact euros (display only; the tables carry the exact amounts). */
const asLabel = (cents) => KORT.format(cents / 100);

const getalCel = (cents, extra = {}) =>
  h('td', { class: `getal${cents < 0 ? ' negatief' : ''}`, ...extra }, euro(cents));

const state = { jaar: '', tot: '', versie: '' };
let regio = null;
let lopend = null;

function zetStatus(tekst, soort = '') {
  const el = $('status');
  el.textContent = tekst;
  el.className = `status${soort ? ` ${soort}` : ''}`;
}

function toonFout(err) {
  document.body.dataset.state = 'fout';
  const bekend = err instanceof ApiFout || err instanceof AanmeldFout;
  zetStatus(bekend ? err.message : `Er ging iets mis: ${err?.message ?? err}`, 'fout');
}

function leesAdres() {
  const p = new URLSearchParams(location.search);
  state.jaar = /^[0-9]{4}$/.test(p.get('jaar') ?? '') ? p.get('jaar') : state.jaar;
  state.tot = /^[0-9]{4}-[0-9]{2}$/.test(p.get('tot') ?? '') ? p.get('tot') : '';
  state.versie = /^[0-9]+$/.test(p.get('versie') ?? '') ? p.get('versie') : '';
}

function schrijfAdres() {
  const p = new URLSearchParams({ jaar: state.jaar });
  if (state.tot) p.set('tot', state.tot);
  if (state.versie) p.set('versie', state.versie);
  history.replaceState(null, '', `${location.pathname}?${p}`);
}

function vulJaren() {
  const laatste = regio?.perioden?.laatsteMaand ?? null;
  const eerste = regio?.perioden?.eersteMaand ?? null;
  const nu = new Date().getUTCFullYear();
  const tot = laatste ? Number(laatste.slice(0, 4)) : nu;
  const van = eerste ? Math.max(Number(eerste.slice(0, 4)), 2015) : tot;
  const jaren = [];
  for (let j = Math.max(tot, van); j >= van; j--) jaren.push(String(j));
  if (!state.jaar || !jaren.includes(state.jaar)) {
    if (state.jaar && /^[0-9]{4}$/.test(state.jaar)) jaren.unshift(state.jaar);
    else state.jaar = jaren[0];
  }
  $('jaar').replaceChildren(...jaren.map((j) => h('option', { value: j, selected: j === state.jaar }, j)));
}

function vulMaanden() {
  const opties = [h('option', { value: '' }, 'Laatst vastgelegd overzicht')];
  for (let m = 1; m <= 12; m++) {
    const maand = `${state.jaar}-${String(m).padStart(2, '0')}`;
    opties.push(h('option', { value: maand, selected: maand === state.tot }, maandKort(maand)));
  }
  $('tot').replaceChildren(...opties);
}

function downloadLink(label, format, naam) {
  const params = { jaar: state.jaar, tot: state.tot || undefined, versie: state.versie || undefined, format };
  const url = apiUrl('/api/verevening', params);
  const a = h('a', { href: url, class: 'download', 'data-testid': `download-${format}` }, label);
  onClickDownload(a, url, naam, (err) => zetStatus(err.message, 'fout'));
  return a;
}

function kop(a) {
  const o = a.overzicht;
  const voorlopig = o.status === 'voorlopig';
  document.body.dataset.status = o.status;
  $('overzicht-kop').hidden = false;
  $('overzicht-kop').className = `overzicht-kop ${o.status}`;
  const merk = $('statusmerk');
  merk.textContent = voorlopig ? 'VOORLOPIG' : 'DEFINITIEF';
  merk.className = `statusmerk ${o.status}`;
  $('overzicht-titel').textContent = o.kop;
  $('versie').textContent = `${o.versie}${a.opgeslagen ? '' : ' (berekend, niet vastgelegd)'}${
    o.vorigeVersie ? ` · vorige: versie ${o.vorigeVersie.versie} (${o.vorigeVersie.status})` : ''
  }`;
  $('hash').textContent = o.invoerHash;
  $('vastgelegd').textContent = a.versie
    ? new Date(a.versie.vastgelegd).toLocaleString('nl-NL', { dateStyle: 'long', timeStyle: 'short' })
    : 'niet vastgelegd';
  const projectie = $('projectie');
  projectie.hidden = !o.projectie;
  projectie.textContent = o.projectie
    ? `VOORLOPIG: kosten bekend tot en met ${maandKort(o.projectie.totEnMetMaand)} (${o.projectie.maandenBekend} ${o.projectie.maandenBekend === 1 ? 'maand' : 'maanden'}), geprojecteerd naar het jaareinde (${o.projectie.methode}). Dit is geen afrekening.`
    : '';
  const melding = $('melding');
  melding.hidden = !a.melding;
  melding.textContent = a.melding ?? '';
  const basis = `verevening-${o.jaar}-v${o.versie}`;
  $('downloads').replaceChildren(
    'Download: ',
    downloadLink('CSV', 'csv', `${basis}.csv`),
    ' · ',
    downloadLink('Excel', 'xlsx', `${basis}.xlsx`),
    ' · ',
    downloadLink('Afdrukbaar overzicht (HTML)', 'html', `${basis}.html`),
  );
}

function tabel(caption, kolommen, rijen, voet = null) {
  return h('div', { class: 'tabel-rol' }, [
    h('table', {}, [
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          kolommen.map((k) => h('th', { scope: 'col', class: k.getal ? 'getal' : undefined }, k.kop)),
        ),
      ),
      h('tbody', {}, rijen),
      voet ? h('tfoot', {}, voet) : null,
    ]),
  ]);
}

function postenTabel(r) {
  const posten = [
    [r.soort === 'centrumgemeente-with-charge-on' ? 'Pot (budget centrumgemeente)' : 'Pot (inleg)', r.pot],
    ['Zorgkosten leden', r.zorgkosten.leden],
    ['Zorgkosten herkomst onbekend (0000)', r.zorgkosten.onbekend],
    ['Zorgkosten totaal', r.zorgkosten.totaal],
    ...r.bedrijfsvoering.posten.map((p) => [`Bedrijfsvoering: ${p.omschrijving}`, p.bedrag]),
    [
      `Innovatiebudget (${r.bedrijfsvoering.innovatie.percentage.replace('.', ',')}% van de pot)`,
      r.bedrijfsvoering.innovatie.bedrag,
    ],
    ['Bedrijfsvoering totaal', r.bedrijfsvoering.totaal],
  ];
  return tabel(
    `Pot, kosten en resultaat (${r.soortOmschrijving})`,
    [{ kop: 'Post' }, { kop: 'Bedrag', getal: true }],
    posten.map(([p, b]) => h('tr', {}, [h('th', { scope: 'row' }, p), getalCel(b)])),
    h('tr', {}, [
      h('th', { scope: 'row' }, `Resultaat (${r.resultaatSoort})`),
      getalCel(r.resultaat, { 'data-testid': 'resultaat' }),
    ]),
  );
}

function ledenTabel(r, voorlopig) {
  const lokaal = r.soort === 'local';
  // Only schemes with a transition rule have a part kept by the centrumgemeente.
  const overgang = r.regels.some((l) => l.waarvanOvergang !== 0);
  const kolommen = [
    { kop: 'Gemeente' },
    { kop: 'Inleg', getal: true },
    ...(voorlopig ? [{ kop: 'Zorgkosten tot nu', getal: true }] : []),
    { kop: voorlopig ? 'Zorgkosten (projectie)' : 'Eigen zorgkosten', getal: true },
    ...(overgang ? [{ kop: 'Waarvan overgang', getal: true }] : []),
    { kop: 'Bedrijfsvoering', getal: true },
    ...(lokaal ? [{ kop: 'Herkomst onbekend', getal: true }] : []),
    { kop: 'Sleutelaandeel', getal: true },
    { kop: 'Deel resultaat', getal: true },
    { kop: 'Netto kosten', getal: true },
    { kop: 'Zonder verevening', getal: true },
    { kop: 'Vereveningseffect', getal: true },
  ];
  const cellen = (l, aandeel) => [
    getalCel(l.inleg),
    voorlopig ? getalCel(l.zorgkostenTotDatum ?? 0) : null,
    getalCel(l.eigenZorgkosten),
    overgang ? getalCel(l.waarvanOvergang) : null,
    getalCel(l.aandeelBedrijfsvoering),
    lokaal ? getalCel(l.aandeelOnbekend) : null,
    h('td', { class: 'getal' }, aandeel),
    getalCel(l.deelResultaat),
    getalCel(l.nettoKosten, { 'data-testid': 'netto' }),
    getalCel(l.kostenZonderVerevening),
    h('td', { class: `getal${l.vereveningseffect < 0 ? ' negatief' : ''}` }, verschil(l.vereveningseffect)),
  ];
  const rijen = r.regels.map((l) =>
    h('tr', { 'data-gemeente': l.gemeente }, [
      h('th', { scope: 'row' }, `${l.gemeente} ${l.naam}`),
      ...cellen(l, procent(l.sleutelAandeel)),
    ]),
  );
  return tabel(
    `Per gemeente, sleutel: ${r.sleutel.omschrijving}. Netto kosten = inleg − deel resultaat; een positief vereveningseffect betaalt mee, een negatief profiteert.`,
    kolommen,
    rijen,
    h('tr', {}, [
      h('th', { scope: 'row' }, 'Totaal'),
      // The region's totals, also when the statement shows one municipality's own lines only.
      ...cellen(r.totalen, ''),
    ]),
  );
}

function herleiding(r, bronnen) {
  const rijen = r.herleiding.map((x) =>
    h('tr', {}, [
      h('th', { scope: 'row' }, x.gemeente),
      h('td', {}, maandKort(x.maand)),
      getalCel(x.bedrag),
      getalCel(x.waarvanOvergang),
      h(
        'td',
        { class: 'bestanden' },
        h(
          'ul',
          {},
          x.bestanden.map((id) => {
            const b = bronnen[id];
            return h('li', {}, [
              b ? `${b.naam} (${b.gemeente}, ontvangen ${b.ontvangen.slice(0, 10)}) ` : '',
              h('code', { title: id }, id.slice(0, 12)),
            ]);
          }),
        ),
      ),
    ]),
  );
  return h('details', { class: 'als-tabel herleiding', 'data-testid': 'herleiding' }, [
    h('summary', {}, `Herleiding: zorgkosten per maand en bestand (${r.herleiding.length} regels)`),
    tabel(
      'Bedragen zoals bekend (niet geprojecteerd), per gemeente die ze draagt en per maand, met de declaratiebestanden',
      [
        { kop: 'Gemeente' },
        { kop: 'Maand' },
        { kop: 'Zorgkosten', getal: true },
        { kop: 'Waarvan overgang', getal: true },
        { kop: 'Bestanden' },
      ],
      rijen,
    ),
  ]);
}

function regelingen(a) {
  const o = a.overzicht;
  const voorlopig = o.status === 'voorlopig';
  $('regelingen').replaceChildren(
    ...o.regelingen.map((r, i) =>
      h(
        'section',
        { class: 'paneel breed regeling', 'aria-labelledby': `regeling-${i}`, 'data-testid': 'regeling' },
        [
          h('div', { class: 'paneel-kop' }, [
            h('h2', { id: `regeling-${i}` }, r.naam),
            h(
              'p',
              { class: 'paneel-sub' },
              `Taakvelden ${r.taakvelden.join(', ')}${r.centrumgemeente ? `; centrumgemeente ${r.centrumgemeente}` : ''}`,
            ),
          ]),
          h('div', { class: 'paneel-inhoud' }, [
            postenTabel(r),
            ledenTabel(r, voorlopig),
            r.opmerkingen.length
              ? h(
                  'ul',
                  { class: 'opmerkingen' },
                  r.opmerkingen.map((t) => h('li', {}, t)),
                )
              : null,
            herleiding(r, a.bronnen),
          ]),
        ],
      ),
    ),
  );
}

function overig(a) {
  const o = a.overzicht;
  const delen = [];
  const b = o.bijdragePerInwoner;
  if (b)
    delen.push(
      paneel('bijdrage', b.naam, [
        tabel(
          `Aan ${b.ontvanger.naam}; tarief ${b.tariefCent.replace('.', ',')} cent per inwoner`,
          [{ kop: 'Gemeente' }, { kop: 'Inwoners', getal: true }, { kop: 'Bijdrage', getal: true }],
          b.regels.map((r) =>
            h('tr', {}, [
              h('th', { scope: 'row' }, `${r.gemeente} ${r.naam}`),
              h('td', { class: 'getal' }, r.inwoners.toLocaleString('nl-NL')),
              getalCel(r.bedrag),
            ]),
          ),
          h('tr', {}, [h('th', { scope: 'row' }, 'Totaal'), h('td'), getalCel(b.totaal)]),
        ),
      ]),
    );
  for (const n of o.nacalculaties)
    delen.push(
      paneel(`nacalculatie-${n.jaar}`, `Nacalculatie ${n.jaar}`, [
        h('p', {}, `Correcties op het afgesloten jaar ${n.jaar}, vergeleken met ${n.basis.omschrijving}.`),
        tabel(
          'Verschil in netto kosten per gemeente (positief: de gemeente betaalt bij)',
          [
            { kop: 'Regeling' },
            { kop: 'Gemeente' },
            { kop: 'Eerder', getal: true },
            { kop: 'Herberekend', getal: true },
            { kop: 'Nacalculatie', getal: true },
          ],
          n.regels.map((r) =>
            h('tr', { 'data-testid': 'nacalculatie' }, [
              h('td', {}, r.regeling),
              h('th', { scope: 'row' }, `${r.gemeente} ${r.naam}`),
              getalCel(r.vorigeNettoKosten),
              getalCel(r.nieuweNettoKosten),
              getalCel(r.verschilNettoKosten),
            ]),
          ),
        ),
        h(
          'ul',
          { class: 'opmerkingen' },
          n.verklaring.samenvatting.slice(0, 20).map((t) => h('li', {}, t)),
        ),
      ]),
    );
  if (o.nietToegerekend.length)
    delen.push(
      paneel('niet-toegerekend', 'Niet toegerekende kosten', [
        tabel(
          'Kosten zonder regeling voor hun herkomstgemeente en taakveld (getoond, niet verrekend)',
          [
            { kop: 'Taakveld' },
            { kop: 'Herkomst' },
            { kop: 'Regels', getal: true },
            { kop: 'Bedrag', getal: true },
            { kop: 'Reden' },
          ],
          o.nietToegerekend.map((n) =>
            h('tr', {}, [
              h('td', {}, n.taakveld),
              h('th', { scope: 'row' }, n.herkomstgemeente),
              h('td', { class: 'getal' }, String(n.regels)),
              getalCel(n.bedrag),
              h('td', {}, n.reden),
            ]),
          ),
        ),
      ]),
    );
  delen.push(
    paneel('per-gemeente', 'Per gemeente', [
      tabel(
        'Alle regelingen samen',
        [
          { kop: 'Gemeente' },
          { kop: 'Inleg', getal: true },
          { kop: 'Netto kosten', getal: true },
          { kop: 'Vereveningseffect', getal: true },
          { kop: 'Bijdrage per inwoner', getal: true },
          { kop: 'Nacalculatie', getal: true },
        ],
        o.perGemeente.map((g) =>
          h('tr', {}, [
            h('th', { scope: 'row' }, `${g.gemeente} ${g.naam}`),
            getalCel(g.inleg),
            getalCel(g.nettoKosten),
            getalCel(g.vereveningseffect),
            getalCel(g.bijdragePerInwoner),
            getalCel(g.nacalculatie),
          ]),
        ),
      ),
    ]),
  );
  delen.push(
    paneel('toelichting', 'Toelichting', [
      h(
        'ul',
        {},
        o.toelichting.map((t) => h('li', {}, t)),
      ),
    ]),
  );
  $('overig').replaceChildren(...delen);
}

function paneel(id, titel, inhoud) {
  return h('section', { class: 'paneel breed', id, 'aria-labelledby': `${id}-titel`, 'data-testid': id }, [
    h('div', { class: 'paneel-kop' }, h('h2', { id: `${id}-titel` }, titel)),
    h('div', { class: 'paneel-inhoud' }, inhoud),
  ]);
}

function versies(lijst, huidige) {
  const doel = $('versies');
  doel.hidden = lijst.versies.length === 0;
  const rijen = [...lijst.versies].reverse().map((v) => {
    const knop = h(
      'button',
      { type: 'button', class: 'knop knop-klein', 'data-versie': String(v.versie) },
      `Toon versie ${v.versie}`,
    );
    knop.addEventListener('click', () => {
      state.versie = String(v.versie);
      state.tot = '';
      vulMaanden();
      void laad();
    });
    return h('tr', { 'aria-current': v.versie === huidige ? 'true' : undefined }, [
      h('th', { scope: 'row' }, String(v.versie)),
      h('td', {}, v.status === 'voorlopig' ? 'voorlopig' : 'definitief'),
      h('td', {}, v.totEnMetMaand ? maandKort(v.totEnMetMaand) : 'heel jaar'),
      h(
        'td',
        {},
        new Date(v.vastgelegd).toLocaleString('nl-NL', { dateStyle: 'medium', timeStyle: 'short' }),
      ),
      h('td', {}, h('code', { title: v.invoerHash }, v.invoerHash.slice(0, 12))),
      h('td', {}, v.samenvatting[0] ?? '—'),
      h('td', {}, knop),
    ]);
  });
  doel
    .querySelector('[data-inhoud]')
    .replaceChildren(
      tabel(
        lijst.afgesloten ? `${lijst.jaar} is definitief afgesloten` : `${lijst.jaar} is nog niet afgesloten`,
        [
          { kop: 'Versie' },
          { kop: 'Status' },
          { kop: 'Kosten t/m' },
          { kop: 'Vastgelegd' },
          { kop: 'Invoerhash' },
          { kop: 'Wijziging' },
          { kop: 'Tonen' },
        ],
        rijen,
      ),
    );
}

/** Horizontal grouped bars: per member one bar per key (net cost), with a title and description for screen readers. */
function groepStaven(regeling, scenarios, id) {
  const leden = regeling.leden;
  const n = scenarios.length;
  const waarden = leden.flatMap((l) => l.scenarios.map((x) => x.nettoKosten));
  const min = Math.min(0, ...waarden);
  const max = Math.max(0, ...waarden);
  // About five axis steps, each a round number of whole euros.
  const eenheid = niceStep(Math.max(max - min, 1) / 100 / 5) * 100;
  const lo = Math.floor(min / eenheid) * eenheid;
  const hi = Math.max(Math.ceil(max / eenheid) * eenheid, lo + eenheid);
  const links = 170;
  const breedte = 760;
  const rechts = 48;
  const staaf = 11;
  const groep = n * (staaf + 2) + 12;
  const boven = 8;
  const hoogte = boven + leden.length * groep + 30;
  const x = (v) => links + ((v - lo) / (hi - lo)) * (breedte - links - rechts);
  const titelId = `${id}-titel`;
  const descId = `${id}-desc`;
  const hoogsteVerschil = leden
    .flatMap((l) => l.scenarios.map((x2) => ({ l, x: x2 })))
    .reduce(
      (best, c) => (Math.abs(c.x.verschilMetBasis) > Math.abs(best?.x.verschilMetBasis ?? -1) ? c : best),
      null,
    );
  const kinderen = [
    svgEl('title', { id: titelId }, `Netto kosten per gemeente onder ${n} sleutels: ${regeling.naam}`),
    svgEl(
      'desc',
      { id: descId },
      `Gegroepeerde staafgrafiek. Per gemeente één staaf per sleutel (${scenarios.join(', ')}). ` +
        (hoogsteVerschil
          ? `Het grootste verschil met "${scenarios[0]}" is ${verschil(hoogsteVerschil.x.verschilMetBasis)} voor ${hoogsteVerschil.l.naam} onder "${hoogsteVerschil.x.scenario}". `
          : '') +
        'De tabel onder de grafiek bevat alle bedragen.',
    ),
  ];
  for (let t = lo; t <= hi; t += eenheid) {
    kinderen.push(svgEl('line', { class: 'rasterlijn', x1: x(t), x2: x(t), y1: boven, y2: hoogte - 24 }));
    kinderen.push(
      svgEl('text', { class: 'as-tekst', x: x(t), y: hoogte - 8, 'text-anchor': 'middle' }, asLabel(t)),
    );
  }
  leden.forEach((l, i) => {
    const y0 = boven + i * groep;
    kinderen.push(
      svgEl(
        'text',
        { class: 'label', x: links - 8, y: y0 + (n * (staaf + 2)) / 2 + 4, 'text-anchor': 'end' },
        l.naam,
      ),
    );
    l.scenarios.forEach((sc, k) => {
      const a = x(Math.min(0, sc.nettoKosten));
      const b = x(Math.max(0, sc.nettoKosten));
      kinderen.push(
        svgEl(
          'rect',
          {
            class: `staaf reeks-${k % 7}`,
            x: a,
            y: y0 + k * (staaf + 2),
            width: Math.max(b - a, 1),
            height: staaf,
            'data-gemeente': l.gemeente,
            'data-scenario': sc.scenario,
          },
          svgEl('title', {}, `${l.naam}, ${sc.scenario}: ${euro(sc.nettoKosten)}`),
        ),
      );
    });
  });
  kinderen.push(svgEl('line', { class: 'nullijn', x1: x(0), x2: x(0), y1: boven, y2: hoogte - 24 }));
  return svgEl(
    'svg',
    {
      class: 'grafiek groepstaven',
      viewBox: `0 0 ${breedte} ${hoogte}`,
      role: 'img',
      'aria-labelledby': titelId,
      'aria-describedby': descId,
      'data-testid': 'grafiek-scenarios',
    },
    kinderen,
  );
}

function vergelijking(data) {
  const v = data.vergelijking;
  const doel = $('scenarios');
  doel.hidden = false;
  const inhoud = doel.querySelector('[data-inhoud]');
  // Left out when the figures changed since the statement (a stored version, a closed year): the reason instead.
  if (!v) {
    inhoud.replaceChildren(
      h('p', { class: 'leeg-melding' }, data.melding ?? 'Bij dit overzicht is geen sleutelvergelijking.'),
    );
    return;
  }
  if (!v.regelingen.length) {
    inhoud.replaceChildren(
      h(
        'p',
        { class: 'leeg-melding' },
        'Geen regeling met een gezamenlijke pot: er is geen sleutel te vergelijken.',
      ),
    );
    return;
  }
  const legenda = h(
    'ul',
    { class: 'legenda', 'aria-label': 'Sleutels' },
    v.scenarios.map((naam, k) =>
      h('li', {}, [h('span', { class: `swatch reeks-${k % 7}`, 'aria-hidden': 'true' }), naam]),
    ),
  );
  inhoud.replaceChildren(
    h(
      'p',
      { class: 'paneel-sub' },
      `${v.kop.charAt(0).toUpperCase()}${v.kop.slice(1)} (invoerhash ${v.invoerHash.slice(0, 12)}…).`,
    ),
    legenda,
    ...v.regelingen.map((r, i) =>
      h('figure', { class: 'figuur', 'data-testid': 'scenario-regeling' }, [
        h('h3', {}, `${r.naam}: resultaat ${euro(r.resultaat)}`),
        h('div', { class: 'grafiek-rol' }, groepStaven(r, v.scenarios, `scenario-${i}`)),
        h(
          'figcaption',
          {},
          `Netto kosten per gemeente onder elke sleutel. Verschil: ten opzichte van "${v.basis}"; positief kost de gemeente meer.`,
        ),
        h('details', { class: 'als-tabel', open: true }, [
          h('summary', {}, 'Bedragen als tabel'),
          tabel(
            `Netto kosten per gemeente per sleutel, ${r.naam}`,
            [
              { kop: 'Gemeente' },
              ...v.scenarios.flatMap((naam, k) =>
                k === 0
                  ? [{ kop: `${naam} (basis)`, getal: true }]
                  : [
                      { kop: naam, getal: true },
                      { kop: 'verschil', getal: true },
                    ],
              ),
            ],
            r.leden.map((l) =>
              h('tr', { 'data-gemeente': l.gemeente }, [
                h('th', { scope: 'row' }, `${l.gemeente} ${l.naam}`),
                ...l.scenarios.flatMap((x, k) =>
                  k === 0
                    ? [getalCel(x.nettoKosten)]
                    : [getalCel(x.nettoKosten), getalCel(x.verschilMetBasis)],
                ),
              ]),
            ),
          ),
        ]),
      ]),
    ),
  );
}

async function laad() {
  lopend?.abort();
  const controller = new AbortController();
  lopend = controller;
  schrijfAdres();
  $('inhoud').setAttribute('aria-busy', 'true');
  document.body.dataset.state = 'laden';
  zetStatus(`Verevening ${state.jaar} wordt geladen…`);
  try {
    // The versions do not depend on the statement: asked for at the same time. The key comparison comes with the
    // statement, computed on the same inputs (one computation of the year, not two).
    const [a, lijst] = await Promise.all([
      getJson(
        '/api/verevening',
        {
          jaar: state.jaar,
          tot: state.tot || undefined,
          versie: state.versie || undefined,
          vergelijking: 'ja',
        },
        controller.signal,
      ),
      getJson('/api/verevening/versies', { jaar: state.jaar }, controller.signal),
    ]);
    const o = a.overzicht;
    kop(a);
    versies(lijst, a.opgeslagen ? o.versie : null);
    regelingen(a);
    vergelijking(a);
    overig(a);
    zetStatus(
      `${o.status === 'voorlopig' ? 'Voorlopig' : 'Definitief'} overzicht ${o.jaar}, versie ${o.versie}${a.opgeslagen ? '' : ' (berekend, niet vastgelegd)'}: ${o.regelingen.length} regeling(en).`,
    );
    document.body.dataset.state = 'klaar';
  } catch (err) {
    if (err?.name !== 'AbortError') toonFout(err);
  } finally {
    if (lopend === controller) $('inhoud').setAttribute('aria-busy', 'false');
  }
}

async function start() {
  try {
    await loadConfig();
    showLogout(loginSettings());
    regio = await getJson('/api/regio');
    $('regio-naam').textContent = regio.naam;
    document.title = `Verevening – ${regio.naam}`;
  } catch (err) {
    toonFout(err);
    $('inhoud').setAttribute('aria-busy', 'false');
    return;
  }
  leesAdres();
  vulJaren();
  vulMaanden();
  $('jaar').addEventListener('change', () => {
    state.jaar = $('jaar').value;
    state.tot = '';
    state.versie = '';
    vulMaanden();
  });
  $('keuze').addEventListener('submit', (e) => {
    e.preventDefault();
    state.jaar = $('jaar').value;
    state.tot = $('tot').value;
    state.versie = '';
    void laad();
  });
  await laad();
}

void start();

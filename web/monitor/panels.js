/**
 * The content of each panel, built from one API answer: tables, charts and their text alternatives. Everything is
 * built with DOM calls and textContent, never from HTML strings, so no value from the API can become markup.
 */
import { budgetBars, HEAT_COLOURS, heatMap, horizontalBars, lineChart } from './charts.js';
import {
  aantal,
  datumLang,
  decimaal,
  euro,
  euroKort,
  getoondAantal,
  maandKort,
  maandNaam,
  onderdruk,
  procent,
} from './format.js';

/** An HTML element with attributes and children (one or a list; strings become text; null and false are left out). */
export function h(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of [].concat(children))
    if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

let uniek = 0;
const nieuwId = (prefix) => `${prefix}-${++uniek}`;

const TAAKVELD_NAMEN = {
  BW: 'beschermd wonen',
  MO: 'maatschappelijke opvang',
  BWO: 'overige beschermd wonen en opvang',
  BP: 'bemoeizorg en preventie',
};

/** The name of a taakveld code (the code itself for one without a name). */
export const taakveldNaam = (code) => TAAKVELD_NAMEN[code] ?? code;

const abbr = (code) => h('abbr', { title: TAAKVELD_NAMEN[code] }, [code]);

/**
 * A table: columns {kop, numeriek, cel(row) → string | Node}, optional foot row (same columns) and caption.
 */
function tabel({ caption, columns, rows, foot, testid, rowTestid, footTestid, captionHidden = false }) {
  const head = h('thead', {}, [
    h(
      'tr',
      {},
      columns.map((c) => h('th', { scope: 'col', class: c.numeriek ? 'getal' : undefined }, [c.kop])),
    ),
  ]);
  const body = h(
    'tbody',
    {},
    rows.map((row) =>
      h(
        'tr',
        { 'data-testid': rowTestid },
        columns.map((c, i) =>
          h(
            i === 0 ? 'th' : 'td',
            { scope: i === 0 ? 'row' : undefined, class: c.numeriek ? 'getal' : undefined },
            [c.cel(row)],
          ),
        ),
      ),
    ),
  );
  const parts = [
    caption ? h('caption', { class: captionHidden ? 'visueel-verborgen' : undefined }, [caption]) : null,
    head,
    body,
  ];
  if (foot) {
    parts.push(
      h('tfoot', {}, [
        h(
          'tr',
          { 'data-testid': footTestid },
          columns.map((c, i) =>
            h(
              i === 0 ? 'th' : 'td',
              { scope: i === 0 ? 'row' : undefined, class: c.numeriek ? 'getal' : undefined },
              [c.cel(foot)],
            ),
          ),
        ),
      ]),
    );
  }
  return h('div', { class: 'tabel-rol', tabindex: '0', role: 'region', 'aria-label': caption }, [
    h('table', { 'data-testid': testid }, parts),
  ]);
}

/**
 * A chart with its text alternatives: the SVG's accessible name says what it shows, its description points to a
 * caption with the key figures, and the full figures are a table under "Toon als tabel".
 */
function figuur({ maakSvg, bijschrift, tabelOpties, legenda, naast = false }) {
  const captionId = nieuwId('bijschrift');
  const tableId = nieuwId('tabel');
  const svg = maakSvg(`${captionId} ${tableId}`);
  return h('figure', { class: naast ? 'figuur naast' : 'figuur' }, [
    legenda ?? null,
    h('div', { class: 'grafiek-rol' }, [svg]),
    h('figcaption', { id: captionId }, [bijschrift]),
    h('details', { class: 'als-tabel' }, [
      h('summary', {}, ['Toon als tabel']),
      h('div', { id: tableId }, [tabel({ ...tabelOpties, captionHidden: false })]),
    ]),
  ]);
}

function legendaItem(klasse, tekst) {
  return h('li', {}, [h('span', { class: `swatch ${klasse}`, 'aria-hidden': 'true' }), tekst]);
}

function leeg(tekst = 'Geen gegevens voor deze selectie.') {
  return h('p', { class: 'leeg-melding' }, [tekst]);
}

// 1. Stand

/** The stand's totals, with small totals suppressed like the rows when the answer is suppressed. */
export function standTotaal(data) {
  if (!data.totaal || !data.onderdrukt) return data.totaal;
  return Object.fromEntries(Object.entries(data.totaal).map(([k, v]) => [k, onderdruk(v, data.drempel)]));
}

export function stand(data, ctx) {
  const columns = [
    { kop: 'Gemeente', cel: (r) => r.naam },
    { kop: abbr('BW'), numeriek: true, cel: (r) => aantal(r.BW) },
    { kop: abbr('MO'), numeriek: true, cel: (r) => aantal(r.MO) },
    { kop: abbr('BWO'), numeriek: true, cel: (r) => aantal(r.BWO) },
    { kop: 'Totaal', numeriek: true, cel: (r) => aantal(r.totaal) },
  ];
  if (!data.rijen.length) return [leeg()];
  return [
    tabel({
      caption: `Cliënten met een toewijzing op ${datumLang(ctx.peildatum)}, per herkomstgemeente en taakveld`,
      captionHidden: true,
      columns,
      rows: data.rijen,
      foot: data.totaal ? { naam: 'Totaal', ...standTotaal(data) } : undefined,
      testid: 'stand-tabel',
      rowTestid: 'stand-rij',
      footTestid: 'stand-totaal',
    }),
  ];
}

// 2. Per 10.000 inwoners

export function dichtheid(data, ctx) {
  if (!data.rijen.length) return [leeg()];
  const rows = data.rijen
    .map((r) => ({
      label: r.naam,
      value: typeof r.per10000 === 'number' ? r.per10000 : null,
      valueText:
        typeof r.per10000 === 'number'
          ? decimaal(r.per10000)
          : !r.inwoners
            ? 'geen inwonertal'
            : getoondAantal(r.clienten) !== null
              ? `niet getoond (aantal afgerond: ${aantal(r.clienten)})`
              : 'niet getoond (klein aantal)',
      raw: r,
    }))
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.label.localeCompare(b.label, 'nl'));
  const shown = rows.filter((r) => r.value !== null);
  const summary = shown.length
    ? `Hoogste: ${shown[0].label} (${shown[0].valueText}); laagste: ${shown.at(-1).label} (${shown.at(-1).valueText}) cliënten per 10.000 inwoners.`
    : 'Geen gemeente met een getoond aantal.';
  const what = `Cliënten per 10.000 inwoners per gemeente op ${datumLang(ctx.peildatum)}${ctx.taakveldTekst}`;
  return [
    figuur({
      maakSvg: (describedBy) =>
        horizontalBars(rows, {
          label: `Staafdiagram: ${what}`,
          describedBy,
          testid: 'dichtheid-grafiek',
          barTestid: 'dichtheid-staaf',
          tickText: decimaal,
        }),
      bijschrift: `${what}. ${summary}`,
      tabelOpties: {
        caption: what,
        columns: [
          { kop: 'Gemeente', cel: (r) => r.label },
          { kop: 'Inwoners', numeriek: true, cel: (r) => aantal(r.raw.inwoners) },
          { kop: 'Cliënten', numeriek: true, cel: (r) => aantal(r.raw.clienten) },
          { kop: 'Per 10.000 inwoners', numeriek: true, cel: (r) => decimaal(r.raw.per10000) },
        ],
        rows,
        testid: 'dichtheid-tabel',
      },
    }),
  ];
}

// 3. Budget

/** Budget rows are per municipality and taakveld; the chart shows a municipality's sum over the taakvelden. */
function budgetPerGemeente(rijen) {
  const map = new Map();
  for (const r of rijen) {
    const g = map.get(r.gemeente) ?? {
      gemeente: r.gemeente,
      naam: r.naam,
      budget: 0,
      toegekend: 0,
      verschil: 0,
    };
    g.budget += r.budget;
    g.toegekend += r.toegekend;
    g.verschil += r.verschil;
    map.set(r.gemeente, g);
  }
  return [...map.values()];
}

export function budget(data, ctx) {
  if (!data.rijen.length) return [leeg('Geen budget of uitgaven voor deze selectie.')];
  const rows = budgetPerGemeente(data.rijen).map((g) => ({
    ...g,
    label: g.naam,
    valueText: `${euro(g.toegekend)} toegekend van ${euro(g.budget)} budget`,
    shortText: g.budget > 0 ? procent(g.toegekend / g.budget) : 'geen budget',
  }));
  // Without a budget (herkomst onbekend) nothing is over it.
  const over = rows.filter((r) => r.budget > 0 && r.toegekend > r.budget).map((r) => r.label);
  const what = `Toegekend bedrag in ${ctx.jaar} tot en met ${maandNaam(ctx.tot)} tegenover het budget ${ctx.jaar}, per gemeente${ctx.taakveldTekst}`;
  const legenda = h('ul', { class: 'legenda', 'aria-hidden': 'true' }, [
    legendaItem('budget', `Budget ${ctx.jaar}`),
    legendaItem('toegekend', 'Toegekend'),
    legendaItem('over', 'Boven budget'),
    legendaItem('naar-rato', `Naar rato t/m ${maandNaam(ctx.tot)}`),
  ]);
  const totaal = data.totaal;
  return [
    figuur({
      legenda,
      maakSvg: (describedBy) =>
        budgetBars(rows, {
          label: `Staafdiagram: ${what}`,
          describedBy,
          testid: 'budget-grafiek',
          barTestid: 'budget-staaf',
          tickText: euroKort,
          naarRato: ctx.naarRato,
        }),
      bijschrift: `${what}. ${
        totaal ? `Samen ${euro(totaal.toegekend)} van ${euro(totaal.budget)}. ` : ''
      }${over.length ? `Boven budget: ${over.join(', ')}.` : 'Geen gemeente boven budget.'}`,
      tabelOpties: {
        caption: what,
        columns: [
          { kop: 'Gemeente', cel: (r) => r.label },
          { kop: 'Budget', numeriek: true, cel: (r) => euro(r.budget) },
          { kop: 'Toegekend', numeriek: true, cel: (r) => euro(r.toegekend) },
          { kop: 'Verschil', numeriek: true, cel: (r) => euro(r.verschil) },
          { kop: 'Uitgeput', numeriek: true, cel: (r) => r.shortText },
        ],
        rows,
        foot: totaal
          ? {
              label: 'Totaal',
              ...totaal,
              shortText: totaal.budget > 0 ? procent(totaal.toegekend / totaal.budget) : '–',
            }
          : undefined,
        testid: 'budget-tabel',
      },
    }),
  ];
}

// 4. Trend

export const REEKSEN = {
  clienten: { naam: 'Cliënten', waarde: aantal, as: aantal },
  toegekend: { naam: 'Toegekend bedrag', waarde: euro, as: euroKort },
  afgewezen: { naam: 'Afgewezen bedrag', waarde: euro, as: euroKort },
};

export function trend(data, ctx) {
  if (!data.rijen.length) return [leeg()];
  const reeks = REEKSEN[ctx.reeks] ?? REEKSEN.clienten;
  const points = data.rijen.map((r) => ({
    label: maandNaam(r.maand),
    axisLabel: maandKort(r.maand),
    // A rounded count (≈) is drawn at its tens; only a hidden one (<5) is left out.
    value: getoondAantal(r[ctx.reeks]),
    valueText: reeks.waarde(r[ctx.reeks]),
  }));
  const numeric = points.filter((p) => p.value !== null);
  const top = numeric.reduce((best, p) => (best && best.value >= p.value ? best : p), null);
  const what = `${reeks.naam} per maand, ${maandNaam(ctx.van)} tot en met ${maandNaam(ctx.tot)}${ctx.taakveldTekst}${ctx.gemeenteTekst}`;
  return [
    figuur({
      maakSvg: (describedBy) =>
        lineChart(points, {
          label: `Lijndiagram: ${what}`,
          describedBy,
          testid: 'trend-grafiek',
          pointTestid: 'trend-punt',
          tickText: reeks.as,
        }),
      bijschrift: `${what}. ${top ? `Hoogste waarde ${top.valueText} in ${top.label}.` : ''}${
        numeric.length < points.length ? ' Maanden met een klein aantal zijn niet getoond.' : ''
      }`,
      tabelOpties: {
        caption: `Cliënten, toegekend en afgewezen bedrag per maand${ctx.taakveldTekst}${ctx.gemeenteTekst}`,
        columns: [
          { kop: 'Maand', cel: (r) => (r.maand ? maandNaam(r.maand) : 'Totaal') },
          { kop: 'Cliënten', numeriek: true, cel: (r) => aantal(r.clienten) },
          { kop: 'Toegekend', numeriek: true, cel: (r) => euro(r.toegekend) },
          { kop: 'Afgewezen', numeriek: true, cel: (r) => euro(r.afgewezen) },
        ],
        rows: data.rijen,
        foot: data.totaal ? { maand: null, clienten: null, ...data.totaal } : undefined,
        testid: 'trend-tabel',
      },
    }),
  ];
}

// 5. Spreiding

function sortNames(entries) {
  // Why "Onbekend" last: it is not a place in the region, and a reader looks for it at the end.
  return entries.sort((a, b) =>
    a.key === '0000' ? 1 : b.key === '0000' ? -1 : a.label.localeCompare(b.label, 'nl'),
  );
}

export function spreiding(data, ctx) {
  if (!data.rijen.length) return [leeg()];
  const herkomst = new Map();
  const vestiging = new Map();
  for (const r of data.rijen) {
    herkomst.set(r.herkomst, r.herkomstNaam);
    vestiging.set(r.vestiging, r.vestigingNaam);
  }
  const rows = sortNames([...herkomst].map(([key, label]) => ({ key, label })));
  const columns = sortNames([...vestiging].map(([key, label]) => ({ key, label })));
  const cells = data.rijen.map((r) => ({
    row: r.herkomst,
    column: r.vestiging,
    // A rounded count ("≈130") coloured at its tens, like the charts draw it; a hidden one at the palest step.
    value: getoondAantal(r.clienten) ?? r.clienten,
    valueText: aantal(r.clienten),
    title: `${r.herkomstNaam} → ${r.vestigingNaam}: ${aantal(r.clienten)} cliënten`,
  }));
  // Every cell has at least one client, also a hidden (<5) or rounded (≈) one.
  const eigen = data.rijen.filter((r) => r.herkomst === r.vestiging);
  const what = `Cliënten op ${datumLang(ctx.peildatum)} naar herkomstgemeente (rijen) en vestigingsgemeente van de aanbieder (kolommen)${ctx.taakveldTekst}`;
  const legenda = h('div', { class: 'schaal', 'aria-hidden': 'true' }, [
    h('span', {}, ['weinig']),
    h(
      'span',
      { class: 'schaal-stappen' },
      HEAT_COLOURS.map((_, i) => h('span', { class: `swatch heat-${i}` })),
    ),
    h('span', {}, ['veel cliënten']),
  ]);
  return [
    figuur({
      legenda,
      naast: true,
      maakSvg: (describedBy) =>
        heatMap(
          { rows, columns, cells },
          {
            label: `Warmtekaart: ${what}`,
            describedBy,
            testid: 'spreiding-grafiek',
            cellTestid: 'spreiding-cel',
            rowTitle: 'herkomst',
            columnTitle: 'vestiging',
          },
        ),
      bijschrift: `${what}. ${rows.length} herkomstgemeenten, ${columns.length} vestigingsgemeenten, ${cells.length} combinaties${
        eigen.length ? `; ${eigen.length} gemeenten met cliënten in de eigen gemeente` : ''
      }.`,
      tabelOpties: {
        caption: what,
        columns: [
          { kop: 'Herkomst', cel: (r) => r.herkomstNaam },
          { kop: 'Vestiging', cel: (r) => r.vestigingNaam },
          { kop: 'Cliënten', numeriek: true, cel: (r) => aantal(r.clienten) },
        ],
        rows: data.rijen,
        testid: 'spreiding-tabel',
      },
    }),
  ];
}

// 6. Afwijzingen

export function afwijzingen(data, ctx) {
  if (!data.rijen.length)
    return [
      leeg(
        ctx.alleenEigenBestanden
          ? 'Geen afgewezen regels in de bestanden die uw gemeente in deze periode aanleverde (afwijzingen in bestanden van een andere gemeente staan daar).'
          : 'Geen afgewezen regels in deze periode.',
      ),
    ];
  const top = data.rijen.slice(0, 10);
  const max = Math.max(1, ...top.map((r) => (typeof r.regels === 'number' ? r.regels : 0)));
  const regels = (r) => {
    const bar = h('span', { class: 'databalk', 'aria-hidden': 'true' });
    // Why CSSOM: the page's Content-Security-Policy forbids style attributes, not style properties.
    bar.style.width = `${typeof r.regels === 'number' ? Math.max(2, (r.regels / max) * 100) : 2}%`;
    return h('span', { class: 'regels-cel' }, [
      h('span', { class: 'databalk-spoor' }, [bar]),
      aantal(r.regels),
    ]);
  };
  return [
    tabel({
      caption: `De ${top.length} meest voorkomende afwijzingen (aanbieder en retourcode), ${maandNaam(ctx.van)} tot en met ${maandNaam(ctx.tot)}`,
      captionHidden: true,
      columns: [
        { kop: 'Retourcode', cel: (r) => h('span', { class: 'code' }, [r.retourcode]) },
        { kop: 'Omschrijving', cel: (r) => r.tekst },
        { kop: 'Aanbieder (AGB)', cel: (r) => r.aanbieder },
        { kop: 'Regels', numeriek: true, cel: regels },
        { kop: 'Bedrag', numeriek: true, cel: (r) => euro(r.bedrag) },
      ],
      rows: top,
      testid: 'afwijzingen-tabel',
      rowTestid: 'afwijzing-rij',
    }),
    data.aantal > top.length
      ? h('p', { class: 'voetnoot' }, [
          `${top.length} van ${aantal(data.aantal)} combinaties van aanbieder en retourcode; de download bevat ze allemaal.`,
        ])
      : null,
  ].filter(Boolean);
}

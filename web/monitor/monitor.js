/**
 * The regional monitor: reads the region from /api/regio, offers the period, peildatum, municipality and taakveld,
 * and fills six panels from the monitor views of the API (the same views as the CLI reports and exports, so every
 * channel shows the same numbers). Counts arrive already suppressed where the caller's role asks for it.
 */
import { ApiFout, apiUrl, getJson, loadConfig, loginSettings, onClickDownload } from './api.js';
import {
  aantal,
  datumLang,
  euro,
  laatsteDag,
  maandenTussen,
  maandNaam,
  maandTerug,
  procent,
} from './format.js';
import { AanmeldFout, showLogout } from './login.js';
import {
  afwijzingen,
  budget,
  dichtheid,
  h,
  spreiding,
  stand,
  standTotaal,
  taakveldNaam,
  trend,
} from './panels.js';

/** The API accepts periods of at most 120 months. */
const MAX_MAANDEN = 120;
const DEBOUNCE_MS = 250;

const $ = (id) => document.getElementById(id);

const state = {
  van: '',
  tot: '',
  peildatum: '',
  /** The peildatum follows the last day of `tot` until the user picks one. */
  peildatumVolgt: true,
  gemeente: '',
  taakveld: '',
  reeks: 'clienten',
};

let regio = null;
let lopend = null;
let wachttijd = 0;
/** The last answer per panel, so a change of the trend's series redraws without asking the API again. */
const laatste = new Map();

/**
 * Each panel: its id (the API view it shows, and its section paneel-…), the view's parameters for the selection, and
 * what its subtitle says.
 */
const PANELEN = [
  {
    id: 'stand',
    teken: stand,
    params: (s) => ({ datum: s.peildatum }),
    sub: (s) => `Cliënten met een toewijzing op ${datumLang(s.peildatum)}, naar herkomstgemeente`,
  },
  {
    id: 'dichtheid',
    teken: dichtheid,
    params: (s) => ({ datum: s.peildatum }),
    sub: (s) => `Op ${datumLang(s.peildatum)}, inwonertal van ${s.peildatum.slice(0, 4)}`,
  },
  {
    id: 'budget',
    teken: budget,
    params: (s) => ({ jaar: s.tot.slice(0, 4), tot: s.tot }),
    sub: (s) => `Toegekend in ${s.tot.slice(0, 4)} tot en met ${maandNaam(s.tot)}`,
  },
  {
    id: 'trend',
    teken: trend,
    params: (s) => ({ van: s.van, tot: s.tot }),
    sub: (s) => `${maandNaam(s.van)} tot en met ${maandNaam(s.tot)}`,
  },
  {
    id: 'spreiding',
    teken: spreiding,
    params: (s) => ({ datum: s.peildatum }),
    sub: (s) => `Op ${datumLang(s.peildatum)}: waar wonen de cliënten uit elke gemeente?`,
  },
  {
    id: 'afwijzingen',
    teken: afwijzingen,
    params: (s) => ({ van: s.van, tot: s.tot }),
    per: 10,
    sub: (s) =>
      `Top 10 naar aantal regels, ${maandNaam(s.van)} tot en met ${maandNaam(s.tot)}${
        regio.alleenEigenBestanden ? ', in de bestanden die uw gemeente aanleverde' : ''
      }`,
  },
];

// --- start -----------------------------------------------------------------------------------------------------

async function start() {
  try {
    await loadConfig();
    showLogout(loginSettings());
    regio = await getJson('/api/regio');
  } catch (err) {
    startFout(err);
    return;
  }
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    vernieuw();
  });
  $('filters').addEventListener('change', onFilterChange);
  $('peildatum').addEventListener('input', () => {
    state.peildatumVolgt = false;
  });
  $('trend-reeks').addEventListener('change', (e) => {
    state.reeks = e.target.value;
    if (laatste.has('trend'))
      tekenPaneel(
        PANELEN.find((p) => p.id === 'trend'),
        laatste.get('trend'),
      );
  });
  toonRegio();
  if (!vulKeuzes()) return;
  leesAdres();
  zetControls();
  vernieuw();
}

function startFout(err) {
  const bekend = err instanceof ApiFout || err instanceof AanmeldFout;
  if (!bekend) console.error(err);
  const bericht = bekend ? err.message : 'Er ging iets mis.';
  $('status').textContent = `De monitor kon niet worden geladen. ${bericht}`;
  $('status').classList.add('fout');
  document.body.dataset.state = 'fout';
  $('inhoud').setAttribute('aria-busy', 'false');
  for (const p of PANELEN) paneelFout(p, bericht);
}

function toonRegio() {
  $('regio-naam').textContent = `Regio ${regio.naam}`;
  document.title = `Regionale monitor ${regio.naam}`;
  if (regio.onderdrukt) {
    const d = regio.drempel;
    $('onderdrukt').textContent =
      `Aantallen 1–${d - 1} worden getoond als <${d}, zodat geen cliënt herkenbaar is.`;
    $('onderdrukt').hidden = false;
  }
}

/** Fills the month, municipality and taakveld lists; false when the region has no data yet. */
function vulKeuzes() {
  const { eersteMaand, laatsteMaand } = regio.perioden;
  if (!eersteMaand || !laatsteMaand) {
    $('status').textContent = 'Er zijn nog geen verwerkte toewijzingen of declaraties in deze regio.';
    document.body.dataset.state = 'leeg';
    $('inhoud').setAttribute('aria-busy', 'false');
    for (const p of PANELEN) vervang(paneel(p), [h('p', { class: 'leeg-melding' }, ['Nog geen gegevens.'])]);
    return false;
  }
  const maanden = maandenTussen(eersteMaand, laatsteMaand);
  for (const id of ['van', 'tot']) {
    $(id).replaceChildren(...maanden.map((m) => new Option(maandNaam(m), m)));
  }
  const gemeenten = [...regio.gemeenten].sort((a, b) => a.naam.localeCompare(b.naam, 'nl'));
  const subregios = new Map();
  for (const g of gemeenten) {
    if (g.subregio) subregios.set(g.subregio, [...(subregios.get(g.subregio) ?? []), g.code]);
  }
  const select = $('gemeente');
  if (subregios.size > 1) {
    const groep = h('optgroup', { label: 'Subregio' });
    for (const [naam, codes] of subregios)
      groep.append(new Option(`${naam} (${codes.length} gemeenten)`, codes.join(',')));
    select.append(groep);
  }
  const groep = h('optgroup', { label: 'Gemeente' });
  for (const g of gemeenten) groep.append(new Option(g.naam, g.code));
  select.append(groep);
  for (const t of regio.taakvelden) $('taakveld').append(new Option(`${t} – ${taakveldNaam(t)}`, t));

  state.tot = laatsteMaand;
  state.van = maanden.length > MAX_MAANDEN ? maandTerug(laatsteMaand, MAX_MAANDEN - 1) : eersteMaand;
  state.peildatum = laatsteDag(state.tot);
  return true;
}

/** A selection in the address (?van=…&tot=…) wins over the defaults, so a view can be shared as a link. */
function leesAdres() {
  const q = new URLSearchParams(location.search);
  const heeft = (id, v) => [...$(id).options].some((o) => o.value === v);
  if (heeft('van', q.get('van'))) state.van = q.get('van');
  if (heeft('tot', q.get('tot'))) {
    state.tot = q.get('tot');
    state.peildatum = laatsteDag(state.tot);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(q.get('peildatum') ?? '')) {
    state.peildatum = q.get('peildatum');
    state.peildatumVolgt = false;
  }
  if (heeft('gemeente', q.get('gemeente'))) state.gemeente = q.get('gemeente');
  if (heeft('taakveld', q.get('taakveld'))) state.taakveld = q.get('taakveld');
}

function schrijfAdres() {
  const q = new URLSearchParams({ van: state.van, tot: state.tot });
  if (!state.peildatumVolgt) q.set('peildatum', state.peildatum);
  if (state.gemeente) q.set('gemeente', state.gemeente);
  if (state.taakveld) q.set('taakveld', state.taakveld);
  history.replaceState(null, '', `${location.pathname}?${q}`);
}

function zetControls() {
  $('van').value = state.van;
  $('tot').value = state.tot;
  $('peildatum').value = state.peildatum;
  $('gemeente').value = state.gemeente;
  $('taakveld').value = state.taakveld;
}

function onFilterChange(e) {
  if (e.target.id === 'tot' && state.peildatumVolgt) $('peildatum').value = laatsteDag(e.target.value);
  clearTimeout(wachttijd);
  wachttijd = setTimeout(vernieuw, DEBOUNCE_MS);
}

// --- selection --------------------------------------------------------------------------------------------------

/** Reads and checks the controls; a message per problem, or none. */
function leesControls() {
  const fouten = [];
  const van = $('van').value;
  const tot = $('tot').value;
  const peildatum = $('peildatum').value;
  markeer('van', false);
  markeer('tot', false);
  markeer('peildatum', false);
  if (van > tot) {
    fouten.push(`De maand ‘van’ (${maandNaam(van)}) ligt na ‘tot en met’ (${maandNaam(tot)}).`);
    markeer('van', true);
    markeer('tot', true);
  } else if (maandenTussen(van, tot).length > MAX_MAANDEN) {
    fouten.push(`Kies een periode van ten hoogste ${MAX_MAANDEN} maanden.`);
    markeer('van', true);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(peildatum)) {
    fouten.push('Vul een geldige peildatum in.');
    markeer('peildatum', true);
  }
  if (!fouten.length) {
    Object.assign(state, {
      van,
      tot,
      peildatum,
      gemeente: $('gemeente').value,
      taakveld: $('taakveld').value,
    });
  }
  return fouten;
}

function markeer(id, ongeldig) {
  if (ongeldig) {
    $(id).setAttribute('aria-invalid', 'true');
    $(id).setAttribute('aria-errormessage', 'filter-fout');
  } else {
    $(id).removeAttribute('aria-invalid');
    $(id).removeAttribute('aria-errormessage');
  }
}

/** Whether the view honours the selection's gemeente or taakveld (some views know only some taakvelden). */
function kanFilteren(weergave, filter) {
  const w = regio.weergaven.find((v) => v.naam === weergave);
  if (!w?.filters.includes(filter)) return false;
  return filter !== 'taakveld' || !w.taakvelden || w.taakvelden.includes(state.taakveld);
}

/** The selection's filters the view honours, so the page never sends one the API would refuse. */
function filtersVoor(weergave) {
  const out = {};
  if (state.gemeente && kanFilteren(weergave, 'gemeente')) out.gemeente = state.gemeente;
  if (state.taakveld && kanFilteren(weergave, 'taakveld')) out.taakveld = state.taakveld;
  return out;
}

/** What the panel could not filter on, said in its subtitle. */
function nietGefilterd(weergave) {
  const missend = [];
  if (state.gemeente && !kanFilteren(weergave, 'gemeente')) missend.push('gemeente');
  if (state.taakveld && !kanFilteren(weergave, 'taakveld')) missend.push(`taakveld ${state.taakveld}`);
  return missend.length ? ` (niet te filteren op ${missend.join(' of ')})` : '';
}

function context() {
  const gemeente = $('gemeente');
  return {
    ...state,
    jaar: state.tot.slice(0, 4),
    naarRato: Number(state.tot.slice(5)) / 12,
    taakveldTekst: state.taakveld ? `, taakveld ${state.taakveld}` : '',
    gemeenteTekst: state.gemeente ? `, ${gemeente.options[gemeente.selectedIndex].text}` : '',
    alleenEigenBestanden: regio.alleenEigenBestanden === true,
  };
}

// --- loading ----------------------------------------------------------------------------------------------------

async function vernieuw() {
  clearTimeout(wachttijd);
  const fouten = leesControls();
  const melding = $('filter-fout');
  if (fouten.length) {
    melding.textContent = fouten.join(' ');
    melding.hidden = false;
    $('status').textContent = 'Controleer de selectie; de cijfers zijn niet bijgewerkt.';
    document.body.dataset.state = 'ongeldig';
    return;
  }
  melding.hidden = true;
  melding.textContent = '';
  lopend?.abort();
  const controller = new AbortController();
  lopend = controller;
  schrijfAdres();
  document.body.dataset.state = 'laden';
  $('inhoud').setAttribute('aria-busy', 'true');
  $('status').classList.remove('fout');
  $('status').textContent = 'Gegevens worden geladen…';

  const resultaten = await Promise.allSettled(PANELEN.map((p) => laadPaneel(p, controller.signal)));
  if (controller.signal.aborted) return;
  const mislukt = resultaten.filter((r) => r.status === 'rejected').length;
  $('inhoud').setAttribute('aria-busy', 'false');
  if (mislukt) {
    $('status').textContent = `${mislukt} van de ${PANELEN.length} onderdelen konden niet worden geladen.`;
    $('status').classList.add('fout');
    document.body.dataset.state = 'fout';
  } else {
    $('status').textContent =
      `Bijgewerkt: ${maandNaam(state.van)} tot en met ${maandNaam(state.tot)}, peildatum ${datumLang(state.peildatum)}.`;
    document.body.dataset.state = 'klaar';
  }
}

function paneel(p) {
  return $(`paneel-${p.id}`);
}

function vervang(section, nodes) {
  section.querySelector('[data-inhoud]').replaceChildren(...nodes);
}

async function laadPaneel(p, signal) {
  const section = paneel(p);
  const params = { ...p.params(state), ...filtersVoor(p.id) };
  section.classList.add('laadt');
  section.setAttribute('aria-busy', 'true');
  section.querySelector('[data-sub]').textContent = p.sub(state) + nietGefilterd(p.id);
  if (!section.querySelector('[data-inhoud]').childElementCount) {
    vervang(section, [h('p', { class: 'laden' }, ['Laden…'])]);
  }
  zetDownloads(section, p, params);
  try {
    const data = await getJson(`/api/${p.id}`, { ...params, per: p.per ?? 1000 }, signal);
    if (signal.aborted) return;
    laatste.set(p.id, data);
    tekenPaneel(p, data);
    section.dataset.state = 'klaar';
  } catch (err) {
    if (signal.aborted) return;
    laatste.delete(p.id);
    paneelFout(p, err instanceof ApiFout ? err.message : 'Er ging iets mis bij het tonen van deze gegevens.');
    if (!(err instanceof ApiFout)) console.error(err);
    throw err;
  } finally {
    if (!signal.aborted) {
      section.classList.remove('laadt');
      section.setAttribute('aria-busy', 'false');
    }
  }
}

function tekenPaneel(p, data) {
  vervang(paneel(p), p.teken(data, context()));
  kerncijfers(p.id, data);
}

function paneelFout(p, bericht) {
  const section = paneel(p);
  section.dataset.state = 'fout';
  const opnieuw = h('button', { type: 'button', class: 'knop knop-klein' }, ['Opnieuw proberen']);
  opnieuw.addEventListener('click', () => vernieuw());
  vervang(section, [
    h('div', { class: 'fout-blok', role: 'alert', 'data-testid': `fout-${p.id}` }, [
      h('p', {}, [`Deze gegevens konden niet worden geladen. ${bericht}`]),
      opnieuw,
    ]),
  ]);
  kerncijfers(p.id, null);
}

function zetDownloads(section, p, params) {
  const plek = section.querySelector('[data-downloads]');
  const titel = section.querySelector('h2').textContent.toLowerCase();
  const link = (format, tekst) => {
    const url = apiUrl(`/api/${p.id}`, { ...params, format });
    const a = h('a', { href: url, class: 'download', 'data-testid': `download-${p.id}-${format}` }, [
      tekst,
      h('span', { class: 'visueel-verborgen' }, [` van ${titel}`]),
    ]);
    onClickDownload(a, url, `${p.id}.${format}`, (err) => {
      $('status').textContent = err.message;
    });
    return a;
  };
  plek.replaceChildren('Download: ', link('csv', 'CSV'), ' · ', link('xlsx', 'Excel'));
}

/** The four key figures at the top come from the same answers as the panels. */
function kerncijfers(id, data) {
  if (id === 'stand') {
    $('kc-clienten').textContent = data?.totaal ? aantal(standTotaal(data).totaal) : '–';
  } else if (id === 'trend') {
    $('kc-toegekend').textContent = data?.totaal ? euro(data.totaal.toegekend) : '–';
    $('kc-afgewezen').textContent = data?.totaal ? euro(data.totaal.afgewezen) : '–';
  } else if (id === 'budget') {
    $('kc-budget-label').textContent = `Budget ${state.tot.slice(0, 4)} uitgeput`;
    const t = data?.totaal;
    $('kc-budget').textContent = t && t.budget > 0 ? procent(t.toegekend / t.budget) : '–';
  }
}

start();

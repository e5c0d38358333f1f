/**
 * The statement and the key comparison as tables for finance: CSV (one table) and XLSX (a sheet per scheme plus the
 * summary, per-municipality totals, the contribution per inhabitant, post-calculations, traceability, the key
 * comparison and the statement's accounting: status, version, input hash). The formats themselves (semicolon CSV with
 * BOM, euros with a decimal comma, neutralised formulas; typed XLSX cells) are the monitor's (monitor/tables.ts).
 */

import { type Column, col, type Table } from '../monitor/tables';
import type {
  BijdrageRegel,
  GemeenteTotaal,
  HerleidingRegel,
  NacalculatieRegel,
  NietToegerekend,
  ScenarioLid,
  ScenarioVergelijking,
  SchemeStatement,
  Statement,
  StatementLine,
  StatementTotals,
} from './types';

type Regel = Omit<StatementLine, 'sleutelOnderdelen' | 'naam' | 'inwoners' | 'sleutelAandeel'> & {
  readonly regeling: string;
  readonly naam: string;
  readonly inwoners: number | null;
  readonly sleutelAandeel: string | null;
};

const aandeel = (r: { sleutelAandeel: string | null }) =>
  r.sleutelAandeel === null ? null : Number(r.sleutelAandeel);

/**
 * A sheet from its name, rows and columns, as the formats take it: they read a row only through its own columns, so
 * the row type can be let go of here.
 */
function tabel<R>(name: string, rows: readonly R[], columns: readonly NoInfer<Column<R>>[]): Table<object> {
  const t: Table<R> = { name, columns, rows };
  return t as unknown as Table<object>;
}

/** The columns that name a member: the scheme (with `metRegeling`), the municipality's code and its name. */
const lidKolommen = (metRegeling: boolean): Column<unknown>[] => [
  ...(metRegeling ? [col('regeling', 'Regeling', 'text')] : []),
  col('gemeente', 'Gemeente', 'text'),
  col('naam', 'Naam', 'text'),
];

function regels(r: SchemeStatement, metTotaal: boolean): Regel[] {
  const rows: Regel[] = r.regels.map((l) => ({ ...l, regeling: r.naam }));
  if (metTotaal) {
    const t: StatementTotals = r.totalen;
    rows.push({
      ...t,
      regeling: r.naam,
      gemeente: 'totaal',
      naam: 'Totaal',
      inwoners: null,
      sleutelAandeel: null,
    });
  }
  return rows;
}

/** The member lines' columns; `voorlopig` adds the costs known so far, `metRegeling` the scheme's name. */
function regelKolommen(voorlopig: boolean, metRegeling: boolean): Column<Regel>[] {
  return [
    ...lidKolommen(metRegeling),
    col('inwoners', 'Inwoners', 'number'),
    col('inleg', 'Inleg', 'cents'),
    ...(voorlopig ? [col('zorgkostenTotDatum', 'Zorgkosten tot nu', 'cents')] : []),
    col('eigenZorgkosten', voorlopig ? 'Eigen zorgkosten (projectie)' : 'Eigen zorgkosten', 'cents'),
    col('waarvanOvergang', 'Waarvan overgangsregel', 'cents'),
    col('aandeelBedrijfsvoering', 'Aandeel bedrijfsvoering', 'cents'),
    col('aandeelOnbekend', 'Aandeel herkomst onbekend', 'cents'),
    col('sleutelAandeel', 'Sleutelaandeel', 'number', aandeel),
    col('deelResultaat', 'Deel resultaat', 'cents'),
    col('nettoKosten', 'Netto kosten', 'cents'),
    col('kostenZonderVerevening', 'Kosten zonder verevening', 'cents'),
    col('vereveningseffect', 'Vereveningseffect', 'cents'),
  ];
}

/** Every member line of every scheme in one table (the CSV of a statement), with a total row per scheme. */
export function statementLinesTable(s: Statement): Table<object> {
  return tabel(
    `Verevening ${s.jaar}`,
    s.regelingen.flatMap((r) => regels(r, true)),
    regelKolommen(s.status === 'voorlopig', true),
  );
}

function regelingTabel(r: SchemeStatement, voorlopig: boolean, naam: string): Table<object> {
  return tabel(naam, regels(r, true), regelKolommen(voorlopig, false));
}

interface Samenvatting {
  readonly naam: string;
  readonly soort: string;
  readonly taakvelden: string;
  readonly pot: number;
  readonly zorgLeden: number;
  readonly zorgOnbekend: number;
  readonly zorgTotaal: number;
  readonly buiten: number;
  readonly bedrijfsvoering: number;
  readonly resultaat: number;
  readonly sleutel: string;
  readonly sleutelBv: string;
}

function samenvatting(s: Statement): Table<object> {
  return tabel<Samenvatting>(
    'Regelingen',
    s.regelingen.map((r) => ({
      naam: r.naam,
      soort: r.soortOmschrijving,
      taakvelden: r.taakvelden.join(', '),
      pot: r.pot,
      zorgLeden: r.zorgkosten.leden,
      zorgOnbekend: r.zorgkosten.onbekend,
      zorgTotaal: r.zorgkosten.totaal,
      buiten: r.zorgkosten.buitenZorgkosten,
      bedrijfsvoering: r.bedrijfsvoering.totaal,
      resultaat: r.resultaat,
      sleutel: r.sleutel.omschrijving,
      sleutelBv: r.bedrijfsvoering.sleutel?.omschrijving ?? '',
    })),
    [
      col('naam', 'Regeling', 'text'),
      col('soort', 'Soort', 'text'),
      col('taakvelden', 'Taakvelden', 'text'),
      col('pot', 'Pot (inleg)', 'cents'),
      col('zorgLeden', 'Zorgkosten leden', 'cents'),
      col('zorgOnbekend', 'Zorgkosten herkomst onbekend', 'cents'),
      col('zorgTotaal', 'Zorgkosten totaal', 'cents'),
      col('buiten', 'Niet als zorgkosten geteld', 'cents'),
      col('bedrijfsvoering', 'Bedrijfsvoering', 'cents'),
      col('resultaat', 'Resultaat', 'cents'),
      col('sleutel', 'Verdeelsleutel', 'text'),
      col('sleutelBv', 'Sleutel bedrijfsvoering', 'text'),
    ],
  );
}

function perGemeente(s: Statement): Table<object> {
  return tabel<GemeenteTotaal>('Per gemeente', s.perGemeente, [
    ...lidKolommen(false),
    col('inleg', 'Inleg', 'cents'),
    col('nettoKosten', 'Netto kosten', 'cents'),
    col('vereveningseffect', 'Vereveningseffect', 'cents'),
    col('bijdragePerInwoner', 'Bijdrage per inwoner', 'cents'),
    col('nacalculatie', 'Nacalculatie', 'cents'),
  ]);
}

function bijdrage(s: Statement): Table<object> | null {
  const b = s.bijdragePerInwoner;
  if (b === null) return null;
  return tabel<BijdrageRegel>('Bijdrage per inwoner', b.regels, [
    ...lidKolommen(false),
    col('inwoners', 'Inwoners', 'number'),
    col('tarief', 'Tarief (cent per inwoner)', 'number', () => Number(b.tariefCent)),
    col('bedrag', `Bijdrage aan ${b.ontvanger.naam}`, 'cents'),
  ]);
}

type NacalculatieRij = NacalculatieRegel & { readonly jaar: number };

function nacalculaties(s: Statement): Table<object> | null {
  if (s.nacalculaties.length === 0) return null;
  return tabel<NacalculatieRij>(
    'Nacalculaties',
    s.nacalculaties.flatMap((n) => n.regels.map((r) => ({ ...r, jaar: n.jaar }))),
    [
      col('jaar', 'Jaar', 'number'),
      ...lidKolommen(true),
      col('vorigeNettoKosten', 'Netto kosten eerder', 'cents'),
      col('nieuweNettoKosten', 'Netto kosten herberekend', 'cents'),
      col('verschilNettoKosten', 'Nacalculatie', 'cents'),
    ],
  );
}

type HerleidingRij = HerleidingRegel & { readonly regeling: string };

function herleiding(s: Statement): Table<object> {
  return tabel<HerleidingRij>(
    'Herleiding',
    s.regelingen.flatMap((r) => r.herleiding.map((h) => ({ ...h, regeling: r.naam }))),
    [
      col('regeling', 'Regeling', 'text'),
      col('gemeente', 'Gemeente', 'text'),
      col('maand', 'Maand', 'text'),
      col('bedrag', 'Zorgkosten', 'cents'),
      col('waarvanOvergang', 'Waarvan overgangsregel', 'cents'),
      col('bestanden', 'Bestanden', 'text', (r) => r.bestanden.join(' ')),
    ],
  );
}

function nietToegerekend(s: Statement): Table<object> | null {
  if (s.nietToegerekend.length === 0) return null;
  return tabel<NietToegerekend>('Niet toegerekend', s.nietToegerekend, [
    col('taakveld', 'Taakveld', 'text'),
    col('herkomstgemeente', 'Herkomstgemeente', 'text'),
    col('reden', 'Reden', 'text'),
    col('regels', 'Kostenregels', 'number'),
    col('bedrag', 'Bedrag', 'cents'),
  ]);
}

interface Gegeven {
  readonly gegeven: string;
  readonly waarde: string;
}

/** Status, version, input hash, projection and the explanation: what makes the workbook a statement. */
function verantwoording(s: Statement): Table<object> {
  const rows: Gegeven[] = [
    { gegeven: 'Overzicht', waarde: s.kop },
    { gegeven: 'Regio', waarde: `${s.regio.naam} (${s.regio.code})` },
    { gegeven: 'Jaar', waarde: String(s.jaar) },
    { gegeven: 'Status', waarde: s.status === 'voorlopig' ? 'VOORLOPIG' : 'definitief' },
    { gegeven: 'Versie', waarde: String(s.versie) },
    { gegeven: 'Invoerhash (SHA-256)', waarde: s.invoerHash },
    { gegeven: 'Rekenmodel', waarde: String(s.rekenmodel) },
  ];
  if (s.projectie)
    rows.push(
      { gegeven: 'Kosten bekend tot en met', waarde: s.projectie.totEnMetMaand },
      { gegeven: 'Projectie', waarde: s.projectie.methode },
    );
  if (s.vorigeVersie)
    rows.push({
      gegeven: 'Vorige versie',
      waarde: `${s.vorigeVersie.versie} (${s.vorigeVersie.status}, ${s.vorigeVersie.invoerHash})`,
    });
  for (const z of s.verschillen?.samenvatting ?? []) rows.push({ gegeven: 'Verschil', waarde: z });
  for (const t of s.toelichting) rows.push({ gegeven: 'Toelichting', waarde: t });
  for (const r of s.regelingen) for (const o of r.opmerkingen) rows.push({ gegeven: r.naam, waarde: o });
  for (const b of s.buitenTermijn) rows.push({ gegeven: `Buiten termijn ${b.jaar}`, waarde: b.toelichting });
  return tabel('Verantwoording', rows, [col('gegeven', 'Gegeven', 'text'), col('waarde', 'Waarde', 'text')]);
}

type ScenarioRij = Omit<ScenarioLid, 'scenarios'> & {
  readonly regeling: string;
  readonly uitkomst: ScenarioLid['scenarios'];
};

/** The key comparison: per scheme and member the net cost under each key and the difference with the basis. */
export function scenarioTable(v: ScenarioVergelijking): Table<object> {
  const kolommen = v.scenarios.flatMap((naam, i) => [
    col<ScenarioRij>(
      `netto_${i}`,
      `Netto kosten: ${naam}`,
      'cents',
      (r) => r.uitkomst[i]?.nettoKosten ?? null,
    ),
    ...(i === 0
      ? []
      : [
          col<ScenarioRij>(
            `verschil_${i}`,
            `Verschil: ${naam}`,
            'cents',
            (r) => r.uitkomst[i]?.verschilMetBasis ?? null,
          ),
        ]),
  ]);
  return tabel<ScenarioRij>(
    'Sleutelvergelijking',
    v.regelingen.flatMap((r) =>
      r.leden.map(({ scenarios, ...l }) => ({ ...l, regeling: r.naam, uitkomst: scenarios })),
    ),
    [
      ...lidKolommen(true),
      col('inleg', 'Inleg', 'cents'),
      col('eigenZorgkosten', 'Eigen zorgkosten', 'cents'),
      col('kostenZonderVerevening', 'Kosten zonder verevening', 'cents'),
      ...kolommen,
    ],
  );
}

/** Excel refuses some characters and names longer than 31 in a sheet name, and duplicates. */
function bladnamen(namen: readonly string[]): string[] {
  const gezien = new Set<string>();
  return namen.map((naam) => {
    // Excel refuses \ / ? * [ ] :, an apostrophe at either end ('s-Hertogenbosch) and the name History.
    const teken = naam.replace(/[\\/?*[\]:]/g, '-').replace(/^'+|'+$/g, '');
    const vrij = teken === '' ? 'blad' : /^history$/i.test(teken) ? `${teken} (blad)` : teken;
    const schoon = vrij.slice(0, 31).replace(/'+$/, '');
    let kandidaat = schoon;
    for (let i = 2; gezien.has(kandidaat.toLowerCase()); i++)
      kandidaat = `${schoon.slice(0, 31 - String(i).length - 1)}~${i}`;
    gezien.add(kandidaat.toLowerCase());
    return kandidaat;
  });
}

/** The workbook's sheets: accounting, summary, a sheet per scheme, totals, contributions, post-calculations … */
export function statementWorkbookTables(s: Statement, v: ScenarioVergelijking | null): Table<object>[] {
  const voorlopig = s.status === 'voorlopig';
  const namen = bladnamen([
    'Verantwoording',
    'Regelingen',
    ...s.regelingen.map((r) => r.naam),
    'Per gemeente',
    'Bijdrage per inwoner',
    'Nacalculaties',
    'Niet toegerekend',
    'Herleiding',
    'Sleutelvergelijking',
  ]);
  const tabellen: (Table<object> | null)[] = [
    verantwoording(s),
    samenvatting(s),
    ...s.regelingen.map((r) => regelingTabel(r, voorlopig, r.naam)),
    perGemeente(s),
    bijdrage(s),
    nacalculaties(s),
    nietToegerekend(s),
    herleiding(s),
    v === null ? null : scenarioTable(v),
  ];
  return tabellen.flatMap((t, i) => (t === null ? [] : [{ ...t, name: namen[i] }]));
}

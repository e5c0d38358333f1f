/**
 * The statement and the key comparison as tables for finance: CSV (one table) and XLSX (a sheet per scheme plus the
 * summary, per-municipality totals, the contribution per inhabitant, post-calculations, traceability, the key
 * comparison and the statement's accounting: status, version, input hash). The formats themselves (semicolon CSV with
 * BOM, euros with a decimal comma, neutralised formulas; typed XLSX cells) are the monitor's (monitor/tables.ts).
 */
import { col, type Table } from '../monitor/tables';
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
      zorgkostenTotDatum: r.regels.some((l) => l.zorgkostenTotDatum !== null)
        ? r.regels.reduce((s, l) => s + (l.zorgkostenTotDatum ?? 0), 0)
        : null,
      sleutelAandeel: null,
    });
  }
  return rows;
}

/** The member lines' columns; `voorlopig` adds the costs known so far, `metRegeling` the scheme's name. */
function regelKolommen(voorlopig: boolean, metRegeling: boolean) {
  return [
    ...(metRegeling ? [col<Regel>('regeling', 'Regeling', 'text')] : []),
    col<Regel>('gemeente', 'Gemeente', 'text'),
    col<Regel>('naam', 'Naam', 'text'),
    col<Regel>('inwoners', 'Inwoners', 'number'),
    col<Regel>('inleg', 'Inleg', 'cents'),
    ...(voorlopig ? [col<Regel>('zorgkostenTotDatum', 'Zorgkosten tot nu', 'cents')] : []),
    col<Regel>('eigenZorgkosten', voorlopig ? 'Eigen zorgkosten (projectie)' : 'Eigen zorgkosten', 'cents'),
    col<Regel>('waarvanOvergang', 'Waarvan overgangsregel', 'cents'),
    col<Regel>('aandeelBedrijfsvoering', 'Aandeel bedrijfsvoering', 'cents'),
    col<Regel>('aandeelOnbekend', 'Aandeel herkomst onbekend', 'cents'),
    col<Regel>('sleutelAandeel', 'Sleutelaandeel', 'number', aandeel),
    col<Regel>('deelResultaat', 'Deel resultaat', 'cents'),
    col<Regel>('nettoKosten', 'Netto kosten', 'cents'),
    col<Regel>('kostenZonderVerevening', 'Kosten zonder verevening', 'cents'),
    col<Regel>('vereveningseffect', 'Vereveningseffect', 'cents'),
  ];
}

/** Every member line of every scheme in one table (the CSV of a statement), with a total row per scheme. */
export function statementLinesTable(s: Statement): Table<object> {
  return {
    name: `Verevening ${s.jaar}`,
    columns: regelKolommen(s.status === 'voorlopig', true),
    rows: s.regelingen.flatMap((r) => regels(r, true)),
  } as Table<object>;
}

function regelingTabel(r: SchemeStatement, voorlopig: boolean, naam: string): Table<object> {
  return { name: naam, columns: regelKolommen(voorlopig, false), rows: regels(r, true) } as Table<object>;
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

function samenvatting(s: Statement): Table<Samenvatting> {
  return {
    name: 'Regelingen',
    columns: [
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
    rows: s.regelingen.map((r) => ({
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
  };
}

function perGemeente(s: Statement): Table<GemeenteTotaal> {
  return {
    name: 'Per gemeente',
    columns: [
      col('gemeente', 'Gemeente', 'text'),
      col('naam', 'Naam', 'text'),
      col('inleg', 'Inleg', 'cents'),
      col('nettoKosten', 'Netto kosten', 'cents'),
      col('vereveningseffect', 'Vereveningseffect', 'cents'),
      col('bijdragePerInwoner', 'Bijdrage per inwoner', 'cents'),
      col('nacalculatie', 'Nacalculatie', 'cents'),
    ],
    rows: s.perGemeente,
  };
}

function bijdrage(s: Statement): Table<BijdrageRegel> | null {
  const b = s.bijdragePerInwoner;
  if (b === null) return null;
  return {
    name: 'Bijdrage per inwoner',
    columns: [
      col('gemeente', 'Gemeente', 'text'),
      col('naam', 'Naam', 'text'),
      col('inwoners', 'Inwoners', 'number'),
      col('tarief', 'Tarief (cent per inwoner)', 'number', () => Number(b.tariefCent)),
      col('bedrag', `Bijdrage aan ${b.ontvanger.naam}`, 'cents'),
    ],
    rows: b.regels,
  };
}

type NacalculatieRij = NacalculatieRegel & { readonly jaar: number };

function nacalculaties(s: Statement): Table<NacalculatieRij> | null {
  if (s.nacalculaties.length === 0) return null;
  return {
    name: 'Nacalculaties',
    columns: [
      col('jaar', 'Jaar', 'number'),
      col('regeling', 'Regeling', 'text'),
      col('gemeente', 'Gemeente', 'text'),
      col('naam', 'Naam', 'text'),
      col('vorigeNettoKosten', 'Netto kosten eerder', 'cents'),
      col('nieuweNettoKosten', 'Netto kosten herberekend', 'cents'),
      col('verschilNettoKosten', 'Nacalculatie', 'cents'),
    ],
    rows: s.nacalculaties.flatMap((n) => n.regels.map((r) => ({ ...r, jaar: n.jaar }))),
  };
}

type HerleidingRij = HerleidingRegel & { readonly regeling: string };

function herleiding(s: Statement): Table<HerleidingRij> {
  return {
    name: 'Herleiding',
    columns: [
      col('regeling', 'Regeling', 'text'),
      col('gemeente', 'Gemeente', 'text'),
      col('maand', 'Maand', 'text'),
      col('bedrag', 'Zorgkosten', 'cents'),
      col('waarvanOvergang', 'Waarvan overgangsregel', 'cents'),
      col('bestanden', 'Bestanden', 'text', (r) => r.bestanden.join(' ')),
    ],
    rows: s.regelingen.flatMap((r) => r.herleiding.map((h) => ({ ...h, regeling: r.naam }))),
  };
}

function nietToegerekend(s: Statement): Table<NietToegerekend> | null {
  if (s.nietToegerekend.length === 0) return null;
  return {
    name: 'Niet toegerekend',
    columns: [
      col('taakveld', 'Taakveld', 'text'),
      col('herkomstgemeente', 'Herkomstgemeente', 'text'),
      col('reden', 'Reden', 'text'),
      col('regels', 'Kostenregels', 'number'),
      col('bedrag', 'Bedrag', 'cents'),
    ],
    rows: s.nietToegerekend,
  };
}

interface Gegeven {
  readonly gegeven: string;
  readonly waarde: string;
}

/** Status, version, input hash, projection and the explanation: what makes the workbook a statement. */
function verantwoording(s: Statement): Table<Gegeven> {
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
  return {
    name: 'Verantwoording',
    columns: [col('gegeven', 'Gegeven', 'text'), col('waarde', 'Waarde', 'text')],
    rows,
  };
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
  return {
    name: 'Sleutelvergelijking',
    columns: [
      col<ScenarioRij>('regeling', 'Regeling', 'text'),
      col<ScenarioRij>('gemeente', 'Gemeente', 'text'),
      col<ScenarioRij>('naam', 'Naam', 'text'),
      col<ScenarioRij>('inleg', 'Inleg', 'cents'),
      col<ScenarioRij>('eigenZorgkosten', 'Eigen zorgkosten', 'cents'),
      col<ScenarioRij>('kostenZonderVerevening', 'Kosten zonder verevening', 'cents'),
      ...kolommen,
    ],
    rows: v.regelingen.flatMap((r) =>
      r.leden.map(({ scenarios, ...l }) => ({ ...l, regeling: r.naam, uitkomst: scenarios })),
    ),
  } as Table<object>;
}

/** Excel refuses some characters and names longer than 31 in a sheet name, and duplicates. */
function bladnamen(namen: readonly string[]): string[] {
  const gezien = new Set<string>();
  return namen.map((naam) => {
    const schoon = naam.replace(/[\\/?*[\]:]/g, '-').slice(0, 31);
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
  const vast: (Table<object> | null)[] = [
    verantwoording(s) as Table<object>,
    samenvatting(s) as Table<object>,
  ];
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
    ...vast,
    ...s.regelingen.map((r) => regelingTabel(r, voorlopig, r.naam)),
    perGemeente(s) as Table<object>,
    bijdrage(s) as Table<object> | null,
    nacalculaties(s) as Table<object> | null,
    nietToegerekend(s) as Table<object> | null,
    herleiding(s) as Table<object>,
    v === null ? null : scenarioTable(v),
  ];
  return tabellen.flatMap((t, i) => (t === null ? [] : [{ ...t, name: namen[i] }]));
}

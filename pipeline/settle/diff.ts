/**
 * What changed between two versions of a statement, or between a closed year and its recomputation: every changed
 * figure as a line (`posten`), the files that came or went, and a short Dutch summary of the causes (inputs) and
 * effects (net costs) that finance can read.
 */
import type { SchemeStatement, Statement, StatementLine, Verschil, Verschillen } from './types';

/** Dutch money notation of signed cents: € 1.234,56 or −€ 1.234,56. */
export function formatEuro(cents: number): string {
  const abs = Math.abs(cents);
  const euros = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const rest = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '−' : ''}€ ${euros},${rest}`;
}

const BEDRAGEN: readonly (keyof StatementLine & string)[] = [
  'inleg',
  'eigenZorgkosten',
  'waarvanOvergang',
  'aandeelBedrijfsvoering',
  'aandeelOnbekend',
  'deelResultaat',
  'nettoKosten',
  'vereveningseffect',
];
/** Changes in these are causes worth a sentence; the rest follow from them. */
const OORZAKEN: ReadonlySet<string> = new Set(['inleg', 'eigenZorgkosten', 'inwoners']);
const LABEL: Readonly<Record<string, string>> = {
  inleg: 'inleg',
  eigenZorgkosten: 'eigen zorgkosten',
  inwoners: 'inwoners',
  nettoKosten: 'netto kosten',
};

class Verzameling {
  readonly posten: Verschil[] = [];
  readonly samenvatting: string[] = [];
  bedrag(onderdeel: string, van: number, naar: number, zin?: string): void {
    if (van === naar) return;
    this.posten.push({ onderdeel, van, naar, verschil: naar - van });
    if (zin !== undefined)
      this.samenvatting.push(
        `${zin}: ${formatEuro(Math.abs(naar - van))} ${naar > van ? 'hoger' : 'lager'} (van ${formatEuro(van)} naar ${formatEuro(naar)}).`,
      );
  }
  tekst(onderdeel: string, van: string | number | null, naar: string | number | null, zin?: string): void {
    if (van === naar) return;
    this.posten.push({ onderdeel, van, naar, verschil: null });
    if (zin !== undefined) this.samenvatting.push(`${zin}: ${van ?? '—'} → ${naar ?? '—'}.`);
  }
}

function diffRegeling(v: Verzameling, a: SchemeStatement, b: SchemeStatement): void {
  const r = `regeling "${b.naam}"`;
  v.bedrag(`${r}.pot`, a.pot, b.pot);
  v.bedrag(`${r}.zorgkosten.leden`, a.zorgkosten.leden, b.zorgkosten.leden);
  v.bedrag(
    `${r}.zorgkosten.onbekend`,
    a.zorgkosten.onbekend,
    b.zorgkosten.onbekend,
    `${b.naam}, zorgkosten herkomst onbekend`,
  );
  v.bedrag(`${r}.zorgkosten.buitenZorgkosten`, a.zorgkosten.buitenZorgkosten, b.zorgkosten.buitenZorgkosten);
  v.bedrag(
    `${r}.bedrijfsvoering`,
    a.bedrijfsvoering.totaal,
    b.bedrijfsvoering.totaal,
    `${b.naam}, bedrijfsvoering`,
  );
  v.bedrag(`${r}.resultaat`, a.resultaat, b.resultaat, `${b.naam}, resultaat`);
  for (const k of ['inleg', 'gebruik', 'inwoners', 'vast'] as const)
    v.tekst(`${r}.sleutel.${k}`, a.sleutel[k], b.sleutel[k], `${b.naam}, gewicht ${k} in de sleutel`);
  v.tekst(`${r}.sleutel.aandelen`, JSON.stringify(a.sleutel.aandelen), JSON.stringify(b.sleutel.aandelen));
  const oud = new Map(a.regels.map((l) => [l.gemeente, l]));
  const nieuw = new Map(b.regels.map((l) => [l.gemeente, l]));
  for (const l of a.regels)
    if (!nieuw.has(l.gemeente))
      v.tekst(`${r}.leden`, l.gemeente, null, `${b.naam}: lid ${l.gemeente} ${l.naam} vervallen`);
  for (const l of b.regels) {
    const o = oud.get(l.gemeente);
    const wie = `${b.naam}, ${l.gemeente} ${l.naam}`;
    if (o === undefined) {
      v.tekst(`${r}.leden`, null, l.gemeente, `${b.naam}: lid ${l.gemeente} ${l.naam} toegevoegd`);
      continue;
    }
    const lid = `${r}.${l.gemeente}`;
    v.tekst(`${lid}.inwoners`, o.inwoners, l.inwoners, `${wie}, ${LABEL.inwoners}`);
    v.tekst(`${lid}.sleutelAandeel`, o.sleutelAandeel, l.sleutelAandeel);
    for (const veld of BEDRAGEN) {
      const van = o[veld] as number;
      const naar = l[veld] as number;
      v.bedrag(
        `${lid}.${veld}`,
        van,
        naar,
        OORZAKEN.has(veld) || veld === 'nettoKosten' ? `${wie}, ${LABEL[veld]}` : undefined,
      );
    }
  }
}

/** Differences between two sets of scheme statements (matched by scheme name). */
export function diffRegelingen(
  van: readonly SchemeStatement[],
  naar: readonly SchemeStatement[],
): Verschillen {
  const v = new Verzameling();
  const oud = new Map(van.map((s) => [s.naam, s]));
  const nieuw = new Map(naar.map((s) => [s.naam, s]));
  for (const s of van)
    if (!nieuw.has(s.naam)) v.tekst('regelingen', s.naam, null, `Regeling "${s.naam}" vervallen`);
  for (const s of naar) {
    const o = oud.get(s.naam);
    if (o === undefined) v.tekst('regelingen', null, s.naam, `Regeling "${s.naam}" toegevoegd`);
    else diffRegeling(v, o, s);
  }
  const bestanden = (list: readonly SchemeStatement[]) => new Set(list.flatMap((s) => s.bestanden));
  const a = bestanden(van);
  const b = bestanden(naar);
  const bestandenToegevoegd = [...b].filter((f) => !a.has(f)).sort();
  const bestandenVervallen = [...a].filter((f) => !b.has(f)).sort();
  if (bestandenToegevoegd.length > 0)
    v.samenvatting.unshift(`Bestanden toegevoegd: ${bestandenToegevoegd.join(', ')}.`);
  if (bestandenVervallen.length > 0)
    v.samenvatting.unshift(`Bestanden vervallen: ${bestandenVervallen.join(', ')}.`);
  return { samenvatting: v.samenvatting, posten: v.posten, bestandenToegevoegd, bestandenVervallen };
}

/** Differences between two versions of a year's statement. */
export function diffStatements(van: Statement, naar: Statement): Verschillen {
  const regelingen = diffRegelingen(van.regelingen, naar.regelingen);
  const v = new Verzameling();
  v.tekst('status', van.status, naar.status, 'Status');
  v.tekst(
    'projectie.totEnMetMaand',
    van.projectie?.totEnMetMaand ?? null,
    naar.projectie?.totEnMetMaand ?? null,
    'Kosten bekend tot en met',
  );
  v.bedrag(
    'bijdragePerInwoner.totaal',
    van.bijdragePerInwoner?.totaal ?? 0,
    naar.bijdragePerInwoner?.totaal ?? 0,
    'Bijdrage per inwoner, totaal',
  );
  const nacalculatie = (s: Statement) => s.nacalculaties.reduce((t, n) => t + n.verschilNettoKosten, 0);
  v.bedrag('nacalculaties', nacalculatie(van), nacalculatie(naar), 'Nacalculaties, totaal');
  const niet = (s: Statement) => s.nietToegerekend.reduce((t, n) => t + n.bedrag, 0);
  v.bedrag('nietToegerekend', niet(van), niet(naar), 'Niet toegerekende kosten');
  const samenvatting = [...v.samenvatting, ...regelingen.samenvatting];
  if (samenvatting.length === 0)
    samenvatting.push('Geen inhoudelijke verschillen; alleen de vastlegging van de invoer verschilt.');
  return {
    samenvatting,
    posten: [...v.posten, ...regelingen.posten],
    bestandenToegevoegd: regelingen.bestandenToegevoegd,
    bestandenVervallen: regelingen.bestandenVervallen,
  };
}

/**
 * A file's contribution to the monitor: its figures per month × municipality of origin × taakveld × provider,
 * its rejections per provider and retourcode, and (for toewijzing files) the toewijzingen it set. Stored as
 * items keyed by the file, so totals are sums over committed files and every figure can be traced to its files.
 */
import type { Item } from '../ports';
import { key, type Writer } from '../state/items';

export interface MonthFigures {
  regels: number;
  ingediend: number;
  toegekend: number;
  afgewezen: number;
  /** Approved volume per Eenheid (signed: credits subtract). */
  volume: Record<string, number>;
  /** Pseudonyms (prefixes) of the clients with an approved prestatie. */
  clients: string[];
}

export interface DeclaratieContribution {
  /** maand|herkomst|taakveld|agb → figures. */
  readonly maanden: Record<string, MonthFigures>;
  /** maand|agb|retourcode → { regels, bedrag } of rejected lines (bedrag: absolute cents). */
  readonly afwijzingen: Record<string, { regels: number; bedrag: number }>;
  /**
   * maand|herkomst|taakveld|categorie|code → approved signed cents per toewijzing (bedragen[i] for nummers[i]; a
   * number may occur more than once, readers add them up): the settlement's cost lines (care costs are chosen by
   * product; the transition rule looks at the toewijzing's history). Two lists rather than a key per toewijzing:
   * a file may touch a million toewijzingen.
   */
  readonly kosten: Record<string, CostAmounts>;
}

export interface CostAmounts {
  readonly nummers: number[];
  readonly bedragen: number[];
}

/**
 * JSON bytes per stored part, so that no item comes near DynamoDB's 400 KB limit. Counted in bytes, not entries: a
 * month key takes about a hundred bytes, a client pseudonym or a toewijzing in a cost group about twenty.
 */
const PART_BYTES = 300_000;
/** Client pseudonyms of one month key per part; a key with more continues in the next part. */
const CLIENTS_PER_PART = 3999;
/**
 * A toewijzing in a cost group in JSON, at most: a number below 10^9 and an amount of a few lines of below 10^8
 * cents, signed, each with a comma. A bound rather than a count keeps this off the path of every line.
 */
const COST_ENTRY_BYTES = 24;

/** One toewijzing as set by a file (for the stand per date, inflow/outflow and the settlement's transition rule). */
export interface ToewijzingContribution {
  readonly nummer: number;
  readonly client: string;
  readonly herkomst: string;
  readonly taakveld: string;
  readonly agb: string;
  readonly categorie: string | null;
  readonly code: string | null;
  readonly ingangsdatum: string;
  readonly einddatum: string | null;
  readonly toewijzingsdatum: string;
  readonly toewijzingstijd: string;
  readonly redenWijziging: string | null;
  readonly seq: number;
}

export interface TaakContribution {
  readonly gemeente: string;
  readonly taakveld: string;
  readonly periodeBegin: string;
  readonly periodeEind: string;
  readonly agbCode: string;
  readonly aantalClienten: number;
  readonly bedrag: number;
  readonly vervangt: string | null;
}

export const CLIENT_PREFIX = 20;

/** Figures of one month key while a file is judged: its clients as whole pseudonyms (cut to prefixes at the end). */
type MonthTally = MonthFigures & { clientSet: Set<string> };

export class DeclaratieFigures {
  private readonly maanden = new Map<string, MonthTally>();
  private readonly afwijzingen = new Map<string, { regels: number; bedrag: number }>();
  /** maand|herkomst|taakveld|categorie|code → toewijzingNummer → approved signed cents. */
  private readonly kosten = new Map<string, CostAmounts>();
  // Consecutive lines nearly always count for the same month key and cost group: remember the last ones.
  private lastLine: { maand: string; herkomst: string; taakveld: string; agb: string; f: MonthTally } | null =
    null;
  private lastCost: {
    maand: string;
    herkomst: string;
    taakveld: string;
    categorie: string;
    code: string;
    amounts: CostAmounts;
  } | null = null;

  line(l: {
    maand: string;
    herkomst: string;
    taakveld: string;
    agb: string;
    ingediend: number;
    toegekend: number;
    eenheid: string;
    volume: number;
    client: string | null;
  }): void {
    const last = this.lastLine;
    let f: MonthTally;
    if (
      last?.maand === l.maand &&
      last.herkomst === l.herkomst &&
      last.taakveld === l.taakveld &&
      last.agb === l.agb
    ) {
      f = last.f;
    } else {
      const id = `${l.maand}|${l.herkomst}|${l.taakveld}|${l.agb}`;
      let found = this.maanden.get(id);
      if (!found) {
        found = {
          regels: 0,
          ingediend: 0,
          toegekend: 0,
          afgewezen: 0,
          volume: {},
          clients: [],
          clientSet: new Set(),
        };
        this.maanden.set(id, found);
      }
      f = found;
      this.lastLine = { maand: l.maand, herkomst: l.herkomst, taakveld: l.taakveld, agb: l.agb, f };
    }
    f.regels++;
    f.ingediend += l.ingediend;
    f.toegekend += l.toegekend;
    f.afgewezen += l.ingediend - l.toegekend;
    if (l.toegekend !== 0) f.volume[l.eenheid] = (f.volume[l.eenheid] ?? 0) + l.volume;
    if (l.client) f.clientSet.add(l.client);
  }

  /** An approved amount for the settlement (credits at the debit's month, origin and taakveld). */
  cost(l: {
    maand: string;
    herkomst: string;
    taakveld: string;
    categorie: string;
    code: string;
    nummer: number;
    bedrag: number;
  }): void {
    const last = this.lastCost;
    let amounts: CostAmounts;
    if (
      last?.maand === l.maand &&
      last.herkomst === l.herkomst &&
      last.taakveld === l.taakveld &&
      last.categorie === l.categorie &&
      last.code === l.code
    ) {
      amounts = last.amounts;
    } else {
      const group = `${l.maand}|${l.herkomst}|${l.taakveld}|${l.categorie}|${l.code}`;
      let found = this.kosten.get(group);
      if (!found) {
        found = { nummers: [], bedragen: [] };
        this.kosten.set(group, found);
      }
      amounts = found;
      this.lastCost = {
        maand: l.maand,
        herkomst: l.herkomst,
        taakveld: l.taakveld,
        categorie: l.categorie,
        code: l.code,
        amounts,
      };
    }
    const { nummers, bedragen } = amounts;
    const n = nummers.length;
    // A toewijzing's lines mostly follow each other: they add up in one entry.
    if (n > 0 && nummers[n - 1] === l.nummer) bedragen[n - 1] += l.bedrag;
    else {
      nummers.push(l.nummer);
      bedragen.push(l.bedrag);
    }
  }

  /** A rejected line: in its month key with nothing granted, and under each of its retourcodes. */
  rejectedLine(
    l: { maand: string; herkomst: string; taakveld: string; agb: string; eenheid: string; volume: number },
    codes: readonly string[],
    bedrag: number,
  ): void {
    this.line({ ...l, ingediend: bedrag, toegekend: 0, client: null });
    this.rejection(l.maand, l.agb, codes, bedrag);
  }

  rejection(maand: string, agb: string, codes: readonly string[], bedrag: number): void {
    for (const code of codes) {
      const id = `${maand}|${agb}|${code}`;
      const r = this.afwijzingen.get(id) ?? { regels: 0, bedrag: 0 };
      r.regels++;
      r.bedrag += Math.abs(bedrag);
      this.afwijzingen.set(id, r);
    }
  }

  /**
   * The file's contribution in parts of at most PART_BYTES as JSON each; a month key with more clients than
   * CLIENTS_PER_PART continues in the next part with zero figures. Readers sum the parts, so the split is invisible.
   */
  toContributions(): DeclaratieContribution[] {
    const parts: DeclaratieContribution[] = [];
    let part = { maanden: {}, afwijzingen: {}, kosten: {} } as {
      maanden: Record<string, MonthFigures>;
      afwijzingen: Record<string, { regels: number; bedrag: number }>;
      kosten: Record<string, CostAmounts>;
    };
    let bytes = 0;
    const startPart = () => {
      parts.push(part);
      part = { maanden: {}, afwijzingen: {}, kosten: {} };
      bytes = 0;
    };
    /** Takes n bytes of the part, in a new part when `need` (n and what must follow it) does not fit. */
    const room = (n: number, need = n) => {
      if (bytes > 0 && bytes + need > PART_BYTES) startPart();
      bytes += n;
    };
    // "id":value, in JSON.
    const entryBytes = (id: string, value: unknown) => id.length + JSON.stringify(value).length + 4;
    // Keys in code-unit order (the default sort of strings).
    const sorted = <V>(map: Map<string, V>): [string, V][] =>
      [...map.keys()].sort().map((id) => [id, map.get(id)!]);
    for (const [id, { clientSet, ...f }] of sorted(this.maanden)) {
      const clients = [...new Set(Array.from(clientSet, (c) => c.slice(0, CLIENT_PREFIX)))].sort();
      for (let from = 0; from === 0 || from < clients.length; from += CLIENTS_PER_PART) {
        const slice = clients.slice(from, from + CLIENTS_PER_PART);
        const figures =
          from === 0
            ? { ...f, clients: slice }
            : { regels: 0, ingediend: 0, toegekend: 0, afgewezen: 0, volume: {}, clients: slice };
        // One entry per key and part: a continuation goes to the next part.
        if (from > 0) startPart();
        room(entryBytes(id, figures));
        part.maanden[id] = figures;
      }
    }
    for (const [id, a] of sorted(this.afwijzingen)) {
      room(entryBytes(id, a));
      part.afwijzingen[id] = a;
    }
    for (const [group, { nummers, bedragen }] of sorted(this.kosten)) {
      // A group fills what room the part has left and goes on in the next part.
      for (let from = 0; from < nummers.length; ) {
        // Its key and the two lists' names and brackets, where at least one toewijzing fits after them.
        const overhead = group.length + 40;
        room(overhead, overhead + COST_ENTRY_BYTES);
        const fit = Math.floor((PART_BYTES - bytes) / COST_ENTRY_BYTES);
        const take = Math.min(nummers.length - from, fit);
        part.kosten[group] = {
          nummers: nummers.slice(from, from + take),
          bedragen: bedragen.slice(from, from + take),
        };
        bytes += take * COST_ENTRY_BYTES;
        from += take;
        if (from < nummers.length) startPart();
      }
    }
    parts.push(part);
    return parts;
  }
}

/** Splits a contribution into items of at most ~300 KB (DynamoDB's item limit is 400 KB). */
export function contributionItems(
  gemeente: string,
  { fileId, poging }: Writer,
  soort: 'declaratie' | 'toewijzing' | 'taakgericht',
  rows: readonly unknown[],
): Item[] {
  const items: Item[] = [];
  let part: unknown[] = [];
  let size = 0;
  const flush = () => {
    const k = key.contribution(gemeente, fileId, `${soort}#${String(items.length).padStart(4, '0')}`);
    items.push({ ...k, fileId, poging, soort, rows: part });
    part = [];
    size = 0;
  };
  for (const row of rows) {
    const length = JSON.stringify(row).length;
    if (size + length > 300_000 && part.length) flush();
    part.push(row);
    size += length;
  }
  if (part.length || items.length === 0) flush();
  return items;
}

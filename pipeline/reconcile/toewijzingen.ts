/**
 * Applies a toewijzing file to the registry: every toegewezen product becomes a version of its toewijzing per
 * (gemeente, ToewijzingNummer). The latest Toewijzingsdatum/-tijd is the one in effect; RedenWijziging 13 marks
 * it removed; the municipality of origin is kept (CSV Herkomstgemeente of a centrumgemeente, else the sender). TR332 rejects a version
 * for another client or product.
 */
import type { ToewijzingRegel } from '../../schemas/iwmo/wmo301';
import type { Region } from '../../schemas/region';
import type { Finding } from '../../schemas/report';
import type { Item } from '../ports';
import type { Pseudonymise } from '../pseudonym';
import { FindingCollector } from '../read/collector';
import { finding } from '../read/findings';
import type { Reference } from '../region/reference';
import { locateToewijzing } from '../rules/locate';
import { TR332 } from '../rules/state/toewijzing/TR332';
import {
  type CommittedFiles,
  key,
  laterVersion,
  type ToewijzingItem,
  type ToewijzingVersion,
} from '../state/items';
import type { StateReader } from '../state/reader';
import { contributionItems, type ToewijzingContribution } from './contributions';
import { storedVersions } from './version-history';

export interface ToewijzingReconcileInput {
  readonly fileId: string;
  /** The attempt (attemptOf): on every item this file writes. */
  readonly poging: string;
  readonly gemeente: string;
  readonly rejectedAtLevel2: ReadonlySet<number>;
  readonly lines: () => AsyncIterable<ToewijzingRegel[]>;
  readonly state: StateReader;
  readonly ref: Reference;
  readonly pseudonymise: Pseudonymise;
  readonly ontvangen: string;
  /** The municipalities that act for others (the region's and the schemes' centrumgemeenten, regionCentres). */
  readonly centrumgemeenten: ReadonlySet<string>;
}

/** Who may name another municipality of origin in a toewijzing (CONTRACT §1b: the sender acting for the region). */
export function regionCentres(region: Region): ReadonlySet<string> {
  return new Set([
    region.centrumgemeente,
    ...(region.verevening?.regelingen ?? []).flatMap((r) => (r.centrumgemeente ? [r.centrumgemeente] : [])),
  ]);
}

/**
 * The municipality of origin of a toewijzing: the Herkomstgemeente a centrumgemeente gives, else the sender. A
 * member naming another municipality would move its care costs to that municipality (another pool, perhaps): the
 * value is set aside, with a warning, and the toewijzing counts for the sender.
 */
function origin(
  r: ToewijzingRegel,
  centrumgemeenten: ReadonlySet<string>,
  findings: FindingCollector,
): string {
  const { herkomstgemeente } = r.product;
  const sender = r.bericht.afzender;
  if (herkomstgemeente === null || herkomstgemeente === sender) return sender;
  if (centrumgemeenten.has(sender)) return herkomstgemeente;
  findings.add(
    finding(
      'HERKOMST',
      locateToewijzing(r, 'Herkomstgemeente'),
      `Herkomstgemeente ${herkomstgemeente} genegeerd: alleen een centrumgemeente die voor de regio toewijst geeft een andere gemeente van herkomst op; de toewijzing telt voor gemeente ${sender}`,
    ),
  );
  return sender;
}

/** The later of two versions (by laterVersion), either of which may be missing. */
const laterOf = (
  a: ToewijzingVersion | null,
  b: ToewijzingVersion | null,
  files: CommittedFiles,
): ToewijzingVersion | null => (a && b ? (laterVersion(b, a, files) ? b : a) : (a ?? b));

export interface ToewijzingResult {
  readonly items: Item[];
  readonly findings: Finding[];
  /** Lines rejected against state (by seq), with their retourcode. */
  readonly rejected: ReadonlyMap<number, string>;
}

export async function reconcileToewijzingen(input: ToewijzingReconcileInput): Promise<ToewijzingResult> {
  const { fileId, poging, gemeente, state } = input;
  const findings = new FindingCollector();
  const rejected = new Map<number, string>();
  // Per toewijzing this file's latest version: the only one of the file that can be in effect, and the one stored.
  const mine = new Map<number, ToewijzingVersion>();
  const rows: ToewijzingContribution[] = [];
  // This file's own versions count for the lines after them (a CSV may carry a toewijzing's history).
  const inFile = new Map(state.files);
  inFile.set(fileId, { ontvangen: input.ontvangen, status: 'verwerkt', poging });

  for await (const batch of input.lines()) {
    await state.loadToewijzingen(batch.map((r) => r.product.toewijzingNummer));
    for (const r of batch) {
      if (input.rejectedAtLevel2.has(r.product.seq)) continue;
      const p = r.product;
      const t = state.toewijzing(p.toewijzingNummer);
      const own = mine.get(p.toewijzingNummer) ?? null;
      const current = laterOf(t.current, own, inFile);
      const client = input.pseudonymise(p.bsn);
      const problem = TR332(r, client, current);
      if (problem) {
        findings.add(problem);
        rejected.set(p.seq, problem.retourcode!);
        continue;
      }
      const version: ToewijzingVersion = {
        fileId,
        poging,
        seq: p.seq,
        client,
        agb: r.bericht.ontvanger,
        categorie: p.productCategorie,
        code: p.productCode,
        toewijzingsdatum: p.toewijzingsdatum,
        toewijzingstijd: p.toewijzingstijd ?? '00:00:00',
        ingangsdatum: p.ingangsdatum,
        einddatum: p.einddatum,
        redenWijziging: p.redenWijziging,
        volume: p.omvang?.volume ?? null,
        eenheid: p.omvang?.eenheid ?? null,
        frequentie: p.omvang?.frequentie ?? null,
        budget: p.budget,
        herkomst: origin(r, input.centrumgemeenten, findings),
      };
      mine.set(p.toewijzingNummer, laterOf(own, version, inFile)!);
      rows.push({
        nummer: p.toewijzingNummer,
        client,
        herkomst: version.herkomst,
        taakveld:
          p.productCategorie === null ? 'BWO' : input.ref.taakveld(p.productCategorie, p.productCode ?? ''),
        agb: version.agb,
        categorie: p.productCategorie,
        code: p.productCode,
        ingangsdatum: p.ingangsdatum,
        einddatum: p.einddatum,
        toewijzingsdatum: p.toewijzingsdatum,
        toewijzingstijd: version.toewijzingstijd,
        redenWijziging: p.redenWijziging,
        seq: p.seq,
      });
    }
  }

  const items: Item[] = [];
  for (const [nummer, version] of mine) {
    const t = state.toewijzing(nummer);
    const item: ToewijzingItem = {
      ...key.toewijzing(gemeente, nummer),
      versions: storedVersions(t.item?.versions ?? [], [version], inFile, fileId),
    };
    items.push(item);
  }
  items.push(...contributionItems(gemeente, { fileId, poging }, 'toewijzing', rows));
  return { items, findings: findings.result(), rejected };
}

/**
 * Stores a taakgericht report (bemoeizorg & preventie): totals per municipality, taakveld, period and provider.
 * A later report for the same key replaces the earlier one (a correction), and the report says so; also when the
 * other party sent the earlier one (a centrumgemeente reports for a member): the key is the reported
 * municipality's, not the sender's. "Later" is as receivedAfter says, for the monitor too. Each file's version is an
 * item of its own (key.taak), written without reading it first: the member's ingest and its centrumgemeente's run
 * side by side, and neither may overwrite the other's version.
 */
import type { TaakgerichtRow } from '../../schemas/csv';
import type { Finding } from '../../schemas/report';
import type { Item, ItemStore } from '../ports';
import { finding } from '../read/findings';
import {
  type CommittedFile,
  type CommittedFiles,
  counts,
  type FileRecord,
  key,
  receivedAfter,
  type TaakItem,
  type TaakVersion,
} from '../state/items';
import { committedFile, itemKey } from '../state/reader';
import { contributionItems, type TaakContribution } from './contributions';

export interface TaakResult {
  readonly items: Item[];
  readonly findings: Finding[];
}

export async function reconcileTaakgericht(input: {
  readonly fileId: string;
  readonly poging: string;
  readonly gemeente: string;
  readonly ontvangen: string;
  readonly rows: () => AsyncIterable<TaakgerichtRow[]>;
  readonly store: ItemStore;
  readonly files: CommittedFiles;
}): Promise<TaakResult> {
  const { fileId, poging, gemeente } = input;
  // Versions sent through another municipality's inbox (a centrumgemeente for a member): their records too.
  const files = new Map(input.files);
  const findings: Finding[] = [];
  // By key: a line repeated in the file replaces its own version, the last one counts.
  const items = new Map<string, TaakItem>();
  const contributions: TaakContribution[] = [];
  for await (const batch of input.rows()) {
    const stored = await storedVersions(input.store, batch);
    await addRecordsOfSenders(input.store, files, [...stored.values()].flat());
    const self = { fileId, ontvangen: input.ontvangen };
    for (const r of batch) {
      const others = (stored.get(subject(r)) ?? []).filter(
        (v) => v.fileId !== fileId && counts(files, v.fileId, v.poging),
      );
      const later = others.find((v) => receivedAfter(v, self));
      // The latest of those received before this one.
      const earlier = others.reduce<TaakVersion | undefined>(
        (best, v) => (receivedAfter(self, v) && (!best || receivedAfter(v, best)) ? v : best),
        undefined,
      );
      const wat = `de melding voor ${r.gemeente} ${r.taakveld} ${r.periodeBegin} t/m ${r.periodeEind}`;
      if (later) {
        // Received before a report that already counts (a delivery redriven late): that one stays.
        findings.push(
          finding(
            'TAAK-VERVANGT',
            `regel ${r.row}`,
            `${wat} is al vervangen door een later ontvangen melding (${later.aantalClienten} clienten, ${later.bedrag} cent); deze telt niet`,
          ),
        );
      } else if (earlier) {
        findings.push(
          finding(
            'TAAK-VERVANGT',
            `regel ${r.row}`,
            `vervangt ${wat.replace('de melding', 'de eerdere melding')} (${earlier.aantalClienten} clienten, ${earlier.bedrag} cent)`,
          ),
        );
      }
      const k = key.taak(r.gemeente, subject(r), fileId, gemeente);
      items.set(itemKey(k), {
        ...k,
        gemeente: r.gemeente,
        taakveld: r.taakveld,
        periodeBegin: r.periodeBegin,
        periodeEind: r.periodeEind,
        agbCode: r.agbCode,
        fileId,
        poging,
        afzender: gemeente,
        ontvangen: input.ontvangen,
        aantalClienten: r.aantalClienten,
        bedrag: r.bedrag,
      });
      contributions.push({
        gemeente: r.gemeente,
        taakveld: r.taakveld,
        periodeBegin: r.periodeBegin,
        periodeEind: r.periodeEind,
        agbCode: r.agbCode,
        aantalClienten: r.aantalClienten,
        bedrag: r.bedrag,
        vervangt: later ? null : (earlier?.fileId ?? null),
      });
    }
  }
  return {
    items: [
      ...items.values(),
      ...contributionItems(gemeente, { fileId, poging }, 'taakgericht', contributions),
    ],
    findings,
  };
}

/** The versions stored for each subject of the batch (a query per subject: a report has a few dozen lines). */
async function storedVersions(
  store: ItemStore,
  batch: readonly TaakgerichtRow[],
): Promise<Map<string, TaakVersion[]>> {
  const out = new Map<string, TaakVersion[]>();
  for (const r of batch) {
    const s = subject(r);
    if (out.has(s)) continue;
    const versions: TaakVersion[] = [];
    // The subject's fields have fixed widths (AGB code last, 8 digits): `<subject>` is no other subject's prefix.
    for await (const page of store.query(key.taken(r.gemeente), s))
      for (const item of page) {
        // Written by 0.2.0 and before: one item per subject (sk the subject itself) with its versions in a list.
        const legacy = (item as { versions?: TaakVersion[] }).versions;
        versions.push(...(legacy ?? [item as TaakItem]));
      }
    out.set(s, versions);
  }
  return out;
}

/** Adds the records of files that versions name and `files` lacks, from the municipality that sent them. */
async function addRecordsOfSenders(
  store: ItemStore,
  files: Map<string, CommittedFile>,
  versions: readonly TaakVersion[],
): Promise<void> {
  const missing = versions
    .filter((v) => v.afzender !== undefined && !files.has(v.fileId))
    .map((v) => key.file(v.afzender!, v.fileId));
  if (missing.length === 0) return;
  for (const r of (await store.get(missing)) as FileRecord[]) files.set(r.fileId, committedFile(r));
}

const subject = (r: TaakgerichtRow) =>
  `${r.gemeente}#${r.taakveld}#${r.periodeBegin}#${r.periodeEind}#${r.agbCode}`;
